//! The appendices as an Excel workbook: one sheet per appendix with its title lines,
//! the official header (merged cells as in the document), the (1)…(n) row, and the
//! rows. Every sum and computed cell is a real formula written with the program's own
//! result, so a reader that does not recalculate shows the right numbers and one that
//! does computes the same. Set to print on A4 landscape, one page wide, with the
//! header rows repeated.

mod formula;
mod styles;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use self::styles::Styles;
use super::layout::Layout;
use crate::draft::Draft;
use crate::i18n::Lang;
use crate::report::cell_text;
use crate::rules::{Cell, Evaluation, RowKind, Sheet};
use crate::template::header;
use crate::template::{ColumnKind, Table, Template};

/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;

/// The workbook as bytes; `draft_mark` puts "DỰ THẢO" on every sheet.
pub fn render(
    template: &Template,
    draft: &Draft,
    eval: &Evaluation,
    layout: &Layout,
    draft_mark: bool,
) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let title = template.title.join(" ");
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(format!("Phụ lục — {title}"))
            .set_author(draft.meta.unit.trim())
            .set_company(draft.meta.unit.trim()),
    );
    let ctx = Ctx {
        template,
        draft,
        layout,
        st: &Styles::new(layout),
        draft_mark,
    };
    for (table, sheet) in template.tables.iter().zip(eval.sheets.iter()) {
        let ws = book.add_worksheet();
        write_sheet(ws, &ctx, table, sheet)
            .map_err(|e| format!("{} {}: {e}", layout.appendix_label, table.number))?;
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// "Phụ lục 1": a sheet name within Excel's 31 characters and without []:*?/\.
pub fn sheet_name(table: &Table) -> String {
    let name: String = format!("Phụ lục {}", table.number)
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    name
}

/// What every sheet of one workbook shares.
struct Ctx<'a> {
    template: &'a Template,
    draft: &'a Draft,
    layout: &'a Layout,
    st: &'a Styles,
    /// Whether errors remain ("DỰ THẢO" under the titles).
    draft_mark: bool,
}

