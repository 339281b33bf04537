//! What a user on a slow SSH link pays: the real release binary in a pseudo-terminal,
//! measured as an SSH server sees it (bytes read from the pty master).
//!
//! For the sample district report and for a consolidated draft of 10,000 table rows,
//! at 80×24 and 200×50: time to the first full frame; bytes written per typed character
//! in a narrative step, per cell move and per digit typed in a table (median and 95th
//! percentile); the time from a key to the first byte of its echo; bytes, CPU time and
//! wake-ups while idle for 5 s once the autosave after typing has settled; peak RSS.
//!
//! First, one Phụ lục 1 row of six figures typed into a new district draft at 80×24,
//! beside `sc` typing the same row in the same run (targets: ≤ 1,000 bytes for the
//! row, ≤ 16 bytes per digit median).
//!
//! Run: `cargo bench --bench pty` (builds the release binary first). Prints a Markdown
//! table. Targets (2 cores): first frame < 50 ms; typed character median ≤ 12 bytes;
//! latency median < 10 ms with 10,000 rows; idle 0 bytes and < 10 ms CPU; RSS < 30 MB.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Output is "quiet" (a frame is done) after this long without bytes.
const QUIET: Duration = Duration::from_millis(60);

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    bytes: Receiver<(Instant, usize)>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    pid: u32,
}

