#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Faults of the terminal session, with the real `baocao` binary in a pseudo-terminal of
//! 80×24 (see `/work/shared/RELIABILITY.md`): the terminal hangs up right after typing
//! (with and without SIGHUP reaching the program), SIGTERM once and twice, a panic, an
//! output link that stalls, a resize storm down to 0×0, a 10 MB bracketed paste,
//! decomposed (NFD) input, and two sessions on one draft (read-only, take over, and the
//! next session after kill -9).
//!
//! Besides the brief's faults, a few tests pin down what those faults showed: a
//! hang-up without any SIGHUP (no controlling terminal: the watchdog alone), the thread
//! storm while ending after a hang-up, text shown before a stall and saved during it,
//! a shrink to 1×1 and back, Ctrl-L, and an answer longer than 65 535 screen rows.
//! Tests marked `#[ignore = "bug: …"]` fail because of the program (the reason says
//! how), the 10 MB paste because the debug build is slow; run them with
//! `-- --include-ignored`.
//!
//! After each fault the invariants are checked on disk:
//! - I1: the draft parses (`baocao::store::load` with the built-in template);
//! - I2: the typed text is in the draft, or in `NAME.ron.emergency` or a generation
//!   `NAME.ron.~N~` beside it (or an emergency copy in `$HOME`);
//! - I3 where the program can still reach the terminal: the alternate screen was left,
//!   bracketed paste turned off, the terminal settings put back;
//! - I4: every file that was in the drafts folder before the fault is still there (but
//!   the lock file, which a clean quit removes).
//!
//! Timing is measured, never slept on: every wait polls every 20 ms with a deadline, and
//! the only fixed waits are the ones that measure something over a period (CPU use of a
//! process that has not exited, the autosave of a stalled session). Measured figures are
//! printed as `MEASURE …` lines (`cargo test --test pty_faults -- --nocapture`).
//!
//! # The harness
//! portable-pty hands out the master side only as a blocking reader and a writer, each a
//! duplicate of the master descriptor. Closing the master (the hang-up) needs every
//! duplicate closed, so the reader thread must let go of its own: it is told to stop,
//! and woken out of a blocking `read` by a NUL byte written through a second,
//! non-blocking descriptor of the terminal side (opened with `O_NOCTTY`; NUL is output,
//! which the screen model ignores). The writer, when dropped, would type "\n" and the
//! EOF character into the program; the EOF character is disabled (VEOF = 0) before the
//! program starts, so a hang-up types nothing. The same reader can pause (stop reading
//! without closing), which lets the program's output fill the terminal buffer so that
//! its writes block, as on a stalled SSH link.
//!
//! Every session is reaped by its `Drop` (SIGHUP, then SIGKILL) if a test fails first.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

mod common;

use baocao::draft::Draft;
use baocao::template::Template;
use common::pty::{content_squeezed, squeeze};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use unicode_normalization::UnicodeNormalization;

/// How long an expectation that is not itself under test may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the screen, the files or the process are looked at while waiting.
const POLL: Duration = Duration::from_millis(20);
/// The promise: a session that lost its terminal (or got SIGTERM) is gone within this.
const EXIT_LIMIT: Duration = Duration::from_secs(2);
/// The period over which a process that has not exited must not use CPU.
const CPU_WINDOW: Duration = Duration::from_secs(3);
/// CPU clock ticks (10 ms each) tolerated in [`CPU_WINDOW`]: a process that spins
/// uses ~300 in 3 s; one that waits uses none.
const CPU_TICKS_TOLERATED: u64 = 2;

const CTRL_G: &str = "\x07";
const CTRL_L: &str = "\x0c";
const ESC: &str = "\x1b";
const CTRL_Q: &str = "\x11";
const F12: &str = "\x1b[24~";
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

const UNIT: &str = "UBND huyện Tuy Phước";
/// The answer typed in I.2 ("Việc ban hành các văn bản chỉ đạo…").
const ANSWER: &str = "I.2/text";

/// The 10 MB paste runs alone (it saturates the CPUs, which would make the timing of
/// every other test meaningless); the other tests share.
static EXCLUSIVE: RwLock<()> = RwLock::new(());

fn shared() -> std::sync::RwLockReadGuard<'static, ()> {
    EXCLUSIVE.read().unwrap_or_else(PoisonError::into_inner)
}

type Shared<T> = Arc<Mutex<Option<T>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A screen dimension as the `vt100` model takes it (it has no 0×0 screen).
fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

// ── Files ───────────────────────────────────────────────────────────────────────────

/// A temporary home with a config folder, the welcome already seen, and one draft made
/// with `baocao new NAME --unit "UBND huyện Tuy Phước" --group III`.
struct Home {
    dir: tempfile::TempDir,
    name: String,
}

