//! Every user-visible string of the program, in Vietnamese and English. Findings and
//! computed cells are data elsewhere; this module turns them into words.

mod cli;
mod dialogs;
mod findings;
mod ui;

pub use cli::*;
pub use dialogs::*;
pub use findings::*;
pub use ui::*;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `--lang` value, or the locale's language when none is given.
    pub fn detect(flag: Option<&str>) -> Lang {
        let from = |s: &str| {
            let s = s.to_ascii_lowercase();
            if s.starts_with("en") {
                Some(Lang::En)
            } else if s.starts_with("vi") {
                Some(Lang::Vi)
            } else {
                None
            }
        };
        if let Some(l) = flag.and_then(from) {
            return l;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return from(&v).unwrap_or(Lang::Vi);
            }
        }
        Lang::Vi
    }

    pub(crate) fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
