//! Lays a table out as the user sees it: fixed template rows with the user's added rows
//! under their parents, row numbers (STT), and every typed cell parsed by its column's
//! kind. Sums and derived cells are filled in afterwards by the computing rule kinds.

use crate::draft::{AddedRow, Draft, RowRef};
use crate::number::{self, Expect, NumError};
use crate::template::{ColumnKind, Numbering, Repeatable, RowRole, RowSpec, Table, Template};

/// A table laid out with values.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The table's id.
    pub table: String,
    /// Rows in display order.
    pub rows: Vec<SheetRow>,
}

/// What a row of a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A fixed group row; `computed` when it has children.
    Group { computed: bool },
    /// A total of other rows.
    Total,
    /// A heading without values.
    Heading,
    /// A Phụ lục 3 indicator.
    Indicator,
    /// A row the user added.
    Added,
}

/// A row of a sheet.
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// Which row of the draft.
    pub row: RowRef,
    /// What it is.
    pub kind: RowKind,
    /// Nesting depth (0 for top-level rows).
    pub depth: u8,
    /// Row number as printed.
    pub stt: String,
    /// The name in column (2): the template's label or what the user typed.
    pub label: String,
    /// Index of the parent row in the sheet.
    pub parent: Option<usize>,
    /// Indices of the direct children.
    pub children: Vec<usize>,
    /// The template row this is (empty for added rows: see `parent`).
    pub spec_key: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// For added rows, the index in the draft's `TableData::rows` (constant-time access
    /// to the raw text; a consolidated report has thousands of rows).
    pub source: Option<usize>,
    /// For a lettered sub-row ("a)"), its parent's number ("6"), to name it alone.
    pub parent_stt: Option<String>,
    /// A row another unit group fills (a department's row in a district's report):
    /// its blank cells take no input.
    pub foreign: bool,
}

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Could be typed; nothing typed ("not entered").
    Blank,
    /// Typed, a valid number.
    Number(f64),
    /// Typed, not a valid number here.
    Invalid(NumError),
    /// Typed text (read it from the draft).
    Text,
    /// Text from the outline: STT, a fixed row's name, a target, a responsible unit.
    Fixed,
    /// The sum of the children (or of the rows a total names); `None` when none of
    /// them has a value.
    Sum(Option<f64>),
    /// Phụ lục 3 column (6): the change from the baseline (boxed: rare, and it keeps
    /// every other cell small).
    Change(Box<Change>),
    /// Phụ lục 3 column (7): the result against the target.
    Verdict(Box<Verdict>),
    /// Computed but not computable yet (inputs missing), or not applicable.
    Na,
}

/// A change between two results.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// How much better (positive) or worse; for ranks, places gained.
    pub amount: f64,
    /// Word for the unit of change ("bậc", "điểm", "%").
    pub unit: String,
    /// Smaller is better (ranks): the change is baseline − result, not result −
    /// baseline.
    pub rank: bool,
}

/// A result against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether the target is met.
    pub met: bool,
    /// By how much it is exceeded (met) or missed (not met); 0 when exactly met.
    pub margin: f64,
    /// Word for the unit of the margin.
    pub unit: String,
    /// The target's threshold.
    pub goal: f64,
    /// Smaller is better (ranks): met when the result is at most the goal.
    pub rank: bool,
}

impl Cell {
    /// The numeric value, typed or computed.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Number(v) | Cell::Sum(Some(v)) => Some(*v),
            _ => None,
        }
    }

    /// Whether the user typed something here.
    pub fn is_typed(&self) -> bool {
        matches!(self, Cell::Number(_) | Cell::Invalid(_) | Cell::Text)
    }

    /// Whether the cell is computed by the engine.
    pub fn is_computed(&self) -> bool {
        matches!(
            self,
            Cell::Sum(_) | Cell::Change(_) | Cell::Verdict(_) | Cell::Na
        )
    }

    /// Whether the user may type into it.
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            Cell::Blank | Cell::Number(_) | Cell::Invalid(_) | Cell::Text
        )
    }
}

