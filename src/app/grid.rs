//! A table step: moving like a spreadsheet, typing into a cell (Enter/Tab commit, Esc
//! restores what was there), long text cells in a box, adding, deleting and moving the
//! user's rows within their group, and keeping the selection in view.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::editor::Editor;
use super::history::{CellChange, Change};
use super::keymap::Cmd;
use super::modal::{Confirm, Modal};
use super::wizard::{EVAL_PAUSE, Wizard};
use crate::draft::{AddedRow, RowRef};
use crate::layout;
use crate::rules::RowKind;
use crate::template::{ColumnKind, Template};

/// Where the grid's cursor is.
#[derive(Debug, Clone, Default)]
pub struct GridState {
    /// Selected row (index in the sheet).
    pub row: usize,
    /// Selected column (index in the table).
    pub col: usize,
    /// First row shown.
    pub top: usize,
    /// First scrollable column shown (counting only scrollable columns).
    pub left: usize,
    /// The cell being edited.
    pub edit: Option<CellEdit>,
    /// The row typed into since the cursor came to it: its «partly filled» warning
    /// waits until the cursor leaves it.
    pub typing_row: Option<RowRef>,
}

/// A cell being edited.
#[derive(Debug, Clone)]
pub struct CellEdit {
    /// The text being typed.
    pub editor: Editor,
    /// What was there before (Esc puts it back).
    pub original: String,
    /// The row.
    pub row: RowRef,
    /// The column id.
    pub col: String,
}

/// What the key asked of the wizard beyond the grid itself.
pub(super) enum Outcome {
    /// Nothing more.
    None,
    /// Open a dialog.
    Modal(Box<Modal>),
    /// Leave for the outline.
    Back,
    /// Say why the cell cannot be typed into: it is computed.
    Computed,
    /// Say why the cell cannot be typed into: a heading row takes no figures.
    Heading,
    /// Say why the cell cannot be typed into: another unit group fills this row;
    /// the unit's own rows are named.
    Foreign(Vec<String>),
    /// Say why no row can be added here: a unit types into its own group's rows
    /// (named), and rows per unit are the consolidated report's.
    NoUnitRows(Vec<String>),
}

pub(super) fn key(
    w: &mut Wizard,
    t: &Template,
    table: &str,
    key: &KeyEvent,
    cmd: Option<Cmd>,
    now: Instant,
    size: (u16, u16),
) -> Outcome {
    let burst = w.grid.edit.is_some() && w.eval_due.is_some();
    let at = (w.grid.row, w.grid.col);
    let typing_key = matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let outcome = if w.grid.edit.is_some() {
        edit_key(w, t, table, key, cmd, now)
    } else {
        browse_key(w, t, table, key, cmd, now)
    };
    // Committing a figure typed without a pause and going on: the line under the grid
    // stays as it was until the typing pauses (see `Wizard::message_hold`).
    let commit = matches!(cmd, Some(Cmd::NextField | Cmd::PrevField | Cmd::Enter));
    w.message_hold = match w.message_hold {
        Some((_, r, c)) if typing_key || commit => Some((now + EVAL_PAUSE, r, c)),
        None if burst && commit => Some((now + EVAL_PAUSE, at.0, at.1)),
        _ => None,
    };
    if let Some(edit) = &w.grid.edit {
        w.grid.typing_row = Some(edit.row.clone());
    }
    let here = w
        .eval
        .sheet(table)
        .and_then(|s| s.rows.get(w.grid.row))
        .map(|r| &r.row);
    if w.grid.typing_row.as_ref() != here {
        w.grid.typing_row = None;
    }
    // Leaving a cell brings the findings up to date, and ends its undo step (unless
    // the typing goes on in a long text cell's box).
    if w.grid.edit.is_none() {
        w.settle(t);
        if !matches!(&outcome, Outcome::Modal(m) if matches!(**m, Modal::LongText { .. })) {
            w.history.seal();
        }
    }
    scroll_into_view(w, t, table, size);
    outcome
}

