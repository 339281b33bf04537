//! Reading a file that someone else may have put in the way: only regular files are
//! read, and never more than a stated size. A FIFO, a device, a socket or a folder
//! where a draft is expected is refused at once (it is opened non-blocking, so a FIFO
//! with no writer cannot hang the program, and never read), and so is a file larger
//! than the limit (`/dev/zero` would otherwise fill the memory).

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// The largest draft read, in bytes. A consolidated report of 10,000 rows is about
/// 2 MB; 64 MiB leaves room for any real report and none for a runaway file.
pub const MAX_DRAFT_BYTES: u64 = 64 * 1024 * 1024;

/// What a path is, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRegular {
    /// A named pipe.
    Fifo,
    /// A character or block device.
    Device,
    /// A socket.
    Socket,
    /// A folder.
    Folder,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// What the operating system said.
    Io(io::Error),
    /// Not a regular file.
    NotRegular(NotRegular),
    /// Larger than the limit (its size in bytes).
    TooLarge(u64),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// As an I/O error, for callers that report only what the OS would say.
    pub fn into_io(self) -> io::Error {
        match self {
            ReadError::Io(e) => e,
            ReadError::NotRegular(what) => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a regular file ({what:?})"),
            ),
            ReadError::TooLarge(size) => io::Error::new(
                io::ErrorKind::InvalidData,
                format!("too large ({size} bytes)"),
            ),
        }
    }
}

/// What `meta` is, when it is not a regular file.
pub fn not_regular(meta: &std::fs::Metadata) -> Option<NotRegular> {
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_fifo() {
        Some(NotRegular::Fifo)
    } else if t.is_socket() {
        Some(NotRegular::Socket)
    } else if t.is_dir() {
        Some(NotRegular::Folder)
    } else {
        Some(NotRegular::Device)
    }
}

/// Opens `path` for reading without blocking on a FIFO or becoming the controlling
/// terminal of a device, and checks that it is a regular file.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)?;
    if let Some(what) = not_regular(&file.metadata()?) {
        return Err(ReadError::NotRegular(what));
    }
    Ok(file)
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // A file that grows while it is read stops at the limit, and is refused.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.ron");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        assert!(matches!(
            read_regular(&fifo, MAX_DRAFT_BYTES),
            Err(ReadError::NotRegular(NotRegular::Fifo))
        ));
    }

    #[test]
    fn devices_and_folders_are_refused_and_big_files_say_their_size() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), MAX_DRAFT_BYTES),
            Err(ReadError::NotRegular(NotRegular::Device))
        ));
        assert!(matches!(
            read_regular(dir.path(), MAX_DRAFT_BYTES),
            Err(ReadError::NotRegular(NotRegular::Folder))
        ));
        let big = dir.path().join("big.ron");
        std::fs::write(&big, vec![b' '; 1001]).unwrap();
        assert!(matches!(
            read_regular(&big, 1000),
            Err(ReadError::TooLarge(1001))
        ));
        assert_eq!(read_regular(&big, 1001).unwrap().len(), 1001);
    }
}
