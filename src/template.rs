//! The outline of the report as data: sections with their guidance and answer fields,
//! appendix tables with columns, header rows, row tree and indicators, and the rules
//! with the places they apply to. Rust knows only the *kinds*; the RON file says where.
//!
//! The default outline (`template/nq05.ron`) is embedded in the binary; another one can
//! be loaded from a path. [`check`](crate::template::check) validates the references.

mod check;
pub mod header;
mod query;

pub use check::{TemplateError, check_semantics};
pub use query::answer_key;

use serde::{Deserialize, Serialize};

/// The embedded default outline (Nghị quyết 05-NQ/TU, 3-year review).
pub const DEFAULT_RON: &str = include_str!("template/nq05.ron");

/// A whole outline: narrative sections, appendix tables, indicator units and rules.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable id stored in every draft made from this template.
    pub id: String,
    /// Bumped when the outline changes in a way drafts must know about.
    pub version: u32,
    /// Short name for lists and headers.
    pub name: String,
    /// The summary line(s) of the report ("Kết quả sơ kết 03 năm …").
    pub title: Vec<String>,
    /// The "(Kèm theo Kế hoạch số …)" line as written in the outline.
    pub attachment: String,
    /// Notes printed after the outline (reporting period, who reports Phụ lục 3).
    #[serde(default)]
    pub notes: Vec<String>,
    /// The narrative outline, top-level parts I–V with their sub-sections.
    pub sections: Vec<Section>,
    /// The appendix tables, in order.
    pub tables: Vec<Table>,
    /// Measurement units of the Phụ lục 3 indicators.
    pub units: Vec<UnitSpec>,
    /// Where each consistency rule applies.
    pub rules: Vec<RuleSpec>,
}

/// A heading of the outline. A section with fields is a wizard step.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id: "I", "I.1", "II.7", "V".
    pub id: String,
    /// Numbering as printed: "I.", "1.".
    pub number: String,
    /// Heading text (corrected spelling).
    pub title: String,
    /// The outline's own guidance bullets.
    #[serde(default)]
    pub guidance: Vec<String>,
    /// The answers this section asks for; empty for a pure heading.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Sub-sections.
    #[serde(default)]
    pub children: Vec<Section>,
}

/// One answer of a section: a paragraph of text or a typed number.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Id within the section ("text", "a", "1", "dang_vien").
    pub id: String,
    /// Label as printed ("a)", "1."), empty for the single answer of a section.
    #[serde(default)]
    pub number: String,
    /// Heading of a lettered item, or the caption of a number field.
    #[serde(default)]
    pub title: String,
    /// What is typed into it.
    pub kind: FieldKind,
    /// Unit shown after a number field ("người", "cuộc", "điểm").
    #[serde(default)]
    pub unit: String,
}

/// What a field holds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum FieldKind {
    /// Free narrative text.
    Text,
    /// A whole number.
    Whole,
    /// A number that may have decimals.
    Decimal,
}

/// An appendix table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id: "pl1" … "pl4"; also the wizard's step id.
    pub id: String,
    /// The appendix number as printed ("1" → "PHỤ LỤC 1").
    pub number: String,
    /// Title lines under "PHỤ LỤC n".
    pub title: Vec<String>,
    /// Another name the outline uses for this table ("phụ lục 1a").
    #[serde(default)]
    pub alias: String,
    /// Notes printed under the table.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Columns in order (1)…(n).
    pub columns: Vec<Column>,
    /// The official header rows, above the row of column numbers, with spans.
    pub header: Vec<Vec<HeaderCell>>,
    /// The fixed row tree.
    #[serde(default)]
    pub rows: Vec<RowSpec>,
    /// Rows the user adds directly under the table (no fixed rows), if any.
    #[serde(default)]
    pub accepts: Option<Repeatable>,
}

/// A column of a table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The official column number without brackets: "1" … "8".
    pub id: String,
    /// Short caption for narrow screens.
    pub short: String,
    /// The full header text.
    pub header: String,
    /// What the cells of this column hold.
    pub kind: ColumnKind,
    /// Preferred width in terminal cells.
    #[serde(default = "default_width")]
    pub width: u16,
}

