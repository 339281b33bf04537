//! Drafts on disk: where they live (the config directory from `directories`, so
//! `$XDG_CONFIG_HOME/baocao/drafts/NAME.ron` on Linux), how they are read (with the
//! path and line:column of any error, refusing newer formats and unknown templates
//! without touching the file) and how they are written (temp file in the same folder,
//! fsync, rename, fsync of the folder; a symlink and the file's mode survive).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

pub mod aside;
mod atomic;
pub mod fault;
pub mod identity;
pub mod lock;
pub mod read;
pub mod recovery;

pub use atomic::{
    GENERATIONS, How, NotPrivate, RealFs, StoreFs, generation_path, private_dir, private_new, save,
    save_copy, save_following, save_with, write_atomic,
};

use crate::draft::{Draft, FORMAT_VERSION, TemplateRef};
use crate::template::Template;

/// Why a draft could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Reading failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A FIFO, a device, a socket or a folder: never read.
    #[error("{path}: not a regular file ({what:?})")]
    NotAFile {
        path: PathBuf,
        what: read::NotRegular,
    },
    /// Larger than any draft ([`read::MAX_DRAFT_BYTES`]).
    #[error("{path}: {size} bytes, more than the {limit} a draft may have")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Not valid UTF-8 text.
    #[error("{path}:{line}:{column}: not UTF-8 text")]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// Not a draft this program can read.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer baocao.
    #[error("{path}: format version {found} is newer than {supported}")]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Made from an outline this program does not have.
    #[error("{path}: template \"{id}\" version {version} is unknown")]
    UnknownTemplate {
        path: PathBuf,
        id: String,
        version: u32,
    },
}

impl LoadError {
    /// The path of the file concerned.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotAFile { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Parse { path, .. }
            | LoadError::NewerFormat { path, .. }
            | LoadError::UnknownTemplate { path, .. } => path,
        }
    }
}

/// Why a draft could not be written. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct SaveError {
    /// The file being written.
    pub path: PathBuf,
    /// What the operating system said.
    #[source]
    pub source: io::Error,
    /// The new content was already in place when the error came (a failed fsync of
    /// the folder after the rename): the file at the path is this save's.
    pub replaced: bool,
}

/// Where the config folder could not be found or made.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No home directory (HOME unset) and no XDG_CONFIG_HOME.
    #[error("no home directory: set HOME or XDG_CONFIG_HOME")]
    NoHome,
    /// The folder could not be read or created.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A draft name that cannot be a file name.
    #[error("\"{0}\": a draft name is letters, digits, '-', '_' or '.', not starting with '.'")]
    BadName(String),
    /// `new` would overwrite an existing draft.
    #[error("{0}: already exists")]
    Exists(PathBuf),
}

/// The drafts folder and its neighbours.
#[derive(Debug, Clone)]
pub struct Store {
    /// The program's config folder (`…/baocao`).
    pub root: PathBuf,
}

/// A draft file found in the drafts folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its name (file name without `.ron`).
    pub name: String,
    /// Its path.
    pub path: PathBuf,
    /// When it was last written.
    pub modified: Option<SystemTime>,
}

impl Store {
    /// The store under the user's config directory.
    pub fn from_env() -> Result<Store, StoreError> {
        let dirs = directories::ProjectDirs::from("", "", "baocao").ok_or(StoreError::NoHome)?;
        Ok(Store {
            root: dirs.config_dir().to_path_buf(),
        })
    }

