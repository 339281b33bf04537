//! Converting drafts written in an older file format to the current one on load.
//!
//! Format 1 gave every unit's report an added row named after the unit under each of
//! its group's rows of Phụ lục 1 ("1.1 UBND huyện …" under «Tại cấp huyện»), so the
//! document printed the unit under its own group heading. Format 2 has the unit type
//! into the group's row itself. The old file is kept: the first save after a
//! conversion rotates it into the draft's generations like any other save.

use std::sync::Arc;

use super::{Draft, FORMAT_VERSION};
use crate::template::{ColumnKind, Template};

/// Brings `draft` to [`FORMAT_VERSION`]; true when anything in it changed (the draft
/// then records the format it came from in `migrated_from`).
pub fn migrate(draft: &mut Draft, template: &Template) -> bool {
    let from = draft.format_version;
    if from >= FORMAT_VERSION {
        return false;
    }
    if from < 2 && !draft.meta.consolidated {
        if has_rows_of_other_units(draft, template) {
            // A report made of several units' rows: the province's, kept as it is.
            draft.meta.consolidated = true;
        } else {
            unit_rows_into_group_rows(draft, template);
        }
    }
    draft.format_version = FORMAT_VERSION;
    // Format 3 only added the time of the save, written by the next save: nothing
    // to tell the user.
    if from < 2 {
        draft.migrated_from = Some(from);
    }
    from < 2
}

/// Whether a format-1 draft holds unit rows under another group's rows, or several
/// under one of its own: then it gathers several units (a consolidated report).
fn has_rows_of_other_units(draft: &Draft, template: &Template) -> bool {
    template.tables.iter().any(|table| {
        let Some(data) = draft.tables.get(&table.id) else {
            return false;
        };
        table.all_rows().iter().any(|(_, spec)| {
            let under = data.rows.iter().filter(|r| r.parent == spec.key).count();
            spec.takes_units() && (under > 1 || under == 1 && !draft.owns_row(&spec.key))
        })
    })
}

/// Moves the figures of the single unit row under each of the unit's own group rows
/// into that group row. A group row with several added rows, or one named after
/// another unit (neither name holds the other: "Sở Nội vụ" is the unit "Sở Nội vụ
/// tỉnh Bình Định"), was filled on purpose and stays as it is.
fn unit_rows_into_group_rows(draft: &mut Draft, template: &Template) {
    let unit = draft.meta.unit.trim().to_string();
    for table in &template.tables {
        let Some(label) = table.columns.iter().find(|c| c.kind == ColumnKind::Label) else {
            continue;
        };
        for (_, spec) in table.all_rows() {
            if !spec.takes_units() || !spec.children.is_empty() || !draft.owns_row(&spec.key) {
                continue;
            }
            let Some(data) = draft.tables.get(&table.id) else {
                continue;
            };
            let under: Vec<usize> = (0..data.rows.len())
                .filter(|&i| data.rows[i].parent == spec.key)
                .collect();
            let [i] = under[..] else { continue };
            let named = data.rows[i].cells.get(&label.id).map_or("", |s| s.trim());
            let typed_in_group = data.cells.get(&spec.key).is_some_and(|c| !c.is_empty());
            let (a, b) = (named.to_lowercase(), unit.to_lowercase());
            let the_unit = a.is_empty() || !b.is_empty() && (a.contains(&b) || b.contains(&a));
            if !the_unit || typed_in_group {
                continue;
            }
            let data = draft.table_mut(&table.id);
            let row = data.rows.remove(i);
            let mut cells = Arc::unwrap_or_clone(row).cells;
            cells.remove(&label.id);
            if !cells.is_empty() {
                data.cells.insert(spec.key.clone(), cells);
            }
        }
    }
}
