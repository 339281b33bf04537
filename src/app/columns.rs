//! How wide each column of a table's content is on screen, measured from the sheet
//! (the formatted figures, names and texts), so that the grid's columns follow their
//! content. Measured once per evaluation, not per frame: a consolidated report has
//! thousands of rows.

use unicode_width::UnicodeWidthStr;

use crate::draft::Draft;
use crate::i18n::Lang;
use crate::report;
use crate::rules::Evaluation;
use crate::template::{ColumnKind, Template};

/// Wider than any column gets: longer texts are not measured further.
const CAP: usize = 60;

/// The widest content of each column of `table`, in terminal cells (the name column
/// with its indent).
pub fn content_widths(
    lang: Lang,
    t: &Template,
    draft: &Draft,
    eval: &Evaluation,
    table: &str,
) -> Vec<u16> {
    let (Some(spec), Some(sheet)) = (t.table(table), eval.sheet(table)) else {
        return Vec::new();
    };
    let mut out = vec![0u16; spec.columns.len()];
    for row in &sheet.rows {
        for (c, col) in spec.columns.iter().enumerate() {
            let text = report::cell_text(lang, draft, spec, row, c);
            let head: String = text.chars().take(CAP).collect();
            let mut width = head.replace('\n', " ").width();
            if col.kind == ColumnKind::Label {
                width += row.depth as usize;
            }
            out[c] = out[c].max(width.min(CAP) as u16);
        }
    }
    out
}