impl Home {
    fn new(name: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("config/baocao");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("settings.ron"), "Settings(welcomed: true)\n").unwrap();
        let home = Home {
            dir,
            name: name.to_string(),
        };
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"));
        cmd.args(["new", name, "--unit", UNIT, "--group", "III"])
            .current_dir(home.path())
            .env_remove("NO_COLOR");
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "baocao new failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            home.draft().is_file(),
            "no draft at {}",
            home.draft().display()
        );
        home
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Its own config folder and home, a UTF-8 locale (Vietnamese), a colour terminal.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        let home = self.path();
        vec![
            ("XDG_CONFIG_HOME", home.join("config").into_os_string()),
            ("HOME", home.as_os_str().to_owned()),
            ("TERM", "xterm-256color".into()),
            ("LANG", "C.UTF-8".into()),
            ("LC_ALL", "C.UTF-8".into()),
        ]
    }

    fn draft(&self) -> PathBuf {
        self.path()
            .join("config/baocao/drafts")
            .join(format!("{}.ron", self.name))
    }

    fn drafts_dir(&self) -> PathBuf {
        self.path().join("config/baocao/drafts")
    }

    /// The files of the drafts folder (a save's own temp file is not the user's).
    fn files(&self) -> BTreeSet<String> {
        std::fs::read_dir(self.drafts_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with(&format!(".{}.ron.tmp-", self.name)))
            // The lock file goes with the session that held it (a clean quit).
            .filter(|n| *n != format!("{}.ron.lock", self.name))
            .collect()
    }

    /// I1: the draft file reads as a draft.
    #[track_caller]
    fn load(&self) -> Draft {
        load(&self.draft()).unwrap_or_else(|e| panic!("I1: the draft does not read: {e}"))
    }

    /// The draft's I.2 answer ("" when there is none or the file does not read).
    fn answer(&self) -> String {
        load(&self.draft()).map(|d| answer(&d)).unwrap_or_default()
    }

    /// I2: where `text` was kept: the draft, its emergency copy, a generation, or an
    /// emergency copy in the home folder. `None` when nowhere.
    fn kept(&self, text: &str) -> Option<PathBuf> {
        let draft = self.draft();
        let mut places = vec![
            draft.clone(),
            baocao::store::recovery::emergency_path(&draft),
        ];
        places.extend(
            (1..=baocao::store::GENERATIONS).map(|n| baocao::store::generation_path(&draft, n)),
        );
        places.push(baocao::store::recovery::home_emergency_path(
            self.path(),
            &draft,
        ));
        places
            .into_iter()
            .find(|p| load(p).is_ok_and(|d| answer(&d).contains(text)))
    }

    /// I4: every file of `before` is still in the drafts folder.
    #[track_caller]
    fn assert_nothing_deleted(&self, before: &BTreeSet<String>) {
        let now = self.files();
        let gone: Vec<&String> = before.difference(&now).collect();
        assert!(gone.is_empty(), "I4: files deleted: {gone:?} (now {now:?})");
    }

    /// Everything I1, I2 and I4 say after a fault where `text` was typed.
    #[track_caller]
    fn assert_invariants(&self, text: &str, before: &BTreeSet<String>) -> PathBuf {
        self.load();
        let kept = self.kept(text).unwrap_or_else(|| {
            panic!(
                "I2: {text:?} is neither in the draft nor in an emergency copy or generation\n\
                 draft answer: {:?}\nfiles: {:?}",
                self.answer(),
                self.files()
            )
        });
        self.assert_nothing_deleted(before);
        kept
    }
}

fn template() -> Template {
    Template::builtin().unwrap()
}

fn load(path: &Path) -> Result<Draft, baocao::store::LoadError> {
    baocao::store::load(path, &[&template()])
}

fn answer(d: &Draft) -> String {
    d.answers
        .get(ANSWER)
        .map(|a| a.text.clone())
        .unwrap_or_default()
}

// ── Processes ───────────────────────────────────────────────────────────────────────

/// utime + stime of a process, in clock ticks (`/proc/PID/stat` fields 14 and 15);
/// `None` when it is gone.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start with field 3.
    let rest: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    Some(rest.get(11)?.parse::<u64>().ok()? + rest.get(12)?.parse::<u64>().ok()?)
}

/// Whether a thread of the process sleeps in write(2) or writev(2) on its standard
/// output (the terminal), from `/proc/PID/task/TID/syscall`.
fn blocked_writing_to_the_terminal(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().any(|t| {
        std::fs::read_to_string(t.path().join("syscall"))
            .is_ok_and(|s| s.starts_with("1 0x1 ") || s.starts_with("20 0x1 "))
    })
}

/// `kill -SIGNAL PID` (no libc).
fn kill(signal: &str, pid: u32) {
    let st = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(st.success(), "kill -{signal} {pid}: {st}");
}

// ── The session ─────────────────────────────────────────────────────────────────────

/// Opens the terminal side a second time, for writing only, non-blocking, without
/// making it anyone's controlling terminal.
fn open_terminal_side(tty: &Path) -> std::io::Result<std::fs::File> {
    let flags = rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::NONBLOCK;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(flags.bits() as i32)
        .open(tty)
}

/// The program in a pseudo-terminal: a reader thread feeds its output into a `vt100`
/// screen and a raw byte log, and can pause (stall) or stop (for a hang-up).
struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// The keyboard side; shared with the reader thread, which answers the terminal's
    /// cursor position reports when asked to.
    writer: Shared<Box<dyn Write + Send>>,
    /// The terminal side's path (/dev/pts/N).
    tty: PathBuf,
    reader: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    /// Set once the program has been reaped.
    status: Option<ExitStatus>,
    /// The terminal settings before the program started.
    initial_termios: String,
}

impl Session {
    /// Starts `cmd` in an 80×24 pseudo-terminal with the home's environment.
    fn spawn(home: &Home, cmd: CommandBuilder, env: &[(&str, &str)]) -> Session {
        Session::spawn_with(home, cmd, env, false)
    }

