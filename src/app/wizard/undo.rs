//! Ctrl-Z and Ctrl-Y in an open draft: the draft goes back (or forward) one change,
//! the wizard goes to where that change was, and the caller says what it was.

use std::time::Instant;

use super::Wizard;
use crate::app::history::Change;
use crate::template::Template;

impl Wizard {
    /// Undoes (or, with `redo`, redoes) the last change; None when there is none.
    pub fn undo(
        &mut self,
        t: &Template,
        redo: bool,
        size: (u16, u16),
        now: Instant,
    ) -> Option<Change> {
        // A cell being typed into is committed first: its typing is the last change.
        self.grid.edit = None;
        self.message_hold = None;
        self.settle(t);
        let (draft, change) = if redo {
            self.history.redo(&self.draft)?
        } else {
            self.history.undo(&self.draft)?
        };
        self.draft = draft;
        self.refresh(t);
        self.save.changed(now);
        self.show(t, &change);
        // Rows may have come or gone: the selection and the scroll stay within the
        // table, with the change in view.
        if let Some(table) = self.table().map(str::to_string) {
            self.grid.top = self.grid.top.min(self.grid.row);
            crate::app::grid::scroll_into_view(self, t, &table, size);
        }
        Some(change)
    }

    /// Goes to the step and the cell or field of a change.
    fn show(&mut self, t: &Template, change: &Change) {
        match self.step_of(change.step()) {
            Some(i) if i != self.current => self.open_step(t, i),
            _ => {
                // Same step: its fields are read again from the draft.
                let focus = self.fields.focus;
                self.fields = self.step_fields(t);
                self.fields.focus = focus.min(self.fields.items.len().saturating_sub(1));
                self.measure(t);
            }
        }
        self.focus = super::Focus::Content;
        match change {
            Change::Cell {
                table, row, col, ..
            } => {
                if let Some(r) = self.eval.sheet(table).and_then(|s| s.find(row)) {
                    self.grid.row = r;
                }
                if let Some(c) = t.table(table).and_then(|s| s.column_index(col)) {
                    self.grid.col = c;
                }
            }
            Change::MoveRow { table, row, .. } => {
                if let Some(r) = self.eval.sheet(table).and_then(|s| s.find(row)) {
                    self.grid.row = r;
                }
            }
            Change::Field { index, .. } => {
                self.fields.focus = (*index).min(self.fields.items.len().saturating_sub(1));
            }
            Change::AddRow { .. }
            | Change::DeleteRow { .. }
            | Change::TableNothing { .. }
            | Change::Explain { .. }
            | Change::Paste { .. } => {}
        }
    }
}