fn edit_key(
    w: &mut Wizard,
    t: &Template,
    table: &str,
    key: &KeyEvent,
    cmd: Option<Cmd>,
    now: Instant,
) -> Outcome {
    let Some(edit) = w.grid.edit.as_mut() else {
        return Outcome::None;
    };
    let vertical = matches!(key.code, KeyCode::Up | KeyCode::Down);
    if !vertical && edit.editor.handles(key) {
        let text_column = t
            .table(table)
            .and_then(|s| s.column_index(&edit.col).map(|i| s.columns[i].kind))
            .is_some_and(|k| !k.is_numeric());
        let typing = if text_column {
            w.typing
        } else {
            crate::ime::Typing::OFF
        };
        if edit.editor.key_with(key, typing) {
            let (row, col, text) = (edit.row.clone(), edit.col.clone(), edit.editor.text());
            w.type_in_cell(table, &row, &col, text, now);
        }
        return Outcome::None;
    }
    match (cmd, key.code) {
        (Some(Cmd::Back), _) => {
            // What was typed stays one Ctrl-Z away (a stray Esc, from an escape
            // sequence split on a slow link, loses nothing).
            let (row, col, original) = (edit.row.clone(), edit.col.clone(), edit.original.clone());
            w.grid.edit = None;
            w.history.seal();
            w.set_cell(t, table, &row, &col, original, CellChange::Restored, now);
        }
        (Some(Cmd::Enter), _) => {
            w.grid.edit = None;
            next_below(w, table);
        }
        (_, KeyCode::Down) => {
            w.grid.edit = None;
            move_row(w, table, 1);
        }
        (_, KeyCode::Up) => {
            w.grid.edit = None;
            move_row(w, table, -1);
        }
        (Some(Cmd::NextField), _) => {
            w.grid.edit = None;
            next_input(w, t, table, true);
        }
        (Some(Cmd::PrevField), _) => {
            w.grid.edit = None;
            next_input(w, t, table, false);
        }
        _ => {}
    }
    Outcome::None
}

fn rows(w: &Wizard, table: &str) -> usize {
    w.eval.sheet(table).map_or(0, |s| s.rows.len())
}

fn move_row(w: &mut Wizard, table: &str, by: isize) {
    let n = rows(w, table);
    if n == 0 {
        return;
    }
    w.grid.row = (w.grid.row as isize + by).clamp(0, n as isize - 1) as usize;
}

/// Whether the user may type into a cell.
pub fn is_input(w: &Wizard, table: &str, row: usize, col: usize) -> bool {
    w.eval
        .sheet(table)
        .and_then(|s| s.rows.get(row))
        .and_then(|r| r.cells.get(col))
        .is_some_and(|c| c.is_input())
}

/// Down to the next cell of the same column that takes input (Enter after typing,
/// as in a spreadsheet); stays when there is none below.
pub(super) fn next_below(w: &mut Wizard, table: &str) {
    let n = rows(w, table);
    if let Some(r) = (w.grid.row + 1..n).find(|&r| is_input(w, table, r, w.grid.col)) {
        w.grid.row = r;
    }
}

/// To the next (or previous) cell that takes input, row after row (Tab after typing,
/// and Tab from the last input cell of a row goes to the first of the next).
pub(super) fn next_input(w: &mut Wizard, t: &Template, table: &str, forward: bool) {
    let Some(spec) = t.table(table) else { return };
    let cols = spec.columns.len();
    let n = rows(w, table);
    let total = n * cols;
    let mut pos = w.grid.row * cols + w.grid.col;
    for _ in 0..total {
        pos = if forward {
            (pos + 1) % total
        } else {
            (pos + total - 1) % total
        };
        if is_input(w, table, pos / cols, pos % cols) {
            w.grid.row = pos / cols;
            w.grid.col = pos % cols;
            return;
        }
    }
}

fn browse_key(
    w: &mut Wizard,
    t: &Template,
    table: &str,
    key: &KeyEvent,
    cmd: Option<Cmd>,
    now: Instant,
) -> Outcome {
    let Some(spec) = t.table(table) else {
        return Outcome::None;
    };
    let page = 10;
    match cmd {
        Some(Cmd::Up) => move_row(w, table, -1),
        Some(Cmd::Down) => move_row(w, table, 1),
        Some(Cmd::PageUp) => move_row(w, table, -page),
        Some(Cmd::PageDown) => move_row(w, table, page),
        Some(Cmd::Left) => w.grid.col = w.grid.col.saturating_sub(1),
        Some(Cmd::Right) => w.grid.col = (w.grid.col + 1).min(spec.columns.len() - 1),
        Some(Cmd::Home) => w.grid.col = 0,
        Some(Cmd::End) => w.grid.col = spec.columns.len() - 1,
        Some(Cmd::NextField) => next_input(w, t, table, true),
        Some(Cmd::PrevField) => next_input(w, t, table, false),
        Some(Cmd::Back) => return Outcome::Back,
        Some(Cmd::Enter) => return start_edit(w, t, table, None, now),
        Some(Cmd::ClearCell) => {
            if let Some((row, col)) = current(w, t, table) {
                w.set_cell(
                    t,
                    table,
                    &row,
                    &col,
                    String::new(),
                    CellChange::Cleared,
                    now,
                );
            }
        }
        Some(Cmd::NothingToReport) => w.toggle_table_nothing(t, table, now),
        Some(Cmd::ToggleTree) => w.tree_pinned = !w.tree_pinned,
        Some(Cmd::AddRow) => return add_row(w, t, table, now),
        Some(Cmd::DeleteRow) => {
            if let Some(r) = w.eval.sheet(table).and_then(|s| s.rows.get(w.grid.row))
                && r.kind == RowKind::Added
            {
                return Outcome::Modal(Box::new(Modal::Confirm(Confirm::DeleteRow {
                    table: table.to_string(),
                    row: r.row.clone(),
                    label: r.display_label(),
                })));
            }
        }
        Some(Cmd::RowUp) => move_added(w, t, table, -1, now),
        Some(Cmd::RowDown) => move_added(w, t, table, 1, now),
        _ => {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if let KeyCode::Char(c) = key.code
                && plain
            {
                return start_edit(w, t, table, Some(c), now);
            }
        }
    }
    Outcome::None
}

