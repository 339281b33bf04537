//! What every front end shows the same way (the `show` command, the wizard, exports):
//! the text of a table cell, the list of wizard steps with their titles. Pure: reads
//! the template, the draft and an evaluation.

use crate::draft::{Draft, RowRef};
use crate::i18n::{self, Lang};
use crate::rules::{Cell, SheetRow};
use crate::template::{ColumnKind, Table, Template};

/// The text shown in a cell: typed text as typed, numbers in Vietnamese format,
/// computed values, and the outline's own texts for fixed cells.
pub fn cell_text(lang: Lang, draft: &Draft, table: &Table, row: &SheetRow, col: usize) -> String {
    let column = &table.columns[col];
    let cell = &row.cells[col];
    match cell {
        Cell::Fixed => fixed_text(table, row, column.kind),
        Cell::Text | Cell::Invalid(_) => row.raw(draft, &table.id, &column.id).to_string(),
        other => i18n::cell_value(lang, other).unwrap_or_default(),
    }
}

fn fixed_text(table: &Table, row: &SheetRow, kind: ColumnKind) -> String {
    match kind {
        ColumnKind::Stt => row.stt.clone(),
        ColumnKind::Label => row.label.clone(),
        ColumnKind::Target | ColumnKind::Responsible => {
            let RowRef::Fixed(key) = &row.row else {
                return String::new();
            };
            let Some(spec) = table.row(key) else {
                return String::new();
            };
            match (kind, &spec.indicator) {
                (ColumnKind::Target, Some(ind)) => ind.target_text.clone(),
                (ColumnKind::Responsible, Some(ind)) => ind.responsible.clone(),
                (ColumnKind::Responsible, None) => spec.responsible.clone(),
                _ => String::new(),
            }
        }
        _ => String::new(),
    }
}

/// A wizard step: a section with answers, a table, or the final review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRef {
    /// The report information (unit, number, place, date, signer).
    Info,
    /// A section with fields, by id.
    Section(String),
    /// A table, by id.
    Table(String),
    /// "Kiểm tra & xuất".
    Review,
}

impl StepRef {
    /// The id a user types after `--goto`: "i.1", "ii.7", "pl1", "review".
    pub fn goto_id(&self) -> String {
        match self {
            StepRef::Section(id) | StepRef::Table(id) => id.to_lowercase(),
            StepRef::Review => "review".to_string(),
            StepRef::Info => "info".to_string(),
        }
    }
}

/// Every step in outline order: the report information, sections, tables, then the
/// review.
pub fn steps(template: &Template) -> Vec<StepRef> {
    std::iter::once(StepRef::Info)
        .chain(
            template
                .steps()
                .into_iter()
                .map(|s| StepRef::Section(s.id.clone())),
        )
        .chain(template.tables.iter().map(|t| StepRef::Table(t.id.clone())))
        .chain(std::iter::once(StepRef::Review))
        .collect()
}

/// Finds a step by what the user typed ("pl1", "II.2", "ii.2", "i.1", "Phụ lục 3").
pub fn find_step(template: &Template, id: &str) -> Option<StepRef> {
    let want = id.trim().to_lowercase().replace(' ', "");
    let want = want
        .strip_prefix("phụlục")
        .map(|n| format!("pl{n}"))
        .unwrap_or(want);
    steps(template)
        .into_iter()
        .find(|s| s.goto_id() == want)
        .or_else(|| {
            // A heading id ("ii") opens its first step.
            let prefix = format!("{want}.");
            steps(template)
                .into_iter()
                .find(|s| s.goto_id().starts_with(&prefix))
        })
}

/// How far an indicator's result is towards its target, 0.0–1.0 (1.0 when met), for
/// the small bar beside Phụ lục 3 column (7). `None` without a result.
pub fn progress(template: &Template, table: &Table, row: &SheetRow) -> Option<f64> {
    use crate::template::{RuleKind, Target};
    let RowRef::Fixed(key) = &row.row else {
        return None;
    };
    let ind = table.row(key)?.indicator.as_ref()?;
    let result_col = template.rules.iter().find_map(|r| match &r.kind {
        RuleKind::Targets {
            table: t, result, ..
        } if t == &table.id => Some(result.as_str()),
        _ => None,
    })?;
    let value = row.cells.get(table.column_index(result_col)?)?.value()?;
    let goal = ind.target.value();
    let ratio = match ind.target {
        Target::RankAtMost(_) => {
            if value <= goal {
                1.0
            } else {
                goal / value
            }
        }
        _ if goal <= 0.0 => 1.0,
        _ => value / goal,
    };
    Some(ratio.clamp(0.0, 1.0))
}
