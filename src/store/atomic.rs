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

/// How a write treats what is at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct How {
    /// Keep the current content as the newest generation.
    pub keep: bool,
    /// Follow a symlink at the path (and write its target) when the link and its
    /// target are the user's own; without it a link at the path is replaced, never
    /// written through.
    pub follow: bool,
}

impl How {
    /// A draft saved in its place: generations kept, the user's own link followed.
    pub const DRAFT: How = How {
        keep: true,
        follow: true,
    };
    /// An export: the user's own link followed, no generations.
    pub const EXPORT: How = How {
        keep: false,
        follow: true,
    };
    /// A copy (emergency, save-as, settings): whatever is at the name is replaced.
    pub const COPY: How = How {
        keep: false,
        follow: false,
    };
}

/// Saves a draft atomically (see the module docs). Text is stored in NFC.
pub fn save(path: &Path, draft: &Draft) -> Result<(), SaveError> {
    save_with(&RealFs, path, draft)
}

/// [`save`] through a given file system.
pub fn save_with(fs: &dyn StoreFs, path: &Path, draft: &Draft) -> Result<(), SaveError> {
    save_how(fs, path, draft, How::DRAFT)
}

/// [`save`], following a link at the path (the user's own) or replacing it.
pub fn save_following(path: &Path, draft: &Draft, follow: bool) -> Result<(), SaveError> {
    let how = How { keep: true, follow };
    save_how(&RealFs, path, draft, how)
}

fn save_how(fs: &dyn StoreFs, path: &Path, draft: &Draft, how: How) -> Result<(), SaveError> {
    write_with(fs, path, stamped(draft).as_bytes(), how)
}

/// The draft's text in NFC, with the time of this save in it.
fn stamped(draft: &Draft) -> String {
    // The tables are shared: the copy costs the answers, not the figures.
    let mut copy = draft.clone();
    copy.saved_at = Some(crate::draft::utc_now(jiff::Unit::Millisecond));
    if !copy.is_nfc() {
        copy.normalize();
    }
    super::to_ron(&copy)
}

/// Saves a copy of a draft (an emergency copy, a copy elsewhere): atomic, in NFC,
/// without generations, replacing (never following) a link at the name.
pub fn save_copy(path: &Path, draft: &Draft) -> Result<(), SaveError> {
    write_with(&RealFs, path, stamped(draft).as_bytes(), How::COPY)
}

/// Writes any file atomically, without generations, as `how` says.
pub fn write_atomic(path: &Path, bytes: &[u8], how: How) -> Result<(), SaveError> {
    write_with(&RealFs, path, bytes, how)
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
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        fs::set_permissions(dir, Permissions::from_mode(0o700))
            .map_err(|source| io::Error::new(source.kind(), NotPrivate { mode, source }))?;
    }
    Ok(())
}

/// A folder open to others that baocao may not close (it is not the user's, or the
/// file system does not allow it): carried inside the `io::Error` of
/// [`private_dir`], so that the message can say so in words.
#[derive(Debug)]
pub struct NotPrivate {
    /// Its mode ("755").
    pub mode: u32,
    /// Why it could not be changed.
    pub source: io::Error,
}

impl std::fmt::Display for NotPrivate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "open to other users (mode {:o}) and cannot be made private: {}",
            self.mode, self.source
        )
    }
}

impl std::error::Error for NotPrivate {}

/// Follows symlinks so that the link survives and its target is updated, but only
/// links that are the user's own and lead to a file of theirs (or to nothing yet): a
/// link someone else planted, or one into someone else's file, is refused.
fn final_target(path: &Path) -> io::Result<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let meta = match fs::symlink_metadata(&p) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        };
        if meta.uid() != me {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} belongs to another user (uid {}): not written",
                    p.display(),
                    meta.uid()
                ),
            ));
        }
        if !meta.file_type().is_symlink() {
            return Ok(p);
        }
        let next = fs::read_link(&p)?;
        p = if next.is_absolute() {
            next
        } else {
            p.parent().unwrap_or(Path::new(".")).join(next)
        };
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of links", path.display()),
    ))
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `.NAME.tmp-…` beside `target`, a name no other save of this or any process uses
/// (pid, a counter and the clock's nanoseconds).
fn temp_name(dir: &Path, target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    dir.join(format!(
        ".{name}.tmp-{}-{}-{nanos:x}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// A new temp file beside `target`. A name already taken (someone put a file or a link
/// there) is left alone and another name tried.
fn create_temp(fs: &dyn StoreFs, dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..16 {
        let tmp = temp_name(dir, target);
        match fs.create_new(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

fn write_with(fs: &dyn StoreFs, path: &Path, bytes: &[u8], how: How) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
        replaced: false,
    };
    let target = if how.follow {
        final_target(path).map_err(err)?
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Created 0600: a draft, its generations, settings and exports are the user's
    // alone, whatever the umask and whatever the file had before.
    let (tmp, mut f) = create_temp(fs, &dir, &target).map_err(err)?;
    let written = (|| {
        crash_point("after-create");
        fs.write_all(&mut f, bytes)?;
        crash_point("after-write");
        fs.sync(&f)?;
        crash_point("after-fsync");
        drop(f);
        if how.keep && fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
            rotate(fs, &dir, &target);
        }
        fs.rename(&tmp, &target)
    })();
    if let Err(e) = written {
        // The temp file is ours and holds nothing the draft does not: a failed save
        // removes it (only it: it was created above, exclusively, and not renamed).
        let _ = fs.remove(&tmp);
        return Err(err(e));
    }
    crash_point("after-rename");
    // Renamed: the temp name is gone (it may be anyone's now) and the file at the
    // path is this save's, whatever the folder's fsync says.
    fs.sync_dir(&dir).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
        replaced: true,
    })
}

/// Keeps the current content as generation 1, shifting older ones; the oldest beyond
/// [`GENERATIONS`] is replaced. Each step puts a second link to the newer file at the
/// older name (made under a temp name, then renamed over it), so that a kill at any
/// point leaves every generation in place: at worst two names hold the same version,
/// never a gap. Failures here never stop the save: generations are a convenience, the
/// draft is what matters.
fn rotate(fs: &dyn StoreFs, dir: &Path, target: &Path) {
    for n in (1..GENERATIONS).rev() {
        let from = generation_path(target, n);
        if fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
            shift(fs, dir, target, &from, &generation_path(target, n + 1));
            crash_point(&format!("rotate-{n}"));
        }
    }
    shift(fs, dir, target, target, &generation_path(target, 1));
}

/// Makes `to` a second name of `from` in one rename: a hard link (no copy, no space
/// needed on a full disk), or a copy where links are not supported.
/// Its temp name is the draft's (`.NAME.ron.tmp-…`), so that one a kill leaves behind
/// is found and offered for cleaning up like any other.
fn shift(fs: &dyn StoreFs, dir: &Path, draft: &Path, from: &Path, to: &Path) {
    for _ in 0..16 {
        // A link is made only at a free name: one already taken is left alone.
        let tmp = temp_name(dir, draft);
        let made = match fs.hard_link(from, &tmp) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => copy_new(from, &tmp).is_ok(),
        };
        if made && fs.rename(&tmp, to).is_err() {
            let _ = fs.remove(&tmp);
        }
        return;
    }
}

/// Copies a regular file to a new private file.
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = super::read::read_regular(from, super::read::MAX_DRAFT_BYTES)
        .map_err(super::read::ReadError::into_io)?;
    let mut f = private_new(to)?;
    f.write_all(&bytes)?;
    f.sync_all()
}
