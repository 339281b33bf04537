#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 11, point 8: the attacks of the issue, played on a real server's terms.
//!
//! As a second user (root sets up two ordinary uids; `fs.protected_symlinks` is not
//! relied on): another user reads nothing of a draft; links planted by another user in
//! a shared folder are not written through; with nowhere private to write, the
//! emergency copy goes nowhere shared; a config folder open to others that cannot be
//! closed is said. As the user themselves: a link at each name baocao writes (temp,
//! generation, emergency copy; the lock and the open draft have their own tests), two
//! paths to one draft, a FIFO and a device where a draft is expected, exports that
//! would destroy, a file that is not a draft, a kill in the middle of rotating
//! generations.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use baocao::app::opening::Hitch;
use baocao::app::{Effect, Modal};
use baocao::draft::{Draft, Meta, UnitGroup};
use baocao::store::{self, RealFs, StoreFs, recovery};
use common::pty::{CTRL_S, ENTER, Session, UNIT};
use common::users::{self, OTHER, VICTIM};
use common::{Harness, template};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_baocao")
}

fn chmod(p: &Path, mode: u32) {
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

fn draft() -> Draft {
    Draft::new(
        &template(),
        Meta {
            unit: UNIT.into(),
            group: UnitGroup::III,
            ..Meta::default()
        },
    )
}

fn i2(path: &Path) -> String {
    store::load(path, &[&template()])
        .ok()
        .and_then(|d| d.answer("I.2", "text").map(|a| a.text.clone()))
        .unwrap_or_default()
}

/// A server's layout: a folder everyone may enter, the victim's home in it.
struct Server {
    base: tempfile::TempDir,
}

impl Server {
    fn new() -> Server {
        let base = tempfile::tempdir().unwrap();
        chmod(base.path(), 0o755);
        let home = base.path().join("victim");
        fs::create_dir(&home).unwrap();
        chmod(&home, 0o755);
        users::chown(&home, VICTIM);
        Server { base }
    }

    fn home(&self) -> PathBuf {
        self.base.path().join("victim")
    }

    fn drafts(&self) -> PathBuf {
        self.home().join("config/baocao/drafts")
    }

    /// The victim's environment (as the pty sessions have it).
    fn env(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        common::pty::env_vars(&self.home())
    }

    /// `baocao ARGS` as the victim, under umask 022.
    fn victim(&self, args: &[&str]) -> std::process::Output {
        let mut c = users::command(VICTIM, bin());
        c.args(args).current_dir(self.home());
        for (k, v) in self.env() {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    /// The wizard as the victim, in a pseudo-terminal.
    fn session(&self, args: &[&str]) -> Session {
        let prefix = users::as_user(VICTIM);
        let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
        Session::start_as(&prefix, &self.home(), args, &[])
    }
}

/// Types a sentence into I.2 and saves, twice (so that a generation exists), then
/// quits.
fn edit_twice(s: &mut Session, text: &str) {
    s.send(text);
    s.send(CTRL_S);
    s.wait_text(text);
    s.send(" thêm");
    s.send(CTRL_S);
    s.wait_text("thêm");
    s.quit();
}

#[test]
fn another_user_reads_nothing_of_a_draft_its_generations_or_its_export() {
    if !users::available("another_user_reads_nothing…") {
        return;
    }
    let server = Server::new();
    let out = server.victim(&["new", "tp", "--unit", UNIT, "--group", "III"]);
    assert!(out.status.success(), "{out:?}");
    let mut s = server.session(&["open", "tp", "--goto", "i.2"]);
    s.wait_text("Chào mừng");
    s.send(ENTER);
    s.wait_gone("Chào mừng");
    edit_twice(&mut s, "Số liệu chưa công bố");
    let export = server.home().join("bao-cao.docx");
    let out = server.victim(&["export", "tp", "--to", &export.display().to_string()]);
    assert!(out.status.success(), "{out:?}");

    let drafts = server.drafts();
    let files = [
        drafts.join("tp.ron"),
        store::generation_path(&drafts.join("tp.ron"), 1),
        server.home().join("config/baocao/settings.ron"),
        export.clone(),
    ];
    for f in &files {
        assert!(f.is_file(), "{} was written", f.display());
        assert!(
            users::can_read(VICTIM, f),
            "the victim reads {}",
            f.display()
        );
        assert!(
            !users::can_read(OTHER, f),
            "another user read {}",
            f.display()
        );
    }
    for d in [&drafts, &server.home().join("config/baocao")] {
        assert!(
            !users::can_list(OTHER, d),
            "another user listed {}",
            d.display()
        );
    }
    assert!(i2(&drafts.join("tp.ron")).contains("Số liệu chưa công bố"));
}

#[test]
fn links_planted_by_another_user_in_a_shared_folder_are_not_written_through() {
    if !users::available("links_planted_by_another_user…") {
        return;
    }
    let server = Server::new();
    let shared = server.base.path().join("chung");
    fs::create_dir(&shared).unwrap();
    chmod(&shared, 0o1777);
    // The victim's own files, which the links point at.
    let bashrc = server.home().join(".bashrc");
    let notes = server.home().join("ghi-chu.txt");
    for f in [&bashrc, &notes] {
        fs::write(f, "của nạn nhân\n").unwrap();
        users::chown(f, VICTIM);
    }
    // The victim's draft in the shared folder.
    let path = shared.join("tp.ron");
    store::save_copy(&path, &draft()).unwrap();
    users::chown(&path, VICTIM);
    // The other user plants links at the names baocao writes beside it.
    for (name, target) in [
        ("tp.ron.lock", &bashrc),
        ("tp.ron.~1~", &notes),
        ("tp.ron.~2~", &bashrc),
        ("tp.ron.emergency", &bashrc),
    ] {
        let out = users::command(OTHER, "ln")
            .arg("-s")
            .arg(target)
            .arg(shared.join(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let welcomed = server.home().join("config/baocao");
    fs::create_dir_all(&welcomed).unwrap();
    fs::write(welcomed.join("settings.ron"), "Settings(welcomed: true)\n").unwrap();
    Command::new("chown")
        .args(["-R", &format!("{VICTIM}:{VICTIM}")])
        .arg(server.home().join("config"))
        .status()
        .unwrap();

    let mut s = server.session(&["open", &path.display().to_string(), "--goto", "i.2"]);
    // The lock's name is taken by the link: said, not written through.
    s.wait_text("Không tạo được tệp khoá");
    edit_twice(&mut s, "Trong thư mục chung");
    for f in [&bashrc, &notes] {
        assert_eq!(
            fs::read_to_string(f).unwrap(),
            "của nạn nhân\n",
            "{}",
            f.display()
        );
    }
    assert!(i2(&path).contains("Trong thư mục chung"));
    assert!(
        !users::can_read(OTHER, &path),
        "the draft is the victim's alone"
    );
}

#[test]
fn with_nowhere_private_to_write_the_emergency_copy_goes_nowhere_shared() {
    if !users::available("with_nowhere_private_to_write…") {
        return;
    }
    let server = Server::new();
    let out = server.victim(&["new", "tp", "--unit", UNIT, "--group", "III"]);
    assert!(out.status.success(), "{out:?}");
    let welcomed = server.home().join("config/baocao/settings.ron");
    fs::write(&welcomed, "Settings(welcomed: true)\n").unwrap();
    // A shared temp folder with a link planted at the old fixed name.
    let tmp = server.base.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    chmod(&tmp, 0o1777);
    let loot = server.base.path().join("loot");
    fs::write(&loot, "").unwrap();
    users::chown(&loot, OTHER);
    chmod(&loot, 0o666);
    symlink(&loot, tmp.join("tp.ron.emergency")).unwrap();

    let prefix = users::as_user(VICTIM);
    let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
    let tmpdir = tmp.display().to_string();
    let mut s = Session::start_as(
        &prefix,
        &server.home(),
        &["open", "tp", "--goto", "i.2"],
        &[("TMPDIR", &tmpdir)],
    );
    s.wait_text(" baocao │ ");
    // Nothing the victim can write: the drafts folder and the home folder are closed.
    chmod(&server.drafts(), 0o500);
    chmod(&server.home(), 0o555);
    s.send("Không nơi nào ghi được");
    s.wait_text("Không nơi nào ghi được");
    let pid = s.child.process_id().unwrap();
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(pid as i32).unwrap(),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    let status = s.wait_exit();
    assert!(!status.success());
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("KHÔNG lưu được"), "{raw}");
    chmod(&server.drafts(), 0o700);
    chmod(&server.home(), 0o755);
    assert_eq!(
        fs::read_to_string(&loot).unwrap(),
        "",
        "written through the link"
    );
    let entries: Vec<_> = fs::read_dir(&tmp).unwrap().flatten().collect();
    assert_eq!(
        entries.len(),
        1,
        "nothing new in the shared folder: {entries:?}"
    );
}

#[test]
fn a_config_folder_open_to_others_that_cannot_be_closed_is_said() {
    if !users::available("a_config_folder_open_to_others…") {
        return;
    }
    let server = Server::new();
    // Left by an administrator's script: the user's baocao folder owned by root, 0777.
    let cfg = server.home().join("config/baocao");
    fs::create_dir_all(&cfg).unwrap();
    users::chown(&server.home().join("config"), VICTIM);
    chmod(&cfg, 0o777);
    let out = server.victim(&["new", "tp", "--unit", UNIT, "--group", "III"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chmod 700") && err.contains("777"), "{err}");
    assert!(
        !cfg.join("drafts/tp.ron").exists(),
        "no draft made in the open folder"
    );
}

/// A file system whose first temp name is already taken by a file someone else put
/// there (a guessed name).
struct TakenName(std::cell::RefCell<Option<PathBuf>>);

impl StoreFs for TakenName {
    fn create_new(&self, path: &Path) -> std::io::Result<fs::File> {
        if self.0.borrow().is_none() {
            fs::write(path, "không phải của baocao").unwrap();
            *self.0.borrow_mut() = Some(path.to_path_buf());
            return Err(std::io::ErrorKind::AlreadyExists.into());
        }
        RealFs.create_new(path)
    }
    fn write_all(&self, f: &mut fs::File, b: &[u8]) -> std::io::Result<()> {
        RealFs.write_all(f, b)
    }
    fn sync(&self, f: &fs::File) -> std::io::Result<()> {
        RealFs.sync(f)
    }
    fn set_permissions(&self, f: &fs::File, p: fs::Permissions) -> std::io::Result<()> {
        RealFs.set_permissions(f, p)
    }
    fn rename(&self, a: &Path, b: &Path) -> std::io::Result<()> {
        RealFs.rename(a, b)
    }
    fn hard_link(&self, a: &Path, b: &Path) -> std::io::Result<()> {
        RealFs.hard_link(a, b)
    }
    fn sync_dir(&self, d: &Path) -> std::io::Result<()> {
        RealFs.sync_dir(d)
    }
    fn remove(&self, p: &Path) -> std::io::Result<()> {
        RealFs.remove(p)
    }
}

#[test]
fn a_file_at_a_temp_name_is_left_alone_and_the_save_still_happens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tp.ron");
    let fs_ = TakenName(std::cell::RefCell::new(None));
    let mut d = draft();
    d.set_answer("I.2", "text", "Lưu được".into());
    store::save_with(&fs_, &path, &d).unwrap();
    let taken = fs_.0.take().expect("a temp name was taken");
    assert_eq!(fs::read_to_string(&taken).unwrap(), "không phải của baocao");
    assert_eq!(i2(&path), "Lưu được");
}

#[test]
fn links_at_a_generations_or_an_emergency_copys_name_are_replaced_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("bashrc");
    fs::write(&precious, "alias ll='ls -l'\n").unwrap();
    let path = dir.path().join("tp.ron");
    store::save(&path, &draft()).unwrap();
    for n in 1..=store::GENERATIONS {
        symlink(&precious, store::generation_path(&path, n)).unwrap();
    }
    symlink(&precious, recovery::emergency_path(&path)).unwrap();
    let mut d = draft();
    for text in ["một", "hai", "ba", "bốn"] {
        d.set_answer("I.2", "text", text.into());
        store::save(&path, &d).unwrap();
    }
    store::save_copy(&recovery::emergency_path(&path), &d).unwrap();
    assert_eq!(fs::read_to_string(&precious).unwrap(), "alias ll='ls -l'\n");
    for n in 1..=store::GENERATIONS {
        let g = store::generation_path(&path, n);
        assert!(
            fs::symlink_metadata(&g).unwrap().is_file(),
            "{}",
            g.display()
        );
    }
    assert_eq!(i2(&store::generation_path(&path, 1)), "ba");
    assert_eq!(i2(&recovery::emergency_path(&path)), "bốn");
}

#[test]
fn a_draft_reached_by_a_second_path_sees_the_first_sessions_lock() {
    let a = Harness::district(Some("i.2"));
    let path = a.path("tp");
    // The drafts folder through a link (a user's shortcut, a bind of the same folder).
    let alias = a.dir.path().join("loi-tat");
    symlink(path.parent().unwrap(), &alias).unwrap();
    let mut b = a.second();
    b.open_at(&alias.join("tp.ron").display().to_string(), None);
    assert!(
        matches!(
            &b.app.modal,
            Some(Modal::Hitch {
                hitch: Hitch::Locked { .. },
                ..
            })
        ),
        "{:?}",
        b.app.modal
    );
}

#[test]
fn opening_a_file_that_is_not_a_draft_leaves_nothing_beside_it() {
    let mut h = Harness::new();
    let notes = h.dir.path().join("ghi-chu.ron");
    fs::write(&notes, "Không phải bản nháp\n").unwrap();
    for target in [notes.clone(), PathBuf::from("/dev/null")] {
        h.perform(Effect::Open {
            name: target.display().to_string(),
            goto: None,
            mode: Default::default(),
        });
        assert!(h.app.wizard().is_none());
        assert!(
            !store::lock::lock_path(&target).exists(),
            "{}",
            target.display()
        );
    }
    let left: Vec<_> = fs::read_dir(h.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter().all(|n| !n.to_string_lossy().contains(".lock")),
        "{left:?}"
    );
}

fn mkfifo(path: &Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
}

/// Runs `baocao ARGS` and fails if it takes more than 5 s (a blocking read of a FIFO
/// would hang it forever).
fn quickly(cfg: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("XDG_CONFIG_HOME", cfg)
        .env("LANG", "vi_VN.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("baocao {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_or_a_device_where_a_draft_is_expected_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let store = baocao::store::Store {
        root: cfg.join("baocao"),
    };
    store.create("tot", &draft()).unwrap();
    let fifo = store.drafts_dir().join("ong.ron");
    mkfifo(&fifo);
    let out = quickly(&cfg, &["list"]);
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("tot") && !listed.contains("ong"),
        "{listed}"
    );
    for args in [
        vec!["check", "ong"],
        vec!["show", "ong"],
        vec!["check", "/dev/zero"],
    ] {
        let out = quickly(&cfg, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("không phải tệp bản nháp"), "{args:?}: {err}");
    }
    // Exported to a FIFO or a device: refused, and the FIFO is still a FIFO.
    let out_fifo = dir.path().join("ra.md");
    mkfifo(&out_fifo);
    for to in [out_fifo.display().to_string(), "/dev/null".to_string()] {
        let out = quickly(&cfg, &["export", "tot", "--to", &to]);
        assert!(!out.status.success(), "{to}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::symlink_metadata(&out_fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // The start screen lists the real draft and quits at once.
    let home = dir.path().join("nha");
    fs::create_dir(&home).unwrap();
    let drafts = home.join("config/baocao/drafts");
    fs::create_dir_all(&drafts).unwrap();
    fs::write(
        home.join("config/baocao/settings.ron"),
        "Settings(welcomed: true)\n",
    )
    .unwrap();
    fs::copy(store.drafts_dir().join("tot.ron"), drafts.join("tot.ron")).unwrap();
    mkfifo(&drafts.join("ong.ron"));
    let mut s = Session::start(&home, &[]);
    s.wait_text("tot");
    assert!(!s.screen().contains("ong"));
    s.send(common::pty::CTRL_Q);
    assert!(s.wait_exit().success());
    // And opening it says what it is, without waiting.
    let mut s = Session::start(&home, &["open", "ong"]);
    s.wait_text("không phải tệp bản nháp");
    s.send(common::pty::CTRL_Q);
    assert!(s.wait_exit().success());
}

#[test]
fn an_export_never_replaces_a_draft_or_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let store = baocao::store::Store {
        root: cfg.join("baocao"),
    };
    let path = store.create("tp", &draft()).unwrap();
    store::save(&path, &draft()).unwrap();
    let before = fs::read(&path).unwrap();
    let disguised = dir.path().join("bao-cao.md");
    fs::copy(&path, &disguised).unwrap();
    for to in [
        path.clone(),
        store::generation_path(&path, 1),
        recovery::emergency_path(&path),
        disguised.clone(),
    ] {
        let to = to.display().to_string();
        let out = quickly(&cfg, &["export", "tp", "--format", "md", "--to", &to]);
        assert!(!out.status.success(), "{to}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Không xuất ra"), "{err}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read(&disguised).unwrap(), before);
    assert!(
        !store::generation_path(&path, 2).exists(),
        "no save happened"
    );
    assert!(!recovery::emergency_path(&path).exists());
}

#[test]
fn a_kill_while_generations_rotate_leaves_no_gap() {
    for point in ["rotate-2", "rotate-1"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut d = draft();
        for n in 0..=store::GENERATIONS {
            d.set_answer("I.2", "text", format!("lần {n}"));
            store::save(&path, &d).unwrap();
        }
        let status = Command::new(bin())
            .arg("save-loop")
            .arg(&path)
            .env("BAOCAO_CRASH_AT", point)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(!status.success(), "{point}: the crash point was reached");
        assert_eq!(i2(&path), format!("lần {}", store::GENERATIONS), "{point}");
        for n in 1..=store::GENERATIONS {
            let g = store::generation_path(&path, n);
            assert!(
                store::load(&g, &[&template()]).is_ok(),
                "{point}: generation {n} is missing or broken"
            );
        }
    }
}

#[test]
fn a_lock_name_holding_someone_elses_file_is_not_read_or_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("tp.ron");
    store::save(&draft, &self::draft()).unwrap();
    let lock = store::lock::lock_path(&draft);
    // A second name of a precious file at the lock's name.
    let precious = dir.path().join("bashrc");
    fs::write(&precious, "alias ll='ls -l'\n").unwrap();
    fs::hard_link(&precious, &lock).unwrap();
    assert!(store::lock::acquire(&draft).is_err());
    assert_eq!(fs::read_to_string(&precious).unwrap(), "alias ll='ls -l'\n");
    fs::remove_file(&lock).unwrap();
    // A FIFO there: refused at once, not waited on.
    mkfifo(&lock);
    let start = Instant::now();
    assert!(store::lock::acquire(&draft).is_err());
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn two_files_set_aside_under_the_same_name_are_both_kept() {
    let mut h = Harness::new();
    let a = h.dir.path().join("a");
    let b = h.dir.path().join("b");
    for (d, text) in [(&a, "một"), (&b, "hai")] {
        fs::create_dir(d).unwrap();
        fs::write(d.join("tp.ron.emergency"), text).unwrap();
    }
    h.perform(Effect::SetAside {
        paths: vec![a.join("tp.ron.emergency"), b.join("tp.ron.emergency")],
    });
    let kept: Vec<String> = fs::read_dir(h.performer.store.root.join("recovered"))
        .unwrap()
        .flatten()
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
}

#[test]
fn drafts_of_one_name_in_two_folders_have_their_own_home_emergency_copy() {
    let home = Path::new("/home/a");
    let one = recovery::home_emergency_path(home, Path::new("/srv/x/tp.ron"));
    let two = recovery::home_emergency_path(home, Path::new("/srv/y/tp.ron"));
    assert_ne!(one, two);
    assert!(one.starts_with(home) && one.to_string_lossy().ends_with(".emergency"));
    assert_eq!(
        one,
        recovery::home_emergency_path(home, Path::new("/srv/x/tp.ron"))
    );
}