/// The selected cell's row and column id, if it takes input.
fn current(w: &Wizard, t: &Template, table: &str) -> Option<(RowRef, String)> {
    if !is_input(w, table, w.grid.row, w.grid.col) {
        return None;
    }
    let row = w.eval.sheet(table)?.rows.get(w.grid.row)?.row.clone();
    let col = t.table(table)?.columns.get(w.grid.col)?.id.clone();
    Some((row, col))
}

/// Starts editing: `typed` None keeps the text (Enter, F2), Some(c) replaces it with
/// the typed character, in number and text cells alike.
fn start_edit(
    w: &mut Wizard,
    t: &Template,
    table: &str,
    typed: Option<char>,
    now: Instant,
) -> Outcome {
    let Some((row, col)) = current(w, t, table) else {
        let r = w.eval.sheet(table).and_then(|s| s.rows.get(w.grid.row));
        return match r {
            Some(r) if r.kind == RowKind::Heading => Outcome::Heading,
            Some(r) if r.foreign => Outcome::Foreign(own_rows(w, table)),
            _ => Outcome::Computed,
        };
    };
    let original = w.draft.cell(table, &row, &col).to_string();
    let long = t
        .table(table)
        .and_then(|s| s.columns.get(w.grid.col))
        .is_some_and(|c| c.kind == ColumnKind::LongText);
    if long {
        let mut editor = Editor::new(if typed.is_some() { "" } else { &original }, false);
        if let Some(c) = typed {
            editor.key_with(
                &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                w.typing,
            );
            w.set_cell(t, table, &row, &col, editor.text(), CellChange::Typed, now);
        }
        return Outcome::Modal(Box::new(Modal::LongText {
            table: table.to_string(),
            row,
            col,
            editor,
            original,
        }));
    }
    let text = match typed {
        None => original.clone(),
        Some(c) => c.to_string(),
    };
    w.grid.edit = Some(CellEdit {
        editor: Editor::new(&text, true),
        original: original.clone(),
        row: row.clone(),
        col: col.clone(),
    });
    if text != original {
        w.type_in_cell(table, &row, &col, text, now);
    }
    Outcome::None
}

/// The fixed row new rows go under, and where in the draft's list they go.
fn insertion(w: &Wizard, t: &Template, table: &str) -> Option<(String, usize)> {
    let spec = t.table(table)?;
    let sheet = w.eval.sheet(table)?;
    let data_rows = w
        .draft
        .tables
        .get(table)
        .map(|d| d.rows.as_slice())
        .unwrap_or(&[]);
    let r = sheet.rows.get(w.grid.row);
    let parent = match r {
        Some(r) if r.kind == RowKind::Added => {
            let i = r.source?;
            let parent = data_rows.get(i)?.parent.clone();
            return Some((parent, i + 1));
        }
        Some(r) => match &r.row {
            RowRef::Fixed(key) if spec.row(key).and_then(|s| s.accepts.as_ref()).is_some() => {
                key.clone()
            }
            _ if spec.accepts.is_some() => String::new(),
            _ => return None,
        },
        None if spec.accepts.is_some() => String::new(),
        None => return None,
    };
    let at = data_rows
        .iter()
        .rposition(|x| x.parent == parent)
        .map_or(data_rows.len(), |i| i + 1);
    Some((parent, at))
}