impl Session {
    fn spawn(bin: &Path, config: &Path, args: &[&str], size: (u16, u16)) -> (Session, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: size.1,
                cols: size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.env("XDG_CONFIG_HOME", config);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("LC_ALL", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let pid = child.process_id().unwrap();
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), n)).is_err() {
                    return;
                }
            }
        });
        (
            Session {
                child,
                writer,
                bytes: rx,
                _master: pair.master,
                pid,
            },
            started,
        )
    }

    /// Bytes until the output has been quiet for [`QUIET`]; the first and last byte's
    /// times.
    fn drain(&self, max: Duration) -> (usize, Option<Instant>, Option<Instant>) {
        self.drain_quiet(max, QUIET)
    }

    /// Like [`Session::drain`] with another quiet time (a start reads the draft between
    /// its first bytes and its first frame, longer than a key's quiet time).
    fn drain_quiet(
        &self,
        max: Duration,
        quiet: Duration,
    ) -> (usize, Option<Instant>, Option<Instant>) {
        let end = Instant::now() + max;
        let (mut n, mut first, mut last) = (0, None, None);
        loop {
            let wait = if first.is_none() {
                end.saturating_duration_since(Instant::now())
            } else {
                quiet
            };
            match self.bytes.recv_timeout(wait) {
                Ok((t, k)) => {
                    n += k;
                    first.get_or_insert(t);
                    last = Some(t);
                }
                Err(_) => return (n, first, last),
            }
        }
    }

    fn send(&mut self, s: &str) -> Instant {
        let t = Instant::now();
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        t
    }

    /// (bytes, ms to first byte) for one key.
    fn key(&mut self, s: &str) -> (usize, f64) {
        let sent = self.send(s);
        let (n, first, _) = self.drain(Duration::from_secs(2));
        let latency = first.map_or(f64::NAN, |f| (f - sent).as_secs_f64() * 1000.0);
        (n, latency)
    }

    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        let after = stat.rsplit(')').next().unwrap_or("");
        let f: Vec<&str> = after.split_whitespace().collect();
        f.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
            + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
    }

    fn wakeups(&self) -> u64 {
        // Voluntary and involuntary context switches of every thread.
        let mut total = 0;
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", self.pid)) {
            for t in tasks.flatten() {
                let s = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
                for l in s.lines() {
                    if l.starts_with("voluntary_ctxt_switches")
                        || l.starts_with("nonvoluntary_ctxt_switches")
                    {
                        total += l
                            .split_whitespace()
                            .nth(1)
                            .and_then(|v| v.parse::<u64>().ok())
                            .unwrap_or(0);
                    }
                }
            }
        }
        total
    }

    fn peak_rss_kb(&self) -> u64 {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        s.lines()
            .find(|l| l.starts_with("VmHWM"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    fn quit(mut self) {
        self.send("\x11");
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            let _ = self.drain(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (pick(0.5), pick(0.95))
}

struct Row {
    draft: &'static str,
    size: (u16, u16),
    first_frame_ms: f64,
    typed: (f64, f64),
    moves: (f64, f64),
    digits: (f64, f64),
    latency: (f64, f64),
    move_latency: (f64, f64),
    digit_latency: (f64, f64),
    idle_bytes: usize,
    idle_cpu_ms: f64,
    idle_wakeups: u64,
    rss_mb: f64,
}

fn measure(bin: &Path, config: &Path, name: &'static str, size: (u16, u16)) -> Row {
    // Narrative step: first frame, typing, idle.
    let (mut s, started) = Session::spawn(bin, config, &["open", name, "--goto", "iv"], size);
    let (_, _, last) = s.drain_quiet(Duration::from_secs(10), Duration::from_millis(300));
    let first_frame_ms = last.map_or(f64::NAN, |l| (l - started).as_secs_f64() * 1000.0);
    let mut typed = Vec::new();
    let mut latency = Vec::new();
    for c in "Ủy ban nhân dân huyện đã triển khai".chars() {
        let (n, l) = s.key(&c.to_string());
        typed.push(n as f64);
        latency.push(l);
    }
    // Let the autosave after typing settle, then watch an idle terminal.
    thread::sleep(Duration::from_millis(2500));
    let _ = s.drain(Duration::from_millis(100));
    let (cpu0, wake0) = (s.cpu_ticks(), s.wakeups());
    let idle_start = Instant::now();
    let mut idle_bytes = 0;
    while idle_start.elapsed() < Duration::from_secs(5) {
        let (n, _, _) = s.drain(Duration::from_millis(500));
        idle_bytes += n;
    }
    let ticks = s.cpu_ticks() - cpu0;
    let idle_wakeups = s.wakeups().saturating_sub(wake0);
    let tick_ms = 1000.0 / 100.0;
    s.quit();

    // Table step: cell moves and digits.
    let (mut s, _) = Session::spawn(bin, config, &["open", name, "--goto", "pl1"], size);
    let _ = s.drain(Duration::from_secs(10));
    let mut digits = Vec::new();
    let mut digit_latency = Vec::new();
    for d in "1234567890".chars() {
        let (n, l) = s.key(&d.to_string());
        digits.push(n as f64);
        digit_latency.push(l);
    }
    s.key("\x1b");
    let mut moves = Vec::new();
    let mut move_latency = Vec::new();
    for k in [
        "\x1b[B", "\x1b[B", "\x1b[B", "\x1b[C", "\x1b[C", "\x1b[A", "\x1b[D", "\x1b[B", "\x1b[C",
        "\x1b[A",
    ] {
        let (n, l) = s.key(k);
        moves.push(n as f64);
        move_latency.push(l);
    }
    let rss_mb = s.peak_rss_kb() as f64 / 1024.0;
    s.quit();
    Row {
        draft: name,
        size,
        first_frame_ms,
        typed: stats(typed),
        moves: stats(moves),
        digits: stats(digits),
        latency: stats(latency),
        move_latency: stats(move_latency),
        digit_latency: stats(digit_latency),
        idle_bytes,
        idle_cpu_ms: ticks as f64 * tick_ms,
        idle_wakeups,
        rss_mb,
    }
}

/// The six figures of one Phụ lục 1 row, (3) to (8): (3) = (4)+(5)+(6)+(7)+(8).
const ROW: [&str; 6] = ["1250", "800", "300", "100", "30", "20"];

/// Bytes of one row typed: the total (every digit and Tab, then whatever follows in
/// the next 1.5 s: the sums after the last commit and the autosave's «Đã lưu»), the
/// median per digit, and the median per Tab (a commit and a move).
struct RowCost {
    total: usize,
    digit: f64,
    step: f64,
    digit_latency: f64,
    /// Median bytes of a cell move (the arrow keys of [`MOVES`]) after the row.
    moves: f64,
}

/// Arrow keys moving the selection after a row is typed: down, right, up, left.
const MOVES: [&str; 10] = [
    "\x1b[B", "\x1b[B", "\x1b[A", "\x1b[C", "\x1b[C", "\x1b[A", "\x1b[D", "\x1b[B", "\x1b[C",
    "\x1b[A",
];

/// Median bytes of the moves of [`MOVES`].
fn moves(s: &mut Session) -> f64 {
    stats(MOVES.iter().map(|k| s.key(k).0 as f64).collect()).0
}

/// Types [`ROW`] with `between` after each figure, the keys one write each.
fn type_row(s: &mut Session, between: &str) -> RowCost {
    let (mut total, mut digits, mut steps, mut lat) = (0, Vec::new(), Vec::new(), Vec::new());
    for figure in ROW {
        for d in figure.chars() {
            let (n, l) = s.key(&d.to_string());
            total += n;
            digits.push(n as f64);
            lat.push(l);
        }
        let (n, _) = s.key(between);
        total += n;
        steps.push(n as f64);
    }
    total += s
        .drain_quiet(Duration::from_millis(1500), Duration::from_millis(1500))
        .0;
    RowCost {
        total,
        digit: stats(digits).0,
        step: stats(steps).0,
        digit_latency: stats(lat).0,
        moves: 0.0,
    }
}

/// A new district draft (`baocao new x --unit "UBND huyện Tuy Phước" --group III`),
/// opened with `--goto pl1` at 80×24: PgUp PgUp Home, then Down to the first row
/// whose column (3) takes input (read from the draft, so the bench does not depend on
/// where the step opens the cursor), Right to (3); then [`ROW`] typed with a Tab after
/// each figure.
fn district_row(bin: &Path, config: &Path) -> RowCost {
    let made = Command::new(bin)
        .args([
            "new",
            "x",
            "--unit",
            "UBND huyện Tuy Phước",
            "--group",
            "III",
        ])
        .env("XDG_CONFIG_HOME", config)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let t = baocao::template::Template::builtin().unwrap();
    let draft = baocao::store::load(&config.join("baocao/drafts/x.ron"), &[&t]).unwrap();
    let eval = baocao::rules::evaluate(&t, &draft);
    let col = t.table("pl1").unwrap().column_index("3").unwrap();
    let rows = &eval.sheet("pl1").unwrap().rows;
    let row = (0..rows.len())
        .find(|&r| rows[r].cells[col].is_input())
        .unwrap();
    let (mut s, _) = Session::spawn(bin, config, &["open", "x", "--goto", "pl1"], (80, 24));
    let _ = s.drain(Duration::from_secs(10));
    for k in ["\x1b[5~", "\x1b[5~", "\x1b[H"] {
        s.key(k);
    }
    for _ in 0..row {
        s.key("\x1b[B");
    }
    for _ in 0..col {
        s.key("\x1b[C");
    }
    let mut cost = type_row(&mut s, "\t");
    cost.moves = moves(&mut s);
    s.quit();
    cost
}

/// `sc` (the classic terminal spreadsheet) typing the same row at 80×24, started with
/// `-n` (a digit starts a number) and `-C` (Enter moves right): the figures with Enter
/// after each. `None` when sc is not installed.
fn sc_row(config: &Path) -> Option<RowCost> {
    let sc = Path::new("/usr/bin/sc");
    if !sc.exists() {
        return None;
    }
    let (mut s, _) = Session::spawn(sc, config, &["-n", "-C"], (80, 24));
    let _ = s.drain_quiet(Duration::from_secs(10), Duration::from_millis(300));
    let mut cost = type_row(&mut s, "\r");
    cost.moves = moves(&mut s);
    // sc quits with q, then asks nothing for an unsaved sheet only with -x; kill it.
    let _ = s.child.kill();
    let _ = s.child.wait();
    Some(cost)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "baocao"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    let bin: PathBuf = root.join("target/release/baocao");
    let config = tempfile::tempdir().unwrap();
    let drafts = config.path().join("baocao/drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(
        config.path().join("baocao/settings.ron"),
        "Settings(welcomed: true)",
    )
    .unwrap();
    std::fs::copy(
        root.join("sample/huyen-tuy-phuoc.ron"),
        drafts.join("huyen-tuy-phuoc.ron"),
    )
    .unwrap();
    let t = baocao::template::Template::builtin().unwrap();
    let big = baocao::synth::consolidated(&t, 10_000, 2048);
    baocao::store::save(&drafts.join("tong-hop-10000.ron"), &big).unwrap();

    let ours = district_row(&bin, config.path());
    let sc = sc_row(config.path());
    println!("One Phụ lục 1 row of six figures at 80×24 (see `district_row`, `sc_row`):\n");
    println!(
        "| program | bytes for the row | bytes/digit (median) | bytes/commit and move (median) | bytes/cell move (median) | key→echo, digit (median) |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| baocao, Tab after each | {} B | {:.0} | {:.0} | {:.0} | {:.1} ms |",
        ours.total, ours.digit, ours.step, ours.moves, ours.digit_latency
    );
    match sc {
        Some(c) => println!(
            "| sc -n -C, Enter after each | {} B | {:.0} | {:.0} | {:.0} | {:.1} ms |",
            c.total, c.digit, c.step, c.moves, c.digit_latency
        ),
        None => println!("| sc | not installed (apt-get install sc) | | | |"),
    }
    println!();
    println!(
        "| draft | size | first frame | bytes/typed char (median / p95) | bytes/cell move | bytes/digit in a cell | key→echo: typing, cell move, digit (median) | idle 5 s: bytes, CPU, wake-ups | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for name in ["huyen-tuy-phuoc", "tong-hop-10000"] {
        for size in [(80, 24), (200, 50)] {
            let r = measure(&bin, config.path(), name, size);
            println!(
                "| {} | {}×{} | {:.1} ms | {:.0} / {:.0} | {:.0} / {:.0} | {:.0} / {:.0} | {:.1}, {:.1}, {:.1} ms | {} B, {:.0} ms, {} | {:.1} MB |",
                r.draft,
                r.size.0,
                r.size.1,
                r.first_frame_ms,
                r.typed.0,
                r.typed.1,
                r.moves.0,
                r.moves.1,
                r.digits.0,
                r.digits.1,
                r.latency.0,
                r.move_latency.0,
                r.digit_latency.0,
                r.idle_bytes,
                r.idle_cpu_ms,
                r.idle_wakeups,
                r.rss_mb
            );
        }
    }
}
