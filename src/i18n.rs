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

/// "1 error", "2 errors": an English count with its noun (Vietnamese has no plural).
pub fn en_count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(en_count(1, "error"), "1 error");
        assert_eq!(en_count(0, "warning"), "0 warnings");
        assert_eq!(check_summary(Lang::En, 1, 2, 0), "1 error, 2 warnings");
        assert_eq!(check_summary(Lang::Vi, 1, 2, 0), "1 lỗi, 2 cảnh báo");
        assert_eq!(
            check_summary(Lang::Vi, 0, 2, 1),
            "0 lỗi, 2 cảnh báo (và 1 cảnh báo đã giải trình)"
        );
    }
}
