//! What keeps a draft safe when the session ends badly: the signal thread (SIGHUP,
//! SIGTERM, SIGINT, SIGQUIT), the watchdog that sees the terminal hang up without a
//! signal (POLLHUP on the tty, never reading it), the panic hook, and SIGXFSZ ignored so
//! that a file-size limit is a save error rather than a death. Each saves first (no
//! terminal I/O), then tries to put the terminal back within a bounded time, then ends
//! the process.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::DisableBracketedPaste;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::LeaveAlternateScreen;
use rustix::event::{PollFd, PollFlags, poll};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGXFSZ};
use signal_hook::iterator::Signals;

use crate::guard::{Guard, Rescue};
use crate::i18n::{self, Lang};

/// Raw mode off, alternate screen left, bracketed paste off. Errors are ignored: the
/// terminal may be gone.
pub fn restore_terminal() {
    // Raw mode first: it needs no write to the terminal, so it works on a dead link.
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    // Every error is ignored here on purpose (nothing may print to a dead terminal:
    // eprintln! would panic on EIO).
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x1b[0m\x1b[?25h");
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen);
    let _ = out.flush();
}

/// Restores the terminal and prints `message`, giving up after `limit` (a stalled
/// link blocks writes).
fn restore_within(limit: Duration, message: Option<String>) {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        restore_terminal();
        if let Some(m) = message {
            let _ = writeln!(std::io::stderr(), "{m}");
        }
        let _ = tx.send(());
    });
    let _ = rx.recv_timeout(limit);
}

/// Saves, restores the terminal if it can, and ends the process.
pub fn shutdown(lang: Lang, code: i32, say: bool) -> ! {
    let rescue = Guard::global().emergency();
    let message = say.then(|| i18n::rescue_message(lang, &rescue));
    restore_within(Duration::from_millis(500), message);
    std::process::exit(code)
}

/// A file-size limit (`ulimit -f`) makes writes past it fail with EFBIG, a save error
/// like any other, instead of killing the process: a handler replaces the default action.
pub fn ignore_file_size_signal() {
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
}

/// Installs the signal thread and the watchdog.
pub fn install(lang: Lang) {
    if let Ok(mut signals) = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT]) {
        thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // A hang-up has nobody to read a message.
                shutdown(lang, 128 + sig, sig != SIGHUP);
            }
        });
    }
    thread::spawn(move || watch_tty(lang));
}

/// Waits for the terminal to hang up without reading from it: poll() with no events
/// asked for still reports a hang-up, and sleeps (no wake-ups) until then.
fn watch_tty(lang: Lang) {
    let stdin = rustix::stdio::stdin();
    loop {
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        match poll(&mut fds, None) {
            Ok(_) => {
                let r = fds[0].revents();
                if r.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                    shutdown(lang, 129, false);
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => thread::sleep(Duration::from_millis(250)),
        }
    }
}

/// Saves first, then restores the terminal, then says where the copy is.
pub fn install_panic_hook(lang: Lang) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let rescue = Guard::global().emergency();
        restore_within(Duration::from_millis(500), None);
        previous(info);
        let _ = writeln!(std::io::stderr(), "{}", i18n::panic_message(lang, &rescue));
        std::process::exit(101);
    }));
}

impl Rescue {
    /// Where the work is now, if somewhere.
    pub fn place(&self) -> Option<&std::path::Path> {
        match self {
            Rescue::Draft(p) | Rescue::Copy(p) => Some(p),
            _ => None,
        }
    }
}
