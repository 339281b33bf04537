//! Cross-table kinds, group by group: `GroupExplained` (R4: late or pending dossiers in
//! Phụ lục 1 need fields explaining them in Phụ lục 2) and `GroupTotals` (R5: the sums
//! of Phụ lục 2 equal the matching columns of Phụ lục 1).

use super::{Ctx, Problem, Sheet, cell_place};
use crate::template::RuleSpec;

fn find<'a>(sheets: &'a [Sheet], table: &str) -> Option<&'a Sheet> {
    sheets.iter().find(|s| s.table == table)
}

pub(super) fn explained(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    source: &str,
    columns: &[String],
    target: &str,
    groups: &[String],
) {
    let (Some(ss), Some(ts), Some(sspec), Some(tspec)) = (
        find(sheets, source),
        find(sheets, target),
        ctx.template.table(source),
        ctx.template.table(target),
    ) else {
        return;
    };
    for g in groups {
        let (Some(si), Some(ti)) = (ss.fixed(g), ts.fixed(g)) else {
            continue;
        };
        let values: Vec<(String, f64)> = columns
            .iter()
            .filter_map(|c| {
                let v = ss.rows[si].cells[sspec.column_index(c)?].value()?;
                (v > 0.0).then(|| (c.clone(), v))
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        // Explained: the target group has figures of its own (added rows, or typed in a
        // group row without children).
        let has_figures = ts.rows[ti]
            .cells
            .iter()
            .zip(&tspec.columns)
            .any(|(c, col)| col.kind.is_numeric() && c.value().is_some_and(|v| v > 0.0));
        if !has_figures {
            let place = cell_place(target, &ts.rows[ti], None);
            // The figures that need explaining carry the message too.
            let also = values
                .iter()
                .map(|(c, _)| cell_place(source, &ss.rows[si], Some(c)))
                .collect();
            ctx.push_with(
                rule,
                place,
                also,
                Problem::Unexplained {
                    source: source.to_string(),
                    values,
                    target: target.to_string(),
                    level: ts.rows[ti].display_label(),
                },
            );
        }
    }
}

pub(super) fn totals(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    from: &str,
    to: &str,
    groups: &[String],
    pairs: &[(String, String)],
) {
    let (Some(fs), Some(ts), Some(fspec), Some(tspec)) = (
        find(sheets, from),
        find(sheets, to),
        ctx.template.table(from),
        ctx.template.table(to),
    ) else {
        return;
    };
    for g in groups {
        let (Some(fi), Some(ti)) = (fs.fixed(g), ts.fixed(g)) else {
            continue;
        };
        for (a, b) in pairs {
            let (Some(ac), Some(bc)) = (fspec.column_index(a), tspec.column_index(b)) else {
                continue;
            };
            let from_value = fs.rows[fi].cells[ac].value();
            let to_value = ts.rows[ti].cells[bc].value();
            let explained = !fs.rows[fi].children.is_empty() || from_value.is_some();
            let equal = match (from_value, to_value) {
                (Some(f), Some(t)) => (f - t).abs() < 1e-9,
                // Nothing on either side, or nothing to match against yet.
                (None, None) | (None, Some(0.0)) => true,
                (Some(_), None) => false,
                // A group with no figures at all in `from` is the explained-rule's
                // business; once it has some, a blank column sums to nothing.
                (None, Some(_)) => !explained,
            };
            if equal {
                continue;
            }
            let place = cell_place(from, &fs.rows[fi], Some(a));
            let also = vec![cell_place(to, &ts.rows[ti], Some(b))];
            ctx.push_with(
                rule,
                place,
                also,
                Problem::GroupMismatch {
                    from: from.to_string(),
                    from_col: a.clone(),
                    from_value: from_value.unwrap_or(0.0),
                    to: to.to_string(),
                    to_col: b.clone(),
                    to_value,
                    level: fs.rows[fi].display_label(),
                },
            );
        }
    }
}
