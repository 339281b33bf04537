//! An open draft: the steps of the outline, the focused step and field or cell, the
//! evaluation (recomputed from the draft after every change: findings, computed cells,
//! step states), and the save state. Findings never block moving, saving or quitting.

use std::path::PathBuf;
use std::time::Instant;

mod explain;
mod keys;
mod undo;

pub(in crate::app) use keys::{key, quit_question};

use super::Opened;
use super::fields::Fields;
use super::grid::{self, GridState};
use super::history::{CellChange, Change, History};
use super::keymap::Context;
use super::saving::SaveState;
use crate::draft::{Draft, RowRef};
use crate::i18n;
use crate::report::{self, StepRef};
use crate::rules::{self, Evaluation, Finding, Place, StepState, StepStatus};
use crate::template::{Severity, Template};

/// Which half of the main screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The outline tree.
    Outline,
    /// The current step.
    Content,
}

/// An open draft.
#[derive(Debug)]
pub struct Wizard {
    /// Its name.
    pub name: String,
    /// Its file.
    pub path: PathBuf,
    /// Its content.
    pub draft: Draft,
    /// Findings and computed cells of `draft`.
    pub eval: Evaluation,
    /// State of each section and table step.
    pub statuses: Vec<StepStatus>,
    /// Indices into `eval.findings`, in step order.
    pub order: Vec<usize>,
    /// The steps.
    pub steps: Vec<StepRef>,
    /// The current step.
    pub current: usize,
    /// Where the keyboard is.
    pub focus: Focus,
    /// The highlighted step in the outline tree.
    pub outline: usize,
    /// The fields of an information or section step.
    pub fields: Fields,
    /// The grid of a table step.
    pub grid: GridState,
    /// The selected line of the review step.
    pub review: usize,
    /// Saving.
    pub save: SaveState,
    /// Quit once everything is saved.
    pub quit_requested: bool,
    /// Interface language (labels of the information fields).
    pub lang: i18n::Lang,
    /// Opened read-only (another session holds the draft): nothing is written.
    pub read_only: bool,
    /// This session's hold on the draft, released when the wizard closes.
    pub lock: Option<crate::store::lock::DraftLock>,
    /// Telex/VNI as the app has it, copied in before each key.
    pub typing: crate::ime::Typing,
    /// An evaluation owed after typing into a cell of a very large draft, and when.
    pub eval_due: Option<Instant>,
    /// While figures are typed from cell to cell without a pause, the line under the
    /// grid keeps saying what it said for the cell where the burst began (row, column)
    /// until this instant: over a slow link each column's full caption would cost
    /// more than the figure typed. A pause, or any key but typing and Tab/Enter,
    /// brings it up to date.
    pub message_hold: Option<(Instant, usize, usize)>,
    /// The widest content of each column of the current table step.
    pub content_widths: Vec<u16>,
    /// The outline tree kept on screen on table steps of a narrow terminal (Ctrl-W).
    pub tree_pinned: bool,
    /// Undo and redo of every change to the draft.
    pub history: History,
}

/// How long typing in a cell may pause before the computed cells, findings, progress
/// and message line catch up (leaving the cell catches them up at once). A burst of
/// digits echoes only the digits: over a slow link each repaint of the sums between
/// two digits would cost hundreds of bytes, and in a consolidated draft an evaluation.
pub const EVAL_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);

impl Wizard {
    /// Opens a draft at its first step that is not done.
    pub fn new(t: &Template, lang: i18n::Lang, opened: Opened) -> Wizard {
        let mut w = Wizard {
            name: opened.name,
            path: opened.path,
            draft: opened.draft,
            eval: Evaluation::default(),
            statuses: Vec::new(),
            order: Vec::new(),
            steps: report::steps(t),
            current: 0,
            focus: Focus::Content,
            outline: 0,
            fields: Fields::default(),
            grid: GridState::default(),
            review: 0,
            save: SaveState::opened(opened.saved),
            quit_requested: false,
            lang,
            read_only: opened.read_only,
            lock: opened.lock,
            typing: crate::ime::Typing::default(),
            eval_due: None,
            message_hold: None,
            content_widths: Vec::new(),
            tree_pinned: false,
            history: History::default(),
        };
        w.history = History::new(&w.draft);
        w.refresh(t);
        let first = (0..w.steps.len())
            .find(|&i| w.state(i) != StepState::Done)
            .unwrap_or(w.steps.len() - 1);
        w.open_step(t, first);
        w
    }

