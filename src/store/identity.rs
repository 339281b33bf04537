//! Which file a path names, to notice when an open draft is replaced behind the
//! session's back: by another file (another program's save, a copy put over it), by a
//! link, or changed in place. A save replaces the file (new inode), so the identity is
//! taken again after each save of the session's own.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// What a path is now: the name itself (a link or not) and the file it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// The name is a symlink.
    pub link: bool,
    /// The name's own device and inode (the link's when it is one).
    pub name: (u64, u64),
    /// The file's device and inode.
    pub file: (u64, u64),
    /// Its size.
    pub size: u64,
    /// When its content last changed (seconds, nanoseconds).
    pub modified: (i64, i64),
}

impl Identity {
    /// The identity of what is at `path` now; `None` when nothing is there.
    pub fn of(path: &Path) -> Option<Identity> {
        let name = std::fs::symlink_metadata(path).ok()?;
        let file = if name.file_type().is_symlink() {
            std::fs::metadata(path).ok()?
        } else {
            name.clone()
        };
        Some(Identity {
            link: name.file_type().is_symlink(),
            name: (name.dev(), name.ino()),
            file: (file.dev(), file.ino()),
            size: file.len(),
            modified: (file.mtime(), file.mtime_nsec()),
        })
    }
}

/// How the file at a draft's path differs from the one the session opened or saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// It is gone.
    Removed,
    /// A link now stands where the file was (or another link where a link was).
    Link,
    /// Another file was put in its place, or it was changed in place.
    Replaced,
}

/// What changed between `then` (the file as opened or last saved) and `now`; `None`
/// when it is the same file, unchanged.
pub fn compare(then: &Identity, now: Option<&Identity>) -> Option<Change> {
    let now = now?;
    if now == then {
        return None;
    }
    if now.link && (!then.link || now.name != then.name) {
        return Some(Change::Link);
    }
    Some(Change::Replaced)
}

/// [`compare`] with what is at `path` now; a missing file is [`Change::Removed`].
pub fn changed(then: &Identity, path: &Path) -> Option<Change> {
    match Identity::of(path) {
        None => Some(Change::Removed),
        Some(now) => compare(then, Some(&now)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_replaced_file_a_link_and_an_edit_in_place_are_each_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("tp.ron");
        std::fs::write(&p, "a").unwrap();
        let then = Identity::of(&p).unwrap();
        assert_eq!(changed(&then, &p), None);
        // In place, same inode.
        std::fs::write(&p, "ab").unwrap();
        assert_eq!(changed(&then, &p), Some(Change::Replaced));
        let then = Identity::of(&p).unwrap();
        // Another file renamed over it.
        let other = dir.path().join("other");
        std::fs::write(&other, "ab").unwrap();
        std::fs::rename(&other, &p).unwrap();
        assert_eq!(changed(&then, &p), Some(Change::Replaced));
        let then = Identity::of(&p).unwrap();
        // A link put in its place.
        let target = dir.path().join("target");
        std::fs::write(&target, "x").unwrap();
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink(&target, &p).unwrap();
        assert_eq!(changed(&then, &p), Some(Change::Link));
        std::fs::remove_file(&p).unwrap();
        assert_eq!(changed(&then, &p), Some(Change::Removed));
    }
}