impl SheetRow {
    /// The raw text typed into a cell of this row ("" when none).
    pub fn raw<'d>(&self, draft: &'d Draft, table: &str, col: &str) -> &'d str {
        let cells = match (&self.row, self.source) {
            (RowRef::Added(_), Some(i)) => draft
                .tables
                .get(table)
                .and_then(|t| t.rows.get(i))
                .map(|r| &r.cells),
            (RowRef::Fixed(key), _) => draft.tables.get(table).and_then(|t| t.cells.get(key)),
            _ => None,
        };
        cells.and_then(|c| c.get(col)).map_or("", String::as_str)
    }

    /// "STT name" for messages: "III.1 Tại cấp huyện", "2 Lĩnh vực đất đai", and for
    /// a lettered sub-row its parent's number too: "6 a) Cấp tỉnh".
    pub fn display_label(&self) -> String {
        if let Some(p) = &self.parent_stt {
            return format!("{p} {} {}", self.stt, self.label);
        }
        match (self.stt.is_empty(), self.label.is_empty()) {
            (true, _) => self.label.clone(),
            (false, true) => self.stt.clone(),
            (false, false) => format!("{} {}", self.stt, self.label),
        }
    }
}

impl Sheet {
    /// Index of a row.
    pub fn find(&self, row: &RowRef) -> Option<usize> {
        self.rows.iter().position(|r| &r.row == row)
    }

    /// Index of a fixed row by key.
    pub fn fixed(&self, key: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| matches!(&r.row, RowRef::Fixed(k) if k == key))
    }

    /// Indices of every added row below `index`, at any depth.
    pub fn added_descendants(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.rows[index].children.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            if self.rows[i].kind == RowKind::Added {
                out.push(i);
            }
            stack.extend(self.rows[i].children.iter().rev().copied());
        }
        out
    }
}

/// The parse expectation of a column (indicator columns depend on the row's unit).
pub(crate) fn expect_for(
    template: &Template,
    kind: ColumnKind,
    indicator_unit: Option<&str>,
) -> Option<Expect> {
    match kind {
        ColumnKind::Whole => Some(Expect::Whole),
        ColumnKind::Decimal => Some(Expect::Decimal),
        ColumnKind::Indicator => {
            let whole = indicator_unit
                .and_then(|u| template.unit(u))
                .is_some_and(|u| u.whole);
            Some(if whole {
                Expect::Whole
            } else {
                Expect::Decimal
            })
        }
        _ => None,
    }
}

/// Builds the sheet of `table` from the draft.
pub(crate) fn build(template: &Template, table: &Table, draft: &Draft) -> Sheet {
    let empty = crate::draft::TableData::default();
    let data = draft.tables.get(&table.id).map_or(&empty, |d| &**d);
    // Added rows by the fixed row they hang under; a table has only a handful of
    // such parents, so a short list beats hashing thousands of keys.
    let mut by_parent: Vec<(&str, Vec<(usize, &AddedRow)>)> = Vec::new();
    for (i, r) in data.rows.iter().map(|r| &**r).enumerate() {
        match by_parent.iter_mut().find(|(k, _)| *k == r.parent) {
            Some((_, v)) => v.push((i, r)),
            None => by_parent.push((r.parent.as_str(), vec![(i, r)])),
        }
    }
    let mut b = Builder {
        template,
        draft,
        table,
        data,
        by_parent,
        rows: Vec::with_capacity(data.rows.len() + 32),
    };
    for spec in &table.rows {
        b.fixed(spec, 0, None);
    }
    if let Some(acc) = &table.accepts {
        b.added("", acc, 0, None, "");
    }
    // Rows under a parent the template does not have (a hand-edited file) stay visible
    // at the end rather than vanish.
    let known: Vec<String> = table
        .all_rows()
        .iter()
        .map(|(_, r)| r.key.clone())
        .collect();
    let orphans: Vec<(usize, &AddedRow)> = data
        .rows
        .iter()
        .map(|r| &**r)
        .enumerate()
        .filter(|(_, r)| {
            !r.parent.is_empty() && !known.iter().any(|k| k == &r.parent)
                || r.parent.is_empty() && table.accepts.is_none()
        })
        .collect();
    for (i, r) in orphans {
        b.push_added(i, r, 0, None, String::new());
    }
    Sheet {
        table: table.id.clone(),
        rows: b.rows,
    }
}

struct Builder<'a> {
    template: &'a Template,
    draft: &'a Draft,
    table: &'a Table,
    data: &'a crate::draft::TableData,
    by_parent: Vec<(&'a str, Vec<(usize, &'a AddedRow)>)>,
    rows: Vec<SheetRow>,
}

