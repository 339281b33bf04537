//! Validation of a template: RON syntax errors with line:column, and semantic
//! problems (unknown tables, columns, sections, units; duplicate ids; numeric places
//! that no range rule covers) named by where they are in the file's structure.

use std::collections::HashSet;

use super::{ColumnKind, FieldKind, NumberPlace, RuleKind, Table, Template};

/// Why a template cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The RON text does not parse into a template.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// It parses but refers to things that do not exist, or repeats ids.
    #[error("{origin}: {}", problems.join("; "))]
    Invalid {
        origin: String,
        problems: Vec<String>,
    },
}

impl TemplateError {
    pub(crate) fn from_ron(origin: &str, e: &ron::error::SpannedError) -> TemplateError {
        TemplateError::Syntax {
            origin: origin.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// Checks every reference in the template; returns the list of problems found.
pub fn check_semantics(t: &Template) -> Result<(), Vec<String>> {
    let mut p = Vec::new();

    let mut section_ids = HashSet::new();
    for (_, s) in t.all_sections() {
        if !section_ids.insert(s.id.as_str()) {
            p.push(format!("section \"{}\" appears twice", s.id));
        }
        let mut field_ids = HashSet::new();
        for f in &s.fields {
            if !field_ids.insert(f.id.as_str()) {
                p.push(format!(
                    "section \"{}\": field \"{}\" appears twice",
                    s.id, f.id
                ));
            }
        }
    }
    let mut table_ids = HashSet::new();
    let mut numbers = HashSet::new();
    for table in &t.tables {
        if !table_ids.insert(table.id.as_str()) {
            p.push(format!("table \"{}\" appears twice", table.id));
        }
        if !numbers.insert(table.number.as_str()) {
            p.push(format!(
                "table \"{}\": appendix number \"{}\" is used twice",
                table.id, table.number
            ));
        }
        check_table(t, table, &mut p);
    }
    let mut unit_ids = HashSet::new();
    for u in &t.units {
        if !unit_ids.insert(u.id.as_str()) {
            p.push(format!("unit \"{}\" appears twice", u.id));
        }
    }
    for (i, rule) in t.rules.iter().enumerate() {
        check_rule(t, i, &rule.id, &rule.kind, &mut p);
    }
    check_coverage(t, &mut p);

    if p.is_empty() { Ok(()) } else { Err(p) }
}

fn check_table(t: &Template, table: &Table, p: &mut Vec<String>) {
    let mut keys = HashSet::new();
    let mut col_ids = HashSet::new();
    for c in &table.columns {
        if !col_ids.insert(c.id.as_str()) {
            p.push(format!(
                "table \"{}\": column \"{}\" appears twice",
                table.id, c.id
            ));
        }
    }
    if table.columns.is_empty() {
        p.push(format!("table \"{}\" has no columns", table.id));
    }
    for hr in &table.header {
        let width: u16 = hr.iter().map(|c| c.colspan).sum();
        if width as usize > table.columns.len() {
            p.push(format!(
                "table \"{}\": a header row spans {} columns but the table has {}",
                table.id,
                width,
                table.columns.len()
            ));
        }
    }
    let placed = super::header::place(table);
    let cells: usize = table.header.iter().map(Vec::len).sum();
    if placed.len() < cells {
        p.push(format!(
            "table \"{}\": {} header cells do not fit beside the cells spanning down into their row",
            table.id,
            cells - placed.len()
        ));
    }
    for cell in placed.iter().filter(|c| c.cut) {
        p.push(format!(
            "table \"{}\": header cell \"{}\" (row {}) runs into another cell or past the table",
            table.id,
            cell.text,
            cell.row + 1
        ));
    }
    for (_, r) in table.all_rows() {
        if !keys.insert(r.key.as_str()) {
            p.push(format!(
                "table \"{}\": row \"{}\" appears twice",
                table.id, r.key
            ));
        }
        if let Some(ind) = &r.indicator
            && t.unit(&ind.unit).is_none()
        {
            p.push(format!(
                "table \"{}\", row \"{}\": unit \"{}\" is not defined in units",
                table.id, r.key, ind.unit
            ));
        }
        if let super::RowRole::Total(of) = &r.role {
            for k in of {
                if table.row(k).is_none() {
                    p.push(format!(
                        "table \"{}\", row \"{}\": total of unknown row \"{}\"",
                        table.id, r.key, k
                    ));
                }
            }
        }
    }
}

fn need_table<'a>(t: &'a Template, rule: &str, id: &str, p: &mut Vec<String>) -> Option<&'a Table> {
    let found = t.table(id);
    if found.is_none() {
        p.push(format!("rule {rule}: table \"{id}\" does not exist"));
    }
    found
}

fn need_columns(rule: &str, table: Option<&Table>, cols: &[String], p: &mut Vec<String>) {
    let Some(table) = table else { return };
    for c in cols {
        if table.column_index(c).is_none() {
            p.push(format!(
                "rule {rule}: table \"{}\" has no column \"{c}\"",
                table.id
            ));
        }
    }
}

fn need_groups(rule: &str, table: Option<&Table>, groups: &[String], p: &mut Vec<String>) {
    let Some(table) = table else { return };
    for g in groups {
        if table.row(g).is_none() {
            p.push(format!(
                "rule {rule}: table \"{}\" has no row \"{g}\"",
                table.id
            ));
        }
    }
}

fn check_rule(t: &Template, index: usize, id: &str, kind: &RuleKind, p: &mut Vec<String>) {
    let rule = format!("#{} ({id})", index + 1);
    let rule = rule.as_str();
    match kind {
        RuleKind::RowSum {
            table,
            total,
            parts,
        } => {
            let tb = need_table(t, rule, table, p);
            need_columns(rule, tb, std::slice::from_ref(total), p);
            need_columns(rule, tb, parts, p);
        }
        RuleKind::ChildrenSum { table, columns }
        | RuleKind::IndicatorRange { table, columns }
        | RuleKind::ResponsibleRequired { table, columns } => {
            let tb = need_table(t, rule, table, p);
            need_columns(rule, tb, columns, p);
        }
        RuleKind::Range { places, .. } => {
            for place in places {
                match place {
                    NumberPlace::Columns { table, columns } => {
                        let tb = need_table(t, rule, table, p);
                        need_columns(rule, tb, columns, p);
                    }
                    NumberPlace::Fields { section, fields } => match t.section(section) {
                        None => {
                            p.push(format!("rule {rule}: section \"{section}\" does not exist"))
                        }
                        Some(s) => {
                            for f in fields {
                                if !s.fields.iter().any(|x| &x.id == f) {
                                    p.push(format!(
                                        "rule {rule}: section \"{section}\" has no field \"{f}\""
                                    ));
                                }
                            }
                        }
                    },
                }
            }
        }
        RuleKind::GroupExplained {
            source,
            columns,
            target,
            groups,
        } => {
            let s = need_table(t, rule, source, p);
            let tg = need_table(t, rule, target, p);
            need_columns(rule, s, columns, p);
            need_groups(rule, s, groups, p);
            need_groups(rule, tg, groups, p);
        }
        RuleKind::GroupTotals {
            from,
            to,
            groups,
            pairs,
        } => {
            let f = need_table(t, rule, from, p);
            let tt = need_table(t, rule, to, p);
            need_groups(rule, f, groups, p);
            need_groups(rule, tt, groups, p);
            let (a, b): (Vec<String>, Vec<String>) = pairs.iter().cloned().unzip();
            need_columns(rule, f, &a, p);
            need_columns(rule, tt, &b, p);
        }
        RuleKind::RequiredIf {
            table,
            when_positive,
            required,
        } => {
            let tb = need_table(t, rule, table, p);
            need_columns(rule, tb, when_positive, p);
            need_columns(rule, tb, required, p);
        }
        RuleKind::Targets {
            table,
            baseline,
            result,
            delta,
            verdict,
        } => {
            let tb = need_table(t, rule, table, p);
            need_columns(
                rule,
                tb,
                &[
                    baseline.clone(),
                    result.clone(),
                    delta.clone(),
                    verdict.clone(),
                ],
                p,
            );
        }
        RuleKind::AnswersRequired => {}
        RuleKind::SectionMatchesRows {
            section,
            table,
            required,
        } => {
            if t.section(section).is_none() {
                p.push(format!("rule {rule}: section \"{section}\" does not exist"));
            }
            let tb = need_table(t, rule, table, p);
            need_columns(rule, tb, required, p);
        }
    }
}

/// Every typed number (numeric field, Whole/Decimal column) must be covered by a range
/// rule, so that a value that does not parse always has a rule to report it under.
fn check_coverage(t: &Template, p: &mut Vec<String>) {
    let mut cols = HashSet::new();
    let mut fields = HashSet::new();
    for rule in &t.rules {
        match &rule.kind {
            RuleKind::Range { places, .. } => {
                for place in places {
                    match place {
                        NumberPlace::Columns { table, columns } => {
                            for c in columns {
                                cols.insert((table.clone(), c.clone()));
                            }
                        }
                        NumberPlace::Fields {
                            section,
                            fields: fs,
                        } => {
                            for f in fs {
                                fields.insert((section.clone(), f.clone()));
                            }
                        }
                    }
                }
            }
            RuleKind::IndicatorRange { table, columns } => {
                for c in columns {
                    cols.insert((table.clone(), c.clone()));
                }
            }
            _ => {}
        }
    }
    for table in &t.tables {
        for c in &table.columns {
            if c.kind.is_numeric() && !cols.contains(&(table.id.clone(), c.id.clone())) {
                p.push(format!(
                    "table \"{}\", column \"{}\": numeric column not covered by any range rule",
                    table.id, c.id
                ));
            }
            if c.kind == ColumnKind::Derived {
                let derived = t.rules.iter().any(|r| match &r.kind {
                    RuleKind::Targets {
                        table: tb,
                        delta,
                        verdict,
                        ..
                    } => tb == &table.id && (delta == &c.id || verdict == &c.id),
                    _ => false,
                });
                if !derived {
                    p.push(format!(
                        "table \"{}\", column \"{}\": derived column that no rule computes",
                        table.id, c.id
                    ));
                }
            }
        }
    }
    for (_, s) in t.all_sections() {
        for f in &s.fields {
            if f.kind != FieldKind::Text && !fields.contains(&(s.id.clone(), f.id.clone())) {
                p.push(format!(
                    "section \"{}\", field \"{}\": number field not covered by any range rule",
                    s.id, f.id
                ));
            }
        }
    }
}
