//! Two ordinary users of one server, for the tests that play a second user against
//! the first: root runs each command as a numeric uid with `setpriv` (no passwd entry
//! needed). Without root or setpriv the test is skipped with the reason, and fails
//! under `CI=true`, where `.ci/run` runs as root.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

/// The user whose drafts are at stake.
pub const VICTIM: u32 = 47101;
/// Another user on the same server.
pub const OTHER: u32 = 47102;

/// Whether the tests can act as other users; says why not (and fails under CI).
pub fn available(test: &str) -> bool {
    let root = rustix::process::geteuid().is_root();
    let setpriv = Command::new("setpriv").arg("--version").output().is_ok();
    let why = match (root, setpriv) {
        (true, true) => return true,
        (false, _) => "it runs commands as two other users, which needs root",
        (true, false) => "it needs setpriv (util-linux) to run commands as other users",
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: {why}; CI must run it (.ci/run runs as root)"
    );
    println!("skipped {test}: {why}");
    false
}

/// `setpriv` arguments that run a command as `uid` (its own group, no others).
pub fn as_user(uid: u32) -> Vec<String> {
    vec![
        "setpriv".into(),
        format!("--reuid={uid}"),
        format!("--regid={uid}"),
        "--clear-groups".into(),
        "--".into(),
    ]
}

/// A command run as `uid` under umask 022, as a login shell would set it.
pub fn command(uid: u32, program: &str) -> Command {
    let mut c = Command::new("setpriv");
    c.args(&as_user(uid)[1..])
        .args(["sh", "-c", "umask 022; exec \"$0\" \"$@\""])
        .arg(program);
    c
}

/// Gives `path` to `uid`.
pub fn chown(path: &Path, uid: u32) {
    rustix::fs::chown(
        path,
        Some(rustix::fs::Uid::from_raw(uid)),
        Some(rustix::fs::Gid::from_raw(uid)),
    )
    .unwrap();
}

/// Whether `uid` can read `path` (with `cat`, as that user would).
pub fn can_read(uid: u32, path: &Path) -> bool {
    command(uid, "cat")
        .arg(path)
        .output()
        .unwrap()
        .status
        .success()
}

/// Whether `uid` can list the folder `path`.
pub fn can_list(uid: u32, path: &Path) -> bool {
    command(uid, "ls")
        .arg(path)
        .output()
        .unwrap()
        .status
        .success()
}