impl<'a> Builder<'a> {
    fn children_of(&self, key: &str) -> Option<&Vec<(usize, &'a AddedRow)>> {
        self.by_parent
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    fn fixed(&mut self, spec: &RowSpec, depth: u8, parent: Option<usize>) {
        let has_added = spec.accepts.is_some()
            && self
                .children_of(spec.key.as_str())
                .is_some_and(|v| !v.is_empty());
        let kind = match &spec.role {
            RowRole::Group => RowKind::Group {
                computed: !spec.children.is_empty() || has_added,
            },
            RowRole::Total(_) => RowKind::Total,
            RowRole::Heading => RowKind::Heading,
            RowRole::Indicator => RowKind::Indicator,
        };
        let raw = self.data.cells.get(&spec.key);
        let unit = spec.indicator.as_ref().map(|i| i.unit.as_str());
        let foreign =
            kind == (RowKind::Group { computed: false }) && !self.draft.owns_row(&spec.key);
        let cells = self
            .table
            .columns
            .iter()
            .map(|col| match col.kind {
                ColumnKind::Stt | ColumnKind::Label => Cell::Fixed,
                ColumnKind::Target | ColumnKind::Responsible => Cell::Fixed,
                ColumnKind::Derived => Cell::Na,
                _ if kind == RowKind::Heading => Cell::Na,
                k => {
                    let text = raw.and_then(|m| m.get(&col.id)).map_or("", String::as_str);
                    match typed(self.template, k, unit, text) {
                        // What was typed there stays visible and can be corrected.
                        Cell::Blank if foreign => Cell::Na,
                        cell => cell,
                    }
                }
            })
            .collect();
        let index = self.rows.len();
        self.rows.push(SheetRow {
            row: RowRef::Fixed(spec.key.clone()),
            kind,
            depth,
            stt: spec.stt.clone(),
            label: spec.label.clone(),
            parent,
            children: Vec::new(),
            spec_key: spec.key.clone(),
            cells,
            source: None,
            parent_stt: parent
                .filter(|_| spec.stt.ends_with(')'))
                .map(|p| self.rows[p].stt.clone())
                .filter(|s| !s.is_empty()),
            foreign,
        });
        self.link(parent, index);
        for child in &spec.children {
            self.fixed(child, depth + 1, Some(index));
        }
        if let Some(acc) = &spec.accepts {
            self.added(&spec.key, acc, depth + 1, Some(index), &spec.stt);
        }
    }

    fn added(
        &mut self,
        parent_key: &str,
        acc: &Repeatable,
        depth: u8,
        parent: Option<usize>,
        parent_stt: &str,
    ) {
        let rows = self.children_of(parent_key).cloned().unwrap_or_default();
        for (n, (i, r)) in rows.into_iter().enumerate() {
            let stt = match acc.numbering {
                Numbering::Plain => (n + 1).to_string(),
                Numbering::Nested => format!("{parent_stt}.{}", n + 1),
                Numbering::Unnumbered => String::new(),
            };
            self.push_added(i, r, depth, parent, stt);
        }
    }

    fn push_added(
        &mut self,
        source: usize,
        r: &AddedRow,
        depth: u8,
        parent: Option<usize>,
        stt: String,
    ) {
        let mut label = String::new();
        let cells = self
            .table
            .columns
            .iter()
            .map(|col| {
                let text = r.cells.get(&col.id).map_or("", String::as_str);
                match col.kind {
                    ColumnKind::Stt => Cell::Fixed,
                    ColumnKind::Target | ColumnKind::Responsible | ColumnKind::Derived => Cell::Na,
                    ColumnKind::Label => {
                        label = text.to_string();
                        typed(self.template, ColumnKind::Text, None, text)
                    }
                    k => typed(self.template, k, None, text),
                }
            })
            .collect();
        let index = self.rows.len();
        self.rows.push(SheetRow {
            row: RowRef::Added(r.id),
            kind: RowKind::Added,
            depth,
            stt,
            label,
            parent,
            children: Vec::new(),
            spec_key: String::new(),
            cells,
            source: Some(source),
            parent_stt: None,
            foreign: false,
        });
        self.link(parent, index);
    }

    fn link(&mut self, parent: Option<usize>, index: usize) {
        if let Some(p) = parent {
            self.rows[p].children.push(index);
        }
    }
}

/// The cell for a typed text in a column of this kind.
fn typed(template: &Template, kind: ColumnKind, unit: Option<&str>, text: &str) -> Cell {
    if text.trim().is_empty() {
        return Cell::Blank;
    }
    match expect_for(template, kind, unit) {
        Some(expect) => match number::parse(text, expect) {
            Ok(Some(v)) => Cell::Number(v),
            Ok(None) => Cell::Blank,
            Err(e) => Cell::Invalid(e),
        },
        None => Cell::Text,
    }
}
