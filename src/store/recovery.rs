//! What a crash or a hang-up may leave beside a draft, found when it is opened and
//! offered to the user (never loaded, replaced or deleted silently): an emergency copy
//! (beside the draft or in the home folder), temp files of an interrupted save,
//! earlier generations, each offered only when it holds a newer state than the draft
//! by the save time inside the files; the others are stale, listed as such and
//! removed only after a yes. Also the newest generation that still reads, for a draft
//! that does not.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::{GENERATIONS, generation_path};
use crate::draft::Draft;
use crate::draft::diff::{self, Part};
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

/// Every place an emergency copy of `draft` may be written, in the order they are
/// tried: beside the draft, then the home folder when it is the user's own and
/// closed to others (never a shared folder such as /tmp).
pub fn emergency_places(draft: &Path) -> Vec<PathBuf> {
    let mut places = Vec::new();
    // Beside the draft only when that folder is closed to others: a draft kept in a
    // shared folder gets its copy in the home folder.
    let dir = match draft.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if closed_to_others(dir) {
        places.push(emergency_path(draft));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && private_folder(&home)
    {
        places.push(home_emergency_path(&home, draft));
    }
    places
}

/// Whether no one but its owner may write in `dir` (and it is there).
fn closed_to_others(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).is_ok_and(|m| m.is_dir() && m.mode() & 0o022 == 0)
}

/// Whether a folder is this user's own and closed to others: a place for a copy.
pub fn private_folder(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let mine = fs::metadata(dir).is_ok_and(|m| m.uid() == rustix::process::getuid().as_raw());
    mine && closed_to_others(dir)
}

/// `~/NAME.ron.HASH.emergency`: the home folder's emergency copy of one draft. The
/// hash of the draft's full path keeps two drafts of the same name in different
/// folders apart.
pub fn home_emergency_path(home: &Path, draft: &Path) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baocao.ron".into());
    let full = std::path::absolute(draft).unwrap_or_else(|_| draft.to_path_buf());
    // FNV-1a: short and stable across runs and versions (a std hasher is neither).
    let hash = full
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    home.join(format!("{name}.{:08x}.emergency", hash as u32))
}

/// The first of [`emergency_places`] whose folder can be written now: where an
/// emergency copy would go. `None`: nowhere private can be written.
pub fn emergency_place(draft: &Path) -> Option<PathBuf> {
    emergency_places(draft).into_iter().find(|p| {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).is_ok()
    })
}

fn leftover(path: PathBuf, kind: Kind) -> Option<Leftover> {
    // Only regular files, and not through a link: baocao writes these names as files,
    // so a link or a FIFO at one was put there by someone else and is never read.
    let meta = fs::symlink_metadata(&path).ok().filter(|m| m.is_file())?;
    Some(Leftover {
        modified: meta.modified().ok(),
        size: meta.len(),
        path,
        kind,
    })
}

/// Every file beside `draft` (and in the other emergency places) that may hold a
/// state of it: emergency copies, temp files of interrupted saves, generations.
pub fn leftovers(draft: &Path) -> Vec<Leftover> {
    // A draft reached through a link of the user's is saved beside its target (temp
    // files, generations); its emergency copy goes beside the link.
    let real = real_file(draft);
    let mut places = emergency_places(draft);
    for p in emergency_places(&real) {
        if !places.contains(&p) {
            places.push(p);
        }
    }
    let mut out: Vec<Leftover> = places
        .into_iter()
        .filter_map(|p| leftover(p, Kind::Emergency))
        .collect();
    out.extend(temp_files(&real));
    for n in 1..=GENERATIONS {
        out.extend(leftover(generation_path(&real, n), Kind::Generation(n)));
    }
    out
}

/// The file a draft's path leads to (itself when it is not a link).
fn real_file(draft: &Path) -> PathBuf {
    let link = fs::symlink_metadata(draft).is_ok_and(|m| m.file_type().is_symlink());
    if link {
        fs::canonicalize(draft).unwrap_or_else(|_| draft.to_path_buf())
    } else {
        draft.to_path_buf()
    }
}

/// The temp files of interrupted saves of `draft` (`.NAME.ron.tmp-…`).
pub fn temp_files(draft: &Path) -> Vec<Leftover> {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.tmp-");
    let dir = match draft.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| leftover(e.path(), Kind::Temp))
        .collect()
}

/// Why a leftover holds nothing worth offering.
#[derive(Debug)]
pub enum Stale {
    /// Its state was saved before the draft's (by the time inside both files).
    Older,
    /// It holds the same report as the draft.
    Same,
    /// It does not read (a save cut off while writing).
    Unreadable(super::LoadError),
}

/// What a leftover holds, measured against the draft.
#[derive(Debug)]
pub enum Verdict {
    /// A newer state than the draft's, and the parts of the report it changes.
    Newer(Box<Draft>, Vec<Part>),
    /// Nothing to offer.
    Stale(Stale),
}

/// Reads each leftover of the draft at `path` (read as `draft`) and says whether it
/// holds a newer state: by the save times inside the files when both have one (the
/// files' own times are changed by copies, restores and `touch`), else by the files'
/// times; a leftover with the draft's very report is never newer. Generations that are
/// not newer are left out: keeping them is their job. Newest first.
pub fn examine(path: &Path, draft: &Draft, template: &Template) -> Vec<(Leftover, Verdict)> {
    let draft_file_time = fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut out: Vec<(Leftover, Verdict)> = leftovers(path)
        .into_iter()
        .filter_map(|l| {
            let verdict = match super::load(&l.path, &[template]) {
                Err(e) => Verdict::Stale(Stale::Unreadable(e)),
                // The same report, blank parts counted as blank however they are stored.
                Ok(d) if diff::differing(template, draft, &d).is_empty() => {
                    Verdict::Stale(Stale::Same)
                }
                Ok(d) => {
                    let newer = match (d.saved_time(), draft.saved_time()) {
                        (Some(a), Some(b)) => a > b,
                        _ => l.modified > draft_file_time,
                    };
                    if newer {
                        let parts = diff::differing(template, draft, &d);
                        Verdict::Newer(Box::new(d), parts)
                    } else {
                        Verdict::Stale(Stale::Older)
                    }
                }
            };
            let generation = matches!(l.kind, Kind::Generation(_));
            (!generation || matches!(verdict, Verdict::Newer(..))).then_some((l, verdict))
        })
        .collect();
    out.sort_by_key(|(l, _)| std::cmp::Reverse(l.modified));
    out
}

/// The newest earlier generation that reads, for a draft that does not.
pub fn newest_valid_generation(draft: &Path, templates: &[&Template]) -> Option<(PathBuf, Draft)> {
    let real = real_file(draft);
    (1..=GENERATIONS).find_map(|n| {
        let p = generation_path(&real, n);
        fs::symlink_metadata(&p).ok().filter(|m| m.is_file())?;
        super::load(&p, templates).ok().map(|d| (p, d))
    })
}

/// Renames a file aside (`NAME.broken-STAMP`), never deleting it; returns the new path.
pub fn set_aside(path: &Path, label: &str, stamp: &str) -> std::io::Result<PathBuf> {
    let mut s = path.as_os_str().to_os_string();
    s.push(format!(".{label}-{stamp}"));
    super::aside::rename_unique(path, &PathBuf::from(&s))
}