    /// `…/baocao/drafts`.
    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }

    /// `…/baocao/trash`: deleted drafts go here, never straight away.
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// The path of a named draft. "tp" and "tp.ron" name the same draft, for `new`
    /// as for `open`.
    pub fn draft_path(&self, name: &str) -> Result<PathBuf, StoreError> {
        // A name typed on a keyboard that sends decomposed letters (NFD) is the same
        // name as the composed one it looks like.
        use unicode_normalization::UnicodeNormalization;
        let name: String = name.nfc().collect();
        let name = name.strip_suffix(".ron").unwrap_or(&name);
        valid_name(name)?;
        Ok(self.drafts_dir().join(format!("{name}.ron")))
    }

    /// A NAME (with or without `.ron`) is looked up in the drafts folder; anything with
    /// a `/` is a path used as given (`./tp.ron` for a file in the current folder).
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, StoreError> {
        if name_or_path.contains('/') {
            Ok(PathBuf::from(name_or_path))
        } else {
            self.draft_path(name_or_path)
        }
    }

    /// A file in the current folder that `name_or_path` did not mean (it named the
    /// draft in the drafts folder) but the user may have: said when that draft is
    /// not there.
    pub fn cwd_file(&self, name_or_path: &str) -> Option<PathBuf> {
        let here = Path::new(".").join(name_or_path);
        (!name_or_path.contains('/') && here.is_file()).then_some(here)
    }

    /// Creates the drafts folder if needed.
    pub fn ensure(&self) -> Result<PathBuf, StoreError> {
        let dir = self.drafts_dir();
        for d in [&self.root, &dir] {
            atomic::private_dir(d).map_err(|source| StoreError::Io {
                path: d.clone(),
                source,
            })?;
        }
        Ok(dir)
    }

    /// Every `*.ron` in the drafts folder, by name. A missing folder is an empty list.
    pub fn list(&self) -> Result<Vec<Entry>, StoreError> {
        let dir = self.drafts_dir();
        let read = match fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Io { path: dir, source }),
        };
        let mut out = Vec::new();
        for entry in read.flatten() {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".ron") else {
                continue;
            };
            if stem.starts_with('.') {
                continue;
            }
            let meta = fs::metadata(&path);
            // A FIFO, device, socket or folder named `*.ron` is not a draft: listing
            // it would mean reading it (and a FIFO would hang the list).
            if meta.as_ref().is_ok_and(|m| read::not_regular(m).is_some()) {
                continue;
            }
            let modified = meta.and_then(|m| m.modified()).ok();
            out.push(Entry {
                name: stem.to_string(),
                path,
                modified,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Writes a brand-new draft; refuses to overwrite an existing one.
    pub fn create(&self, name: &str, draft: &Draft) -> Result<PathBuf, CreateError> {
        let path = self.draft_path(name)?;
        self.ensure()?;
        match save_new(&path, draft) {
            Ok(path) => Ok(path),
            Err(NewCopyError::Exists(path)) => Err(StoreError::Exists(path).into()),
            Err(NewCopyError::Save(e)) => Err(e.into()),
        }
    }
}

/// Why a new file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum NewCopyError {
    /// Something is at that path already (left as it is).
    #[error("{0}: already exists")]
    Exists(PathBuf),
    /// Writing failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Writes a draft to a path where nothing is yet (a new draft, a copy saved
/// elsewhere), never over a file or through a link there. Returns the path.
pub fn save_new(path: &Path, draft: &Draft) -> Result<PathBuf, NewCopyError> {
    // Claim the name first so that two at once cannot both win.
    match private_new(path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(NewCopyError::Exists(path.to_path_buf()));
        }
        Err(source) => {
            return Err(NewCopyError::Save(SaveError {
                path: path.to_path_buf(),
                source,
                replaced: false,
            }));
        }
    }
    // Written without generations: the empty file that claimed the name is not an
    // earlier version worth keeping.
    if let Err(e) = save_copy(path, draft) {
        // The claim is ours and holds nothing of the user's: no empty file is left.
        let _ = fs::remove_file(path);
        return Err(e.into());
    }
    Ok(path.to_path_buf())
}

/// What the program remembers per user between runs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The first-run welcome was shown.
    pub welcomed: bool,
    /// Built-in Vietnamese typing: Off, Telex or Vni.
    pub input_method: crate::ime::InputMethod,
    /// Tone marks in the modern place ("hoá") instead of the traditional ("hóa").
    pub modern_accents: bool,
    /// The format of the last export, suggested for the next.
    pub export_format: Option<crate::export::Format>,
    /// The folder of the last export, suggested for the next.
    pub export_folder: Option<PathBuf>,
}

