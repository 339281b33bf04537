//! What a crash or a hang-up may leave beside a draft, found when it is opened and
//! offered to the user (never loaded, replaced or deleted silently): an emergency copy,
//! temp files of an interrupted save, earlier generations newer than the draft. Also
//! the newest generation that still reads, for a draft that does not.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::{GENERATIONS, generation_path};
use crate::draft::Draft;
use crate::template::Template;

/// What a leftover file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Written when the program was stopped (hang-up, signal, crash).
    Emergency,
    /// A save that was interrupted.
    Temp,
    /// An earlier version (1 = newest), newer than the draft itself.
    Generation(usize),
}

/// A file found beside a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Leftover {
    /// Its path.
    pub path: PathBuf,
    /// What it is.
    pub kind: Kind,
    /// When it was written.
    pub modified: Option<SystemTime>,
    /// Its size in bytes.
    pub size: u64,
}

/// `NAME.ron.emergency`.
pub fn emergency_path(draft: &Path) -> PathBuf {
    let mut s = draft.as_os_str().to_os_string();
    s.push(".emergency");
    PathBuf::from(s)
}

fn leftover(path: PathBuf, kind: Kind) -> Option<Leftover> {
    let meta = fs::metadata(&path).ok()?;
    Some(Leftover {
        modified: meta.modified().ok(),
        size: meta.len(),
        path,
        kind,
    })
}

/// Every leftover worth offering for `draft`, newest first.
pub fn leftovers(draft: &Path) -> Vec<Leftover> {
    let draft_time = fs::metadata(draft).and_then(|m| m.modified()).ok();
    let mut out = Vec::new();
    if let Some(l) = leftover(emergency_path(draft), Kind::Emergency) {
        out.push(l);
    }
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.tmp-");
    if let Some(dir) = draft.parent()
        && let Ok(read) = fs::read_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    {
        for e in read.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix)
                && let Some(l) = leftover(e.path(), Kind::Temp)
            {
                out.push(l);
            }
        }
    }
    for n in 1..=GENERATIONS {
        if let Some(l) = leftover(generation_path(draft, n), Kind::Generation(n))
            && l.modified > draft_time
        {
            out.push(l);
        }
    }
    out.sort_by_key(|l| std::cmp::Reverse(l.modified));
    out
}

/// The newest earlier generation that reads, for a draft that does not.
pub fn newest_valid_generation(draft: &Path, templates: &[&Template]) -> Option<(PathBuf, Draft)> {
    (1..=GENERATIONS).find_map(|n| {
        let p = generation_path(draft, n);
        super::load(&p, templates).ok().map(|d| (p, d))
    })
}

/// Renames a file aside (`NAME.broken-STAMP`), never deleting it; returns the new path.
pub fn set_aside(path: &Path, label: &str, stamp: &str) -> std::io::Result<PathBuf> {
    let mut s = path.as_os_str().to_os_string();
    s.push(format!(".{label}-{stamp}"));
    let mut target = PathBuf::from(&s);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{}-{n}", s.to_string_lossy()));
    }
    fs::rename(path, &target)?;
    Ok(target)
}
