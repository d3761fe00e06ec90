//! Running commands: loudly, with their exit status checked; and long-running children that
//! are stopped, with everything they started, when xtask stops.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Runs `command` to completion; a non-zero exit is an error naming the command.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = describe(command);
    println!("xtask: $ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `command` and returns its trimmed stdout, or `None` if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// `program` with the tool environment (PATH with the pinned tools first).
pub fn command(program: &str, env: &[(OsString, OsString)]) -> Command {
    let mut command = Command::new(program);
    command.envs(env.iter().cloned());
    command
}

/// `cargo`, run from the workspace root.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

pub fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// How long a stopped child gets to exit after SIGTERM before it is killed outright.
const GRACE: Duration = Duration::from_secs(5);

/// A child process that is stopped when this value is dropped, together with whatever it
/// started (Trunk's cargo and wasm-bindgen, for instance).
///
/// On Unix the child leads its own process group, so stopping it signals the whole group:
/// SIGTERM first, SIGKILL after [`GRACE`]. Ctrl-C in a terminal then reaches xtask only,
/// and xtask decides the order in which its children stop.
pub struct Background {
    name: &'static str,
    child: Child,
}

impl Background {
    pub fn start(name: &'static str, command: &mut Command) -> Result<Self, String> {
        println!("xtask: starting {name}: {}", describe(command));
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(command, 0);
        let child = command.spawn().map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Self { name, child })
    }

    #[cfg(test)]
    fn id(&self) -> u32 {
        self.child.id()
    }

    /// `Some(message)` once the child has exited.
    fn exited(&mut self) -> Option<Result<(), String>> {
        match self.child.try_wait() {
            Ok(None) => None,
            Ok(Some(status)) if status.success() => Some(Ok(())),
            Ok(Some(status)) => Some(Err(format!("{} exited ({status})", self.name))),
            Err(e) => Some(Err(format!("cannot watch {}: {e}", self.name))),
        }
    }

    /// Stops the child and its process group, politely first; waits until it is gone.
    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            signal_group(&mut self.child, Signal::Kill); // stragglers it left behind
            return;
        }
        signal_group(&mut self.child, Signal::Term);
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        signal_group(&mut self.child, Signal::Kill);
        if let Err(error) = self.child.wait() {
            eprintln!("xtask: could not stop {}: {error}", self.name);
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.stop();
    }
}

enum Signal {
    Term,
    Kill,
}

#[cfg(unix)]
fn signal_group(child: &mut Child, signal: Signal) {
    let signal = match signal {
        Signal::Term => libc::SIGTERM,
        Signal::Kill => libc::SIGKILL,
    };
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) has no memory effects; a negative pid names the process group the
        // child leads (`process_group(0)` above). The group outlives a reaped leader only
        // while members remain, so the id cannot name another process's group meanwhile.
        unsafe { libc::kill(-group, signal) };
    }
}

#[cfg(not(unix))]
fn signal_group(child: &mut Child, _signal: Signal) {
    // No process groups or SIGTERM: end the child itself.
    let _ = child.kill();
}

