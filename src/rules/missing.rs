//! What a report still asks for: the information fields, the answers and figures of
//! each section, and the cells of each table that are blank. One count serves the
//! outline tree (a step is ✓ only with nothing missing), the review step and the
//! export dialog, so that they all say the same thing.

use serde::Serialize;

use super::{Evaluation, RowKind};
use crate::draft::Draft;
use crate::template::{FieldKind, Template};

/// Blanks a report still has, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// Report information: unit, number, place, date, signer.
    pub info: usize,
    /// Narrative answers neither written nor marked «Không phát sinh».
    pub answers: usize,
    /// Number fields of sections left blank.
    pub numbers: usize,
    /// Table cells left blank in the unit's own rows and in rows already started.
    pub cells: usize,
    /// Tables with nothing in them and not marked «Không phát sinh».
    pub tables: usize,
}

impl Missing {
    /// All blanks.
    pub fn total(&self) -> usize {
        self.info + self.answers + self.numbers + self.cells + self.tables
    }

    fn add(&mut self, o: Missing) {
        self.info += o.info;
        self.answers += o.answers;
        self.numbers += o.numbers;
        self.cells += o.cells;
        self.tables += o.tables;
    }
}

/// How many report information fields a report asks for.
pub const INFO_FIELDS: usize = 5;

/// The blanks of the report information.
pub fn info(draft: &Draft) -> Missing {
    let m = &draft.meta;
    Missing {
        info: [&m.unit, &m.number, &m.place, &m.date, &m.signer]
            .iter()
            .filter(|s| s.trim().is_empty())
            .count(),
        ..Missing::default()
    }
}

/// The blanks of a section step: its answers, and its figures unless an answer of the
/// step is marked «Không phát sinh» (nothing to count then).
pub fn section(template: &Template, draft: &Draft, id: &str) -> Missing {
    let Some(s) = template.section(id) else {
        return Missing::default();
    };
    let answer = |f: &crate::template::Field| draft.answer(&s.id, &f.id);
    let excused = s
        .fields
        .iter()
        .any(|f| f.kind == FieldKind::Text && answer(f).is_some_and(|a| a.nothing_to_report));
    let mut out = Missing::default();
    for f in &s.fields {
        let blank = answer(f).is_none_or(|a| !a.nothing_to_report && a.text.trim().is_empty());
        match f.kind {
            FieldKind::Text if blank => out.answers += 1,
            FieldKind::Whole | FieldKind::Decimal if blank && !excused => out.numbers += 1,
            _ => {}
        }
    }
    out
}

/// The blanks of a table step: none when marked «Không phát sinh»; else the blank
/// input cells of the rows the unit must fill (its own rows of a table with a row per
/// unit) and of every row with something typed in it; a table with nothing at all
/// counts once.
pub fn table(template: &Template, draft: &Draft, eval: &Evaluation, id: &str) -> Missing {
    let (Some(spec), Some(sheet)) = (template.table(id), eval.sheet(id)) else {
        return Missing::default();
    };
    let data = draft.tables.get(id);
    if data.is_some_and(|d| d.nothing_to_report) {
        return Missing::default();
    }
    let mut out = Missing::default();
    let mut any = false;
    for row in &sheet.rows {
        let takes_input = matches!(
            row.kind,
            RowKind::Group { computed: false } | RowKind::Added | RowKind::Indicator
        );
        if !takes_input || row.foreign {
            continue;
        }
        let inputs = || row.cells.iter().filter(|c| c.is_input());
        let typed = inputs().filter(|c| c.is_typed()).count();
        any |= typed > 0;
        let own_unit_row = row.kind == (RowKind::Group { computed: false })
            && spec.row(&row.spec_key).is_some_and(|r| r.takes_units());
        if typed > 0 || own_unit_row {
            out.cells += inputs().count() - typed;
        }
    }
    if !any && out.cells == 0 {
        out.tables = 1;
    }
    out
}

/// Every blank of the report.
pub fn report(template: &Template, draft: &Draft, eval: &Evaluation) -> Missing {
    let mut out = info(draft);
    for s in template.steps() {
        out.add(section(template, draft, &s.id));
    }
    for t in &template.tables {
        out.add(table(template, draft, eval, &t.id));
    }
    out
}