impl Store {
    /// The settings file.
    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings.ron")
    }

    /// The user's settings; defaults when there are none or they cannot be read.
    pub fn settings(&self) -> Settings {
        read::read_regular(&self.settings_path(), 1024 * 1024)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Saves the user's settings.
    pub fn save_settings(&self, settings: &Settings) -> Result<(), SaveError> {
        let path = self.settings_path();
        atomic::private_dir(&self.root).map_err(|source| SaveError {
            path: self.root.clone(),
            source,
            replaced: false,
        })?;
        let text =
            ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new()).unwrap_or_default();
        write_atomic(&path, text.as_bytes(), atomic::How::COPY)
    }

    /// Moves a draft into the trash folder under a name with the time, never deleting,
    /// and its generations, emergency copies and temp files with it: a new draft of
    /// the same name starts clean, and nothing of the old one is offered to it.
    pub fn trash(&self, path: &Path, stamp: &str) -> Result<PathBuf, StoreError> {
        let dir = self.trash_dir();
        atomic::private_dir(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The companions are found before the draft goes: they are named after it.
        let companions = recovery::leftovers(path);
        let target = aside::rename_unique(path, &dir.join(format!("{stem}-{stamp}.ron"))).map_err(
            |source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            },
        )?;
        let name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        for c in companions {
            let Some(file) = c.path.file_name() else {
                continue;
            };
            // "tp.ron.~1~" → "tp-STAMP.ron.~1~"; ".tp.ron.tmp-…" → "tp-STAMP.ron.tmp-…".
            let file = file.to_string_lossy();
            let name = name.to_string_lossy();
            let rest = file.trim_start_matches('.');
            let suffix = rest.strip_prefix(name.as_ref()).unwrap_or(rest);
            let mut to = target.clone().into_os_string();
            to.push(suffix);
            // One on another file system (the home folder's emergency copy) stays; it
            // is older than any new draft of this name, so it is only offered for
            // cleaning up.
            let _ = aside::rename_unique(&c.path, &PathBuf::from(to));
        }
        Ok(target)
    }
}

/// Why `new` failed.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// The folder or the name.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing.
    #[error(transparent)]
    Save(#[from] SaveError),
}

fn valid_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::BadName(name.to_string()))
    }
}

/// The part of a draft read before anything else, to refuse what this program must not
/// rewrite. Unknown fields are skipped here on purpose.
#[derive(Deserialize)]
#[serde(rename = "Draft")]
struct Header {
    format_version: u32,
    template: TemplateRef,
}

/// Parses draft text; `path` names it in errors. `templates` are the outlines this
/// program knows.
pub fn parse(path: &Path, text: &str, templates: &[&Template]) -> Result<Draft, LoadError> {
    // A byte-order mark (some Windows editors add one) is not part of the draft.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let refuse = |version: u32, template: &TemplateRef| {
        if version > FORMAT_VERSION {
            return Some(LoadError::NewerFormat {
                path: path.to_path_buf(),
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        if !templates.iter().any(|t| t.id == template.id) {
            return Some(LoadError::UnknownTemplate {
                path: path.to_path_buf(),
                id: template.id.clone(),
                version: template.version,
            });
        }
        None
    };
    match ron::from_str::<Draft>(text) {
        Ok(mut draft) => {
            if let Some(e) = refuse(draft.format_version, &draft.template) {
                return Err(e);
            }
            draft.normalize();
            if let Some(t) = templates.iter().find(|t| t.id == draft.template.id) {
                crate::draft::migrate(&mut draft, t);
            }
            Ok(draft)
        }
        Err(e) => {
            // A newer program's fields make the full parse fail: say why, not where.
            if let Ok(h) = ron::from_str::<Header>(text)
                && let Some(refusal) = refuse(h.format_version, &h.template)
            {
                return Err(refusal);
            }
            Err(LoadError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })
        }
    }
}

/// Reads and parses a draft file. The file is never modified.
pub fn load(path: &Path, templates: &[&Template]) -> Result<Draft, LoadError> {
    let bytes = read::read_regular(path, read::MAX_DRAFT_BYTES).map_err(|e| match e {
        read::ReadError::Io(source) => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
        read::ReadError::NotRegular(what) => LoadError::NotAFile {
            path: path.to_path_buf(),
            what,
        },
        read::ReadError::TooLarge(size) => LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: read::MAX_DRAFT_BYTES,
        },
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let last = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[last..]).chars().count() + 1;
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    parse(path, &text, templates)
}

/// The draft as pretty RON text, the same bytes for the same draft. Table rows are
/// written one per line (like a spreadsheet row), which also keeps a consolidated
/// report with thousands of rows small and quick to read.
pub fn to_ron(draft: &Draft) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(true)
        .depth_limit(4)
        // Answers are paragraphs: written as they read, with real line breaks (and
        // r#"…"# when they contain quotes). Escaping would also cost half the time.
        .escape_strings(false);
    let mut text = match ron::ser::to_string_pretty(draft, config) {
        Ok(t) => t,
        // Serializing plain structs of strings and maps cannot fail; keep the type honest.
        Err(e) => format!("// {e}"),
    };
    text.push('\n');
    text
}
