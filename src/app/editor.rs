//! A text editor (ratatui-textarea) with the keys this program gives it: typing,
//! deleting, moving by character, word, line and page, undo/redo. Shortcuts of the
//! widget's own (emacs-style Ctrl keys) are not used: Ctrl keys belong to the keymap.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, Input, TextArea, WrapMode};
use unicode_normalization::UnicodeNormalization;

use crate::ime::{Composer, Typing};

/// An editable text: a paragraph (soft-wrapped, Enter makes a new line) or one line.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The widget state.
    pub area: TextArea<'static>,
    /// One line only: Enter is not a newline.
    pub single_line: bool,
    /// The word being typed with Telex or VNI.
    composer: Composer,
}

impl Editor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str, single_line: bool) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        if !single_line {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.set_cursor_line_style(ratatui::style::Style::default());
        // The terminal's cursor shows where typing goes (see ui::draw_editor).
        area.set_cursor_style(ratatui::style::Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor {
            area,
            single_line,
            composer: Composer::default(),
        }
    }

    /// The text, lines joined with "\n".
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Handles a key, typing keys as they are; returns whether the text changed.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        self.key_with(key, Typing::OFF)
    }

    /// Handles a key with Telex/VNI as `typing` says; returns whether the text changed.
    /// Keys it does not handle (Ctrl chords, Tab, Esc) return false and change nothing.
    pub fn key_with(&mut self, key: &KeyEvent, typing: Typing) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if !matches!(key.code, KeyCode::Char(_)) || ctrl {
            self.composer.reset();
        }
        let a = &mut self.area;
        match key.code {
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                let rewrite = self.composer.type_char(typing, c);
                if rewrite.delete > 0 || rewrite.insert.chars().count() != 1 {
                    for _ in 0..rewrite.delete {
                        a.delete_char();
                    }
                    a.insert_str(&rewrite.insert);
                } else if is_combining(c) {
                    // A decomposed keyboard sends the mark after its letter: compose it
                    // so that the cursor never lands inside "ệ".
                    a.insert_char(c);
                    self.recompose();
                } else {
                    a.insert_char(c);
                }
                true
            }
            // Readline's "kill to the start of the line", to replace a suggested path.
            KeyCode::Char('u') if ctrl && self.single_line => a.delete_line_by_head(),
            KeyCode::Enter if !self.single_line => {
                a.insert_newline();
                true
            }
            KeyCode::Backspace => a.input_without_shortcuts(Input::from(*key)),
            KeyCode::Delete => a.delete_next_char(),
            KeyCode::Left if ctrl => move_to(a, CursorMove::WordBack),
            KeyCode::Right if ctrl => move_to(a, CursorMove::WordForward),
            KeyCode::Left => move_to(a, CursorMove::Back),
            KeyCode::Right => move_to(a, CursorMove::Forward),
            KeyCode::Up => move_to(a, CursorMove::Up),
            KeyCode::Down => move_to(a, CursorMove::Down),
            KeyCode::Home if ctrl => move_to(a, CursorMove::Top),
            KeyCode::End if ctrl => move_to(a, CursorMove::Bottom),
            KeyCode::Home => move_to(a, CursorMove::Head),
            KeyCode::End => move_to(a, CursorMove::End),
            KeyCode::PageUp => {
                a.scroll(tui_textarea::Scrolling::PageUp);
                false
            }
            KeyCode::PageDown => {
                a.scroll(tui_textarea::Scrolling::PageDown);
                false
            }
            _ => false,
        }
    }

    /// Whether the key is one this editor handles (so the keymap must not take it).
    pub fn handles(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.single_line,
            KeyCode::Char(_) => !ctrl && !key.modifiers.contains(KeyModifiers::ALT),
            KeyCode::Enter => !self.single_line,
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End => true,
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => !self.single_line,
            _ => false,
        }
    }

    /// Inserts text (a paste): one undo step; newlines become spaces in one-line fields.
    pub fn insert(&mut self, text: &str) -> bool {
        if self.single_line {
            let flat: String = text.split('\n').collect::<Vec<_>>().join(" ");
            self.area.insert_str(flat)
        } else {
            self.area.insert_str(text)
        }
    }

    /// Undo the last edit.
    pub fn undo(&mut self) -> bool {
        self.area.undo()
    }

    /// Redo the last undone edit.
    pub fn redo(&mut self) -> bool {
        self.area.redo()
    }

    fn recompose(&mut self) {
        let tui_textarea::DataCursor(row, col) = self.area.cursor();
        let line = &self.area.lines()[row];
        let before: String = line.chars().take(col).collect::<String>().nfc().collect();
        let after: String = line.chars().skip(col).collect();
        let composed = format!("{before}{after}");
        if composed == *line {
            return;
        }
        let new_col = before.chars().count();
        let mut lines = self.area.lines().to_vec();
        lines[row] = composed;
        let wrap = self.area.wrap_mode();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(wrap);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.set_cursor_style(ratatui::style::Style::default());
        area.move_cursor(CursorMove::Jump(row as u16, new_col as u16));
        self.area = area;
    }
}

fn move_to(a: &mut TextArea<'static>, m: CursorMove) -> bool {
    a.move_cursor(m);
    false
}

/// Combining marks (the tone and vowel marks of decomposed Vietnamese).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Pasted text as it should enter a field: CR and CRLF become LF, NFC, no control
/// characters other than newline and tab.
pub fn clean_paste(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    unix.nfc()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}