/// Waits until one of `children` exits or xtask is asked to stop (SIGINT, SIGTERM); then
/// stops them all, in reverse order of `children`, before returning.
pub fn supervise(mut children: Vec<Background>) -> Result<(), String> {
    let outcome = loop {
        if let Some(signal) = termination::received() {
            break Err(format!("stopping on {signal}"));
        }
        if let Some(outcome) = children.iter_mut().find_map(Background::exited) {
            break outcome;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    while let Some(mut child) = children.pop() {
        println!("xtask: stopping {}", child.name);
        child.stop();
    }
    outcome
}

/// SIGINT and SIGTERM as a flag that [`supervise`] polls, instead of ending xtask at once
/// (which would leave its children running).
pub mod termination {
    use std::sync::atomic::{AtomicI32, Ordering};

    static RECEIVED: AtomicI32 = AtomicI32::new(0);

    /// From now on SIGINT and SIGTERM set the flag; commands run afterwards get the default
    /// handling back (exec resets caught signals).
    #[cfg(unix)]
    pub fn catch() {
        extern "C" fn on_signal(signal: libc::c_int) {
            RECEIVED.store(signal, Ordering::SeqCst);
        }
        let handler: extern "C" fn(libc::c_int) = on_signal;
        for signal in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
            unsafe { libc::signal(signal, handler as libc::sighandler_t) };
        }
    }

    #[cfg(not(unix))]
    pub fn catch() {}

    /// The signal's name once one has arrived.
    pub fn received() -> Option<&'static str> {
        match RECEIVED.load(Ordering::SeqCst) {
            0 => None,
            #[cfg(unix)]
            libc::SIGINT => Some("SIGINT"),
            #[cfg(unix)]
            libc::SIGTERM => Some("SIGTERM"),
            _ => Some("a signal"),
        }
    }

    #[cfg(test)]
    pub fn reset() {
        RECEIVED.store(0, Ordering::SeqCst);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// The termination flag is process-wide: tests that supervise take turns.
    static SUPERVISING: Mutex<()> = Mutex::new(());

    /// A shell that starts a grandchild `sleep`, prints its pid, then sleeps itself.
    fn shell_with_grandchild() -> (Background, u32) {
        use std::io::BufRead;
        let mut command = Command::new("sh");
        command
            .args(["-c", "sleep 300 & echo $!; sleep 300"])
            .stdout(std::process::Stdio::piped());
        let mut shell = Background::start("sh", &mut command).expect("sh starts");
        let stdout = shell.child.stdout.take().expect("piped");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reads the pid");
        (shell, line.trim().parse().expect("a pid"))
    }

    /// Whether `pid` is still a live process (a zombie waiting for its reaper is not).
    fn alive(pid: u32) -> bool {
        let state = output(Command::new("ps").args(["-o", "stat=", "-p", &pid.to_string()]));
        state.is_some_and(|state| !state.is_empty() && !state.starts_with('Z'))
    }

    #[test]
    fn dropping_a_background_child_stops_its_whole_group() {
        let (shell, grandchild) = shell_with_grandchild();
        let shell_pid = shell.id();
        assert!(alive(shell_pid) && alive(grandchild));
        drop(shell);
        assert!(!alive(shell_pid), "the child is gone");
        assert!(!alive(grandchild), "what the child started is gone");
    }

    #[test]
    fn sigterm_stops_supervised_children_and_returns() {
        let _turn = SUPERVISING.lock().unwrap_or_else(|e| e.into_inner());
        termination::catch();
        let (shell, grandchild) = shell_with_grandchild();
        let mut sleeper = Command::new("sleep");
        let sleeper = Background::start("sleep", sleeper.arg("300")).expect("sleep starts");
        let pids = [shell.id(), grandchild, sleeper.id()];
        let signaller = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            // SAFETY: kill(2) on this very process, whose SIGTERM handler only sets a flag.
            unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
        });
        let started = Instant::now();
        let outcome = supervise(vec![shell, sleeper]);
        signaller.join().expect("the signaller ran");
        termination::reset();
        assert_eq!(outcome, Err("stopping on SIGTERM".to_owned()));
        assert!(
            started.elapsed() < GRACE,
            "stopped politely, without waiting for SIGKILL"
        );
        for pid in pids {
            assert!(!alive(pid), "process {pid} is gone");
        }
    }

    #[test]
    fn supervise_returns_when_a_child_fails() {
        let _turn = SUPERVISING.lock().unwrap_or_else(|e| e.into_inner());
        let mut failing = Command::new("sh");
        let failing = Background::start("sh", failing.args(["-c", "exit 3"])).expect("starts");
        let mut sleeper = Command::new("sleep");
        let sleeper = Background::start("sleep", sleeper.arg("300")).expect("starts");
        let sleeper_pid = sleeper.id();
        let outcome = supervise(vec![sleeper, failing]);
        assert!(outcome.is_err_and(|message| message.starts_with("sh exited")));
        assert!(!alive(sleeper_pid));
    }
}
