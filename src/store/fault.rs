//! A file system that fails on purpose, for tests: the n-th call of one operation
//! returns a chosen OS error (ENOSPC, EIO, EROFS …); everything else is real.

use std::cell::Cell;
use std::fs::{File, Permissions};
use std::io;
use std::path::Path;

use super::atomic::{RealFs, StoreFs};

/// Which operation fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Creating the temp file.
    Create,
    /// Writing it.
    Write,
    /// fsync of the file.
    Sync,
    /// The rename over the draft.
    Rename,
    /// fsync of the folder.
    SyncDir,
}

/// Fails `op` with `errno` on its `nth` call (1-based), then works again.
pub struct FaultyFs {
    /// The operation.
    pub op: Op,
    /// The OS error number.
    pub errno: i32,
    /// Which call fails.
    pub nth: usize,
    calls: Cell<usize>,
}

impl FaultyFs {
    /// A file system whose `nth` `op` fails with `errno`.
    pub fn new(op: Op, errno: i32, nth: usize) -> FaultyFs {
        FaultyFs {
            op,
            errno,
            nth,
            calls: Cell::new(0),
        }
    }

    fn check(&self, op: Op) -> io::Result<()> {
        if op == self.op {
            let n = self.calls.get() + 1;
            self.calls.set(n);
            if n == self.nth {
                return Err(io::Error::from_raw_os_error(self.errno));
            }
        }
        Ok(())
    }
}

impl StoreFs for FaultyFs {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        self.check(Op::Create)?;
        RealFs.create_new(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        self.check(Op::Write)?;
        RealFs.write_all(file, bytes)
    }
    fn sync(&self, file: &File) -> io::Result<()> {
        self.check(Op::Sync)?;
        RealFs.sync(file)
    }
    fn set_permissions(&self, file: &File, perm: Permissions) -> io::Result<()> {
        RealFs.set_permissions(file, perm)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        // Only the rename over the draft counts, not the generations' shuffle.
        if !to.to_string_lossy().ends_with('~') {
            self.check(Op::Rename)?;
        }
        RealFs.rename(from, to)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        RealFs.hard_link(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.check(Op::SyncDir)?;
        RealFs.sync_dir(dir)
    }
    fn remove(&self, path: &Path) -> io::Result<()> {
        RealFs.remove(path)
    }
}
