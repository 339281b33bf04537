//! Check kinds `Range` (R3, R12) and `IndicatorRange` (R8): typed numbers parse, are
//! whole where they must be, and lie within their bounds. Only typed cells are checked;
//! computed sums follow from them.

use super::{Cell, Ctx, Place, Problem, RowKind, Sheet, cell_place};
use crate::number::{self, Expect, NumError};
use crate::template::{FieldKind, NumberPlace, RuleSpec};

pub(super) fn check_places(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    places: &[NumberPlace],
    min: Option<f64>,
    max: Option<f64>,
    whole: bool,
) {
    for place in places {
        match place {
            NumberPlace::Columns { table, columns } => {
                let Some((spec, sheet)) = ctx.table_sheet(sheets, table) else {
                    continue;
                };
                for col in columns {
                    let Some(ci) = spec.column_index(col) else {
                        continue;
                    };
                    for row in &sheet.rows {
                        if let Some(problem) =
                            cell_problem(ctx, table, row, col, &row.cells[ci], min, max, whole)
                        {
                            ctx.push(rule, cell_place(table, row, Some(col)), problem);
                        }
                    }
                }
            }
            NumberPlace::Fields { section, fields } => {
                let Some(sec) = ctx.template.section(section) else {
                    continue;
                };
                for field in fields {
                    let Some(f) = sec.fields.iter().find(|f| &f.id == field) else {
                        continue;
                    };
                    let expect = if f.kind == FieldKind::Whole || whole {
                        Expect::Whole
                    } else {
                        Expect::Decimal
                    };
                    let raw = ctx
                        .draft
                        .answer(section, field)
                        .map_or("", |a| a.text.as_str());
                    let problem = match number::parse(raw, expect) {
                        Ok(Some(v)) => bounds(v, min, max, whole),
                        Ok(None) => None,
                        Err(error) => Some(bad(raw, error)),
                    };
                    if let Some(problem) = problem {
                        let place = Place::Answer {
                            section: section.clone(),
                            field: field.clone(),
                        };
                        ctx.push(rule, place, problem);
                    }
                }
            }
        }
    }
}

pub(super) fn check_indicators(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    table: &str,
    columns: &[String],
) {
    let Some((spec, sheet)) = ctx.table_sheet(sheets, table) else {
        return;
    };
    for row in sheet.rows.iter().filter(|r| r.kind == RowKind::Indicator) {
        let Some(unit) = spec
            .row(&row.spec_key)
            .and_then(|r| r.indicator.as_ref())
            .and_then(|i| ctx.template.unit(&i.unit))
        else {
            continue;
        };
        for col in columns {
            let Some(ci) = spec.column_index(col) else {
                continue;
            };
            let cell = &row.cells[ci];
            if let Some(problem) =
                cell_problem(ctx, table, row, col, cell, unit.min, unit.max, unit.whole)
            {
                ctx.push(rule, cell_place(table, row, Some(col)), problem);
            }
        }
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site per place kind; a struct would only rename them"
)]
fn cell_problem(
    ctx: &Ctx<'_>,
    table: &str,
    row: &super::SheetRow,
    col: &str,
    cell: &Cell,
    min: Option<f64>,
    max: Option<f64>,
    whole: bool,
) -> Option<Problem> {
    match cell {
        Cell::Number(v) => bounds(*v, min, max, whole),
        Cell::Invalid(error) => Some(bad(row.raw(ctx.draft, table, col), error.clone())),
        _ => None,
    }
}

fn bad(raw: &str, error: NumError) -> Problem {
    Problem::BadNumber {
        raw: raw.to_string(),
        error,
    }
}

fn bounds(v: f64, min: Option<f64>, max: Option<f64>, whole: bool) -> Option<Problem> {
    if whole && v.fract() != 0.0 {
        return Some(Problem::NotWhole { value: v });
    }
    let low = min.is_some_and(|m| v < m);
    let high = max.is_some_and(|m| v > m);
    (low || high).then_some(Problem::OutOfRange { value: v, min, max })
}
