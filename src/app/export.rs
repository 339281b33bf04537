//! The wizard's side of exporting: where an export goes by default (the user's
//! Documents folder, else home, with a name from the draft's), switching a typed path's
//! extension with the format, and "~/" in a typed path.

use std::path::{Path, PathBuf};

use crate::export::{Format, suggested_name};

/// The folder exports go to unless the user types another.
pub fn default_folder() -> PathBuf {
    let user = directories::UserDirs::new();
    user.as_ref()
        .and_then(|u| u.document_dir())
        .filter(|d| d.is_dir())
        .map(Path::to_path_buf)
        .or_else(|| user.as_ref().map(|u| u.home_dir().to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The suggested format and path of an export of the draft `name`: those of the last
/// export of this session, else DOCX in [`default_folder`].
pub fn suggestion(name: &str, last: &Option<(Format, PathBuf)>) -> (Format, String) {
    let format = last.as_ref().map_or(Format::Docx, |(f, _)| *f);
    let path = folder(last).join(suggested_name(name, format));
    (format, path.display().to_string())
}

/// `path` with the extension of `from` replaced by that of `to`; a path the user gave
/// another ending keeps it.
pub fn with_extension(path: &str, from: Format, to: Format) -> String {
    let ending = format!(".{}", from.extension());
    let cut = path.len().saturating_sub(ending.len());
    match (path.get(..cut), path.get(cut..)) {
        (Some(stem), Some(end)) if end.eq_ignore_ascii_case(&ending) => {
            format!("{stem}.{}", to.extension())
        }
        _ => path.to_string(),
    }
}

/// A typed name that ends in ".docx", ".xlsx" or ".md" chooses that format.
pub fn follow_extension(format: &mut Format, path: &str) {
    if let Some(f) = Format::pick(None, Path::new(path)) {
        *format = f;
    }
}

/// The path to write: as typed when its extension names a format, else with the
/// chosen format's extension added ("bao-cao" → "bao-cao.docx").
pub fn with_format(path: &str, format: Format) -> String {
    if Format::pick(None, Path::new(path)).is_some() {
        path.to_string()
    } else {
        format!("{path}.{}", format.extension())
    }
}

/// Where a typed path writes: "~/" is the home folder; a name without a folder goes
/// to `folder` (the one suggested); a folder (or a path ending in "/") gets the
/// suggested file name; a name without a known extension gets the format's. `None`
/// when nothing usable was typed.
pub fn resolve(typed: &str, format: Format, folder: &Path, draft_name: &str) -> Option<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let mut path = expand_home(typed);
    if path.is_relative() {
        path = folder.join(path);
    }
    if typed.ends_with('/') || path.is_dir() {
        path = path.join(suggested_name(draft_name, format));
    }
    let name = path.file_name()?.to_string_lossy().into_owned();
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    if stem.is_none_or(|s| s.is_empty() || s.starts_with('.')) {
        return None;
    }
    Some(PathBuf::from(with_format(
        &path.display().to_string(),
        format,
    )))
}

/// The folder a name without one goes to: the last export's, else [`default_folder`].
pub fn folder(last: &Option<(Format, PathBuf)>) -> PathBuf {
    last.as_ref()
        .map_or_else(default_folder, |(_, dir)| dir.clone())
}

/// "~/x" → "$HOME/x" (a shell would do it; a dialog must do it itself).
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::UserDirs::new()) {
        (Some(rest), Some(u)) => u.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder that exists on every machine.
    fn tempfile_dir() -> PathBuf {
        std::env::temp_dir()
    }

    #[test]
    fn switching_format_changes_only_a_matching_extension() {
        assert_eq!(
            with_extension("/tmp/bao-cao-tp.docx", Format::Docx, Format::Xlsx),
            "/tmp/bao-cao-tp.xlsx"
        );
        assert_eq!(
            with_extension("/tmp/mine.doc", Format::Docx, Format::Xlsx),
            "/tmp/mine.doc"
        );
        assert_eq!(
            with_extension("/tmp/BC.DOCX", Format::Docx, Format::Xlsx),
            "/tmp/BC.xlsx"
        );
        assert_eq!(with_format("/tmp/bc", Format::Xlsx), "/tmp/bc.xlsx");
        assert_eq!(with_format("/tmp/bc.md", Format::Xlsx), "/tmp/bc.md");
        let dir = tempfile_dir();
        let at = |typed: &str, f| resolve(typed, f, &dir, "tp").map(|p| p.display().to_string());
        let d = dir.display().to_string();
        assert_eq!(at("bc", Format::Docx), Some(format!("{d}/bc.docx")));
        assert_eq!(
            at(&format!("{d}/"), Format::Xlsx),
            Some(format!("{d}/bao-cao-tp.xlsx"))
        );
        assert_eq!(at(&d, Format::Markdown), Some(format!("{d}/bao-cao-tp.md")));
        assert_eq!(at("  ", Format::Docx), None);
        assert_eq!(at(".docx", Format::Docx), None);
        assert_eq!(at("/x/y.MD", Format::Docx), Some("/x/y.MD".into()));
        let mut f = Format::Docx;
        follow_extension(&mut f, "/tmp/x.MD");
        assert_eq!(f, Format::Markdown);
    }
}
