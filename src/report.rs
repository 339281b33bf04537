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
    find_place(template, id).map(|(step, _)| step)
}

/// Finds a step, and a lettered or numbered item of a section step, by what the user
/// typed in the outline's own numbering: "ii.2" is the step, "ii.2.a", "II.2 a",
/// "II.2a", "ii.2 a)" its item a) (the field's id); "pl1", "phụ lục 1" a table.
pub fn find_place(template: &Template, id: &str) -> Option<(StepRef, Option<String>)> {
    let want: String = id
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    let want = want.trim_end_matches('.');
    let want = want
        .strip_prefix("phụlục")
        .map(|n| format!("pl{n}"))
        .unwrap_or_else(|| want.to_string());
    let all = steps(template);
    if let Some(step) = all.iter().find(|s| s.goto_id() == want).or_else(|| {
        // A heading id ("ii") opens its first step.
        let prefix = format!("{want}.");
        all.iter().find(|s| s.goto_id().starts_with(&prefix))
    }) {
        return Some((step.clone(), None));
    }
    // A step's id, then the number of one of its items ("a)" typed "a", ".a", " a)").
    let item = |number: &str| -> String {
        number
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '.'))
            .collect()
    };
    template
        .steps()
        .into_iter()
        .filter_map(|s| {
            let rest = want.strip_prefix(&s.id.to_lowercase())?;
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            let field = s
                .fields
                .iter()
                .find(|f| !f.number.is_empty() && item(&f.number) == rest)?;
            Some((s.id.len(), s.id.clone(), field.id.clone()))
        })
        .max_by_key(|(len, ..)| *len)
        .map(|(_, step, field)| (StepRef::Section(step), Some(field)))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn place(typed: &str) -> Option<(StepRef, Option<String>)> {
        find_place(&Template::builtin().unwrap(), typed)
    }

    #[test]
    fn the_outline_numbering_finds_lettered_items() {
        let ii2a = Some((StepRef::Section("II.2".into()), Some("a".into())));
        for typed in [
            "ii.2.a",
            "II.2 a",
            "II.2a",
            "ii.2 a)",
            "II.2.a)",
            " ii.2 (a) ",
        ] {
            assert_eq!(place(typed), ii2a, "{typed}");
        }
        assert_eq!(
            place("iii.4b"),
            Some((StepRef::Section("III.4".into()), Some("b".into())))
        );
        // Steps keep working, and an item a step does not have is no place.
        for (typed, step) in [
            ("ii.2", StepRef::Section("II.2".into())),
            ("II.2.", StepRef::Section("II.2".into())),
            ("ii", StepRef::Section("II.1".into())),
            ("pl1", StepRef::Table("pl1".into())),
            ("phụ lục 1", StepRef::Table("pl1".into())),
            ("Phụ lục 3", StepRef::Table("pl3".into())),
            ("review", StepRef::Review),
        ] {
            assert_eq!(place(typed), Some((step, None)), "{typed}");
        }
        assert_eq!(place("ii.2.z"), None);
        assert_eq!(place("ii.5a"), None, "II.5 has one unlettered answer");
        assert_eq!(place("pl9"), None);
    }
}
