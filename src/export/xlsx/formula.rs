//! The spreadsheet formula behind each computed cell, read from the template's rules
//! (never from a second copy of them): group and total rows sum the rows they sum in
//! the program (R2), a consistent row's total column sums its parts (R1), Phụ lục 3's
//! change and verdict columns compare the result with the baseline and the target
//! (R7). Each formula carries the program's own value as its cached result.

use rust_xlsxwriter::Formula;
use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};

use crate::rules::{Cell, RowKind, Sheet};
use crate::template::{RowRole, RuleKind, Table, Template};

/// The column rules of one table that formulas follow.
#[derive(Debug, Default)]
pub struct Rules {
    /// (total column, part columns) of each row-sum rule.
    sums: Vec<(usize, Vec<usize>)>,
    /// (baseline, result) columns of the targets rule.
    targets: Option<(usize, usize)>,
}

/// Reads the table's rules from the template.
pub fn rules(template: &Template, table: &Table) -> Rules {
    let mut out = Rules::default();
    for rule in &template.rules {
        match &rule.kind {
            RuleKind::RowSum {
                table: t,
                total,
                parts,
            } if *t == table.id => {
                if let Some(ti) = table.column_index(total) {
                    let ps = parts.iter().filter_map(|p| table.column_index(p)).collect();
                    out.sums.push((ti, ps));
                }
            }
            RuleKind::Targets {
                table: t,
                baseline,
                result,
                ..
            } if *t == table.id => {
                if let (Some(b), Some(r)) =
                    (table.column_index(baseline), table.column_index(result))
                {
                    out.targets = Some((b, r));
                }
            }
            _ => {}
        }
    }
    out
}

/// A number as a cached formula result: plain digits with a point, as the file format
/// stores numbers.
fn cached(v: f64) -> String {
    format!("{v}")
}

/// The cells of column `col` in the given sheet rows (0-based, counted from `first`),
/// contiguous runs as ranges: `["D7:D9", "D12"]`.
fn ranges(rows: &[usize], col: usize, first: u32) -> Vec<String> {
    let name = column_number_to_name(col as u16);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &r in rows {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == r => *end = r,
            _ => runs.push((r, r)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            let (a, b) = (first + a as u32 + 1, first + b as u32 + 1);
            if a == b {
                format!("{name}{a}")
            } else {
                format!("{name}{a}:{name}{b}")
            }
        })
        .collect()
}

/// `FUNC(a,b,…)`, split into several calls added together past Excel's 255 arguments.
fn call(func: &str, args: &[String]) -> String {
    args.chunks(255)
        .map(|c| format!("{func}({})", c.join(",")))
        .collect::<Vec<_>>()
        .join("+")
}

/// The sum of the given rows of a column, blank while none of them holds a number:
/// the program's "not entered" (a plain SUM would show 0).
fn sum_of(rows: &[usize], col: usize, first: u32) -> String {
    let args = ranges(rows, col, first);
    if args.is_empty() {
        return "0".to_string();
    }
    format!(
        r#"IF({}=0,"",{})"#,
        call("COUNT", &args),
        call("SUM", &args)
    )
}

/// A text for a string literal inside a formula or number format (`"` doubled).
pub fn quoted(text: &str) -> String {
    text.replace('"', "\"\"")
}

/// The formula of cell (`i`, `c`) of `sheet`, whose first row is spreadsheet row
/// `first` (0-based); `None` for a cell that holds a typed value or text.
pub fn for_cell(
    table: &Table,
    sheet: &Sheet,
    i: usize,
    c: usize,
    first: u32,
    rules: &Rules,
) -> Option<Formula> {
    let row = &sheet.rows[i];
    let at = |col: usize| row_col_to_cell(first + i as u32, col as u16);
    match &row.cells[c] {
        Cell::Sum(v) => {
            let sources: Vec<usize> = match row.kind {
                RowKind::Total => match table.row(&row.spec_key).map(|r| &r.role) {
                    Some(RowRole::Total(of)) => of.iter().filter_map(|k| sheet.fixed(k)).collect(),
                    _ => Vec::new(),
                },
                _ => row.children.clone(),
            };
            let result = v.map(cached).unwrap_or_default();
            Some(Formula::new(sum_of(&sources, c, first)).set_result(result))
        }
        Cell::Number(t) => {
            // R1: a row whose total equals the sum of its parts gets the formula; a
            // row that breaks the rule keeps what was typed (the report is a draft).
            let (_, parts) = rules.sums.iter().find(|(ti, _)| *ti == c)?;
            let values: Option<Vec<f64>> = parts.iter().map(|&p| row.cells[p].value()).collect();
            let sum: f64 = values?.iter().sum();
            if (sum - t).abs() > 1e-9 {
                return None;
            }
            let refs: Vec<String> = parts.iter().map(|&p| at(p)).collect();
            let f = format!("SUM({})", refs.join(","));
            Some(Formula::new(f).set_result(cached(*t)))
        }
        Cell::Change(ch) => {
            let (b, r) = rules.targets?;
            let f = if ch.rank {
                format!("{}-{}", at(b), at(r))
            } else {
                format!("{}-{}", at(r), at(b))
            };
            Some(Formula::new(f).set_result(cached(ch.amount)))
        }
        Cell::Verdict(v) => {
            let (_, r) = rules.targets?;
            let res = at(r);
            let goal = cached(v.goal);
            let met = if v.rank {
                format!("{res}<={goal}")
            } else {
                format!("{res}>={goal}")
            };
            let unit = if v.unit == "%" {
                "%".to_string()
            } else {
                format!(" {}", quoted(&v.unit))
            };
            // The margin is rounded as the program rounds it (2 places) and written
            // with a decimal comma whatever the reader's locale, as the program
            // writes it (margins stay far below a thousand, so no grouping).
            let margin = format!(r#"SUBSTITUTE(ROUND(ABS({res}-{goal}),2)&"",".",",")"#);
            let f = format!(
                r#"IF({res}="","",IF({met},IF({res}={goal},"Đạt","Đạt (vượt "&{margin}&"{unit})"),"Chưa đạt (còn thiếu "&{margin}&"{unit})"))"#
            );
            let text =
                crate::i18n::cell_value(crate::i18n::Lang::Vi, &row.cells[c]).unwrap_or_default();
            Some(Formula::new(f).set_result(text))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_name_contiguous_rows_as_ranges_and_stay_blank_without_numbers() {
        // Sheet rows 0, 1, 2 and 5 of column D, the sheet starting at row index 6.
        assert_eq!(
            sum_of(&[0, 1, 2, 5], 3, 6),
            r#"IF(COUNT(D7:D9,D12)=0,"",SUM(D7:D9,D12))"#
        );
        assert_eq!(sum_of(&[], 3, 6), "0");
        let many: Vec<usize> = (0..600).step_by(2).collect();
        let f = sum_of(&many, 0, 0);
        assert_eq!(f.matches("SUM(").count(), 2, "{f}");
        assert_eq!(quoted(r#"a"b"#), r#"a""b"#);
    }
}
