//! System packages (Node.js and npm, Chromium and ChromeDriver): installed by xtask only
//! where that is plain and safe, that is with apt-get on a Debian-like system, and never with
//! sudo unless asked to. Everywhere else xtask says what to install and stops.

use std::process::Command;

use crate::process::{output, run};

/// What is missing from the system.
#[derive(Clone, Copy, Default)]
pub struct Missing {
    pub node: bool,
    pub browser: bool,
}

/// How the missing packages get installed: the apt-get commands to run, decided before any
/// long step starts so that a refusal comes at once.
pub struct Plan {
    what: String,
    packages: Vec<&'static str>,
    sudo: bool,
}

impl Missing {
    fn any(self) -> bool {
        self.node || self.browser
    }

    fn apt_packages(self) -> Vec<&'static str> {
        let mut packages = Vec::new();
        if self.node {
            packages.extend(["nodejs", "npm"]);
        }
        if self.browser {
            packages.extend(["chromium", "chromium-driver"]);
        }
        packages
    }

    fn names(self) -> String {
        match (self.node, self.browser) {
            (true, true) => "Node.js, npm, Chromium and ChromeDriver",
            (true, false) => "Node.js and npm",
            _ => "Chromium and ChromeDriver",
        }
        .to_owned()
    }
}

/// The plan for `missing`, or an error that says what to run by hand.
///
/// As root on Debian (CI: no stdin, no sudo) xtask runs apt-get itself. Not as root it uses
/// sudo only with `--install-system-deps`; without it, it prints the command and stops.
pub fn plan(missing: Missing, install_system_deps: bool) -> Result<Option<Plan>, String> {
    if !missing.any() {
        return Ok(None);
    }
    plan_on(debian_like(), is_root(), missing, install_system_deps).map(Some)
}

fn plan_on(
    debian_like: bool,
    root: bool,
    missing: Missing,
    install_system_deps: bool,
) -> Result<Plan, String> {
    let what = missing.names();
    if !debian_like {
        return Err(format!("{what} missing. {}", elsewhere(missing)));
    }
    let packages = missing.apt_packages();
    let sudo = !root;
    if sudo && !install_system_deps {
        return Err(format!(
            "{what} missing. Install them with\n  sudo apt-get install -y {}\nor run xtask again \
             with --install-system-deps to let it run that with sudo{}.",
            packages.join(" "),
            if missing.browser {
                "; or set CHROMIUM and CHROMEDRIVER to a browser and its driver"
            } else {
                ""
            }
        ));
    }
    Ok(Plan { what, packages, sudo })
}

impl Plan {
    /// Runs `apt-get update` and `apt-get install -y <packages>`, saying so first.
    pub fn run(&self) -> Result<(), String> {
        println!("xtask: {}", self.announcement());
        run(&mut self.apt(&["update", "-qq"]))?;
        let mut install = self.apt(&["install", "-y"]);
        install.args(&self.packages);
        run(&mut install)
    }

    fn announcement(&self) -> String {
        let install = format!("apt-get install -y {}", self.packages.join(" "));
        if self.sudo {
            format!("installing {} with sudo apt-get: sudo {install}", self.what)
        } else {
            format!("installing {} with apt-get: {install}", self.what)
        }
    }

    fn apt(&self, args: &[&str]) -> Command {
        if self.sudo {
            // The user is there to answer sudo (and apt-get, should it ask).
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get").args(args);
            return sudo;
        }
        let mut apt = Command::new("apt-get");
        apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        apt
    }
}