fn default_width() -> u16 {
    10
}

/// What the cells of a column hold.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum ColumnKind {
    /// The row number (STT), generated.
    Stt,
    /// The row's name: fixed for template rows, typed for added rows.
    Label,
    /// Whole numbers typed by the user (or summed in group rows).
    Whole,
    /// Numbers that may have decimals.
    Decimal,
    /// Numbers whose kind depends on the row's indicator unit.
    Indicator,
    /// A short text typed by the user.
    Text,
    /// A paragraph typed by the user (edited in a popup).
    LongText,
    /// The indicator's target, as written in the outline.
    Target,
    /// Computed by the rules engine from other columns; never typed.
    Derived,
    /// The unit responsible for reporting the row, from the outline.
    Responsible,
}

impl ColumnKind {
    /// Whether the user types into cells of this column (in rows that take input).
    pub fn is_input(self) -> bool {
        matches!(
            self,
            ColumnKind::Label
                | ColumnKind::Whole
                | ColumnKind::Decimal
                | ColumnKind::Indicator
                | ColumnKind::Text
                | ColumnKind::LongText
        )
    }

    /// Whether cells of this column hold numbers.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnKind::Whole | ColumnKind::Decimal | ColumnKind::Indicator
        )
    }
}

/// A cell of an official header row.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HeaderCell {
    /// Caption.
    pub text: String,
    /// Columns spanned.
    #[serde(default = "one")]
    pub colspan: u16,
    /// Header rows spanned.
    #[serde(default = "one")]
    pub rowspan: u16,
}

fn one() -> u16 {
    1
}

/// A fixed row of a table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// Stable key within the table ("I", "III.1", "TOTAL", "1a").
    pub key: String,
    /// STT as printed ("I", "1", "a)", "").
    #[serde(default)]
    pub stt: String,
    /// Name as printed in column (2).
    pub label: String,
    /// What the row is.
    pub role: RowRole,
    /// Fixed child rows.
    #[serde(default)]
    pub children: Vec<RowSpec>,
    /// Rows the user may add under this one.
    #[serde(default)]
    pub accepts: Option<Repeatable>,
    /// For indicator rows of Phụ lục 3.
    #[serde(default)]
    pub indicator: Option<Indicator>,
    /// Responsible unit for heading rows that carry one (Phụ lục 3 column 8).
    #[serde(default)]
    pub responsible: String,
}

/// What a fixed row is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum RowRole {
    /// A group: the sum of its children when it has any, typed when it has none.
    Group,
    /// A total of the named sibling rows (by key), always computed.
    Total(Vec<String>),
    /// A heading row without values (Phụ lục 3 "1 Chỉ số PAR INDEX").
    Heading,
    /// An indicator row of Phụ lục 3.
    Indicator,
}

/// Rows the user adds under a fixed row or a table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Repeatable {
    /// What an added row stands for.
    pub kind: AddedKind,
    /// Hint shown in an empty name cell ("Lĩnh vực…").
    pub placeholder: String,
    /// How added rows are numbered.
    pub numbering: Numbering,
}

/// What an added row stands for.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum AddedKind {
    /// A reporting unit (Phụ lục 1).
    Unit,
    /// A field of procedures, "Lĩnh vực" (Phụ lục 2).
    Field,
    /// A model (Phụ lục 4).
    Model,
}

/// How added rows are numbered in column (1).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3 …
    Plain,
    /// The parent's STT, a dot, then 1, 2 …: "1.1", "2.3".
    Nested,
    /// No number.
    Unnumbered,
}

/// An indicator of Phụ lục 3.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id of a [`UnitSpec`].
    pub unit: String,
    /// The target as written in column (4).
    pub target_text: String,
    /// The target as a rule.
    pub target: Target,
    /// The unit responsible for reporting it province-wide (column 8).
    pub responsible: String,
}

