//! A table step drawn as a grid: the official column numbers under wrapped captions,
//! columns (1)–(2) frozen while the rest scroll sideways, only the visible rows drawn,
//! the group of the top row pinned when scrolled, computed cells set apart, flagged
//! cells marked with colour and a symbol, and a bar per Phụ lục 3 indicator.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph};

use super::theme::severity_mark;
use super::{cell, fit, theme};
use crate::app::{App, Focus, Wizard};
use crate::draft::RowRef;
use crate::i18n;
use crate::layout::{self, GRID_HEADER_ROWS};
use crate::report;
use crate::rules::{Cell, Place, RowKind, SheetRow};
use crate::template::{ColumnKind, Severity, Table};

/// What marks a cell: the worst open finding, or a warning the user explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flag {
    Open(Severity),
    Explained,
}

/// The mark at each (row, column); `None` column for the whole row.
type Flags = HashMap<(RowRef, Option<String>), Flag>;

fn flags(w: &Wizard, table: &str) -> Flags {
    let mut out: Flags = HashMap::new();
    for f in w.eval.findings.iter().filter(|f| !w.in_progress(f)) {
        let flag = match f.explained {
            Some(_) => Flag::Explained,
            None => Flag::Open(f.severity),
        };
        for place in std::iter::once(&f.place).chain(&f.also) {
            if let Place::Cell {
                table: t, row, col, ..
            } = place
                && t == table
            {
                // Open findings outrank an explained one; errors outrank warnings.
                let e = out.entry((row.clone(), col.clone())).or_insert(flag);
                *e = (*e).min(flag);
            }
        }
    }
    out
}

pub(super) fn render(app: &App, w: &Wizard, id: &str, frame: &mut Frame, area: Rect) {
    let t = theme();
    let (Some(spec), Some(sheet)) = (app.template.table(id), w.eval.sheet(id)) else {
        return;
    };
    let focused = w.focus == Focus::Content;
    let title = format!(
        " {} {} {} ",
        i18n::table_name(app.lang, &app.template, id).to_uppercase(),
        super::glyphs::glyphs().sep,
        spec.title.first().map_or("", String::as_str)
    );
    let block = super::block()
        .borders(Borders::ALL)
        .title(Span::styled(
            fit(&title, area.width.saturating_sub(2) as usize),
            t.title,
        ))
        .border_style(if focused { t.border_focus } else { t.border });
    frame.render_widget(block, area);
    let body = layout::grid_body((frame.area().width, frame.area().height), w.tree_shown());
    let widths = layout::column_widths(spec, &w.content_widths, body.width);
    let mut cols = layout::visible_columns(spec, &widths, body.width, w.grid.left);
    let more_right = cols.last().is_some_and(|&c| c + 1 < spec.columns.len());
    // The next column, cut at the edge, shows that there is more to the right.
    let mut widths = widths;
    if let Some(&last) = cols.last()
        && last + 1 < spec.columns.len()
    {
        let used: u16 = cols.iter().map(|&c| widths[c] + 1).sum();
        let room = body.width.saturating_sub(used + 1);
        if room >= 3 {
            widths[last + 1] = room;
            cols.push(last + 1);
        }
    }

    // Line under the title: rows, scroll hints, "Không phát sinh".
    let mut info = vec![Span::styled(
        i18n::rows_count(app.lang, sheet.rows.len()),
        t.dim,
    )];
    if w.grid.left > 0 || more_right {
        info.push(Span::styled(
            format!(
                "  {}{}{}",
                if w.grid.left > 0 {
                    format!("{} ", super::glyphs::glyphs().arrows[0])
                } else {
                    String::new()
                },
                i18n::scroll_hint(app.lang),
                if more_right {
                    format!(" {}", super::glyphs::glyphs().arrows[1])
                } else {
                    String::new()
                }
            ),
            t.dim,
        ));
    }
    if w.draft.tables.get(id).is_some_and(|d| d.nothing_to_report) {
        info.push(Span::styled(
            format!("  [{}]", i18n::nothing_to_report(app.lang)),
            t.ok,
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(info)),
        Rect::new(body.x, body.y - GRID_HEADER_ROWS - 1, body.width, 1),
    );

    header(
        spec,
        &cols,
        &widths,
        frame,
        Rect::new(
            body.x,
            body.y - GRID_HEADER_ROWS,
            body.width,
            GRID_HEADER_ROWS,
        ),
    );

    let flags = flags(w, id);
    let visible = body.height as usize;
    let mut y = body.y;
    let mut first = w.grid.top;
    // Pin the group of the top row when it has scrolled away.
    if first > 0
        && let Some(g) = group_of(sheet.rows.as_slice(), first)
        && g < first
    {
        let line = row_line(
            app,
            w,
            spec,
            &sheet.rows[g],
            g,
            &cols,
            &widths,
            &flags,
            true,
        );
        frame.render_widget(Paragraph::new(line), Rect::new(body.x, y, body.width, 1));
        y += 1;
        first = w.grid.top.max(g + 1);
    }
    let remaining = visible.saturating_sub((y - body.y) as usize);
    for (i, row) in sheet.rows.iter().enumerate().skip(first).take(remaining) {
        let line = row_line(app, w, spec, row, i, &cols, &widths, &flags, false);
        frame.render_widget(Paragraph::new(line), Rect::new(body.x, y, body.width, 1));
        if focused
            && i == w.grid.row
            && let Some(edit) = &w.grid.edit
            && let Some(x) = col_x(&cols, &widths, w.grid.col)
        {
            let cw = widths[w.grid.col];
            let rect = Rect::new(body.x + x, y, cw.min(body.width.saturating_sub(x)), 1);
            // The cell keeps the look of the selection while it is typed into (only
            // its text is cleared): the first digit then changes one cell on
            // screen, not the whole cell.
            let buf = frame.buffer_mut();
            for cx in rect.left()..rect.right() {
                buf[(cx, rect.y)].set_symbol(" ");
            }
            super::draw_editor(frame, &edit.editor, rect);
        } else if focused
            && i == w.grid.row
            && app.modal.is_none()
            && let Some(x) = col_x(&cols, &widths, w.grid.col)
        {
            // The terminal's cursor rests on the selected cell: typing starts there,
            // and it is not hidden and shown again at every move.
            frame.set_cursor_position((body.x + x, y));
        }
        y += 1;
    }
}

/// The nearest group or heading row above row `i` (its parent chain).
fn group_of(rows: &[SheetRow], i: usize) -> Option<usize> {
    let mut p = rows.get(i)?.parent;
    let mut last = None;
    while let Some(x) = p {
        last = Some(x);
        let r = rows.get(x)?;
        if r.kind != RowKind::Added {
            return Some(x);
        }
        p = r.parent;
    }
    last
}

fn col_x(cols: &[usize], widths: &[u16], col: usize) -> Option<u16> {
    let mut x = 0;
    for &c in cols {
        if c == col {
            return Some(x);
        }
        x += widths[c] + 1;
    }
    None
}

/// The line after column `c`: none after the table's last column, which the frame's
/// border closes.
fn separator(spec: &Table, c: usize) -> &'static str {
    if c + 1 == spec.columns.len() {
        " "
    } else {
        super::glyphs::glyphs().vline
    }
}

