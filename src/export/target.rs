//! Where an export may go. An export replaces the file at its path, so it is refused
//! where that would destroy something: a draft (by its `.ron` name, or by content: a
//! file that begins like a draft), a draft's generations, lock or emergency copy, and
//! anything that is not a regular file (a FIFO, a device, a socket, a folder), which a
//! rename would silently turn into a regular file.

use std::io::Read;
use std::path::Path;

use crate::store::read::{self, NotRegular};

/// Why an export may not be written at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The name is a draft's, or one of its companions' (`.ron`, `.ron.~1~`, …).
    DraftName,
    /// The file there is a draft (whatever its name).
    DraftContent,
    /// Not a regular file.
    NotRegular(NotRegular),
}

/// Whether `name` is one baocao gives a draft or the files beside it.
fn draft_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".ron") || lower.ends_with(".ron.lock") || lower.ends_with(".emergency") {
        return true;
    }
    // NAME.ron.~N~ (generations) and .NAME.ron.tmp-… (saves under way).
    lower.contains(".ron.~") || lower.contains(".ron.tmp-")
}

/// Whether the file's first bytes are those of a draft: its first fields
/// (`format_version`, `template`) however it is written (with or without the
/// `Draft` name, comments, RON extensions). Read without blocking, 4 KB at most.
fn holds_a_draft(path: &Path) -> bool {
    let Ok(file) = read::open_regular(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    text.contains("format_version") && text.contains("template")
}

/// Refuses a path an export must not replace; `Ok` for a new file or an earlier
/// export. Links are followed to see what they lead to (the write itself follows
/// only the user's own links).
pub fn check(path: &Path) -> Result<(), Refusal> {
    if path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(draft_name)
    {
        return Err(Refusal::DraftName);
    }
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if let Some(what) = read::not_regular(&meta) {
        return Err(Refusal::NotRegular(what));
    }
    if holds_a_draft(path) {
        return Err(Refusal::DraftContent);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn draft_names_and_companions_are_refused_other_names_are_not() {
        for n in [
            "tp.ron",
            "TP.RON",
            "tp.ron.~1~",
            "tp.ron.lock",
            "tp.ron.emergency",
            ".tp.ron.tmp-1-2-3",
        ] {
            assert!(draft_name(n), "{n}");
        }
        for n in ["tp.md", "tp.docx", "baocao.xlsx", "ron.md"] {
            assert!(!draft_name(n), "{n}");
        }
    }

    #[test]
    fn a_draft_under_another_name_is_refused_an_earlier_export_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let disguised = dir.path().join("report.md");
        for text in [
            "\u{feff}// note\nDraft(\n    format_version: 2,\n    template: TemplateRef(",
            "#![enable(implicit_some)]\n/* a comment */\n(\n format_version: 3, template: (",
        ] {
            std::fs::write(&disguised, text).unwrap();
            assert_eq!(check(&disguised), Err(Refusal::DraftContent), "{text}");
        }
        let old = dir.path().join("old.md");
        std::fs::write(&old, "# BÁO CÁO\n").unwrap();
        assert_eq!(check(&old), Ok(()));
        assert_eq!(check(&dir.path().join("new.md")), Ok(()));
        assert_eq!(
            check(dir.path()),
            Err(Refusal::NotRegular(NotRegular::Folder))
        );
        assert_eq!(
            check(Path::new("/dev/null")),
            Err(Refusal::NotRegular(NotRegular::Device))
        );
    }
}