/// The kind of a Phụ lục 3 target.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub enum Target {
    /// The result must be at least this value.
    AtLeast(f64),
    /// A rank among provinces: the result must be this place or better (smaller).
    RankAtMost(f64),
    /// A reduction in percent: the achieved reduction must be at least this.
    Reduction(f64),
    /// Average yearly growth in percent: at least this.
    AverageGrowth(f64),
    /// A count per year: at least this many each year.
    PerYear(f64),
}

impl Target {
    /// The threshold value of the target.
    pub fn value(self) -> f64 {
        match self {
            Target::AtLeast(v)
            | Target::RankAtMost(v)
            | Target::Reduction(v)
            | Target::AverageGrowth(v)
            | Target::PerYear(v) => v,
        }
    }
}

/// A measurement unit of indicators: its range and how differences are named.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    /// Id referenced by indicators ("diem", "vi_thu").
    pub id: String,
    /// Name shown to the user ("điểm", "vị thứ", "%").
    pub name: String,
    /// Smallest valid value.
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest valid value.
    #[serde(default)]
    pub max: Option<f64>,
    /// Whether values must be whole numbers.
    #[serde(default)]
    pub whole: bool,
    /// A rank: a smaller number is better.
    #[serde(default)]
    pub rank: bool,
    /// Word for a difference ("điểm", "bậc", "%", "cuộc").
    pub delta: String,
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Must be fixed before the report is consistent.
    Error,
    /// Should be looked at.
    Warning,
}

/// Where a rule applies and with which severity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The rule's id in DOMAIN.md: "R1" … "R12".
    pub id: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it checks, and where.
    pub kind: RuleKind,
}

/// The kinds of rule the engine knows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum RuleKind {
    /// In every row of `table` that has values: `total` = sum of `parts`.
    RowSum {
        table: String,
        total: String,
        parts: Vec<String>,
    },
    /// Group rows with children, and total rows, are the column-wise sum of their
    /// children in `columns`; a value typed into such a cell is reported.
    ChildrenSum { table: String, columns: Vec<String> },
    /// Numbers at `places` lie within `min`..=`max`, whole when `whole`.
    Range {
        places: Vec<NumberPlace>,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        #[serde(default)]
        whole: bool,
    },
    /// When a group of `source` has a value > 0 in any of `columns`, the same group of
    /// `target` must hold at least one added row with figures.
    GroupExplained {
        source: String,
        columns: Vec<String>,
        target: String,
        groups: Vec<String>,
    },
    /// Group by group, column `.0` of `from` equals column `.1` of `to`.
    GroupTotals {
        from: String,
        to: String,
        groups: Vec<String>,
        pairs: Vec<(String, String)>,
    },
    /// In added rows of `table` with a value > 0 in any of `when_positive`, the
    /// `required` columns must be filled.
    RequiredIf {
        table: String,
        when_positive: Vec<String>,
        required: Vec<String>,
    },
    /// Indicator rows: `delta` and `verdict` are computed from `baseline`, `result` and
    /// the target; a value typed into them is reported.
    Targets {
        table: String,
        baseline: String,
        result: String,
        delta: String,
        verdict: String,
    },
    /// Indicator values in `columns` lie within their unit's range.
    IndicatorRange { table: String, columns: Vec<String> },
    /// Indicator rows the reporting unit is responsible for need `columns` filled.
    ResponsibleRequired { table: String, columns: Vec<String> },
    /// Every text answer is filled or marked "Không phát sinh".
    AnswersRequired,
    /// Text in `section` (any field) ⇔ at least one added row in `table`; every added
    /// row of `table` has `required` columns filled.
    SectionMatchesRows {
        section: String,
        table: String,
        required: Vec<String>,
    },
}

/// A set of numeric places a range rule covers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum NumberPlace {
    /// These columns of every row of a table.
    Columns { table: String, columns: Vec<String> },
    /// These fields of a section.
    Fields {
        section: String,
        fields: Vec<String>,
    },
}
