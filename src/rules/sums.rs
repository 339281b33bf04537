//! Computing kind `ChildrenSum` (R2): a group row with children is the column-wise sum
//! of its children, a total row the sum of the rows it names. A value typed into such a
//! cell (a hand-edited file, or a row that gained children) is kept in the draft,
//! ignored, and reported.

use super::{Cell, Ctx, Problem, RowKind, Sheet, cell_place};
use crate::template::{RowRole, RuleSpec};

pub(super) fn apply(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &mut [Sheet],
    table: &str,
    columns: &[String],
) {
    let Some(spec) = ctx.template.table(table) else {
        return;
    };
    let Some(sheet) = sheets.iter_mut().find(|s| s.table == table) else {
        return;
    };
    let cols: Vec<usize> = columns
        .iter()
        .filter_map(|c| spec.column_index(c))
        .collect();
    // Children always come after their parent, so walking backwards sums groups
    // bottom-up; totals name rows anywhere, so they come after every group.
    let n = sheet.rows.len();
    let groups_first = (0..n)
        .rev()
        .filter(|&i| sheet.rows[i].kind != RowKind::Total)
        .chain((0..n).filter(|&i| sheet.rows[i].kind == RowKind::Total));
    let order: Vec<usize> = groups_first.collect();
    for i in order {
        let sources: Vec<usize> = match sheet.rows[i].kind {
            RowKind::Group { computed: true } => sheet.rows[i].children.clone(),
            RowKind::Total => {
                let key = sheet.rows[i].spec_key.clone();
                match spec.row(&key).map(|r| &r.role) {
                    Some(RowRole::Total(of)) => of.iter().filter_map(|k| sheet.fixed(k)).collect(),
                    _ => Vec::new(),
                }
            }
            _ => continue,
        };
        for (ci, col) in spec.columns.iter().enumerate() {
            let summed = cols.contains(&ci);
            let cell = &sheet.rows[i].cells[ci];
            if !cell.is_input() {
                continue;
            }
            let typed = cell.is_typed();
            let new = if summed {
                let mut total: Option<f64> = None;
                for &s in &sources {
                    if let Some(v) = sheet.rows[s].cells[ci].value() {
                        total = Some(total.unwrap_or(0.0) + v);
                    }
                }
                Cell::Sum(total)
            } else {
                Cell::Na
            };
            if typed && summed {
                let row = &sheet.rows[i];
                let raw = row.raw(ctx.draft, table, &col.id).to_string();
                let place = cell_place(table, row, Some(&col.id));
                ctx.push(
                    rule,
                    place,
                    Problem::TypedInComputed {
                        typed: raw,
                        computed: new.value(),
                    },
                );
            }
            sheet.rows[i].cells[ci] = new;
        }
    }
}
