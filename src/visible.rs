//! Text that reaches a terminal — printed by the command line, or written into a file
//! a terminal will show (the Markdown export) — made harmless: a draft, a paste or a
//! file name may come from someone else, and an escape sequence in a unit's name must
//! not set the terminal's title, clear the screen or write the clipboard. Control
//! characters (C0 except line break and tab, DEL, C1) and the bidirectional overrides
//! that can make text read backwards are shown as `\u{…}` instead.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// The text with every control character and bidi override written as `\u{1b}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, |c| format!("\\u{{{:x}}}", c as u32))
}

/// JSON text with the characters JSON allows raw but a terminal would act on (DEL, C1,
/// bidi overrides) written as `\uXXXX` escapes; C0 controls are escaped by the
/// serializer already.
pub fn json(text: &str) -> Cow<'_, str> {
    escaped(text, |c| format!("\\u{:04x}", c as u32))
}

/// The text with each [`hidden`] character written as `escape` makes it.
fn escaped(text: &str, escape: impl Fn(char) -> String) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_and_vietnamese_text_is_left_alone() {
        assert_eq!(
            visible("UBND huyện Tuy Phước\n\tx"),
            "UBND huyện Tuy Phước\n\tx"
        );
        assert_eq!(
            visible("a\u{1b}]0;x\u{7}b\u{9b}c\u{202e}d\u{7f}"),
            "a\\u{1b}]0;x\\u{7}b\\u{9b}c\\u{202e}d\\u{7f}"
        );
        assert_eq!(json("\"a\u{9b}\u{202e}\""), "\"a\\u009b\\u202e\"");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }
}
