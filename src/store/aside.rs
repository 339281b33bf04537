//! Moving a file to another name without ever replacing what is there: the trash, the
//! `recovered` folder and broken drafts set aside each get a name of their own, so two
//! files moved at the same second (the emergency copies beside the draft and in the
//! home folder are both `NAME.ron.emergency`) both survive.

use std::io;
use std::path::{Path, PathBuf};

/// `name` with `-n` before its first dot ("tp-1.ron.emergency" → "tp-1-2.ron.emergency").
fn numbered(path: &Path, n: usize) -> PathBuf {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, rest) = match name.find('.') {
        Some(i) if i > 0 => name.split_at(i),
        _ => (name.as_str(), ""),
    };
    path.with_file_name(format!("{stem}-{n}{rest}"))
}

/// Renames `from` to `to`, or to `to` numbered (-2, -3 …) when that name is taken;
/// never over an existing file. Returns the name used.
pub fn rename_unique(from: &Path, to: &Path) -> io::Result<PathBuf> {
    for n in 1..1000 {
        let target = if n == 1 {
            to.to_path_buf()
        } else {
            numbered(to, n)
        };
        let cwd = rustix::fs::CWD;
        match rustix::fs::renameat_with(cwd, from, cwd, &target, rustix::fs::RenameFlags::NOREPLACE)
        {
            Ok(()) => return Ok(target),
            Err(rustix::io::Errno::EXIST) => continue,
            // A file system without RENAME_NOREPLACE: look first (a small race, on a
            // folder that is the user's own).
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {
                if std::fs::symlink_metadata(&target).is_ok() {
                    continue;
                }
                std::fs::rename(from, &target)?;
                return Ok(target);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number_and_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join("tp-1.ron.emergency");
        for text in ["một", "hai", "ba"] {
            let from = dir.path().join("x");
            std::fs::write(&from, text).unwrap();
            rename_unique(&from, &to).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "một");
        let second = dir.path().join("tp-1-2.ron.emergency");
        assert_eq!(std::fs::read_to_string(second).unwrap(), "hai");
        let third = dir.path().join("tp-1-3.ron.emergency");
        assert_eq!(std::fs::read_to_string(third).unwrap(), "ba");
    }
}