    /// Recomputes findings, computed cells and step states from the draft.
    pub fn refresh(&mut self, t: &Template) {
        // The old evaluation goes first: a consolidated report's sheets are megabytes,
        // and two sets at once would double the peak.
        self.eval = Evaluation::default();
        self.eval = rules::evaluate(t, &self.draft);
        self.derive(t);
        self.measure(t);
    }

    /// Measures the current table's columns (after an evaluation or a step change).
    fn measure(&mut self, t: &Template) {
        self.content_widths = match self.table() {
            Some(table) => {
                super::columns::content_widths(self.lang, t, &self.draft, &self.eval, table)
            }
            None => Vec::new(),
        };
    }

    /// Whether the outline tree is on screen (on a table step of a narrow terminal it
    /// folds away unless it has the keyboard or is pinned with Ctrl-W).
    pub fn tree_shown(&self) -> bool {
        self.focus == Focus::Outline || self.tree_pinned || self.table().is_none()
    }

    /// Step states and the findings' order, from the evaluation.
    fn derive(&mut self, t: &Template) {
        self.statuses = rules::step_statuses(t, &self.draft, &self.eval);
        let pos = |f: &Finding| self.step_of(f.place.step()).unwrap_or(usize::MAX);
        // Steps with errors come first, in outline order, then steps with warnings
        // only; within a step, errors before warnings.
        let findings = &self.eval.findings;
        let mut with_errors = vec![false; self.steps.len() + 1];
        for f in findings.iter().filter(|f| f.severity == Severity::Error) {
            if let Some(e) = with_errors.get_mut(pos(f)) {
                *e = true;
            }
        }
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| {
            let f = &findings[i];
            let p = pos(f);
            (!with_errors.get(p).copied().unwrap_or(false), p, f.severity)
        });
        self.order = order;
    }

    /// Records a change to the draft.
    pub fn changed(&mut self, t: &Template, now: Instant) {
        self.refresh(t);
        self.save.changed(now);
    }

    /// The state of step `i`.
    pub fn state(&self, i: usize) -> StepState {
        match &self.steps[i] {
            StepRef::Info => {
                // The fields `missing` counts: the step is done when none is blank.
                let blank = rules::missing::info(&self.draft).info;
                let wrong = self
                    .eval
                    .findings
                    .iter()
                    .any(|f| matches!(f.place, crate::rules::Place::Info { .. }));
                match blank {
                    _ if wrong => StepState::Error,
                    0 => StepState::Done,
                    n if n == rules::missing::INFO_FIELDS => StepState::Empty,
                    _ => StepState::Partial,
                }
            }
            StepRef::Section(id) | StepRef::Table(id) => self
                .statuses
                .iter()
                .find(|s| &s.id == id)
                .map_or(StepState::Empty, |s| s.state),
            StepRef::Review => {
                if self.eval.count(crate::template::Severity::Error) > 0 {
                    StepState::Error
                } else if self.eval.findings.is_empty() {
                    StepState::Done
                } else {
                    StepState::Partial
                }
            }
        }
    }

    /// (done, total) of the outline's steps (sections and tables), as `list` counts
    /// them: the report information and the review are not counted.
    pub fn completion(&self) -> (usize, usize) {
        let counted: Vec<usize> = (0..self.steps.len())
            .filter(|&i| matches!(self.steps[i], StepRef::Section(_) | StepRef::Table(_)))
            .collect();
        let done = counted
            .iter()
            .filter(|&&i| self.state(i) == StepState::Done)
            .count();
        (done, counted.len())
    }

    /// The current step.
    pub fn step(&self) -> &StepRef {
        &self.steps[self.current]
    }

    /// The table id of the current step, if it is a table.
    pub fn table(&self) -> Option<&str> {
        match self.step() {
            StepRef::Table(id) => Some(id),
            _ => None,
        }
    }

    /// Which bindings apply.
    pub fn context(&self, _t: &Template) -> Context {
        self.context_kind()
    }

    fn context_kind(&self) -> Context {
        if self.focus == Focus::Outline {
            return Context::Outline;
        }
        match self.step() {
            StepRef::Info | StepRef::Section(_) => Context::Text,
            StepRef::Table(_) if self.grid.edit.is_some() => Context::CellEdit,
            StepRef::Table(_) => Context::Grid,
            StepRef::Review => Context::Review,
        }
    }

    /// Opens step `i` with the keyboard in it.
    pub fn open_step(&mut self, t: &Template, i: usize) {
        // Figures typed without a pause in the step left behind are evaluated first.
        self.settle(t);
        self.history.seal();
        self.message_hold = None;
        self.current = i.min(self.steps.len() - 1);
        self.outline = self.current;
        self.focus = Focus::Content;
        self.grid = GridState::default();
        self.review = 0;
        self.measure(t);
        self.fields = self.step_fields(t);
        if let Some(table) = self.table().map(str::to_string) {
            // Start on the first cell that takes input.
            let cols = t.table(&table).map_or(0, |s| s.columns.len());
            let rows = self.eval.sheet(&table).map_or(0, |s| s.rows.len());
            if let Some(pos) =
                (0..rows * cols).find(|&p| grid::is_input(self, &table, p / cols, p % cols))
            {
                self.grid.row = pos / cols;
                self.grid.col = pos % cols;
            }
        }
    }

    /// The fields of the current step as the draft has them.
    fn step_fields(&self, t: &Template) -> Fields {
        match self.step() {
            StepRef::Info => Fields::for_meta(self.lang, &self.draft.meta),
            StepRef::Section(id) => t
                .section(id)
                .map(|s| Fields::for_section(s, &self.draft))
                .unwrap_or_default(),
            _ => Fields::default(),
        }
    }

    /// The index of the step with this id (a section or table id, or "info").
    pub fn step_of(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| match s {
            StepRef::Section(x) | StepRef::Table(x) => x == id,
            StepRef::Info => id == "info",
            StepRef::Review => false,
        })
    }

    /// The current step's id: a section or table id, "info" or "review".
    pub fn step_id(&self) -> &str {
        match self.step() {
            StepRef::Info => "info",
            StepRef::Section(id) | StepRef::Table(id) => id,
            StepRef::Review => "review",
        }
    }

    /// The focused field as the status line names it ("I.1 Nội dung báo cáo").
    fn field_label(&self, _t: &Template) -> String {
        let label = self.fields.current().map_or("", |f| f.label.as_str());
        match self.step() {
            StepRef::Section(id) => format!("{id} {label}"),
            _ => label.to_string(),
        }
    }

    /// Goes to a step by id ("pl1", "ii.2"), on its item when one is named ("ii.2.a");
    /// false when there is none.
    pub fn goto(&mut self, t: &Template, id: &str) -> bool {
        let Some((step, item)) = report::find_place(t, id) else {
            return false;
        };
        match self.steps.iter().position(|s| *s == step) {
            Some(i) => {
                self.open_step(t, i);
                if let Some(item) = item {
                    self.fields.focus_answer(&item);
                }
                true
            }
            None => false,
        }
    }

    fn step_by(&mut self, t: &Template, delta: isize, now: Instant) {
        let last = self.steps.len() as isize - 1;
        let i = (self.current as isize + delta).clamp(0, last) as usize;
        if i != self.current {
            self.open_step(t, i);
            self.save.now(now);
        }
    }

    /// Sets a cell's raw text; `how` names the change for undo.
    #[expect(
        clippy::too_many_arguments,
        reason = "a cell's address, its text and why"
    )]
    pub fn set_cell(
        &mut self,
        t: &Template,
        table: &str,
        row: &RowRef,
        col: &str,
        text: String,
        how: CellChange,
        now: Instant,
    ) {
        if self.put_cell(table, row, col, text) {
            self.record_cell(table, row, col, how);
            if how != CellChange::Typed {
                self.history.seal();
            }
            self.changed(t, now);
        }
    }

    /// Records a change of a cell in the history.
    fn record_cell(&mut self, table: &str, row: &RowRef, col: &str, how: CellChange) {
        let label = self
            .eval
            .sheet(table)
            .and_then(|s| s.find(row).map(|i| s.rows[i].display_label()))
            .unwrap_or_default();
        let change = Change::Cell {
            table: table.to_string(),
            row: row.clone(),
            label,
            col: col.to_string(),
            how,
        };
        self.history.record(&self.draft, change, false);
    }

    /// Records any other change in the history, as a step of its own.
    pub fn record(&mut self, change: Change) {
        self.history.record(&self.draft, change, true);
    }

    /// Writes a cell's text into the draft; false when it was already that.
    fn put_cell(&mut self, table: &str, row: &RowRef, col: &str, text: String) -> bool {
        if self.draft.cell(table, row, col) == text {
            return false;
        }
        self.draft.set_cell(table, row, col, text);
        true
    }

    /// Types into a cell: like [`Wizard::set_cell`] (the draft and the save are up to
    /// date at once), but the evaluation waits for a pause in typing or for leaving
    /// the cell (see [`EVAL_PAUSE`]).
    pub fn type_in_cell(
        &mut self,
        table: &str,
        row: &RowRef,
        col: &str,
        text: String,
        now: Instant,
    ) {
        if self.put_cell(table, row, col, text) {
            self.record_cell(table, row, col, CellChange::Typed);
            self.save.changed(now);
            self.eval_due = Some(now + EVAL_PAUSE);
        }
    }

    /// Evaluates now if an evaluation is owed.
    pub fn settle(&mut self, t: &Template) {
        if self.eval_due.take().is_some() {
            self.refresh(t);
        }
    }

    /// Deletes an added row.
    pub fn delete_row(&mut self, t: &Template, table: &str, row: &RowRef, now: Instant) {
        let RowRef::Added(id) = row else { return };
        if self.draft.tables.contains_key(table) {
            let label = self
                .eval
                .sheet(table)
                .and_then(|s| s.find(row).map(|i| s.rows[i].display_label()))
                .unwrap_or_default();
            self.draft.table_mut(table).rows.retain(|r| r.id != *id);
            // Its explanations go with it: a row added later may take its id.
            let place = format!(" {table}/A:{id}");
            self.draft
                .explained
                .retain(|k, _| !(k.contains(&format!("{place}/")) || k.ends_with(&place)));
            self.record(Change::DeleteRow {
                table: table.to_string(),
                label,
            });
            self.changed(t, now);
        }
    }

    /// Marks the table "Không phát sinh", or unmarks it.
    pub fn toggle_table_nothing(&mut self, t: &Template, table: &str, now: Instant) {
        let data = self.draft.table_mut(table);
        data.nothing_to_report = !data.nothing_to_report;
        self.record(Change::TableNothing {
            table: table.to_string(),
        });
        self.changed(t, now);
    }

    /// Goes to the place of the `n`-th finding in step order.
    pub fn jump_to_finding(&mut self, t: &Template, n: usize, now: Instant) {
        let Some(f) = self.order.get(n).and_then(|&i| self.eval.findings.get(i)) else {
            return;
        };
        let place = f.place.clone();
        self.jump_to(t, &place);
        self.save.now(now);
    }

    /// Goes to a place: its step, its field or cell.
    pub fn jump_to(&mut self, t: &Template, place: &Place) {
        let step = match place {
            Place::Answer { section, .. } => StepRef::Section(section.clone()),
            Place::Cell { table, .. } | Place::Table { table } => StepRef::Table(table.clone()),
            Place::Info { .. } => StepRef::Info,
        };
        let Some(i) = self.steps.iter().position(|s| *s == step) else {
            return;
        };
        self.open_step(t, i);
        match place {
            Place::Answer { .. } | Place::Info { .. } => {
                if let Some(k) = self.fields.items.iter().position(|f| f.key.is_at(place)) {
                    self.fields.focus = k;
                }
            }
            Place::Cell {
                table, row, col, ..
            } => {
                if let Some(r) = self.eval.sheet(table).and_then(|s| s.find(row)) {
                    self.grid.row = r;
                }
                if let Some(c) = col.as_ref().and_then(|c| t.table(table)?.column_index(c)) {
                    self.grid.col = c;
                }
            }
            Place::Table { .. } => {}
        }
    }

    /// The findings about the focused field or cell (row-level and table-level ones
    /// included), for the message line.
    pub fn current_findings(&self, t: &Template) -> Vec<&Finding> {
        self.findings_at(t, self.grid.row, self.grid.col)
    }

    /// The findings about a field or, on a table step, the cell at (row, col).
    pub fn findings_at(&self, t: &Template, row: usize, col: usize) -> Vec<&Finding> {
        let here = |f: &&Finding| match (&f.place, self.step()) {
            (Place::Answer { .. }, StepRef::Section(_)) | (Place::Info { .. }, StepRef::Info) => {
                self.fields.current().is_some_and(|x| x.key.is_at(&f.place))
            }
            (_, StepRef::Table(id)) if f.place.step() == id || !f.also.is_empty() => {
                let sel = self.eval.sheet(id).and_then(|s| s.rows.get(row));
                let col_id = t.table(id).and_then(|s| s.columns.get(col));
                matches!(&f.place, Place::Table { table } if table == id)
                    || sel
                        .zip(col_id)
                        .is_some_and(|(r, c)| f.touches(id, &r.row, &c.id))
            }
            _ => false,
        };
        // Errors first: the line under the grid shows the worst.
        let mut out: Vec<&Finding> = self
            .eval
            .findings
            .iter()
            .filter(here)
            .filter(|f| !self.in_progress(f))
            .collect();
        out.sort_by_key(|f| f.severity);
        out
    }

    /// Whether a finding is about the row being typed and only says it is not finished
    /// yet (a row partly filled): it shows once the cursor leaves the row. Flagging
    /// each next blank cell while the user types across would only chase the cursor
    /// (and cost a repaint of the message line at every Tab).
    pub fn in_progress(&self, f: &Finding) -> bool {
        let Place::Cell { table, row, .. } = &f.place else {
            return false;
        };
        matches!(f.problem, rules::Problem::Incomplete { .. })
            && self.focus == Focus::Content
            && self.table() == Some(table.as_str())
            && self.grid.typing_row.as_ref() == Some(row)
    }

    /// Pastes into the focused editor (never moves, saves or quits: a paste is text).
    pub fn paste(&mut self, t: &Template, text: &str, now: Instant) {
        if self.focus != Focus::Content || self.read_only {
            return;
        }
        match self.step().clone() {
            StepRef::Info | StepRef::Section(_) => {
                if self.fields.paste(text) {
                    self.fields.apply_current(&mut self.draft);
                    let label = self.field_label(t);
                    self.history.seal();
                    self.record(Change::Paste {
                        label,
                        step: self.step_id().to_string(),
                    });
                    self.changed(t, now);
                }
            }
            StepRef::Table(table) => {
                if let Some(edit) = self.grid.edit.as_mut() {
                    edit.editor.insert(text);
                    let (row, col, text) = (edit.row.clone(), edit.col.clone(), edit.editor.text());
                    if self.put_cell(&table, &row, &col, text) {
                        let label = self
                            .eval
                            .sheet(&table)
                            .and_then(|s| s.find(&row).map(|i| s.rows[i].display_label()))
                            .map(|l| format!("({col}) {l}"))
                            .unwrap_or_default();
                        self.history.seal();
                        self.record(Change::Paste {
                            label,
                            step: table.clone(),
                        });
                        self.changed(t, now);
                    }
                }
            }
            StepRef::Review => {}
        }
    }

    fn field_changed(&mut self, t: &Template, now: Instant) {
        self.fields.apply_current(&mut self.draft);
        // One undo step per word: a space or line break typed ends it.
        let word_end = self
            .fields
            .current()
            .is_some_and(|f| f.editor.text().ends_with(char::is_whitespace));
        let change = Change::Field {
            step: self.step_id().to_string(),
            index: self.fields.focus,
            label: self.field_label(t),
        };
        self.history.record(&self.draft, change, word_end);
        let answer = matches!(
            self.fields.current().map(|f| &f.key),
            Some(super::FieldKey::Answer { .. })
        );
        if answer {
            // Only an answer changed: the tables' evaluation stands.
            self.eval = rules::evaluate_answers(t, &self.draft, &self.eval);
            self.derive(t);
            self.save.changed(now);
        } else {
            self.changed(t, now);
        }
    }
}