fn write_sheet(
    ws: &mut Worksheet,
    ctx: &Ctx<'_>,
    table: &Table,
    sheet: &Sheet,
) -> Result<(), XlsxError> {
    let Ctx {
        template,
        draft,
        layout,
        st,
        draft_mark,
    } = *ctx;
    ws.set_name(sheet_name(table))?;
    // A blank sum is cached as blank, not as 0: "not entered" stays visible.
    ws.set_formula_result_default("");
    // The template check refuses a table without columns; a sheet is still not the
    // place to panic if one comes here.
    let Some(last) = table.columns.len().checked_sub(1) else {
        return Ok(());
    };
    let last = last as u16;
    let mut r: u32 = 0;
    let mut title = |ws: &mut Worksheet, text: &str, fmt| -> Result<(), XlsxError> {
        if last == 0 {
            ws.write_string_with_format(r, 0, text, fmt)?;
        } else {
            ws.merge_range(r, 0, r, last, text, fmt)?;
        }
        r += 1;
        Ok(())
    };
    title(
        ws,
        &format!("{} {}", layout.appendix_label, table.number),
        &st.title,
    )?;
    for line in super::appendix_title(table) {
        title(ws, line, &st.title)?;
    }
    title(ws, &super::attachment_line(draft), &st.subtitle)?;
    if draft_mark {
        title(ws, &layout.draft_mark, &st.title)?;
    }
    r += 1;
    let top = r;
    for p in header::place(table) {
        let (r0, c0) = (top + p.row as u32, p.col as u16);
        let (r1, c1) = (r0 + p.rows as u32 - 1, c0 + p.cols as u16 - 1);
        if (r0, c0) == (r1, c1) {
            ws.write_string_with_format(r0, c0, p.text, &st.header)?;
        } else {
            ws.merge_range(r0, c0, r1, c1, p.text, &st.header)?;
        }
    }
    let widths = column_widths(table);
    let mut header_lines = vec![1usize; table.header.len()];
    for p in header::place(table) {
        let w: f64 = widths[p.col..p.col + p.cols].iter().sum();
        // Excel measures columns in digits of its default font; Times New Roman at
        // 12 pt fits about 1.3 letters per unit (bold captions fewer).
        let need = lines(p.text, w * 1.15).div_ceil(p.rows);
        for l in &mut header_lines[p.row..p.row + p.rows] {
            *l = (*l).max(need);
        }
    }
    for (i, &n) in header_lines.iter().enumerate() {
        ws.set_row_height(top + i as u32, row_height(n))?;
    }
    r = top + table.header.len() as u32;
    for (c, col) in table.columns.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, format!("({})", col.id), &st.numbers_row)?;
    }
    ws.set_repeat_rows(top, r)?;
    let first = r + 1;
    let rules = formula::rules(template, table);
    for (i, row) in sheet.rows.iter().enumerate() {
        let xr = first + i as u32;
        let bold = matches!(
            row.kind,
            RowKind::Group { .. } | RowKind::Total | RowKind::Heading
        );
        let mut height = 1;
        for (c, col) in table.columns.iter().enumerate() {
            let xc = c as u16;
            let cell = &row.cells[c];
            let shown = cell_text(Lang::Vi, draft, table, row, c);
            // Bold letters are wider: fewer fit on a line.
            let per_unit = if bold { 1.1 } else { 1.3 };
            height = height.max(lines(&shown, widths[c] * per_unit));
            let f = formula::for_cell(table, sheet, i, c, first, &rules);
            match (cell, f) {
                (Cell::Change(ch), Some(f)) => {
                    let fmt = st.change(decimals(ch.amount, 2), &ch.unit);
                    ws.write_formula_with_format(xr, xc, f, &fmt)?;
                }
                (Cell::Verdict(_), Some(f)) => {
                    ws.write_formula_with_format(xr, xc, f, st.text(bold, col.kind))?;
                }
                (_, Some(f)) => {
                    let fmt = st.number(cell_decimals(cell), bold);
                    ws.write_formula_with_format(xr, xc, f, &fmt)?;
                }
                (Cell::Number(v), None) => {
                    ws.write_number_with_format(xr, xc, *v, &st.number(decimals(*v, 3), bold))?;
                }
                (Cell::Blank | Cell::Na, None) => {
                    ws.write_blank(xr, xc, st.text(bold, col.kind))?;
                }
                // A target that is a plain number («100», «80») is a number a reader
                // can compute with; «80 trở lên», «TOP 20» stay text.
                (Cell::Fixed, None) if col.kind == ColumnKind::Target => {
                    match crate::number::parse(&shown, crate::number::Expect::Decimal) {
                        Ok(Some(v)) => {
                            let fmt = st.number(decimals(v, 3), bold);
                            ws.write_number_with_format(xr, xc, v, &fmt)?;
                        }
                        _ => {
                            ws.write_string_with_format(xr, xc, shown, st.text(bold, col.kind))?;
                        }
                    }
                }
                _ => {
                    ws.write_string_with_format(xr, xc, shown, st.text(bold, col.kind))?;
                }
            }
        }
        // Readers do not grow rows to fit wrapped text on their own.
        ws.set_row_height(xr, row_height(height))?;
    }
    let below = first + sheet.rows.len() as u32 + 1;
    for (r, note) in (below..).zip(&table.notes) {
        ws.write_string_with_format(r, 0, note, &st.note)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // The DOCX's landscape margins (and its header and footer at half of them), so
    // that both print alike; the page number in the footer of every page.
    let m = &layout.appendix_margins;
    let inch = |mm: f64| mm / 25.4;
    ws.set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(
            inch(m.left),
            inch(m.right),
            inch(m.top),
            inch(m.bottom),
            inch(m.top / 2.0),
            inch(m.bottom / 2.0),
        )
        .set_footer(format!(
            "&C&\"{},Regular\"&{}&P",
            layout.font, layout.sizes.page_number as u32
        ));
    if draft_mark {
        // Every printed page says it is a draft, at the top right.
        ws.set_header(format!("&R&\"Times New Roman,Bold\"{}", layout.draft_mark));
    }
    Ok(())
}

/// What fits across A4 landscape at 100 %, in Excel's width units (digits of its
/// default font), with the sheet's margins.
const PAGE_UNITS: f64 = 125.0;

/// Column widths in Excel's units: the template's terminal widths, scaled so that the
/// table fits across the page at full size (never wider than 1.25 units a cell).
fn column_widths(table: &Table) -> Vec<f64> {
    let total: f64 = table.columns.iter().map(|c| f64::from(c.width)).sum();
    let pad = 1.0;
    let room = PAGE_UNITS - pad * table.columns.len() as f64;
    let scale = (room / total.max(1.0)).min(1.25);
    table
        .columns
        .iter()
        .map(|c| f64::from(c.width) * scale + pad)
        .collect()
}

/// Lines that `text` takes in a column `width` characters wide.
fn lines(text: &str, width: f64) -> usize {
    let width = (width.floor() as usize).max(4);
    text.split('\n')
        .map(|l| textwrap::wrap(l, width).len().max(1))
        .sum()
}

/// Row height in points for `lines` lines of 12-point text.
fn row_height(lines: usize) -> f64 {
    lines as f64 * 15.0 + 3.0
}

/// Decimal places that show `v` as the program does: typed numbers to 3 places,
/// computed ones to 2 (so 96,4 − 92,8 shows 3,6 and not 3,600).
fn decimals(v: f64, max: usize) -> usize {
    let s = format!("{v:.max$}");
    s.split_once('.')
        .map_or(0, |(_, d)| d.trim_end_matches('0').len())
}

fn cell_decimals(cell: &Cell) -> usize {
    match cell {
        Cell::Sum(Some(v)) => decimals(*v, 2),
        Cell::Number(v) => decimals(*v, 3),
        _ => 0,
    }
}
