//! The rules engine: one pure function, [`evaluate`], turns a template and a draft into
//! the computed tables (sums, Phụ lục 3 columns (6) and (7)) and the findings of rules
//! R1–R12. The template says where each kind of rule applies; this module only knows
//! the kinds. A blank cell is "not entered", never a silent zero.

mod answers;
mod groups;
mod info;
pub mod missing;
mod range;
mod required;
mod row_sum;
mod sheet;
mod status;
mod sums;
mod targets;

pub use info::{DateIssue, read_date};
pub use sheet::{Cell, Change, RowKind, Sheet, SheetRow, Verdict};
pub use status::{StepState, StepStatus, completion, step_statuses};

use std::sync::Arc;

use serde::Serialize;

use crate::draft::{Draft, RowRef};
use crate::number::NumError;
use crate::template::{NumberPlace, RuleKind, Severity, Template};

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A narrative answer or number field of a section.
    Answer { section: String, field: String },
    /// A table cell, or a whole row when `col` is `None`.
    Cell {
        table: String,
        row: RowRef,
        /// The row's STT and name as shown, for messages.
        row_label: String,
        col: Option<String>,
    },
    /// A whole table.
    Table { table: String },
    /// A field of the report information ("date").
    Info { field: String },
}

impl Place {
    /// The place as a stable key: "II.1/a", "pl1/F:TOTAL/3", "pl2/A:4", "pl4",
    /// "info/date".
    pub fn key(&self) -> String {
        match self {
            Place::Answer { section, field } => format!("{section}/{field}"),
            Place::Cell {
                table, row, col, ..
            } => {
                let row = match row {
                    RowRef::Fixed(k) => format!("F:{k}"),
                    RowRef::Added(id) => format!("A:{id}"),
                };
                match col {
                    Some(c) => format!("{table}/{row}/{c}"),
                    None => format!("{table}/{row}"),
                }
            }
            Place::Table { table } => table.clone(),
            Place::Info { field } => format!("info/{field}"),
        }
    }

    /// The wizard step this place belongs to: a section id or a table id.
    pub fn step(&self) -> &str {
        match self {
            Place::Answer { section, .. } => section,
            Place::Cell { table, .. } | Place::Table { table } => table,
            Place::Info { .. } => "info",
        }
    }
}

/// What is wrong, with the actual values. Turned into words by `i18n`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The text typed is not a valid number here.
    BadNumber { raw: String, error: NumError },
    /// A number outside its allowed range.
    OutOfRange {
        value: f64,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// A decimal where a whole number is required.
    NotWhole { value: f64 },
    /// `total` ≠ sum of `parts`.
    RowSum {
        total_col: String,
        total: f64,
        parts: Vec<String>,
        sum: f64,
    },
    /// Some cells of a row are filled and these are blank.
    Incomplete { blanks: Vec<String> },
    /// A value typed into a computed cell; it is ignored.
    TypedInComputed {
        typed: String,
        computed: Option<f64>,
    },
    /// A value typed into a heading row, which takes none; it is ignored.
    TypedInHeading { typed: String },
    /// Late or pending dossiers in `source` with nothing explaining them in `target`.
    Unexplained {
        source: String,
        values: Vec<(String, f64)>,
        target: String,
        /// The group row, as shown ("1 Tại cấp huyện").
        level: String,
    },
    /// A group total of `from` differs from the matching figure of `to`.
    GroupMismatch {
        from: String,
        from_col: String,
        from_value: f64,
        to: String,
        to_col: String,
        to_value: Option<f64>,
        /// The group row, as shown ("1 Tại cấp huyện").
        level: String,
    },
    /// Required columns are blank.
    Missing { cols: Vec<String> },
    /// A narrative answer neither filled nor marked "Không phát sinh".
    Unanswered,
    /// The section describes models but the table has no rows.
    SectionWithoutRows { table: String },
    /// The table has rows but the section describes none.
    RowsWithoutSection { section: String, rows: usize },
    /// The report's date does not name a real day.
    BadDate { text: String, issue: DateIssue },
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id ("R1" … "R12").
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// Where it is.
    pub place: Place,
    /// What is wrong.
    pub problem: Problem,
    /// The other cells that take part (the parts of a row sum, the matching cell of
    /// the other table): flagged too, and the message shows on each of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Place>,
    /// For a warning the user explained («giải trình»): the note why the figure is
    /// right. It then no longer counts as open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explained: Option<String>,
}

