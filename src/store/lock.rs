//! One session per draft: a separate lock file (`NAME.ron.lock`, never the draft,
//! whose inode a save replaces) held with `File::try_lock`. The kernel drops the lock
//! when the holder dies, so kill -9 leaves no stale lock. The file says who holds it:
//! user, host, pid, terminal, since when. Leaving the draft removes the file (while
//! still holding the lock); a session that opened the old file before it went checks,
//! once it holds a lock, that the file is still the one at the path, and else tries
//! again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Who holds a draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    /// Login name.
    pub user: String,
    /// Host name.
    pub host: String,
    /// Process id.
    pub pid: u32,
    /// Terminal ("/dev/pts/3").
    pub tty: String,
    /// When it was opened, in seconds since 1970 (written cheaply: reading the time
    /// zone would slow every start; see [`Holder::since_text`]).
    pub since: String,
}

impl Holder {
    /// This process.
    pub fn me() -> Holder {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| format!("uid {}", rustix::process::getuid().as_raw()));
        let host = rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned();
        let tty = rustix::termios::ttyname(rustix::stdio::stdin(), Vec::new())
            .map(|t| t.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "-".into());
        Holder {
            user,
            host,
            pid: std::process::id(),
            tty,
            since: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
                .to_string(),
        }
    }

    /// When it was opened, as local time ("05/09/2024 14:32").
    pub fn since_text(&self) -> String {
        self.since
            .parse::<u64>()
            .ok()
            .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
            .map_or_else(|| self.since.clone(), crate::localtime::date_time)
    }

    fn to_text(&self) -> String {
        format!(
            "user={}\nhost={}\npid={}\ntty={}\nsince={}\n",
            self.user, self.host, self.pid, self.tty, self.since
        )
    }

    fn parse(text: &str) -> Holder {
        let mut h = Holder::default();
        for line in text.lines() {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            match k {
                "user" => h.user = v.into(),
                "host" => h.host = v.into(),
                "pid" => h.pid = v.parse().unwrap_or(0),
                "tty" => h.tty = v.into(),
                "since" => h.since = v.into(),
                _ => {}
            }
        }
        h
    }
}

/// A held lock; dropping it removes the lock file and releases the draft.
#[derive(Debug)]
pub struct DraftLock {
    _file: File,
    /// The lock file.
    pub path: PathBuf,
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Removed while still locked (the file closes after this), so that nobody can
        // take a file that is about to go; see `acquire` for one opened just before.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Why a draft could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another session holds it.
    Held(Holder),
    /// The lock file could not be made.
    Io(PathBuf, io::Error),
}

/// `NAME.ron.lock` beside the real file: a draft reached through a link, or through
/// another path to the same folder, has one lock whatever path was used.
pub fn lock_path(draft: &Path) -> PathBuf {
    let real = std::fs::canonicalize(draft).unwrap_or_else(|_| draft.to_path_buf());
    let mut s = real.into_os_string();
    s.push(".lock");
    PathBuf::from(s)
}

/// Takes the draft for this session, or says who has it.
pub fn acquire(draft: &Path) -> Result<DraftLock, LockError> {
    let path = lock_path(draft);
    // A file removed by its holder between our open and our lock is not the lock any
    // more: open again (a few times; each round means another session came and went).
    for _ in 0..8 {
        if let Some(lock) = try_acquire(&path)? {
            return Ok(lock);
        }
    }
    Err(LockError::Io(
        path,
        io::Error::other("the lock file kept being replaced"),
    ))
}

/// Whether the open `file` is the file now at `path`.
fn is_current(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    match std::fs::metadata(path) {
        Ok(now) => Ok(now.dev() == open.dev() && now.ino() == open.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// One attempt: the lock, or `None` when the file was removed under us.
fn try_acquire(path: &Path) -> Result<Option<DraftLock>, LockError> {
    let io_err = |e| LockError::Io(path.to_path_buf(), e);
    // The user's alone, and never through a link planted at its name; a FIFO there
    // does not block the open.
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(io_err)?;
    // Only a lock of the user's own is read and rewritten: a file someone else put at
    // its name (in a shared folder) could say any pid, or be a second name of a file
    // that emptying it would destroy.
    {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata().map_err(io_err)?;
        let mine = meta.uid() == rustix::process::geteuid().as_raw();
        if !meta.is_file() || !mine || meta.nlink() != 1 {
            return Err(io_err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "not a lock file of this user's (a file or a link someone else put there)",
            )));
        }
    }
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(LockError::Held(Holder::parse(&text)));
        }
        Err(TryLockError::Error(e)) => return Err(io_err(e)),
    }
    if !is_current(&file, path).map_err(io_err)? {
        return Ok(None);
    }
    let info = Holder::me().to_text();
    // Not synced: the lock itself is the kernel's, the text only says who holds it.
    let written = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(info.as_bytes()));
    written.map_err(io_err)?;
    Ok(Some(DraftLock {
        _file: file,
        path: path.to_path_buf(),
    }))
}

/// Asks the holding session to save and leave (SIGTERM), when it runs on this host.
pub fn ask_to_leave(holder: &Holder) -> bool {
    let here = Holder::me();
    if holder.host != here.host || holder.pid == 0 || holder.pid == here.pid {
        return false;
    }
    let Some(pid) = rustix::process::Pid::from_raw(holder.pid as i32) else {
        return false;
    };
    // Only a baocao of this user's: the pid is what the lock file says, and nothing
    // else of theirs is to be stopped because a file says so.
    if !is_my_baocao(holder.pid) {
        return false;
    }
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).is_ok()
}

/// Whether `pid` is a baocao process of this user (by /proc).
fn is_my_baocao(pid: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = PathBuf::from(format!("/proc/{pid}"));
    let mine =
        std::fs::metadata(&dir).is_ok_and(|m| m.uid() == rustix::process::geteuid().as_raw());
    let name = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
    mine && name.trim_end() == "baocao"
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn leaving_removes_the_lock_file_and_the_draft_can_be_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("tp.ron");
        let lock = acquire(&draft).unwrap();
        assert!(lock_path(&draft).exists());
        assert!(matches!(acquire(&draft), Err(LockError::Held(_))));
        drop(lock);
        assert!(!lock_path(&draft).exists(), "a stale lock file is left");
        let again = acquire(&draft).unwrap();
        assert!(lock_path(&draft).exists());
        drop(again);
        assert!(!lock_path(&draft).exists());
    }

    #[test]
    fn a_lock_file_removed_after_it_was_opened_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("tp.ron");
        let path = lock_path(&draft);
        // Another session opened the file, then its holder left (removing it).
        std::fs::write(&path, "").unwrap();
        let old = File::open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(!is_current(&old, &path).unwrap());
        let lock = acquire(&draft).unwrap();
        assert!(is_current(&lock._file, &path).unwrap());
    }
}
