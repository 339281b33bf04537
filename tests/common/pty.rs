//! The real binary in a pseudo-terminal: a reader thread feeds a `vt100` screen model
//! and a raw byte log; tests wait (polling) for what the screen should show.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one expectation may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(20);

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ESC: &str = "\x1b";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const HOME: &str = "\x1b[H";
pub const PAGE_UP: &str = "\x1b[5~";
pub const CTRL_E: &str = "\x05";
pub const CTRL_G: &str = "\x07";
pub const CTRL_Q: &str = "\x11";
pub const CTRL_S: &str = "\x13";

pub const UNIT: &str = "UBND huyện Tuy Phước";
pub const SENTENCE: &str = "Ủy ban nhân dân huyện đã quán triệt Nghị quyết số 05-NQ/TU";

/// The environment every run gets: its own config folder (and home), a UTF-8 locale
/// that selects Vietnamese, a colour terminal.
pub fn env_vars(home: &Path) -> Vec<(&'static str, OsString)> {
    vec![
        ("XDG_CONFIG_HOME", home.join("config").into_os_string()),
        ("HOME", home.as_os_str().to_owned()),
        ("TERM", "xterm-256color".into()),
        ("LANG", "C.UTF-8".into()),
        ("LC_ALL", "C.UTF-8".into()),
    ]
}

pub fn draft_path(home: &Path, name: &str) -> PathBuf {
    home.join("config/baocao/drafts")
        .join(format!("{name}.ron"))
}

/// `baocao new NAME --unit "UBND huyện Tuy Phước" --group III`, as a plain process.
pub fn new_draft(home: &Path, name: &str) -> PathBuf {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"));
    cmd.args(["new", name, "--unit", UNIT, "--group", "III"])
        .current_dir(home)
        .env_remove("NO_COLOR");
    for (k, v) in env_vars(home) {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "baocao new failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let path = draft_path(home, name);
    assert!(path.is_file(), "no draft at {}", path.display());
    path
}

pub fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The program running in a pseudo-terminal, with a reader thread feeding everything
/// it writes into a `vt100` screen model and a raw byte log.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Set once the child has been reaped.
    pub status: Option<ExitStatus>,
    /// The terminal settings before the program started.
    pub initial_termios: String,
}

impl Session {
    /// Starts `baocao ARGS` in an 80×24 pseudo-terminal.
    pub fn start(home: &Path, args: &[&str]) -> Session {
        Session::start_with(home, args, &[])
    }

    /// Starts `baocao ARGS` with some variables of the environment changed (TERM,
    /// LANG, NO_COLOR …); an empty value removes the variable.
    pub fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_as(&[], home, args, env)
    }

    /// [`Session::start_with`], the binary run through `prefix` (`setpriv --reuid …
    /// --`, to run it as another user).
    pub fn start_as(prefix: &[&str], home: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system().openpty(size(24, 80)).unwrap();
        let initial_termios = format!("{:?}", pair.master.get_termios());
        let bin = env!("CARGO_BIN_EXE_baocao");
        let mut cmd = match prefix.split_first() {
            Some((program, rest)) => {
                let mut c = CommandBuilder::new(program);
                c.args(rest);
                c.arg(bin);
                c
            }
            None => CommandBuilder::new(bin),
        };
        cmd.args(args);
        cmd.cwd(home);
        cmd.env_remove("NO_COLOR");
        for (k, v) in env_vars(home) {
            cmd.env(k, v);
        }
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child keeps the terminal side open, so the reader sees the end.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        lock(&p).process(&buf[..n]);
                        lock(&r).extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            raw,
            master: pair.master,
            writer,
            child,
            status: None,
            initial_termios,
        }
    }

    /// Types: the bytes a terminal sends for these keys.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The text on the screen now, one line per row.
    pub fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Waits until the screen text satisfies `cond`; returns that screen. Fails with the
    /// whole screen after `timeout`.
    #[track_caller]
    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool, timeout: Duration) -> String {
        self.wait_screen(what, |screen| cond(&screen.contents()), timeout)
    }

    /// Like [`Session::wait_for`], for conditions on more than the text (colours,
    /// terminal modes).
    #[track_caller]
    pub fn wait_screen(
        &self,
        what: &str,
        cond: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> String {
        let start = Instant::now();
        loop {
            let (met, text) = {
                let parser = lock(&self.parser);
                (cond(parser.screen()), parser.screen().contents())
            };
            if met {
                return text;
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for: {what}\n\
                     ── screen ─────────────────────────────────────────────\n{text}\n\
                     ───────────────────────────────────────────────────────"
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `needle` is on the screen.
    #[track_caller]
    pub fn wait_text(&self, needle: &str) -> String {
        self.wait_for(
            &format!("{needle:?} on screen"),
            |s| s.contains(needle),
            TIMEOUT,
        )
    }

    /// Waits until `needle` is no longer on the screen.
    #[track_caller]
    pub fn wait_gone(&self, needle: &str) -> String {
        self.wait_for(
            &format!("{needle:?} gone from screen"),
            |s| !s.contains(needle),
            TIMEOUT,
        )
    }

    /// Waits until the raw output contains `seq`.
    #[track_caller]
    pub fn wait_raw(&self, what: &str, seq: &[u8]) {
        let start = Instant::now();
        while !lock(&self.raw).windows(seq.len()).any(|w| w == seq) {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {what} ({seq:?}) in the output\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Changes the terminal size, as a user resizing the window (the program gets
    /// SIGWINCH). The screen model changes size first so that nothing drawn for the new
    /// size is read at the old one.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut parser = lock(&self.parser);
        parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits for the program to end (failing after the timeout) and returns its status.
    #[track_caller]
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.status = Some(status.clone());
                return status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the program did not exit within {TIMEOUT:?}\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// The terminal settings (raw mode or not) of the pseudo-terminal, as text.
    pub fn termios(&self) -> String {
        format!("{:?}", self.master.get_termios())
    }

    /// Opens a draft, closes the first-run welcome and waits for the wizard.
    pub fn open_first_time(home: &Path, name: &str, extra: &[&str]) -> Session {
        let mut args = vec!["open", name];
        args.extend_from_slice(extra);
        let mut s = Session::start(home, &args);
        s.wait_text("Chào mừng đến với baocao");
        s.send(ENTER);
        s.wait_gone("Chào mừng đến với baocao");
        s.wait_text(" baocao │ ");
        s
    }

    /// Ctrl-G, the step id, Enter.
    pub fn go_to(&mut self, id: &str) {
        self.send(CTRL_G);
        self.wait_text("Đến bước");
        self.send(id);
        self.send(ENTER);
        self.wait_gone("Đến bước");
    }

    /// Ctrl-Q and a clean exit.
    #[track_caller]
    pub fn quit(&mut self) {
        self.send(CTRL_Q);
        let status = self.wait_exit();
        assert!(
            status.success(),
            "exit status {status:?}\n{}",
            self.screen()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.status.is_none() {
            // A test failed before the program ended: end it, and reap it.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The content pane (right of the outline tree) read in order, with frames and all
/// whitespace removed, so that a wrapped paragraph reads as one string.
pub fn content_squeezed(screen: &str) -> String {
    screen
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('│').map(|(_, rest)| rest))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