impl Finding {
    /// A key that names the finding across evaluations: its rule and its place
    /// ("R2 pl1/F:TOTAL/3"). An explanation is stored under it.
    pub fn key(&self) -> String {
        format!("{} {}", self.rule, self.place.key())
    }

    /// Whether the finding concerns a cell (its own place, a cell that takes part, or
    /// its whole row).
    pub fn touches(&self, table: &str, row: &RowRef, col: &str) -> bool {
        std::iter::once(&self.place).chain(&self.also).any(|p| {
            matches!(p, Place::Cell { table: t, row: r, col: c, .. }
                if t == table && r == row && c.as_deref().is_none_or(|c| c == col))
        })
    }
}

/// The result of evaluating a draft.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Every table laid out with parsed and computed values, in template order
    /// (shared: re-evaluating after a narrative edit keeps them).
    pub sheets: Arc<Vec<Sheet>>,
    /// Every finding, in template order of rules.
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// The sheet of a table.
    pub fn sheet(&self, table: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.table == table)
    }

    /// Number of open findings with this severity (a warning the user explained is
    /// no longer open).
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.explained.is_none())
            .count()
    }

    /// Number of warnings the user explained.
    pub fn explained(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.explained.is_some())
            .count()
    }
}

/// Evaluates every rule of the template on the draft. Pure: no I/O, no clock.
pub fn evaluate(template: &Template, draft: &Draft) -> Evaluation {
    let mut sheets: Vec<Sheet> = template
        .tables
        .iter()
        .map(|t| sheet::build(template, t, draft))
        .collect();
    let mut findings = Vec::new();
    let mut ctx = Ctx {
        template,
        draft,
        findings: &mut findings,
    };
    // Computing kinds first, so that checks see sums and derived cells.
    for rule in &template.rules {
        match &rule.kind {
            RuleKind::ChildrenSum { table, columns } => {
                sums::apply(&mut ctx, rule, &mut sheets, table, columns)
            }
            RuleKind::Targets {
                table,
                baseline,
                result,
                delta,
                verdict,
            } => targets::apply(
                &mut ctx,
                rule,
                &mut sheets,
                table,
                [baseline, result, delta, verdict],
            ),
            _ => {}
        }
    }
    for rule in &template.rules {
        match &rule.kind {
            RuleKind::ChildrenSum { .. } | RuleKind::Targets { .. } => {}
            RuleKind::RowSum {
                table,
                total,
                parts,
            } => row_sum::check(&mut ctx, rule, &sheets, table, total, parts),
            RuleKind::Range {
                places,
                min,
                max,
                whole,
            } => range::check_places(&mut ctx, rule, &sheets, places, *min, *max, *whole),
            RuleKind::IndicatorRange { table, columns } => {
                range::check_indicators(&mut ctx, rule, &sheets, table, columns)
            }
            RuleKind::GroupExplained {
                source,
                columns,
                target,
                groups,
            } => groups::explained(&mut ctx, rule, &sheets, source, columns, target, groups),
            RuleKind::GroupTotals {
                from,
                to,
                groups,
                pairs,
            } => groups::totals(&mut ctx, rule, &sheets, from, to, groups, pairs),
            RuleKind::RequiredIf {
                table,
                when_positive,
                required,
            } => required::required_if(&mut ctx, rule, &sheets, table, when_positive, required),
            RuleKind::ResponsibleRequired { table, columns } => {
                required::responsible(&mut ctx, rule, &sheets, table, columns)
            }
            RuleKind::AnswersRequired => answers::required(&mut ctx, rule),
            RuleKind::SectionMatchesRows {
                section,
                table,
                required,
            } => required::section_rows(&mut ctx, rule, &sheets, section, table, required),
        }
    }
    info::check(draft, &mut findings);
    explain(draft, &mut findings);
    Evaluation {
        sheets: Arc::new(sheets),
        findings,
    }
}

