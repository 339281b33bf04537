//! Check kinds about what must be filled: `RequiredIf` (R6: a field with late or
//! pending dossiers needs its name and cause), `ResponsibleRequired` (R9: the indicators
//! the reporting unit answers for need their figures) and `SectionMatchesRows` (R11: the
//! models of II.8 and the rows of Phụ lục 4 go together, and each row is complete).

use super::{Ctx, Place, Problem, RowKind, Sheet, SheetRow, cell_place};
use crate::template::{FieldKind, RuleSpec};

fn blank(ctx: &Ctx<'_>, table: &str, row: &SheetRow, col: &str) -> bool {
    row.raw(ctx.draft, table, col).trim().is_empty()
}

pub(super) fn required_if(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    table: &str,
    when_positive: &[String],
    required: &[String],
) {
    let Some((spec, sheet)) = ctx.table_sheet(sheets, table) else {
        return;
    };
    let triggers: Vec<usize> = when_positive
        .iter()
        .filter_map(|c| spec.column_index(c))
        .collect();
    for row in sheet.rows.iter().filter(|r| r.kind == RowKind::Added) {
        if !triggers
            .iter()
            .any(|&i| row.cells[i].value().is_some_and(|v| v > 0.0))
        {
            continue;
        }
        missing(ctx, rule, table, row, required);
    }
}

fn missing(ctx: &mut Ctx<'_>, rule: &RuleSpec, table: &str, row: &SheetRow, required: &[String]) {
    let cols: Vec<String> = required
        .iter()
        .filter(|c| blank(ctx, table, row, c))
        .cloned()
        .collect();
    if let Some(first) = cols.first() {
        let place = cell_place(table, row, Some(first));
        ctx.push(rule, place, Problem::Missing { cols });
    }
}

/// Whether `responsible` names the reporting unit: the unit's name contains it,
/// ignoring case, so "Sở Nội vụ tỉnh Bình Định" answers for "Sở Nội vụ" but "UBND
/// tỉnh" does not answer for "Văn phòng UBND tỉnh".
pub(crate) fn is_reporting_unit(unit: &str, responsible: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    let resp = responsible.trim().to_lowercase();
    !resp.is_empty() && unit.contains(&resp)
}

pub(super) fn responsible(
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
        let Some(ind) = spec.row(&row.spec_key).and_then(|r| r.indicator.as_ref()) else {
            continue;
        };
        if is_reporting_unit(&ctx.draft.meta.unit, &ind.responsible) {
            missing(ctx, rule, table, row, columns);
        }
    }
}

/// Whether any text field of the section has text and is not marked "Không phát sinh".
fn section_has_text(ctx: &Ctx<'_>, section: &str) -> bool {
    ctx.template.section(section).is_some_and(|s| {
        s.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Text)
            .any(|f| {
                ctx.draft
                    .answer(section, &f.id)
                    .is_some_and(|a| !a.nothing_to_report && !a.text.trim().is_empty())
            })
    })
}

pub(super) fn section_rows(
    ctx: &mut Ctx<'_>,
    rule: &RuleSpec,
    sheets: &[Sheet],
    section: &str,
    table: &str,
    required: &[String],
) {
    let Some(sheet) = sheets.iter().find(|s| s.table == table) else {
        return;
    };
    let rows: Vec<&SheetRow> = sheet
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Added)
        .collect();
    let described = section_has_text(ctx, section);
    if described && rows.is_empty() {
        ctx.push(
            rule,
            Place::Table {
                table: table.to_string(),
            },
            Problem::SectionWithoutRows {
                table: table.to_string(),
            },
        );
    }
    if !described && !rows.is_empty() {
        let field = first_text_field(ctx, section).unwrap_or_default();
        ctx.push(
            rule,
            Place::Answer {
                section: section.to_string(),
                field,
            },
            Problem::RowsWithoutSection {
                section: section.to_string(),
                rows: rows.len(),
            },
        );
    }
    for row in rows {
        missing(ctx, rule, table, row, required);
    }
}

fn first_text_field(ctx: &Ctx<'_>, section: &str) -> Option<String> {
    ctx.template
        .section(section)?
        .fields
        .iter()
        .find(|f| f.kind == FieldKind::Text)
        .map(|f| f.id.clone())
}
