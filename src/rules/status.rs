//! The state of each wizard step (empty, partly filled, done, has an error), derived
//! from the draft and its findings, for the outline tree, `list` and completion.

use serde::Serialize;

use super::Evaluation;
use crate::draft::Draft;
use crate::template::{ColumnKind, Severity, Template};

/// How far a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StepState {
    /// Nothing entered.
    Empty,
    /// Something entered, something missing.
    Partial,
    /// Complete, no findings.
    Done,
    /// Has at least one error.
    Error,
}

/// A step with its state and counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepStatus {
    /// Section id or table id.
    pub id: String,
    /// Its state.
    pub state: StepState,
    /// Errors found in it.
    pub errors: usize,
    /// Warnings found in it.
    pub warnings: usize,
}

/// The status of every step: the sections with fields, then the tables.
pub fn step_statuses(template: &Template, draft: &Draft, eval: &Evaluation) -> Vec<StepStatus> {
    let count = |id: &str, sev: Severity| {
        eval.findings
            .iter()
            .filter(|f| f.severity == sev && f.place.step() == id && f.explained.is_none())
            .count()
    };
    let state = |typed: bool, complete: bool, errors: usize, warnings: usize| {
        if errors > 0 {
            StepState::Error
        } else if !typed {
            StepState::Empty
        } else if complete && warnings == 0 {
            StepState::Done
        } else {
            StepState::Partial
        }
    };
    let mut out = Vec::new();
    for s in template.steps() {
        let answers: Vec<_> = s
            .fields
            .iter()
            .map(|f| draft.answer(&s.id, &f.id))
            .collect();
        let filled = |a: &Option<&crate::draft::Answer>| {
            a.is_some_and(|a| a.nothing_to_report || !a.text.trim().is_empty())
        };
        let typed = answers.iter().any(filled);
        // Complete when every answer is written or marked "Không phát sinh" and every
        // figure beside them is given (see `missing`).
        let complete = super::missing::section(template, draft, &s.id).total() == 0;
        let (e, w) = (
            count(&s.id, Severity::Error),
            count(&s.id, Severity::Warning),
        );
        out.push(StepStatus {
            id: s.id.clone(),
            state: state(typed, complete, e, w),
            errors: e,
            warnings: w,
        });
    }
    for t in &template.tables {
        let data = draft.tables.get(&t.id);
        let label_cols: Vec<&str> = t
            .columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Label)
            .map(|c| c.id.as_str())
            .collect();
        let typed_cells = data.is_some_and(|d| {
            d.cells.values().any(|m| !m.is_empty())
                || d.rows.iter().any(|r| {
                    r.cells
                        .iter()
                        .any(|(k, v)| !label_cols.contains(&k.as_str()) && !v.trim().is_empty())
                })
        });
        let marked = data.is_some_and(|d| d.nothing_to_report);
        let (e, w) = (
            count(&t.id, Severity::Error),
            count(&t.id, Severity::Warning),
        );
        out.push(StepStatus {
            id: t.id.clone(),
            state: state(
                typed_cells || marked,
                super::missing::table(template, draft, eval, &t.id).total() == 0,
                e,
                w,
            ),
            errors: e,
            warnings: w,
        });
    }
    out
}

/// (done, total) steps.
pub fn completion(statuses: &[StepStatus]) -> (usize, usize) {
    let done = statuses
        .iter()
        .filter(|s| s.state == StepState::Done)
        .count();
    (done, statuses.len())
}
