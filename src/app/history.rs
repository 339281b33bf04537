//! Undo and redo for every change to a draft, across cells, fields and steps.
//!
//! Each entry keeps the whole draft as it was before a change. That costs little: a
//! draft's tables are shared (`Arc`), so an entry holds its own copy only of the table
//! that changed. Typing into one cell or field is one entry until it is committed or
//! left (in a text, one entry per word), so Ctrl-Z takes back a figure or a word, not
//! a keystroke.

use crate::draft::{Draft, RowRef};

/// How many changes can be undone.
pub const DEPTH: usize = 500;

/// What a change was, and where: what the status line names after an undo and where
/// the wizard goes to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A cell typed into (`cleared`: emptied with Del; `restored`: put back with Esc).
    Cell {
        /// Table id.
        table: String,
        /// The row.
        row: RowRef,
        /// The row as shown ("2.1 Hộ tịch").
        label: String,
        /// Column id.
        col: String,
        /// How.
        how: CellChange,
    },
    /// A field of a section or of the report information typed into or marked.
    Field {
        /// The step: a section id, or "info".
        step: String,
        /// The field's index in the step.
        index: usize,
        /// The field as shown ("I.1 Nội dung báo cáo").
        label: String,
    },
    /// A row added to a table.
    AddRow {
        /// Table id.
        table: String,
    },
    /// A row deleted.
    DeleteRow {
        /// Table id.
        table: String,
        /// The row as it was shown.
        label: String,
    },
    /// A row moved within its group.
    MoveRow {
        /// Table id.
        table: String,
        /// The row.
        row: RowRef,
        /// The row as shown.
        label: String,
    },
    /// A table marked «Không phát sinh» or unmarked.
    TableNothing {
        /// Table id.
        table: String,
    },
    /// A warning explained («giải trình») or its explanation removed.
    Explain {
        /// The step of the warning.
        step: String,
        /// The warning's place as shown.
        label: String,
    },
    /// A paste into a cell or field.
    Paste {
        /// Where it went, as shown.
        label: String,
        /// The step it went into.
        step: String,
    },
}

/// How a cell changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellChange {
    /// Typed.
    Typed,
    /// Emptied (Del, Backspace).
    Cleared,
    /// Put back as it was before an edit (Esc).
    Restored,
}

impl Change {
    /// The wizard step the change is in: a section or table id, or "info".
    pub fn step(&self) -> &str {
        match self {
            Change::Cell { table, .. }
            | Change::AddRow { table }
            | Change::DeleteRow { table, .. }
            | Change::MoveRow { table, .. }
            | Change::TableNothing { table } => table,
            Change::Field { step, .. }
            | Change::Paste { step, .. }
            | Change::Explain { step, .. } => step,
        }
    }

    /// Whether a following change of the same place continues this one (typing).
    fn continues(&self, next: &Change) -> bool {
        match (self, next) {
            (
                Change::Cell {
                    table,
                    row,
                    col,
                    how: CellChange::Typed,
                    ..
                },
                Change::Cell {
                    table: t,
                    row: r,
                    col: c,
                    how: CellChange::Typed,
                    ..
                },
            ) => table == t && row == r && col == c,
            (
                Change::Field { step, index, .. },
                Change::Field {
                    step: s, index: i, ..
                },
            ) => step == s && index == i,
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    /// The draft before the change (for an undone change: after it).
    draft: Draft,
    change: Change,
}

/// The undo and redo stacks of an open draft.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// The draft as of the last recorded change.
    base: Draft,
    /// The last entry may still grow (typing in its place goes on).
    open: bool,
}

impl History {
    /// A history that starts at `draft`.
    pub fn new(draft: &Draft) -> History {
        History {
            base: draft.clone(),
            ..History::default()
        }
    }