/// Attaches to each warning the note the user gave for it («giải trình»), if any.
/// Errors take none: they must be fixed.
fn explain(draft: &Draft, findings: &mut [Finding]) {
    if draft.explained.is_empty() {
        return;
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Warning)
    {
        f.explained = draft.explained.get(&f.key()).cloned();
    }
}

/// Whether a finding can change when only narrative answers change: it is about an
/// answer, or comes from a rule that reads answers and tables together (R11).
fn reads_answers(template: &Template, f: &Finding) -> bool {
    matches!(f.place, Place::Answer { .. })
        || template
            .rules
            .iter()
            .any(|r| r.id == f.rule && matches!(r.kind, RuleKind::SectionMatchesRows { .. }))
}

/// Evaluates again after a change to narrative answers only (not to tables or the
/// report information): the tables' sheets and their findings are kept from
/// `previous`, the rules that read answers run again. Typing in a report with
/// thousands of table rows then costs what the answers cost.
pub fn evaluate_answers(template: &Template, draft: &Draft, previous: &Evaluation) -> Evaluation {
    let mut findings: Vec<Finding> = previous
        .findings
        .iter()
        .filter(|f| !reads_answers(template, f))
        .cloned()
        .collect();
    let sheets = Arc::clone(&previous.sheets);
    let mut ctx = Ctx {
        template,
        draft,
        findings: &mut findings,
    };
    for rule in &template.rules {
        match &rule.kind {
            RuleKind::Range {
                places,
                min,
                max,
                whole,
            } => {
                let fields: Vec<NumberPlace> = places
                    .iter()
                    .filter(|p| matches!(p, NumberPlace::Fields { .. }))
                    .cloned()
                    .collect();
                range::check_places(&mut ctx, rule, &sheets, &fields, *min, *max, *whole);
            }
            RuleKind::AnswersRequired => answers::required(&mut ctx, rule),
            RuleKind::SectionMatchesRows {
                section,
                table,
                required,
            } => required::section_rows(&mut ctx, rule, &sheets, section, table, required),
            _ => {}
        }
    }
    explain(draft, &mut findings);
    Evaluation { sheets, findings }
}

/// What every rule kind needs while it runs.
pub(crate) struct Ctx<'a> {
    pub template: &'a Template,
    pub draft: &'a Draft,
    pub findings: &'a mut Vec<Finding>,
}

impl<'a> Ctx<'a> {
    /// A table of the template and its sheet.
    pub(crate) fn table_sheet<'s>(
        &self,
        sheets: &'s [Sheet],
        table: &str,
    ) -> Option<(&'a crate::template::Table, &'s Sheet)> {
        Some((
            self.template.table(table)?,
            sheets.iter().find(|s| s.table == table)?,
        ))
    }

    pub(crate) fn push(
        &mut self,
        rule: &crate::template::RuleSpec,
        place: Place,
        problem: Problem,
    ) {
        self.push_as(rule, rule.severity, place, problem);
    }

    pub(crate) fn push_as(
        &mut self,
        rule: &crate::template::RuleSpec,
        severity: Severity,
        place: Place,
        problem: Problem,
    ) {
        self.findings.push(Finding {
            rule: rule.id.clone(),
            severity,
            place,
            problem,
            also: Vec::new(),
            explained: None,
        });
    }

    /// Records a finding with the other cells that take part in it.
    pub(crate) fn push_with(
        &mut self,
        rule: &crate::template::RuleSpec,
        place: Place,
        also: Vec<Place>,
        problem: Problem,
    ) {
        self.push(rule, place, problem);
        if let Some(f) = self.findings.last_mut() {
            f.also = also;
        }
    }
}

/// The place of a cell of a sheet row.
pub(crate) fn cell_place(table: &str, row: &SheetRow, col: Option<&str>) -> Place {
    Place::Cell {
        table: table.to_string(),
        row: row.row.clone(),
        row_label: row.display_label(),
        col: col.map(str::to_string),
    }
}
