//! One appendix of the DOCX export: "PHỤ LỤC n", its title lines and the
//! "(Kèm theo Báo cáo số … ngày … của …)" line, then the table: the official header
//! rows with their merged cells and the (1)…(n) row, both repeated on every page;
//! group and total rows in bold; the program's own computed values; numbers in
//! Vietnamese format.

use docx_rs::{
    AlignmentType, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use super::Block;
use super::text::{Face, para, run};
use crate::draft::Draft;
use crate::export::layout::Layout;
use crate::i18n::Lang;
use crate::report::cell_text;
use crate::rules::{RowKind, Sheet};
use crate::template::header;
use crate::template::{Column, ColumnKind, Table as Spec};

/// The paragraphs and the table of one appendix, `width` twips wide.
pub(super) fn blocks(
    table: &Spec,
    sheet: &Sheet,
    draft: &Draft,
    layout: &Layout,
    width: i32,
) -> Vec<Block> {
    let sz = layout.sizes.body;
    let centred = |text: &str, face: Face| {
        Block::para(para(AlignmentType::Center).add_run(run(text, sz, face)))
    };
    let mut out = vec![centred(
        &format!("{} {}", layout.appendix_label, table.number),
        Face::BOLD,
    )];
    for line in crate::export::appendix_title(table) {
        out.push(centred(line, Face::BOLD));
    }
    out.push(centred(
        &crate::export::attachment_line(draft),
        Face::ITALIC,
    ));
    out.push(centred("", Face::PLAIN));
    out.push(Block::Table(Box::new(grid(
        table, sheet, draft, layout, width,
    ))));
    let last = table.notes.len().saturating_sub(1);
    for (i, note) in table.notes.iter().enumerate() {
        out.push(Block::para(
            para(AlignmentType::Left)
                .keep_next(i < last)
                .keep_lines(true)
                .add_run(run(note, layout.sizes.table, Face::ITALIC)),
        ));
    }
    out
}

/// The STT column's width in twips: room for "STT" in bold and "III".
const STT_WIDTH: usize = 700;

/// The weight of a column in the page's width: its preferred terminal width, and
/// half as much again for paragraphs (Phụ lục 2 causes, Phụ lục 4 descriptions),
/// which would otherwise make rows many lines tall.
fn weight(c: &Column) -> f64 {
    let w = f64::from(c.width.max(1));
    if c.kind == ColumnKind::LongText {
        w * 1.5
    } else {
        w
    }
}

/// Column widths in twips: the STT column fixed, the others by [`weight`].
fn widths(table: &Spec, width: i32) -> Vec<usize> {
    let is_stt = |c: &Column| c.kind == ColumnKind::Stt;
    let fixed = table.columns.iter().filter(|c| is_stt(c)).count() * STT_WIDTH;
    let rest = (width.max(0) as usize).saturating_sub(fixed) as f64;
    let total: f64 = table
        .columns
        .iter()
        .filter(|c| !is_stt(c))
        .map(weight)
        .sum();
    table
        .columns
        .iter()
        .map(|c| {
            if is_stt(c) {
                STT_WIDTH
            } else {
                (rest * weight(c) / total.max(1.0)) as usize
            }
        })
        .collect()
}

/// The least height in twips of each header row: every caption's lines (at `size`,
/// bold, in its cell's width less the cell margins), a caption merged over several
/// rows shared out by growing the last of them.
fn header_heights(
    placed: &[header::Placed<'_>],
    ws: &[usize],
    nrows: usize,
    size: f64,
) -> Vec<f64> {
    // Single line spacing is about 1.15 times the size; 30 twips of margin above and
    // below (the grid's cell margins), a little room besides.
    let line = size * 1.15 * 20.0;
    let pad = 2.0 * 30.0 + 20.0;
    let need = |p: &header::Placed<'_>| {
        let twips: usize = ws[p.col..(p.col + p.cols).min(ws.len())].iter().sum();
        let width_pt = (twips as f64 - 160.0) / 20.0;
        super::super::metrics::lines(p.text, width_pt, size, true) as f64 * line + pad
    };
    let mut heights = vec![line + pad; nrows];
    for p in placed.iter().filter(|p| p.rows == 1) {
        heights[p.row] = heights[p.row].max(need(p));
    }
    for p in placed.iter().filter(|p| p.rows > 1) {
        let end = (p.row + p.rows).min(nrows);
        let have: f64 = heights[p.row..end].iter().sum();
        let want = need(p);
        if want > have {
            heights[end - 1] += want - have;
        }
    }
    heights
}

fn cell(width: usize, span: usize, paragraph: Paragraph) -> TableCell {
    TableCell::new()
        .add_paragraph(paragraph)
        .width(width, WidthType::Dxa)
        .grid_span(span)
        .vertical_align(VAlignType::Center)
}

/// The table: header rows, column numbers, then the sheet's rows.
fn grid(table: &Spec, sheet: &Sheet, draft: &Draft, layout: &Layout, width: i32) -> Table {
    let ws = widths(table, width);
    let span_width = |c: usize, span: usize| ws[c..(c + span).min(ws.len())].iter().sum();
    let hsz = layout.sizes.table_header;
    let mut rows = Vec::new();
    let placed = header::place(table);
    let heights = header_heights(&placed, &ws, table.header.len(), hsz);
    for (r, &height) in heights.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < ws.len() {
            // The cell that covers (r, c): starting here, or spanning down into it.
            let over = placed
                .iter()
                .find(|p| p.col == c && p.row <= r && r < p.row + p.rows);
            let Some(p) = over else {
                cells.push(cell(ws[c], 1, Paragraph::new()));
                c += 1;
                continue;
            };
            let tc = if p.row == r {
                let text = para(AlignmentType::Center).add_run(run(p.text, hsz, Face::BOLD));
                let tc = cell(span_width(c, p.cols), p.cols, text);
                if p.rows > 1 {
                    tc.vertical_merge(VMergeType::Restart)
                } else {
                    tc
                }
            } else {
                cell(span_width(c, p.cols), p.cols, Paragraph::new())
                    .vertical_merge(VMergeType::Continue)
            };
            cells.push(tc);
            c += p.cols;
        }
        // The packer makes the header rows repeat on each page. Each row is at least as
        // tall as its captions need: a repeated header with cells merged down is not
        // grown by the reader, and would cut them.
        rows.push(
            TableRow::new(cells)
                .cant_split()
                .row_height(height as f32)
                .height_rule(docx_rs::HeightRule::AtLeast),
        );
    }
    let numbers = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let p = para(AlignmentType::Center).add_run(run(
                &format!("({})", col.id),
                hsz,
                Face::ITALIC,
            ));
            cell(ws[c], 1, p)
        })
        .collect();
    rows.push(TableRow::new(numbers).cant_split());
    let sz = layout.sizes.table;
    // The last rows go with the notes under the table: a note never stands alone on
    // a page of its own.
    let tail = sheet.rows.len().saturating_sub(2);
    let notes = !table.notes.is_empty();
    for (i, row) in sheet.rows.iter().enumerate() {
        let keep = notes && i >= tail;
        let face = match row.kind {
            RowKind::Group { .. } | RowKind::Total | RowKind::Heading => Face::BOLD,
            _ => Face::PLAIN,
        };
        let cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let text = cell_text(Lang::Vi, draft, table, row, c);
                let align = match col.kind {
                    ColumnKind::Stt => AlignmentType::Center,
                    k if k.is_numeric() => AlignmentType::Right,
                    _ => AlignmentType::Left,
                };
                cell(
                    ws[c],
                    1,
                    para(align).keep_next(keep).add_run(run(&text, sz, face)),
                )
            })
            .collect();
        // A row is never cut across two pages.
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        // Room around the text, so that it does not touch the borders.
        .margins(TableCellMargins::new().margin(30, 80, 30, 80))
        .set_grid(ws.clone())
        .width(ws.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
