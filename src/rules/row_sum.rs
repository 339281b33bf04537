//! Check kind `RowSum` (R1): in every row that takes input, the total column equals the
//! sum of the part columns. A row with some of those cells filled and others blank is
//! reported as incomplete instead (blank is "not entered", not zero); a fully blank row
//! is not entered and says nothing; a row with a value that is not a number waits for
//! that value to be fixed (the range rule reports it).

use super::{Cell, Ctx, Problem, Sheet, cell_place};
use crate::template::{RuleSpec, Severity};

pub(super) fn check(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    table: &str,
    total: &str,
    parts: &[String],
) {
    let Some((spec, sheet)) = ctx.table_sheet(sheets, table) else {
        return;
    };
    let Some(ti) = spec.column_index(total) else {
        return;
    };
    let pis: Vec<usize> = parts.iter().filter_map(|p| spec.column_index(p)).collect();
    for row in &sheet.rows {
        let cells = || {
            std::iter::once(ti)
                .chain(pis.iter().copied())
                .map(|i| &row.cells[i])
        };
        if !cells().all(Cell::is_input) || cells().any(|c| matches!(c, Cell::Invalid(_))) {
            continue;
        }
        let typed = cells().filter(|c| c.is_typed()).count();
        if typed == 0 {
            continue;
        }
        if typed < 1 + pis.len() {
            let blanks = std::iter::once(ti)
                .chain(pis.iter().copied())
                .filter(|&i| !row.cells[i].is_typed())
                .map(|i| spec.columns[i].id.clone())
                .collect::<Vec<_>>();
            let place = cell_place(table, row, Some(&blanks[0]));
            // A half-filled row is work in progress, not yet a contradiction.
            ctx.push_as(
                rule,
                Severity::Warning,
                place,
                Problem::Incomplete { blanks },
            );
            continue;
        }
        let t = row.cells[ti].value().unwrap_or(0.0);
        let sum: f64 = pis.iter().filter_map(|&i| row.cells[i].value()).sum();
        if (t - sum).abs() > 1e-9 {
            let place = cell_place(table, row, Some(total));
            let also = parts
                .iter()
                .map(|p| cell_place(table, row, Some(p)))
                .collect();
            ctx.push_with(
                rule,
                place,
                also,
                Problem::RowSum {
                    total_col: total.to_string(),
                    total: t,
                    parts: parts.to_vec(),
                    sum,
                },
            );
        }
    }
}