    /// Records that the draft is now `draft` after `change`. Typing that continues the
    /// open entry joins it; `word_end` closes it after this change (a word typed).
    pub fn record(&mut self, draft: &Draft, change: Change, word_end: bool) {
        let joins = self.open
            && self
                .undo
                .last()
                .is_some_and(|e| e.change.continues(&change));
        let before = std::mem::replace(&mut self.base, draft.clone());
        if !joins {
            self.undo.push(Entry {
                draft: before,
                change,
            });
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.open = !word_end;
    }

    /// Ends the open entry: the next change is a new one (a cell committed or left, a
    /// field or step left).
    pub fn seal(&mut self) {
        self.open = false;
    }

    /// Starts again from `draft` (a draft replaced by a recovered copy).
    pub fn reset(&mut self, draft: &Draft) {
        *self = History::new(draft);
    }

    /// Takes back the last change: the draft before it, and what it was.
    pub fn undo(&mut self, current: &Draft) -> Option<(Draft, Change)> {
        self.step(current, false)
    }

    /// Makes the last undone change again.
    pub fn redo(&mut self, current: &Draft) -> Option<(Draft, Change)> {
        self.step(current, true)
    }

    /// One step back (or forward): the entry moves to the other stack with the draft
    /// as it is now.
    fn step(&mut self, current: &Draft, forward: bool) -> Option<(Draft, Change)> {
        self.open = false;
        let (from, to) = if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let e = from.pop()?;
        to.push(Entry {
            draft: current.clone(),
            change: e.change.clone(),
        });
        self.base = e.draft.clone();
        Some((e.draft, e.change))
    }

    /// How many changes can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(col: &str) -> Change {
        Change::Cell {
            table: "pl1".into(),
            row: RowRef::Fixed("III.1".into()),
            label: "1 Tại cấp huyện".into(),
            col: col.into(),
            how: CellChange::Typed,
        }
    }

    fn with(d: &Draft, col: &str, text: &str) -> Draft {
        let mut d = d.clone();
        d.set_cell("pl1", &RowRef::Fixed("III.1".into()), col, text.into());
        d
    }

    #[test]
    fn typing_in_one_cell_is_one_step_and_a_commit_ends_it() {
        let d0 = Draft::default();
        let mut h = History::new(&d0);
        let d1 = with(&d0, "3", "1");
        h.record(&d1, typed("3"), false);
        let d2 = with(&d1, "3", "12");
        h.record(&d2, typed("3"), false);
        h.seal();
        let d3 = with(&d2, "3", "123");
        h.record(&d3, typed("3"), false);
        assert_eq!(h.depth(), 2);
        let (back, _) = h.undo(&d3).unwrap();
        assert_eq!(back, d2);
        let (back, change) = h.undo(&back).unwrap();
        assert_eq!(back, d0);
        assert_eq!(change, typed("3"));
        assert!(h.undo(&back).is_none());
        let (fwd, _) = h.redo(&back).unwrap();
        assert_eq!(fwd, d2);
        let (fwd, _) = h.redo(&fwd).unwrap();
        assert_eq!(fwd, d3);
    }

    #[test]
    fn another_place_or_a_new_change_after_undo_starts_a_new_step_and_drops_redo() {
        let d0 = Draft::default();
        let mut h = History::new(&d0);
        let d1 = with(&d0, "3", "1");
        h.record(&d1, typed("3"), false);
        let d2 = with(&d1, "4", "1");
        h.record(&d2, typed("4"), false);
        assert_eq!(h.depth(), 2);
        let (back, _) = h.undo(&d2).unwrap();
        let d3 = with(&back, "5", "9");
        h.record(&d3, typed("5"), false);
        assert!(h.redo(&d3).is_none());
    }

    #[test]
    fn it_keeps_the_last_depth_changes() {
        let mut d = Draft::default();
        let mut h = History::new(&d);
        for i in 0..DEPTH + 20 {
            d = with(&d, "3", &i.to_string());
            h.record(&d, typed("3"), true);
        }
        assert_eq!(h.depth(), DEPTH);
    }
}
