//! One session per draft: a separate lock file (`NAME.ron.lock`, never the draft,
//! whose inode a save replaces) held with `File::try_lock`. The kernel drops the lock
//! when the holder dies, so kill -9 leaves no stale lock. The file says who holds it:
//! user, host, pid, terminal, since when.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
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

/// A held lock; dropping it releases the draft.
#[derive(Debug)]
pub struct DraftLock {
    _file: File,
    /// The lock file.
    pub path: PathBuf,
}

/// Why a draft could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another session holds it.
    Held(Holder),
    /// The lock file could not be made.
    Io(PathBuf, io::Error),
}

/// `NAME.ron.lock`.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut s = draft.as_os_str().to_os_string();
    s.push(".lock");
    PathBuf::from(s)
}

/// Takes the draft for this session, or says who has it.
pub fn acquire(draft: &Path) -> Result<DraftLock, LockError> {
    let path = lock_path(draft);
    let io_err = |e| LockError::Io(path.clone(), e);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(LockError::Held(Holder::parse(&text)));
        }
        Err(TryLockError::Error(e)) => return Err(io_err(e)),
    }
    let info = Holder::me().to_text();
    // Not synced: the lock itself is the kernel's, the text only says who holds it.
    let written = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(info.as_bytes()));
    written.map_err(io_err)?;
    Ok(DraftLock { _file: file, path })
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
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).is_ok()
}
