//! Built-in Vietnamese typing (Telex, VNI) for terminals on machines without a
//! Vietnamese input method. The `vi` crate does the transformation; this module keeps
//! the keys typed for the word under way and says how to rewrite it. A word whose
//! result is not a Vietnamese syllable keeps the keys as typed ("Windows" stays).
//! Tone marks go in the traditional place by default ("hóa", as in "CỘNG HÒA").

use serde::{Deserialize, Serialize};
use vi::processor::AccentStyle;

/// The typing method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum InputMethod {
    /// Keys are typed as they are.
    #[default]
    Off,
    /// Telex: "Vieejt" → "Việt".
    Telex,
    /// VNI: "Vie65t" → "Việt".
    Vni,
}

impl InputMethod {
    /// The next method in the toggle: off → Telex → VNI → off.
    pub fn next(self) -> InputMethod {
        match self {
            InputMethod::Off => InputMethod::Telex,
            InputMethod::Telex => InputMethod::Vni,
            InputMethod::Vni => InputMethod::Off,
        }
    }
}

/// How typing behaves in a field: the method, and where tone marks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Typing {
    /// Telex, VNI or off.
    pub method: InputMethod,
    /// Modern tone placement ("hoá") instead of the traditional ("hóa").
    pub modern: bool,
}

impl Typing {
    /// Plain keys (number fields and cells).
    pub const OFF: Typing = Typing {
        method: InputMethod::Off,
        modern: false,
    };
}

/// A rewrite of the text just before the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// Characters to delete before the cursor.
    pub delete: usize,
    /// Text to insert then.
    pub insert: String,
}

/// The word being typed.
#[derive(Debug, Clone, Default)]
pub struct Composer {
    raw: String,
    shown: String,
}

impl Composer {
    /// Forgets the word under way (the cursor moved, a key other than a letter).
    pub fn reset(&mut self) {
        self.raw.clear();
        self.shown.clear();
    }

    /// A typed character: how the text before the cursor changes.
    pub fn type_char(&mut self, typing: Typing, c: char) -> Rewrite {
        let definition = match typing.method {
            InputMethod::Off => None,
            InputMethod::Telex => Some(&vi::TELEX),
            InputMethod::Vni => Some(&vi::VNI),
        };
        let word_char =
            c.is_alphabetic() || typing.method == InputMethod::Vni && c.is_ascii_digit();
        let Some(definition) = definition.filter(|_| word_char) else {
            self.reset();
            return Rewrite {
                delete: 0,
                insert: c.to_string(),
            };
        };
        self.raw.push(c);
        let style = if typing.modern {
            AccentStyle::New
        } else {
            AccentStyle::Old
        };
        let mut out = String::new();
        let result = vi::transform_buffer_with_style(definition, style, self.raw.chars(), &mut out);
        // A mark typed twice takes it off again ("PARR" → "PAR"): the user asked for
        // exactly that, syllable or not.
        let doubled = {
            let mut last = self.raw.chars().rev().map(|c| c.to_ascii_lowercase());
            matches!((last.next(), last.next()), (Some(a), Some(b)) if a == b)
        };
        let undone = doubled && (result.tone_mark_removed || result.letter_modification_removed);
        let next = if undone || vi::validation::is_valid_syllable(&out) {
            out
        } else {
            self.raw.clone()
        };
        let rewrite = Rewrite {
            delete: self.shown.chars().count(),
            insert: next.clone(),
        };
        self.shown = next;
        rewrite
    }
}

/// Transforms whole text as if typed key by key (for tests and previews).
pub fn type_text(typing: Typing, keys: &str) -> String {
    let mut c = Composer::default();
    let mut out: Vec<char> = Vec::new();
    for k in keys.chars() {
        let r = c.type_char(typing, k);
        out.truncate(out.len() - r.delete);
        out.extend(r.insert.chars());
    }
    out.into_iter().collect()
}
