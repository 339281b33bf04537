//! The characters that draw the interface (lines, marks, bars), in Unicode or, for
//! terminals and fonts without them (`--ascii`, or a locale that is not UTF-8), in
//! plain ASCII. Chosen once per run; views ask here instead of writing them out.

use std::sync::OnceLock;

use ratatui::symbols::border;

/// One set of drawing characters.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    /// A vertical rule between columns.
    pub vline: &'static str,
    /// Border characters of boxes.
    pub border: border::Set<'static>,
    /// State marks: empty, partly filled, done, has an error.
    pub states: [&'static str; 4],
    /// Flags: error, warning.
    pub flags: [&'static str; 2],
    /// A warning the user explained («giải trình»).
    pub explained: &'static str,
    /// Gauge: filled, empty.
    pub gauge: [&'static str; 2],
    /// More to the left, more to the right.
    pub arrows: [&'static str; 2],
    /// A cut text's end.
    pub ellipsis: &'static str,
    /// The chosen item.
    pub pointer: &'static str,
    /// Between two parts of a title.
    pub sep: &'static str,
}

/// Unicode line drawing and marks.
pub const UNICODE: Glyphs = Glyphs {
    vline: "│",
    border: border::PLAIN,
    states: ["·", "◐", "✓", "✗"],
    flags: ["✗", "!"],
    explained: "✎",
    gauge: ["▰", "▱"],
    arrows: ["◀", "▶"],
    ellipsis: "…",
    pointer: "›",
    sep: "·",
};

/// ASCII only.
pub const ASCII: Glyphs = Glyphs {
    vline: "|",
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    states: [".", "~", "+", "X"],
    flags: ["X", "!"],
    explained: "~",
    gauge: ["#", "-"],
    arrows: ["<", ">"],
    ellipsis: "~",
    pointer: ">",
    sep: "-",
};

static CHOSEN: OnceLock<&'static Glyphs> = OnceLock::new();

/// Chooses ASCII for this run (before the first frame; later calls change nothing).
pub fn use_ascii(ascii: bool) {
    let _ = CHOSEN.set(if ascii { &ASCII } else { &UNICODE });
}

/// The characters in use.
pub fn glyphs() -> &'static Glyphs {
    CHOSEN.get_or_init(|| &UNICODE)
}

/// Whether the locale says the terminal speaks UTF-8 (LC_ALL, then LC_CTYPE, then
/// LANG, the first one set decides).
pub fn utf8_locale() -> bool {
    for var in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            let v = v.to_ascii_lowercase();
            return v.contains("utf-8") || v.contains("utf8");
        }
    }
    false
}