/// The names of the fixed rows the draft's unit fills in a table with unit groups
/// ("1 Tại cấp huyện", "2 Tại cấp xã" for a district).
pub(super) fn own_rows(w: &Wizard, table: &str) -> Vec<String> {
    let Some(sheet) = w.eval.sheet(table) else {
        return Vec::new();
    };
    sheet
        .rows
        .iter()
        // A group row the unit owns is never foreign: one test says both.
        .filter(|r| matches!(r.kind, RowKind::Group { .. }) && w.draft.owns_row(&r.spec_key))
        .filter(|r| {
            r.children
                .iter()
                .all(|&c| sheet.rows[c].kind == RowKind::Added)
        })
        .map(|r| r.display_label())
        .collect()
}

fn add_row(w: &mut Wizard, t: &Template, table: &str, now: Instant) -> Outcome {
    let Some((parent, at)) = insertion(w, t, table) else {
        return Outcome::None;
    };
    // Rows added directly under the table (Phụ lục 4's models) belong to no group.
    let units = t
        .table(table)
        .and_then(|s| s.row(&parent))
        .is_some_and(|r| r.takes_units());
    if !parent.is_empty() && (!w.draft.owns_row(&parent) || units && !w.draft.meta.consolidated) {
        return if units {
            Outcome::NoUnitRows(own_rows(w, table))
        } else {
            Outcome::Foreign(own_rows(w, table))
        };
    }
    let data = w.draft.table_mut(table);
    let id = data.next_id();
    data.rows.insert(
        at,
        std::sync::Arc::new(AddedRow {
            id,
            parent,
            cells: Default::default(),
        }),
    );
    w.record(Change::AddRow {
        table: table.to_string(),
    });
    w.changed(t, now);
    if let Some(sheet) = w.eval.sheet(table) {
        w.grid.row = sheet.find(&RowRef::Added(id)).unwrap_or(w.grid.row);
        w.grid.col = t
            .table(table)
            .and_then(|s| s.columns.iter().position(|c| c.kind == ColumnKind::Label))
            .unwrap_or(0);
    }
    Outcome::None
}

fn move_added(w: &mut Wizard, t: &Template, table: &str, by: isize, now: Instant) {
    let Some(r) = w.eval.sheet(table).and_then(|s| s.rows.get(w.grid.row)) else {
        return;
    };
    let (Some(i), RowRef::Added(id)) = (r.source, r.row.clone()) else {
        return;
    };
    if !w.draft.tables.contains_key(table) {
        return;
    }
    let data = w.draft.table_mut(table);
    let parent = data.rows[i].parent.clone();
    let sibling = if by < 0 {
        data.rows[..i].iter().rposition(|x| x.parent == parent)
    } else {
        data.rows[i + 1..]
            .iter()
            .position(|x| x.parent == parent)
            .map(|p| p + i + 1)
    };
    if let Some(j) = sibling {
        data.rows.swap(i, j);
        let label = r.display_label();
        w.record(Change::MoveRow {
            table: table.to_string(),
            row: RowRef::Added(id),
            label,
        });
        w.changed(t, now);
        if let Some(sheet) = w.eval.sheet(table) {
            w.grid.row = sheet.find(&RowRef::Added(id)).unwrap_or(w.grid.row);
        }
    }
}

/// Adjusts the first row and column shown so that the selection is visible.
pub(in crate::app) fn scroll_into_view(
    w: &mut Wizard,
    t: &Template,
    table: &str,
    size: (u16, u16),
) {
    let Some(spec) = t.table(table) else { return };
    let n = rows(w, table);
    w.grid.row = w.grid.row.min(n.saturating_sub(1));
    w.grid.col = w.grid.col.min(spec.columns.len().saturating_sub(1));
    let body = layout::grid_body(size, w.tree_shown());
    // One line is kept for the pinned group row when scrolled.
    let visible = (body.height as usize).saturating_sub(1).max(1);
    if w.grid.row < w.grid.top {
        w.grid.top = w.grid.row;
    } else if w.grid.row >= w.grid.top + visible {
        w.grid.top = w.grid.row + 1 - visible;
    }
    if layout::frozen(spec.columns[w.grid.col].kind) {
        return;
    }
    let scroll_index = (0..w.grid.col)
        .filter(|&i| !layout::frozen(spec.columns[i].kind))
        .count();
    let widths = layout::column_widths(spec, &w.content_widths, body.width);
    if scroll_index < w.grid.left {
        w.grid.left = scroll_index;
    }
    while w.grid.left < scroll_index
        && !layout::visible_columns(spec, &widths, body.width, w.grid.left).contains(&w.grid.col)
    {
        w.grid.left += 1;
    }
}
