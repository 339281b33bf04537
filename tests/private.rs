#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 11, point 1 (and the link parts of point 2): under the usual umask 022, baocao's
//! folders are 0700 and every file it writes for a draft is 0600 — the draft, its
//! generations, its lock, the settings, an emergency copy and an export; a folder left
//! open to others is tightened; a link planted at the lock's name is not written
//! through. One test: the umask is the process's, so nothing else runs beside it here.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use baocao::draft::{Draft, Meta, UnitGroup};
use baocao::store::{self, Store};
use common::{baocao, template};

fn mode(p: &Path) -> u32 {
    fs::symlink_metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn everything_baocao_writes_is_private_under_umask_022() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
    let home = tempfile::tempdir().unwrap();
    let store = Store {
        root: home.path().join("baocao"),
    };
    let drafts = store.ensure().unwrap();
    assert_eq!(mode(&store.root), 0o700);
    assert_eq!(mode(&drafts), 0o700);

    let draft = Draft::new(
        &template(),
        Meta {
            unit: "UBND huyện Tuy Phước".into(),
            group: UnitGroup::III,
            ..Meta::default()
        },
    );
    let path = store.create("tp", &draft).unwrap();
    assert_eq!(mode(&path), 0o600, "the draft");
    store::save(&path, &draft).unwrap();
    assert_eq!(mode(&path), 0o600, "the draft, saved again");
    assert_eq!(
        mode(&store::generation_path(&path, 1)),
        0o600,
        "a generation"
    );

    // A draft that was 0644 (an older baocao) is 0600 after its next save.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    store::save(&path, &draft).unwrap();
    assert_eq!(mode(&path), 0o600);

    let lock = store::lock::acquire(&path).unwrap();
    let lock_path = store::lock::lock_path(&path);
    assert_eq!(mode(&lock_path), 0o600, "the lock");
    drop(lock);

    store.save_settings(&Default::default()).unwrap();
    assert_eq!(mode(&store.settings_path()), 0o600, "the settings");

    store::save_copy(&store::recovery::emergency_path(&path), &draft).unwrap();
    assert_eq!(
        mode(&store::recovery::emergency_path(&path)),
        0o600,
        "an emergency copy"
    );

    // An export, by the real binary (it inherits the umask).
    let out = home.path().join("bao-cao.docx");
    baocao(home.path())
        .args(["export", "tp", "--to"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(mode(&out), 0o600, "an export");

    // A folder left open to others is tightened.
    fs::set_permissions(&drafts, fs::Permissions::from_mode(0o755)).unwrap();
    store.ensure().unwrap();
    assert_eq!(mode(&drafts), 0o700);

    // A link planted at the lock's name is not followed: its target stays as it was.
    let victim = home.path().join("bashrc");
    fs::write(&victim, "alias ll='ls -l'\n").unwrap();
    let other = store.create("khac", &draft).unwrap();
    symlink(&victim, store::lock::lock_path(&other)).unwrap();
    assert!(store::lock::acquire(&other).is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "alias ll='ls -l'\n");
}
