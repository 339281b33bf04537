//! Computing kind `Targets` (R7): Phụ lục 3 columns (6) and (7) from the baseline (3),
//! the result (5) and the indicator's target kind. Ranks count places, and a smaller
//! rank is better: 28 → 21 is a gain of 7 places. A value typed into (6) or (7) is kept
//! in the draft, ignored, and reported.

use super::{Cell, Change, Ctx, Problem, RowKind, Sheet, Verdict, cell_place};
use crate::template::{RuleSpec, Target};

pub(super) fn apply(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &mut [Sheet],
    table: &str,
    [baseline, result, delta, verdict]: [&String; 4],
) {
    let Some(spec) = ctx.template.table(table) else {
        return;
    };
    let (Some(bi), Some(ri), Some(di), Some(vi)) = (
        spec.column_index(baseline),
        spec.column_index(result),
        spec.column_index(delta),
        spec.column_index(verdict),
    ) else {
        return;
    };
    let Some(sheet) = sheets.iter_mut().find(|s| s.table == table) else {
        return;
    };
    for row in &mut sheet.rows {
        if row.kind == RowKind::Heading {
            // A heading ("1 Chỉ số PAR INDEX") takes no figures; its a), b) rows do.
            for col in &spec.columns {
                let raw = row.raw(ctx.draft, table, &col.id);
                if !raw.trim().is_empty() {
                    let place = cell_place(table, row, Some(&col.id));
                    let typed = raw.to_string();
                    ctx.push(rule, place, Problem::TypedInHeading { typed });
                }
            }
            continue;
        }
        if row.kind != RowKind::Indicator {
            continue;
        }
        let Some(ind) = spec.row(&row.spec_key).and_then(|r| r.indicator.as_ref()) else {
            continue;
        };
        let Some(unit) = ctx.template.unit(&ind.unit) else {
            continue;
        };
        // A value outside its unit's range gives no verdict: the report must never
        // print "Đạt" from an impossible number (the range rule reports it).
        let valid = |v: f64| {
            unit.min.is_none_or(|m| v >= m)
                && unit.max.is_none_or(|m| v <= m)
                && (!unit.whole || v.fract() == 0.0)
        };
        let base = row.cells[bi].value().filter(|&v| valid(v));
        let res = row.cells[ri].value().filter(|&v| valid(v));
        let rank = unit.rank || matches!(ind.target, Target::RankAtMost(_));
        let change = match (base, res) {
            (Some(b), Some(r)) => Cell::Change(Box::new(Change {
                amount: if rank { b - r } else { r - b },
                unit: unit.delta.clone(),
                rank,
            })),
            _ => Cell::Na,
        };
        let outcome = match res {
            Some(r) => {
                let goal = ind.target.value();
                let (met, margin) = if rank {
                    (r <= goal, (goal - r).abs())
                } else {
                    (r >= goal, (r - goal).abs())
                };
                Cell::Verdict(Box::new(Verdict {
                    met,
                    margin,
                    unit: unit.delta.clone(),
                    goal,
                    rank,
                }))
            }
            None => Cell::Na,
        };
        for (ci, new) in [(di, change), (vi, outcome)] {
            let col = &spec.columns[ci].id;
            let raw = row.raw(ctx.draft, table, col);
            if !raw.trim().is_empty() {
                let place = cell_place(table, row, Some(col));
                ctx.push(
                    rule,
                    place,
                    Problem::TypedInComputed {
                        typed: raw.to_string(),
                        computed: None,
                    },
                );
            }
            row.cells[ci] = new;
        }
    }
}
