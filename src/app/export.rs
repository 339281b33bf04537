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
    let (format, folder) = match last {
        Some((f, dir)) => (*f, dir.clone()),
        None => (Format::Docx, default_folder()),
    };
    let path = folder.join(suggested_name(name, format));
    (format, path.display().to_string())
}

/// `path` with the extension of `from` replaced by that of `to`; a path the user gave
/// another ending keeps it.
pub fn with_extension(path: &str, from: Format, to: Format) -> String {
    let ending = format!(".{}", from.extension());
    match path.strip_suffix(&ending) {
        Some(stem) => format!("{stem}.{}", to.extension()),
        None => path.to_string(),
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
        assert_eq!(with_format("/tmp/bc", Format::Xlsx), "/tmp/bc.xlsx");
        assert_eq!(with_format("/tmp/bc.md", Format::Xlsx), "/tmp/bc.md");
        let mut f = Format::Docx;
        follow_extension(&mut f, "/tmp/x.MD");
        assert_eq!(f, Format::Markdown);
    }
}