    /// Like [`Session::spawn`]; with `answer_position`, the terminal answers a cursor
    /// position request (`ESC [ 6 n`) at once, as a real terminal does (the `vt100`
    /// model does not).
    fn spawn_with(
        home: &Home,
        mut cmd: CommandBuilder,
        env: &[(&str, &str)],
        answer_position: bool,
    ) -> Session {
        let pair = native_pty_system().openpty(size(24, 80)).unwrap();
        let tty = pair.master.tty_name().unwrap();
        {
            // No EOF character: dropping portable-pty's writer types "\n" + VEOF.
            let side = open_terminal_side(&tty).unwrap();
            let mut t = rustix::termios::tcgetattr(&side).unwrap();
            t.special_codes[rustix::termios::SpecialCodeIndex::VEOF] = 0;
            rustix::termios::tcsetattr(&side, rustix::termios::OptionalActions::Now, &t).unwrap();
        }
        let initial_termios = format!("{:?}", pair.master.get_termios());
        cmd.cwd(home.path());
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BAOCAO_TEST_PANIC");
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the program keeps the terminal side open.
        drop(pair.slave);
        let pid = child.process_id().unwrap();

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let writer: Shared<Box<dyn Write + Send>> =
            Arc::new(Mutex::new(Some(pair.master.take_writer().unwrap())));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r, s, z, w) = (
            Arc::clone(&parser),
            Arc::clone(&raw),
            Arc::clone(&stop),
            Arc::clone(&paused),
            Arc::clone(&writer),
        );
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                if s.load(Ordering::SeqCst) {
                    return;
                }
                if z.load(Ordering::SeqCst) {
                    thread::sleep(Duration::from_millis(5));
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        lock(&p).process(&buf[..n]);
                        lock(&r).extend_from_slice(&buf[..n]);
                        if answer_position && buf[..n].windows(4).any(|x| x == b"\x1b[6n") {
                            let (row, col) = lock(&p).screen().cursor_position();
                            if let Some(w) = lock(&w).as_mut() {
                                let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                                let _ = w.flush();
                            }
                        }
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            master: Some(pair.master),
            writer,
            tty,
            reader: Some(reader),
            stop,
            paused,
            child,
            pid,
            status: None,
            initial_termios,
        }
    }

    fn command(args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_baocao"));
        cmd.args(args);
        cmd
    }

    /// `baocao open NAME --goto i.2`, waiting until the I.2 text field is shown.
    fn open_at_i2(home: &Home, env: &[(&str, &str)]) -> Session {
        let s = Session::spawn(
            home,
            Session::command(&["open", &home.name, "--goto", "i.2"]),
            env,
        );
        s.wait_i2();
        s
    }

    fn wait_i2(&self) {
        self.wait_for(
            "the I.2 text field",
            |t| t.contains("│ I.2 Việc ban hành") && t.contains("Nội dung báo cáo"),
            TIMEOUT,
        );
    }

    /// Types: the bytes a terminal sends for these keys.
    fn send(&mut self, keys: &str) {
        send(&self.writer, keys.as_bytes());
    }

    /// Types `text` and waits until the content pane shows it; returns when it did.
    #[track_caller]
    fn type_visible(&mut self, text: &str) -> Instant {
        self.send(text);
        self.wait_content(text);
        Instant::now()
    }

    #[track_caller]
    fn wait_content(&self, text: &str) -> String {
        let want = squeeze(text);
        self.wait_for(
            &format!("{text:?} in the content pane"),
            |t| content_squeezed(t).contains(&want),
            TIMEOUT,
        )
    }

    fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Waits until the screen satisfies `cond`; fails with the screen after `timeout`.
    #[track_caller]
    fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let text = self.screen();
            if cond(&text) {
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

    #[track_caller]
    fn wait_text(&self, needle: &str) -> String {
        self.wait_for(
            &format!("{needle:?} on screen"),
            |s| s.contains(needle),
            TIMEOUT,
        )
    }

    fn raw_contains(&self, seq: &[u8]) -> bool {
        lock(&self.raw).windows(seq.len()).any(|w| w == seq)
    }

    /// Waits until the raw output contains `seq`.
    #[track_caller]
    fn wait_raw(&self, what: &str, seq: &[u8]) {
        let start = Instant::now();
        while !self.raw_contains(seq) {
            assert!(
                start.elapsed() < TIMEOUT,
                "{what} ({:?}) never came in the output\n{}",
                String::from_utf8_lossy(seq),
                self.screen()
            );
            thread::sleep(POLL);
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH); the screen model first.
    fn resize(&mut self, rows: u16, cols: u16) {
        let mut parser = lock(&self.parser);
        parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the terminal is closed")
            .resize(size(rows, cols))
            .unwrap();
    }

    /// Bytes typed that the program has not read from the terminal yet (FIONREAD on
    /// the terminal side).
    fn unread_input(&self) -> u64 {
        open_terminal_side(&self.tty)
            .and_then(|side| Ok(rustix::io::ioctl_fionread(&side)?))
            .unwrap_or(0)
    }

    /// Waits until the program has read everything typed (from the terminal: what it
    /// does with it is another matter).
    #[track_caller]
    fn wait_input_read(&self) {
        let start = Instant::now();
        while self.unread_input() > 0 {
            assert!(
                start.elapsed() < TIMEOUT,
                "the program does not read its input ({} bytes unread)",
                self.unread_input()
            );
            thread::sleep(POLL);
        }
    }

    /// Stops reading the program's output (after at most one more read).
    fn pause_output(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    /// Closes every descriptor of the master side: the hang-up of a dropped link.
    /// Returns when the last one was closed.
    fn hang_up(&mut self) -> Instant {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.reader.take() {
            // Wake a blocked read with a NUL byte of output.
            let side = open_terminal_side(&self.tty).ok();
            let start = Instant::now();
            while !h.is_finished() {
                if let Some(mut side) = side.as_ref() {
                    let _ = side.write(b"\0");
                }
                assert!(start.elapsed() < TIMEOUT, "the reader thread does not stop");
                thread::sleep(Duration::from_millis(2));
            }
            h.join().unwrap();
        }
        drop(lock(&self.writer).take());
        drop(self.master.take());
        Instant::now()
    }

    /// Polls (every 20 ms) for the program's exit until `limit` after `from`; returns
    /// how long after `from` it was seen gone.
    fn exit_within(&mut self, from: Instant, limit: Duration) -> Option<Duration> {
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                self.status = Some(st);
                return Some(from.elapsed());
            }
            if from.elapsed() > limit {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// "No spinning": the process is gone, or its CPU ticks do not grow over 3 s.
    /// Returns a description for the failure message, or `None` when quiet.
    fn spinning(&mut self) -> Option<String> {
        if self.status.is_some() {
            return None;
        }
        let before = cpu_ticks(self.pid)?;
        thread::sleep(CPU_WINDOW);
        if self.child.try_wait().unwrap().is_some() {
            return None;
        }
        let after = cpu_ticks(self.pid)?;
        (after.saturating_sub(before) > CPU_TICKS_TOLERATED).then(|| {
            format!(
                "still running and used {} CPU ticks in {CPU_WINDOW:?}",
                after - before
            )
        })
    }

    /// Waits (up to `TIMEOUT`) for the program to end.
    #[track_caller]
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        if self.exit_within(start, TIMEOUT).is_none() {
            panic!(
                "the program did not exit within {TIMEOUT:?}\n{}",
                self.screen()
            );
        }
        self.status.clone().unwrap()
    }

    /// Ctrl-Q and a clean exit.
    #[track_caller]
    fn quit(&mut self) {
        self.send(CTRL_Q);
        let status = self.wait_exit();
        assert!(
            status.success(),
            "exit status {status:?}\n{}",
            self.screen()
        );
    }

    fn header(&self) -> String {
        self.screen().lines().next().unwrap_or("").to_string()
    }

    /// I3: alternate screen left and bracketed paste off (last switch of each is
    /// "off"), terminal settings as before the program started.
    #[track_caller]
    fn assert_terminal_restored(&self) {
        self.wait_raw("leaving the alternate screen", b"\x1b[?1049l");
        self.wait_raw("disabling bracketed paste", b"\x1b[?2004l");
        let raw = lock(&self.raw).clone();
        let last = |seq: &[u8]| raw.windows(seq.len()).rposition(|w| w == seq);
        assert!(
            last(b"\x1b[?1049l") > last(b"\x1b[?1049h"),
            "I3: the alternate screen was entered again"
        );
        assert!(
            last(b"\x1b[?2004l") > last(b"\x1b[?2004h"),
            "I3: bracketed paste was enabled again"
        );
        let termios = format!("{:?}", self.master.as_ref().and_then(|m| m.get_termios()));
        assert_eq!(
            termios, self.initial_termios,
            "I3: terminal settings not restored"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.status.is_none() {
            // A test failed before the program ended: end it (SIGHUP, then SIGKILL).
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.reader.take() {
            // With the program gone its read ends (EIO); do not hang a failing test.
            let start = Instant::now();
            while !h.is_finished() && start.elapsed() < Duration::from_secs(2) {
                thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

/// Writes to the keyboard side.
fn send(writer: &Shared<Box<dyn Write + Send>>, bytes: &[u8]) {
    let mut w = lock(writer);
    let w = w.as_mut().expect("the terminal is closed");
    w.write_all(bytes).unwrap();
    w.flush().unwrap();
}

/// Prints a measured figure (see with `--nocapture`).
fn measure(what: &str, value: impl std::fmt::Debug) {
    eprintln!("MEASURE {what}: {value:?}");
}

// ── Hang-up ─────────────────────────────────────────────────────────────────────────

/// Types `text` into I.2, closes the master at once (well before the 1 s autosave),
/// and checks: the program is gone within 2 s, uses no CPU, and the text is kept.
fn hang_up_right_after_typing(home: &Home, mut s: Session, text: &str, label: &str) {
    let before = home.files();
    let typed = s.type_visible(text);
    assert!(
        !home.answer().contains(text),
        "autosave ran before the hang-up: the emergency path is not tested"
    );
    let closed = s.hang_up();
    measure(&format!("{label}: typing → hang-up"), closed - typed);
    let exit = s.exit_within(closed, EXIT_LIMIT);
    measure(&format!("{label}: hang-up → exit"), exit);
    measure(&format!("{label}: exit status"), &s.status);
    let spinning = s.spinning();
    let kept = home.assert_invariants(text, &before);
    measure(&format!("{label}: text kept in"), kept.file_name().unwrap());
    assert!(
        exit.is_some(),
        "the program did not exit within {EXIT_LIMIT:?} of the hang-up ({})",
        spinning.as_deref().unwrap_or("not using CPU")
    );
    assert_eq!(spinning, None);
}

#[test]
fn hangup_right_after_typing_saves_and_exits() {
    let _g = shared();
    let home = Home::new("treo-may");
    let s = Session::open_at_i2(&home, &[]);
    hang_up_right_after_typing(&home, s, "Đã rà soát 12 thủ tục hành chính", "hangup");
}

#[test]
fn hangup_with_sighup_ignored_still_saves_and_exits() {
    let _g = shared();
    let home = Home::new("nohup");
    // As nohup does: SIGHUP ignored when the program is executed.
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args([
        "-c",
        "trap \"\" HUP; exec \"$0\" \"$@\"",
        env!("CARGO_BIN_EXE_baocao"),
        "open",
        &home.name,
        "--goto",
        "i.2",
    ]);
    let s = Session::spawn(&home, cmd, &[]);
    s.wait_i2();
    // Whether the program put its own handler over the inherited "ignore" (SIGHUP is
    // bit 0 of the masks): then the signal thread, not only the watchdog, sees it.
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid)).unwrap();
    let mask = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| u64::from_str_radix(v.trim(), 16).unwrap() & 1 == 1)
    };
    measure(
        "nohup: SIGHUP (ignored, caught) in the running program",
        (mask("SigIgn:"), mask("SigCgt:")),
    );
    hang_up_right_after_typing(&home, s, "Nohup vẫn lưu được bản nháp", "nohup");
}

/// The number of threads of a process (`Threads:` in `/proc/PID/status`).
fn threads(pid: u32) -> Option<usize> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

/// After a hang-up the program ends by its own exit (129 from the signal thread or the
/// watchdog, or 2 from the UI thread's error), without a storm of threads, in five
/// hang-ups out of five.
///
/// Found here: restoring the terminal called ratatui::restore(), whose eprintln! panics
/// on EIO from the dead terminal; the panic hook restored again on a new thread that
/// panicked the same way — 1 800 to 7 700 threads in the 0.5 s before exit, an exit
/// with 101 about as often as 129, and with ratatui's own panic hook installed, death
/// by SIGABRT in about 1 hang-up in 10.
#[test]
fn hangup_ends_cleanly_without_a_thread_storm() {
    let _g = shared();
    for round in 0..5 {
        let home = Home::new("thoat-sach");
        let mut s = Session::open_at_i2(&home, &[]);
        let text = format!("Lần treo máy số {round}");
        s.type_visible(&text);
        let closed = s.hang_up();
        let mut most = 0;
        while s.child.try_wait().unwrap().is_none() && closed.elapsed() < EXIT_LIMIT {
            most = most.max(threads(s.pid).unwrap_or(0));
            thread::sleep(Duration::from_millis(5));
        }
        let exit = s.exit_within(closed, EXIT_LIMIT);
        measure("hang-up: most threads while ending", most);
        assert!(exit.is_some(), "no exit within {EXIT_LIMIT:?}");
        home.assert_invariants(&text, &BTreeSet::new());
        let status = s.status.clone().unwrap();
        assert!(
            status.signal().is_none() && matches!(status.exit_code(), 129 | 2),
            "round {round}: ended by {status:?}"
        );
        assert!(most <= 16, "round {round}: {most} threads while ending");
    }
}

/// Without a controlling terminal no SIGHUP is sent at all on a hang-up: only the
/// watchdog (POLLHUP on the terminal) and the UI thread's own I/O errors can see it.
#[test]
fn hangup_without_any_sighup_is_seen_by_the_watchdog() {
    let _g = shared();
    let home = Home::new("khong-sighup");
    let mut cmd = Session::command(&["open", "khong-sighup", "--goto", "i.2"]);
    cmd.set_controlling_tty(false);
    let s = Session::spawn(&home, cmd, &[]);
    s.wait_i2();
    hang_up_right_after_typing(&home, s, "Không có SIGHUP vẫn lưu", "no-sighup");
}

// ── SIGTERM ─────────────────────────────────────────────────────────────────────────

fn sigterm_case(name: &str, times: usize) {
    let home = Home::new(name);
    let mut s = Session::open_at_i2(&home, &[]);
    let before = home.files();
    let text = "Nhận SIGTERM khi đang gõ";
    let typed = s.type_visible(text);
    assert!(!home.answer().contains(text), "autosave ran before SIGTERM");
    let sent = Instant::now();
    for _ in 0..times {
        kill("TERM", s.pid);
    }
    measure(&format!("sigterm×{times}: typing → signal"), sent - typed);
    let exit = s.exit_within(sent, EXIT_LIMIT);
    measure(&format!("sigterm×{times}: signal → exit"), exit);
    measure(&format!("sigterm×{times}: exit status"), &s.status);
    let spinning = s.spinning();
    assert!(
        exit.is_some(),
        "no exit within {EXIT_LIMIT:?} of SIGTERM ({})",
        spinning.as_deref().unwrap_or("not using CPU")
    );
    assert_eq!(s.status.as_ref().unwrap().exit_code(), 128 + 15);
    // Saved into the draft itself, nothing blocks it.
    home.assert_invariants(text, &before);
    assert!(home.answer().contains(text), "{:?}", home.answer());
    s.assert_terminal_restored();
    // It says where the work is.
    let path = home.draft().display().to_string();
    s.wait_raw("the message naming the draft", path.as_bytes());
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let _g = shared();
    sigterm_case("sigterm", 1);
}

#[test]
fn sigterm_twice_in_a_row() {
    let _g = shared();
    sigterm_case("sigterm-hai", 2);
}

// ── Panic ───────────────────────────────────────────────────────────────────────────

#[test]
fn a_panic_saves_first_then_restores_the_terminal_and_says_where() {
    let _g = shared();
    let home = Home::new("hoang-loan");
    let mut s = Session::open_at_i2(&home, &[("BAOCAO_TEST_PANIC", "1")]);
    let before = home.files();
    let text = "Lỗi nội bộ không làm mất chữ";
    s.type_visible(text);
    assert!(
        !home.answer().contains(text),
        "autosave ran before the panic"
    );
    s.send(F12);
    // Saved first: by the time the terminal is seen restored, the draft has the text.
    let start = Instant::now();
    while !s.raw_contains(b"\x1b[?1049l") {
        assert!(start.elapsed() < TIMEOUT, "the terminal was never restored");
        thread::sleep(Duration::from_millis(1));
    }
    assert!(
        home.answer().contains(text),
        "the terminal was restored before the draft was saved"
    );
    let status = s.wait_exit();
    measure("panic: F12 → exit", start.elapsed());
    assert_eq!(status.exit_code(), 101, "{status:?}");
    home.assert_invariants(text, &before);
    assert!(home.answer().contains(text));
    s.assert_terminal_restored();
    // The message names the draft (in the output; on the screen it may wrap).
    let path = home.draft().display().to_string();
    s.wait_raw("the message naming the draft", path.as_bytes());
    let screen = s.screen();
    assert!(screen.contains("baocao gặp lỗi nội bộ"), "{screen}");
    assert!(
        squeeze(&screen.replace('\n', "")).contains(&squeeze(&path)),
        "the draft's path is not on the screen:\n{screen}"
    );
}

// ── Stalled output ──────────────────────────────────────────────────────────────────

/// Stops reading and resizes until a thread of the program sleeps in a write to the
/// terminal (the buffer is full), as on a stalled SSH link. Returns how many resizes.
fn stall(s: &mut Session) -> usize {
    s.pause_output();
    let master = s.master.as_ref().unwrap();
    for n in 0..400 {
        if blocked_writing_to_the_terminal(s.pid) {
            return n;
        }
        let (rows, cols) = if n % 2 == 0 { (60, 200) } else { (24, 80) };
        master.resize(size(rows, cols)).unwrap();
        thread::sleep(Duration::from_millis(10));
    }
    panic!("the program never blocked writing to the terminal");
}

/// Output stalled (nobody reads the terminal), text typed, then the link drops: the
/// text is kept and the program ends within 3 s.
///
/// Found here: keys typed while the UI thread slept in `draw()` were read but only
/// queued, never applied nor published to the guard, so they were lost.
#[test]
fn stalled_output_then_hangup() {
    let _g = shared();
    let home = Home::new("nghen-treo");
    let mut s = Session::open_at_i2(&home, &[]);
    let before = home.files();
    let resizes = stall(&mut s);
    measure("stall: resizes until the program blocked", resizes);
    let text = "Gõ khi đường truyền nghẽn";
    s.send(text);
    let typed = Instant::now();
    // The program read the keys (they are in it, not in the terminal) …
    s.wait_input_read();
    // … and the hang-up comes 200 ms after typing, as a dropped link right after the
    // last keys (well before the 1 s autosave; a key is not handled the instant it is
    // read).
    while typed.elapsed() < Duration::from_millis(200) {
        thread::sleep(POLL);
    }
    assert!(
        !home.answer().contains(text),
        "autosave ran before the hang-up: the emergency path is not tested"
    );
    let closed = s.hang_up();
    let exit = s.exit_within(closed, Duration::from_secs(3));
    measure("stall+hangup: hang-up → exit", exit);
    let spinning = s.spinning();
    let kept = home.kept(text);
    assert!(
        exit.is_some(),
        "no exit within 3 s of the hang-up ({})",
        spinning.as_deref().unwrap_or("not using CPU")
    );
    assert_eq!(spinning, None);
    home.load();
    home.assert_nothing_deleted(&before);
    assert!(
        kept.is_some(),
        "I2: text typed during the stall is lost (draft answer {:?})",
        home.answer()
    );
}

/// Output stalled, text typed, no hang-up: within 3 s the draft has the text (autosave
/// does not wait for the terminal).
#[test]
fn stalled_output_autosaves_what_was_typed_during_the_stall() {
    let _g = shared();
    let home = Home::new("nghen-luu");
    let mut s = Session::open_at_i2(&home, &[]);
    stall(&mut s);
    let text = "Gõ khi nghẽn vẫn được lưu";
    s.send(text);
    // The input thread read the keys (they are in the program, not in the terminal).
    s.wait_input_read();
    // Deliberately waits: the save thread saves 1.5 s after the last change.
    thread::sleep(Duration::from_secs(3));
    assert!(
        blocked_writing_to_the_terminal(s.pid),
        "the output is no longer stalled: the test does not test the stall"
    );
    assert!(
        home.answer().contains(text),
        "the draft does not have the text typed during the stall: {:?}",
        home.answer()
    );
}

/// Text typed (and shown) before the output stalls is saved while the program sleeps
/// in a write to the terminal, and a hang-up then ends it.
#[test]
fn text_typed_before_a_stall_is_saved_during_it_and_a_hangup_ends_it() {
    let _g = shared();
    let home = Home::new("truoc-nghen");
    let mut s = Session::open_at_i2(&home, &[]);
    let before = home.files();
    let text = "Gõ xong rồi mới nghẽn";
    s.type_visible(text);
    let resizes = stall(&mut s);
    assert!(
        !home.answer().contains(text),
        "autosave ran before the stall: the test does not test the stall"
    );
    measure("stall after typing: resizes until blocked", resizes);
    let start = Instant::now();
    while !home.answer().contains(text) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "nothing saved the text while the output was stalled"
        );
        thread::sleep(POLL);
    }
    measure("stall after typing: blocked → saved", start.elapsed());
    assert!(
        blocked_writing_to_the_terminal(s.pid),
        "the output is no longer stalled: the test does not test the stall"
    );
    let closed = s.hang_up();
    let exit = s.exit_within(closed, Duration::from_secs(3));
    measure("stall after typing: hang-up → exit", exit);
    let spinning = s.spinning();
    assert!(
        exit.is_some(),
        "no exit within 3 s of the hang-up ({})",
        spinning.as_deref().unwrap_or("not using CPU")
    );
    home.assert_invariants(text, &before);
}

// ── Resize storm ────────────────────────────────────────────────────────────────────

const STORM_TEXT: &str = "Bão đổi cỡ cửa sổ mà vẫn gõ được";

/// 100 rounds of resizes to 0×0, 1×1, 20×5, 200×60 and 80×24, typing one character of
/// [`STORM_TEXT`] in each of the first rounds; the program must live through each.
fn resize_storm(s: &mut Session) {
    let text: Vec<char> = STORM_TEXT.chars().collect();
    let sizes = [(0, 0), (1, 1), (5, 20), (60, 200), (24, 80)];
    let start = Instant::now();
    for i in 0..100 {
        for (rows, cols) in sizes {
            s.resize(rows, cols);
        }
        if let Some(c) = text.get(i) {
            s.send(&c.to_string());
        }
        assert!(
            s.child.try_wait().unwrap().is_none(),
            "the program died in the storm (round {i})\n{}",
            s.screen()
        );
    }
    measure("resize storm: 500 resizes while typing", start.elapsed());
}

fn storm_session(home: &Home) -> Session {
    let s = Session::spawn_with(
        home,
        Session::command(&["open", &home.name, "--goto", "i.2"]),
        &[],
        true,
    );
    s.wait_i2();
    s
}

/// The brief's storm: afterwards, with no further key or resize, everything typed is
/// applied and autosaved, and the screen shows it at 80×24; Ctrl-Q quits cleanly.
#[test]
#[ignore = "bug in crossterm 0.29 (not worked around): its mio event source is \
            edge-triggered and returns the first event of a poll, dropping the tty readiness \
            reported with a SIGWINCH: a key typed while SIGWINCH is pending stays unread in \
            the terminal until the next key arrives (in about half the runs one to a few \
            characters; a hang-up in that window loses them). The other half of this bug, a \
            lost final resize leaving the \"too small\" screen up, is worked around: the \
            program looks at the real size while it shows that screen"]
fn resize_storm_including_zero_and_one() {
    let _g = shared();
    let home = Home::new("doi-co");
    let mut s = storm_session(&home);
    resize_storm(&mut s);
    let end = Instant::now();
    while home.answer() != STORM_TEXT {
        assert!(
            end.elapsed() < TIMEOUT,
            "after the storm, with no further key, the draft has {:?}; {} bytes typed are \
             still unread in the terminal",
            home.answer(),
            s.unread_input()
        );
        thread::sleep(POLL);
    }
    measure("resize storm: end → everything autosaved", end.elapsed());
    s.wait_i2();
    s.wait_content(STORM_TEXT);
    s.quit();
    assert_eq!(home.load().answers[ANSWER].text, STORM_TEXT);
}

/// What works in the storm: the program lives through 0×0 and 1×1, keeps every key,
/// and after one more resize to 80×24 and one more key (which release what the bug
/// above holds back) it shows everything, quits cleanly, and everything is saved.
#[test]
fn resize_storm_the_program_lives_and_keeps_every_key() {
    let _g = shared();
    let home = Home::new("doi-co-song");
    let mut s = storm_session(&home);
    let before = home.files();
    resize_storm(&mut s);
    s.resize(24, 80);
    // The key goes after the program has drawn the last size: a key typed while a
    // resize signal is pending is what crossterm holds back (the test above).
    s.wait_i2();
    s.send("!");
    s.wait_content(&format!("{STORM_TEXT}!"));
    assert!(s.child.try_wait().unwrap().is_none(), "the program died");
    s.quit();
    assert_eq!(home.load().answers[ANSWER].text, format!("{STORM_TEXT}!"));
    home.assert_nothing_deleted(&before);
}

/// The window shrinks to 1×1 and is restored to 80×24 at once (a window dragged small
/// and back; a terminal drops what is outside a smaller screen): the program repaints.
///
/// Found here: a quick 80×24 → 1×1 → 80×24 arrives as one Resize(80, 24), and with no
/// change of size since the last frame only changed cells were drawn: the screen
/// stayed blank until Ctrl-L.
#[test]
fn a_shrink_and_restore_repaints_the_screen() {
    let _g = shared();
    let home = Home::new("thu-nho");
    let mut s = Session::open_at_i2(&home, &[]);
    let text = "Chữ trước khi thu nhỏ";
    s.type_visible(text);
    s.resize(1, 1);
    s.resize(24, 80);
    s.wait_for(
        "the screen repainted",
        |t| t.contains("│ I.2 Việc ban hành") && content_squeezed(t).contains(&squeeze(text)),
        Duration::from_secs(3),
    );
    s.quit();
}

/// Ctrl-L ("vẽ lại màn hình") in a terminal that answers a cursor position request at
/// once, as real terminals do: the screen is redrawn and the session goes on. (With
/// ratatui's crossterm backend, `Terminal::clear()` asked the terminal for the cursor
/// position while the input thread held crossterm's event reader: a 2 s freeze, then
/// the session ended with "The cursor position could not be read within a normal
/// duration".)
#[test]
fn ctrl_l_redraws_and_the_session_goes_on() {
    let _g = shared();
    let home = Home::new("ve-lai");
    let mut s = Session::spawn_with(
        &home,
        Session::command(&["open", "ve-lai", "--goto", "i.2"]),
        &[],
        true,
    );
    s.wait_i2();
    s.type_visible("Trước khi vẽ lại");
    s.send(CTRL_L);
    let pressed = Instant::now();
    s.send(", sau khi vẽ lại");
    s.wait_content("Trước khi vẽ lại, sau khi vẽ lại");
    measure("Ctrl-L → next key shown", pressed.elapsed());
    if s.child.try_wait().unwrap().is_some() {
        let raw = lock(&s.raw).clone();
        panic!(
            "the program ended after Ctrl-L:\n{}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(300)..])
        );
    }
    s.quit();
    assert_eq!(home.answer(), "Trước khi vẽ lại, sau khi vẽ lại");
}

// ── 10 MB paste ─────────────────────────────────────────────────────────────────────

/// The paste as the terminal sends it (lines end in "\r\n", every seventh line
/// decomposed) and the text the answer must then hold (LF, NFC).
fn ten_megabytes() -> (String, String) {
    const TARGET: usize = 10 * 1024 * 1024;
    let mut sent = String::with_capacity(TARGET + TARGET / 4);
    let mut expected = String::with_capacity(TARGET + 1024);
    let mut i = 0;
    while expected.len() < TARGET {
        let line = format!(
            "Dòng {i:06}: Ủy ban nhân dân huyện Tuy Phước đã rà soát, đơn giản hóa thủ tục \
             hành chính theo Nghị quyết số 05-NQ/TU."
        );
        if i % 7 == 3 {
            sent.extend(line.nfd());
        } else {
            sent.push_str(&line);
        }
        expected.push_str(&line);
        sent.push_str("\r\n");
        expected.push('\n');
        i += 1;
    }
    sent.push_str("HẾT-DÁN");
    expected.push_str("HẾT-DÁN");
    (sent, expected)
}

#[test]
#[ignore = "slow in the unoptimised binary that `cargo test` runs: measured 6.4–7.0 s \
            (once 3.8 s) from the end of the paste to X and Ctrl-G handled and drawn, against \
            the 2 s target; 0.83 s with `cargo test --release`. The edit (X) of a 10 MB \
            answer is what costs: a key that changes nothing takes 20 ms"]
fn ten_megabyte_bracketed_paste() {
    let _g = EXCLUSIVE.write().unwrap_or_else(PoisonError::into_inner);
    let home = Home::new("dan-lon");
    let mut s = Session::open_at_i2(&home, &[]);
    let (sent, expected) = ten_megabytes();
    measure("paste: bytes sent", sent.len());

    // Written in chunks from a thread while the reader thread keeps draining output.
    let writer = Arc::clone(&s.writer);
    let start = Instant::now();
    let paster = thread::spawn(move || {
        send(&writer, PASTE_START.as_bytes());
        for chunk in sent.as_bytes().chunks(64 * 1024) {
            send(&writer, chunk);
        }
        send(&writer, PASTE_END.as_bytes());
        Instant::now()
    });
    let delivered = paster.join().unwrap();
    measure("paste: delivering 10 MB", delivered - start);

    // The reaction: "X", then Ctrl-G, whose dialog shows once both keys (and the
    // paste before them) were handled and drawn. They are typed once the paste is
    // on screen, as a person would: keys already waiting when a paste ends came with
    // it and are taken as its text (issue 11, point 4).
    s.wait_for(
        "the end of the paste on screen",
        |t| t.contains("HẾT-DÁN"),
        Duration::from_secs(60),
    );
    s.send("X");
    s.send(CTRL_G);
    s.wait_for(
        "the Ctrl-G dialog after the paste",
        |t| t.contains("Đến bước"),
        Duration::from_secs(60),
    );
    let reaction = delivered.elapsed();
    measure(
        "paste: end of paste → X and Ctrl-G handled and drawn",
        reaction,
    );
    // One more key with 10 MB in the field (a figure only).
    s.send(ESC);
    s.wait_for(
        "the dialog closed",
        |t| !t.contains("Đến bước"),
        Duration::from_secs(60),
    );
    let typed = Instant::now();
    s.send(CTRL_G);
    s.wait_text("Đến bước");
    measure(
        "paste: one more key with 10 MB in the field",
        typed.elapsed(),
    );
    s.send(ESC);
    s.wait_for(
        "the dialog closed",
        |t| !t.contains("Đến bước"),
        Duration::from_secs(60),
    );

    let quit = Instant::now();
    s.send(CTRL_Q);
    if s.exit_within(quit, Duration::from_secs(60)).is_none() {
        panic!("no exit within 60 s of Ctrl-Q after the paste");
    }
    measure("paste: Ctrl-Q → exit", quit.elapsed());
    assert!(s.status.as_ref().unwrap().success(), "{:?}", s.status);

    let read = Instant::now();
    let stored = home.load().answers[ANSWER].text.clone();
    measure("paste: loading the 10 MB draft in the test", read.elapsed());
    assert!(
        stored.len() >= 10 * 1024 * 1024,
        "only {} bytes",
        stored.len()
    );
    assert!(stored.contains('\n'), "no line breaks");
    assert!(!stored.contains('\r'), "a carriage return was kept");
    assert!(unicode_normalization::is_nfc(&stored), "not NFC");
    let want = format!("{expected}X");
    if stored != want {
        let at = stored
            .bytes()
            .zip(want.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(stored.len().min(want.len()));
        panic!(
            "the answer differs from the paste at byte {at} (lengths {} and {})",
            stored.len(),
            want.len()
        );
    }
    assert!(
        reaction <= Duration::from_secs(2),
        "the interface took {reaction:?} after the paste to show a key"
    );
}

/// A long answer (here 70 000 short lines, one screen row each) is shown around the
/// cursor: what is typed at its end is on the screen.
#[test]
fn the_end_of_a_long_answer_is_shown_where_the_cursor_is() {
    let _g = shared();
    let home = Home::new("dai");
    let mut s = Session::open_at_i2(&home, &[]);
    let mut paste = String::from(PASTE_START);
    for i in 0..70_000 {
        paste.push_str(&format!("d{i}\r\n"));
    }
    paste.push_str("CUỐI");
    paste.push_str(PASTE_END);
    s.send(&paste);
    s.send("X");
    s.wait_content("CUỐIX");
    s.quit();
    assert!(home.answer().ends_with("d69999\nCUỐIX"));
}

// ── Decomposed input ────────────────────────────────────────────────────────────────

#[test]
fn decomposed_input_is_stored_composed() {
    let _g = shared();
    let home = Home::new("to-hop");
    let mut s = Session::open_at_i2(&home, &[]);
    let nfd: String = "Việt Nam".nfd().collect();
    assert_eq!(nfd, "Vie\u{0323}\u{0302}t Nam");
    s.send(&nfd);
    s.wait_content("Việt Nam");
    s.quit();
    let stored = home.load().answers[ANSWER].text.clone();
    assert_eq!(stored, "Việt Nam");
    let file = std::fs::read_to_string(home.draft()).unwrap();
    assert!(file.contains("text: \"Việt Nam\""), "{file}");
    assert!(!file.contains("\\u{"), "escaped text in the draft:\n{file}");
}

// ── Two sessions ────────────────────────────────────────────────────────────────────

#[test]
fn a_second_session_sees_who_holds_the_draft() {
    let _g = shared();
    let home = Home::new("hai-phien");
    let mut a = Session::open_at_i2(&home, &[]);
    a.type_visible("Phiên A gõ trước");

    // B: held by A, says so with A's process id; R opens read-only.
    let mut b = Session::spawn(
        &home,
        Session::command(&["open", "hai-phien", "--goto", "i.2"]),
        &[],
    );
    let screen = b.wait_text("Bản nháp đang mở ở phiên khác");
    assert!(
        screen.contains(&a.pid.to_string()),
        "A's pid {} is not shown:\n{screen}",
        a.pid
    );
    b.send("r");
    b.wait_i2();
    b.wait_for(
        "CHỈ ĐỌC in the header",
        |t| t.lines().next().unwrap_or("").contains("CHỈ ĐỌC"),
        TIMEOUT,
    );
    b.send("x");
    b.wait_text("chỉ đọc");
    b.quit();

    // A still works and saves.
    let more = "Phiên A gõ trước, vẫn gõ tiếp";
    a.send(", vẫn gõ tiếp");
    a.wait_content(more);
    let start = Instant::now();
    while !home.answer().contains(more) {
        assert!(
            start.elapsed() < TIMEOUT,
            "A did not save: {:?}",
            home.answer()
        );
        thread::sleep(POLL);
    }
    assert!(!home.answer().contains('x'), "the read-only session wrote");

    // B again: T asks A to save and leave, then opens the draft here.
    let before = home.files();
    let mut b = Session::spawn(
        &home,
        Session::command(&["open", "hai-phien", "--goto", "i.2"]),
        &[],
    );
    b.wait_text("Bản nháp đang mở ở phiên khác");
    let last = "Phiên A gõ trước, vẫn gõ tiếp rồi nhường";
    a.send(" rồi nhường");
    a.wait_content(last);
    assert!(
        !home.answer().contains(last),
        "autosave ran before the take-over"
    );
    b.send("t");
    let pressed = Instant::now();
    let exit = a.exit_within(pressed, Duration::from_secs(5));
    measure("take over: T → A exits", exit);
    measure("take over: A's exit status", &a.status);
    assert!(exit.is_some(), "A did not leave within 5 s");
    b.wait_i2();
    b.wait_content(last);
    measure("take over: T → B shows A's text", pressed.elapsed());
    assert!(!b.header().contains("CHỈ ĐỌC"), "{}", b.header());
    home.assert_invariants(last, &before);
    assert!(home.answer().contains(last));
    b.quit();
}

#[test]
fn after_kill_9_the_next_session_opens_at_once() {
    let _g = shared();
    let home = Home::new("kill-9");
    let mut a = Session::open_at_i2(&home, &[]);
    let saved = "Đã được lưu tự động";
    a.type_visible(saved);
    a.wait_for(
        "\"Chưa lưu\" in the header",
        |t| t.lines().next().unwrap_or("").contains("Chưa lưu"),
        TIMEOUT,
    );
    a.wait_for(
        "\"Đã lưu\" in the header (autosave)",
        |t| t.lines().next().unwrap_or("").contains("Đã lưu"),
        TIMEOUT,
    );
    assert!(home.answer().contains(saved), "{:?}", home.answer());
    a.type_visible(" và phần chưa lưu");
    let before = home.files();
    kill("KILL", a.pid);
    let killed = Instant::now();
    a.exit_within(killed, TIMEOUT)
        .expect("kill -9 did not end A");

    let opened = Instant::now();
    let mut b = Session::spawn(
        &home,
        Session::command(&["open", "kill-9", "--goto", "i.2"]),
        &[],
    );
    let screen = b.wait_for(
        "the draft open in B",
        |t| {
            t.contains("Bản nháp đang mở ở phiên khác")
                || t.contains("Phiên trước còn để lại dữ liệu")
                || (t.contains("│ I.2 Việc ban hành")
                    && content_squeezed(t).contains(&squeeze(saved)))
        },
        TIMEOUT,
    );
    measure("after kill -9: B start → draft shown", opened.elapsed());
    assert!(
        !screen.contains("Bản nháp đang mở ở phiên khác"),
        "a stale lock after kill -9:\n{screen}"
    );
    assert!(
        !screen.contains("Phiên trước còn để lại dữ liệu"),
        "leftovers offered after a kill -9 between saves:\n{screen}"
    );
    assert!(!b.header().contains("CHỈ ĐỌC"), "{}", b.header());
    b.quit();
    home.assert_invariants(saved, &before);
}