fn header(spec: &Table, cols: &[usize], widths: &[u16], frame: &mut Frame, area: Rect) {
    let t = theme();
    let mut lines: Vec<Vec<Span>> = vec![Vec::new(), Vec::new(), Vec::new()];
    for &c in cols {
        let w = widths[c] as usize;
        let col = &spec.columns[c];
        let wrapped: Vec<String> = textwrap::wrap(&col.short, w.max(1))
            .into_iter()
            .map(|l| l.into_owned())
            .collect();
        for (k, line) in lines.iter_mut().take(2).enumerate() {
            let text = wrapped.get(k).map_or("", String::as_str);
            line.push(Span::styled(cell(text, w, false), t.title));
            line.push(Span::styled(separator(spec, c), t.border));
        }
        lines[2].push(Span::styled(
            cell(&format!("({})", col.id), w, false),
            t.title.add_modifier(Modifier::UNDERLINED),
        ));
        lines[2].push(Span::styled(separator(spec, c), t.border));
    }
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

#[expect(
    clippy::too_many_arguments,
    reason = "a drawing helper reading many parts of one state"
)]
fn row_line(
    app: &App,
    w: &Wizard,
    spec: &Table,
    row: &SheetRow,
    index: usize,
    cols: &[usize],
    widths: &[u16],
    flags: &Flags,
    pinned: bool,
) -> Line<'static> {
    let t = theme();
    let focused = w.focus == Focus::Content;
    let base = match row.kind {
        // Another unit group's row: visibly not this unit's.
        RowKind::Group { .. } if row.foreign => t.dim,
        RowKind::Group { .. } | RowKind::Total => t.group,
        RowKind::Heading => t.title,
        _ => t.normal,
    };
    let base = if pinned {
        base.add_modifier(Modifier::DIM)
    } else {
        base
    };
    let mut spans = Vec::new();
    for &c in cols {
        let col = &spec.columns[c];
        let width = widths[c] as usize;
        let value = &row.cells[c];
        // A paragraph cell shows on one line in the grid.
        let mut text = report::cell_text(app.lang, &w.draft, spec, row, c).replace('\n', " ");
        if let (Cell::Verdict(v), true) = (value, width >= 14)
            && let Some(p) = report::progress(&app.template, spec, row)
        {
            // A target not met never shows a full bar, however close.
            let filled = ((p * 4.0).round() as usize).min(if v.met { 4 } else { 3 });
            text = format!("{} {text}", super::bars::gauge(filled, 4, 4));
        }
        let mut style = base;
        if value.is_computed() || col.kind == ColumnKind::Derived {
            style = style.patch(t.computed);
        }
        let flag = flags
            .get(&(row.row.clone(), Some(col.id.clone())))
            .copied()
            .or_else(|| {
                (col.kind == ColumnKind::Label)
                    .then(|| flags.get(&(row.row.clone(), None)).copied())
                    .flatten()
            });
        if let Some(Flag::Open(s)) = flag {
            style = style.patch(t.severity(s));
        }
        let selected = index == w.grid.row && c == w.grid.col && !pinned;
        if selected {
            style = if focused {
                style.patch(t.focus)
            } else {
                style.patch(t.selected)
            };
        }
        let indent = if col.kind == ColumnKind::Label {
            " ".repeat(row.depth as usize)
        } else {
            String::new()
        };
        let right =
            value.value().is_some() || matches!(value, Cell::Invalid(_)) && col.kind.is_numeric();
        spans.push(Span::styled(
            cell(&format!("{indent}{text}"), width, right),
            style,
        ));
        // A flagged cell's mark takes the separator after it, so the figure keeps the
        // whole width of its column.
        match flag {
            Some(Flag::Open(s)) => spans.push(Span::styled(
                severity_mark(s),
                t.severity(s).add_modifier(Modifier::BOLD),
            )),
            Some(Flag::Explained) => {
                spans.push(Span::styled(super::glyphs::glyphs().explained, t.dim))
            }
            None => spans.push(Span::styled(separator(spec, c), t.border)),
        }
    }
    Line::from(spans)
}
