//! Finding Chrome or Chromium and its ChromeDriver on Linux and macOS.
//!
//! The e2e tests and the benchmark drive the browser itself (`CHROMIUM`); the wasm browser
//! tests go through the driver (`CHROMEDRIVER`). The two must share a major version, or the
//! driver refuses the browser with an error that does not say why.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::output;

/// A browser and its driver, both found and of the same major version.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

const BROWSER_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
const BROWSER_PLACES: &[&str] = &[
    "/usr/bin/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
/// `chromium.chromedriver` is the name Ubuntu's Chromium snap gives its driver.
const DRIVER_NAMES: &[&str] = &["chromedriver", "chromium.chromedriver"];
const DRIVER_PLACES: &[&str] = &[
    "/usr/bin/chromedriver",
    "/opt/homebrew/bin/chromedriver",
    "/usr/local/bin/chromedriver",
];

/// The browser: `$CHROMIUM`, else the first of [`BROWSER_NAMES`] on PATH, else the first of
/// [`BROWSER_PLACES`] that exists. `Err` when `$CHROMIUM` names nothing.
pub fn find_chromium() -> Result<Option<PathBuf>, String> {
    find("CHROMIUM", BROWSER_NAMES, BROWSER_PLACES)
}

/// The driver, found the same way from `$CHROMEDRIVER`, [`DRIVER_NAMES`], [`DRIVER_PLACES`].
pub fn find_chromedriver() -> Result<Option<PathBuf>, String> {
    find("CHROMEDRIVER", DRIVER_NAMES, DRIVER_PLACES)
}

fn find(variable: &str, names: &[&str], places: &[&str]) -> Result<Option<PathBuf>, String> {
    if let Some(chosen) = std::env::var_os(variable).filter(|value| !value.is_empty()) {
        let chosen = PathBuf::from(chosen);
        return match on_path(chosen.as_os_str()).or_else(|| chosen.is_file().then_some(chosen.clone())) {
            Some(path) => Ok(Some(path)),
            None => Err(format!(
                "{variable}={} is not a file or a program on PATH",
                chosen.display()
            )),
        };
    }
    let on_path = names.iter().find_map(|name| on_path(name.as_ref()));
    Ok(on_path.or_else(|| places.iter().map(PathBuf::from).find(|place| place.is_file())))
}

/// `name` looked up in PATH, as a shell would (a name with a slash is not looked up).
fn on_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    if Path::new(name).components().count() != 1 {
        return None;
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Checks that `browser`'s driver drives it: both answer `--version` and the majors match.
pub fn check_versions(browser: &Browser) -> Result<(), String> {
    let chromium = version(&browser.chromium)?;
    let chromedriver = version(&browser.chromedriver)?;
    if major(&chromium) == major(&chromedriver) {
        println!(
            "xtask: browser {} ({chromium}), driver {} ({chromedriver})",
            browser.chromium.display(),
            browser.chromedriver.display()
        );
        return Ok(());
    }
    Err(format!(
        "ChromeDriver {chromedriver} ({}) cannot drive the browser {chromium} ({}): their major \
         versions differ. Install the driver that matches the browser, or point CHROMIUM and \
         CHROMEDRIVER at a matching pair.",
        browser.chromedriver.display(),
        browser.chromium.display()
    ))
}

/// The version number in `program --version` ("Chromium 131.0.6778.85 built on Debian…",
/// "ChromeDriver 131.0.6778.85 (…)", "Google Chrome 131.0.6778.86").
fn version(program: &Path) -> Result<String, String> {
    let text = output(Command::new(program).arg("--version"))
        .ok_or_else(|| format!("`{} --version` failed", program.display()))?;
    version_in(&text).ok_or_else(|| format!("no version number in `{} --version`: {text}", program.display()))
}

fn version_in(text: &str) -> Option<String> {
    text.split_whitespace()
        .find(|word| word.contains('.') && word.starts_with(|c: char| c.is_ascii_digit()))
        .map(str::to_owned)
}

fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_each_program_prints() {
        let browser = version_in("Chromium 131.0.6778.85 built on Debian GNU/Linux 12 (bookworm)");
        assert_eq!(browser.as_deref(), Some("131.0.6778.85"));
        let driver = version_in(
            "ChromeDriver 131.0.6778.85 (3d81e41b6f3ac8bcae63b32e8145c9eb0cd60a2d-refs/branch-heads/6778@{#2285})",
        );
        assert_eq!(driver.as_deref(), Some("131.0.6778.85"));
        assert_eq!(
            version_in("Google Chrome 120.0.6099.109").as_deref(),
            Some("120.0.6099.109")
        );
        assert_eq!(major("131.0.6778.85"), "131");
    }

    #[test]
    fn finds_a_program_on_path_by_name_only() {
        assert!(on_path("sh".as_ref()).is_some());
        assert!(on_path("/bin/sh".as_ref()).is_none(), "a path is not looked up");
        assert!(on_path("no-such-program-xtask".as_ref()).is_none());
    }
}
