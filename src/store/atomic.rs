//! Writing a file so that it is always whole: temp file in the same folder → write →
//! fsync → rename over the target → fsync of the folder. The previous content is kept
//! as the newest of [`GENERATIONS`] numbered generations beside it (`NAME.ron.~1~` …),
//! a symlinked target is written through the link, and the file's mode is kept.
//!
//! Every file-system call goes through [`StoreFs`], so tests can inject ENOSPC, EIO or
//! EROFS at any step; `BAOCAO_CRASH_AT` (after-create, after-write, after-fsync,
//! after-rename) aborts the process at that point, for crash tests.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::SaveError;
use crate::draft::Draft;

/// How many earlier versions are kept beside a draft.
pub const GENERATIONS: usize = 3;

/// The file-system operations a save needs.
pub trait StoreFs {
    /// Creates a new file (never an existing one) for writing.
    fn create_new(&self, path: &Path) -> io::Result<File>;
    /// Writes all bytes.
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the file to disk.
    fn sync(&self, file: &File) -> io::Result<()>;
    /// Sets the file's permissions.
    fn set_permissions(&self, file: &File, perm: Permissions) -> io::Result<()>;
    /// Renames, replacing the target.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Makes a second name for a file.
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes a folder's entries to disk.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    /// Removes a file.
    fn remove(&self, path: &Path) -> io::Result<()>;
}

/// The real file system.
pub struct RealFs;

impl StoreFs for RealFs {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        private_new(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    fn set_permissions(&self, file: &File, perm: Permissions) -> io::Result<()> {
        file.set_permissions(perm)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// `NAME.ron.~n~`: the n-th newest earlier version of a draft.
pub fn generation_path(path: &Path, n: usize) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(format!(".~{n}~"));
    PathBuf::from(s)
}

/// Aborts here when the crash-test variable names this point.
fn crash_point(name: &str) {
    static AT: OnceLock<Option<String>> = OnceLock::new();
    if AT
        .get_or_init(|| std::env::var("BAOCAO_CRASH_AT").ok())
        .as_deref()
        == Some(name)
    {
        std::process::abort();
    }
}

/// Saves a draft atomically (see the module docs). Text is stored in NFC.
pub fn save(path: &Path, draft: &Draft) -> Result<(), SaveError> {
    save_with(&RealFs, path, draft)
}

/// [`save`] through a given file system.
pub fn save_with(fs: &dyn StoreFs, path: &Path, draft: &Draft) -> Result<(), SaveError> {
    if draft.is_nfc() {
        return write_with(fs, path, super::to_ron(draft).as_bytes(), true);
    }
    let mut normalized = draft.clone();
    normalized.normalize();
    write_with(fs, path, super::to_ron(&normalized).as_bytes(), true)
}

/// Saves a copy of a draft (an emergency copy, a copy elsewhere): atomic, in NFC,
/// without generations.
pub fn save_copy(path: &Path, draft: &Draft) -> Result<(), SaveError> {
    let mut normalized = draft.clone();
    normalized.normalize();
    write_with(&RealFs, path, super::to_ron(&normalized).as_bytes(), false)
}

/// Writes any file atomically, without generations (settings, exports).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with(&RealFs, path, bytes, false)
}

/// Creates a file that must not exist yet, readable by its owner only (0600, whatever
/// the umask), never through a link planted at its name.
pub fn private_new(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

/// Creates a folder (and its parents) for the user alone (0700), and tightens one that
/// exists with access for others. An error says which folder could not be made
/// private.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let meta = fs::symlink_metadata(dir)?;
    if meta.permissions().mode() & 0o077 != 0 {
        fs::set_permissions(dir, Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Follows symlinks so that the link survives and its target is updated.
fn final_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(next) => {
                p = if next.is_absolute() {
                    next
                } else {
                    p.parent().unwrap_or(Path::new(".")).join(next)
                };
            }
            Err(_) => break,
        }
    }
    p
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn write_with(fs: &dyn StoreFs, path: &Path, bytes: &[u8], keep: bool) -> Result<(), SaveError> {
    let target = final_target(path);
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        // Created 0600: a draft, its generations, settings and exports are the user's
        // alone, whatever the umask and whatever the file had before.
        let mut f = fs.create_new(&tmp)?;
        crash_point("after-create");
        fs.write_all(&mut f, bytes)?;
        crash_point("after-write");
        fs.sync(&f)?;
        crash_point("after-fsync");
        drop(f);
        if keep && target.exists() {
            rotate(fs, &target);
        }
        fs.rename(&tmp, &target)?;
        crash_point("after-rename");
        fs.sync_dir(&dir)
    })();
    if result.is_err() {
        // The temp file holds nothing the draft does not: a failed save removes it.
        let _ = fs.remove(&tmp);
    }
    result.map_err(err)
}

/// Keeps the current content as generation 1, shifting older ones; the oldest beyond
/// [`GENERATIONS`] is replaced. Failures here never stop the save: generations are a
/// convenience, the draft is what matters.
fn rotate(fs: &dyn StoreFs, target: &Path) {
    for n in (1..GENERATIONS).rev() {
        let from = generation_path(target, n);
        if from.exists() {
            let _ = fs.rename(&from, &generation_path(target, n + 1));
        }
    }
    let first = generation_path(target, 1);
    // A hard link shares the bytes: no copy, no space needed on a full disk.
    let _ = fs.remove(&first);
    if fs.hard_link(target, &first).is_err() {
        let _ = std::fs::copy(target, &first);
    }
}