/// What to install on a system where xtask does not install system packages.
fn elsewhere(missing: Missing) -> String {
    let mut steps = Vec::new();
    if cfg!(target_os = "macos") {
        if missing.node {
            steps.push("brew install node");
        }
        if missing.browser {
            steps.push("brew install --cask google-chrome chromedriver");
        }
        return format!(
            "Install them with Homebrew:\n  {}{}",
            steps.join("\n  "),
            if missing.browser {
                "\nor set CHROMIUM and CHROMEDRIVER to a Chrome or Chromium binary and the \
                 ChromeDriver of the same major version."
            } else {
                ""
            }
        );
    }
    if missing.node {
        steps.push("Node.js with npm (https://nodejs.org or your package manager)");
    }
    if missing.browser {
        steps.push(
            "Chromium or Google Chrome and the ChromeDriver of the same major version, from \
             your package manager; or set CHROMIUM and CHROMEDRIVER to their paths",
        );
    }
    format!(
        "xtask installs them only on Debian-like systems. Install {}.",
        steps.join("; and ")
    )
}

/// `/etc/debian_version` exists, or `/etc/os-release`'s ID or ID_LIKE names debian or ubuntu.
fn debian_like() -> bool {
    if std::path::Path::new("/etc/debian_version").exists() {
        return true;
    }
    std::fs::read_to_string("/etc/os-release").is_ok_and(|text| os_release_is_debian_like(&text))
}

fn os_release_is_debian_like(text: &str) -> bool {
    text.lines()
        .filter_map(|line| line.strip_prefix("ID=").or_else(|| line.strip_prefix("ID_LIKE=")))
        .flat_map(|value| value.trim_matches(['"', '\'']).split_whitespace())
        .any(|id| id == "debian" || id == "ubuntu")
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_debian_and_its_derivatives() {
        assert!(os_release_is_debian_like(
            "NAME=\"Debian GNU/Linux\"\nID=debian\n"
        ));
        assert!(os_release_is_debian_like(
            "ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n"
        ));
        assert!(os_release_is_debian_like("ID=ubuntu\nID_LIKE=debian\n"));
        assert!(!os_release_is_debian_like("ID=fedora\n"));
        assert!(!os_release_is_debian_like(
            "ID=\"opensuse-tumbleweed\"\nID_LIKE=\"opensuse suse\"\n"
        ));
    }

    const BROWSER: Missing = Missing {
        node: false,
        browser: true,
    };

    #[test]
    fn as_root_on_debian_says_what_it_runs() {
        let plan = plan_on(true, true, BROWSER, false).expect("root installs");
        assert_eq!(
            plan.announcement(),
            "installing Chromium and ChromeDriver with apt-get: \
             apt-get install -y chromium chromium-driver"
        );
    }

    #[test]
    fn not_as_root_it_prints_the_sudo_command_and_stops_unless_asked() {
        let refusal = plan_on(true, false, BROWSER, false)
            .err()
            .expect("no silent sudo");
        assert!(
            refusal.contains("\n  sudo apt-get install -y chromium chromium-driver\n"),
            "{refusal}"
        );
        assert!(refusal.contains("--install-system-deps"), "{refusal}");
        let plan = plan_on(true, false, BROWSER, true).expect("asked to use sudo");
        assert!(
            plan.announcement()
                .contains("with sudo apt-get: sudo apt-get install -y")
        );
    }

    #[test]
    fn elsewhere_it_says_what_to_install_and_stops() {
        let refusal = plan_on(false, true, BROWSER, true).err().expect("no apt-get");
        assert!(refusal.contains("CHROMIUM and CHROMEDRIVER"), "{refusal}");
        let node = Missing {
            node: true,
            browser: false,
        };
        let refusal = plan_on(false, false, node, true).err().expect("no apt-get");
        assert!(refusal.starts_with("Node.js and npm missing."), "{refusal}");
    }

    #[test]
    fn asks_apt_for_what_is_missing_only() {
        let both = Missing {
            node: true,
            browser: true,
        };
        assert_eq!(
            both.apt_packages(),
            ["nodejs", "npm", "chromium", "chromium-driver"]
        );
        let browser = Missing {
            node: false,
            browser: true,
        };
        assert_eq!(browser.apt_packages(), ["chromium", "chromium-driver"]);
        assert!(!Missing::default().any());
    }
}
