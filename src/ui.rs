//! Drawing: reads the state and draws it (outline tree, section fields, table grid,
//! review, dialogs, header and footer). Never changes state, never does I/O.

mod bars;
mod fields;
pub mod glyphs;
mod grid;
mod hitch;
mod modal;
mod review;
mod start;
mod theme;
mod tree;

use std::sync::OnceLock;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use theme::Theme;

use crate::app::{App, Screen};
use crate::i18n;
use crate::layout;
use crate::report::StepRef;

/// The theme for this run (NO_COLOR is read once).
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(Theme::detect)
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let size = (area.width, area.height);
    if !layout::fits(size) {
        too_small(app, frame, area);
        return;
    }
    match &app.screen {
        Screen::Start(s) => start::render(app, s, frame),
        Screen::NewDraft(form) => start::render_form(app, form, frame),
        Screen::Wizard(w) => {
            let a = layout::areas(size, w.table().is_some(), w.tree_shown());
            bars::header(app, w, frame, a.header);
            tree::render(app, w, frame, a.tree);
            match w.step() {
                StepRef::Info | StepRef::Section(_) => fields::render(app, w, frame, a.content),
                StepRef::Table(id) => grid::render(app, w, id, frame, a.content),
                StepRef::Review => review::render(app, w, frame, a.content),
            }
            bars::message(app, w, frame, a.message);
            bars::footer(app, frame, a.footer);
        }
    }
    if let Some(m) = &app.modal {
        modal::render(app, m, frame, area);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = theme();
    let text = i18n::too_small(app.lang, layout::MIN_SIZE, (area.width, area.height));
    let lines: Vec<Line> = textwrap::wrap(&text, area.width.max(1) as usize)
        .into_iter()
        .map(|l| Line::from(Span::styled(l.into_owned(), t.title)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A box drawn with the run's border characters.
pub fn block() -> ratatui::widgets::Block<'static> {
    ratatui::widgets::Block::default().border_set(glyphs::glyphs().border)
}

/// The frame of a step's content pane: a top rule carrying the title, in the focus
/// colour when the pane has the keys; returns the room inside, one column in from the
/// left.
pub(crate) fn step_pane(frame: &mut Frame, area: Rect, title: &str, focused: bool) -> Rect {
    let t = theme();
    let block = block()
        .borders(ratatui::widgets::Borders::TOP)
        .title(ratatui::text::Span::styled(
            fit(&format!(" {title} "), area.width as usize),
            t.title,
        ))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    )
}

/// Draws an editor and puts the terminal's own cursor where it types (no drawn
/// cursor cell: moving a real cursor costs no bytes, repainting a cell does).
pub fn draw_editor(frame: &mut Frame, editor: &crate::app::Editor, rect: Rect) {
    if !editor.single_line {
        paragraph_editor(frame, editor, rect);
        return;
    }
    frame.render_widget(&editor.area, rect);
    let c = editor.area.screen_cursor();
    let (top, left) = editor.area.scroll_offset();
    let row = c.row.saturating_sub(top as usize);
    let col = c.col.saturating_sub(left as usize);
    if row < rect.height as usize && col < rect.width as usize {
        frame.set_cursor_position((rect.x + col as u16, rect.y + row as u16));
    }
}

/// A paragraph being edited, wrapped at words the way printed text is: the space at a
/// break stays at the end of its row, so no row starts with one (the widget's own
/// wrapping moves it to the start of the next row). The terminal's cursor is put where
/// the widget's cursor is, and the rows scroll to keep it in view: from the top while
/// it fits, else with the cursor on the last row. Only the lines on screen are wrapped,
/// so a pasted text of megabytes costs what a screenful costs.
fn paragraph_editor(frame: &mut Frame, editor: &crate::app::Editor, rect: Rect) {
    use unicode_width::UnicodeWidthStr;
    let (width, height) = (rect.width as usize, rect.height as usize);
    if width == 0 || height == 0 {
        return;
    }
    let lines = editor.area.lines();
    let tui_textarea::DataCursor(crow, ccol) = editor.area.cursor();
    let crow = crow.min(lines.len().saturating_sub(1));
    let Some(line) = lines.get(crow) else {
        return;
    };
    // The cursor's row within its line, and its column.
    let rows = wrapped_rows(line, width);
    let cbyte = line.char_indices().nth(ccol).map_or(line.len(), |(b, _)| b);
    let mut at = (rows.len().saturating_sub(1), 0);
    for (k, &(start, _)) in rows.iter().enumerate() {
        let next = rows.get(k + 1).map_or(line.len() + 1, |r| r.0);
        if cbyte >= start && cbyte < next {
            let col = line[start..cbyte.max(start)].width();
            // After a space typed at the very end of a full row, typing goes on at
            // the start of the next.
            at = if col >= width { (k + 1, 0) } else { (k, col) };
        }
    }
    // Rows above the cursor, back to the first line shown.
    let (mut first, mut above) = (crow, at.0);
    while above < height - 1 && first > 0 {
        first -= 1;
        above += wrapped_rows(&lines[first], width).len();
    }
    let skip = above.saturating_sub(height - 1);
    let cursor_row = above - skip;
    let mut shown: Vec<ratatui::text::Line> = Vec::with_capacity(height);
    let mut li = first;
    let mut to_skip = skip;
    while shown.len() < height && li < lines.len() {
        let mut rows = wrapped_rows(&lines[li], width);
        if li == crow && at.0 >= rows.len() {
            rows.push((lines[li].len(), ""));
        }
        for (_, text) in rows {
            if to_skip > 0 {
                to_skip -= 1;
            } else if shown.len() < height {
                shown.push(ratatui::text::Line::raw(text));
            }
        }
        li += 1;
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(shown), rect);
    frame.set_cursor_position((rect.x + at.1 as u16, rect.y + cursor_row as u16));
}

/// The rows of one line wrapped at words to `width`, each with where it starts in the
/// line (textwrap gives slices of it).
fn wrapped_rows(line: &str, width: usize) -> Vec<(usize, &str)> {
    let mut rows = Vec::new();
    let mut from = 0;
    for piece in textwrap::wrap(line, width) {
        let start = line[from..].find(piece.as_ref()).map_or(from, |i| from + i);
        let mut end = (start + piece.len()).min(line.len());
        // A piece that is not a slice of the line (never with the default options)
        // still ends on a character boundary.
        while !line.is_char_boundary(end) {
            end += 1;
        }
        rows.push((start, &line[start..end]));
        from = end;
    }
    if rows.is_empty() {
        rows.push((0, ""));
    }
    rows
}

/// Cuts a text to `width` terminal cells, ending with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push_str(glyphs::glyphs().ellipsis);
    }
    out
}

/// Pads or cuts a text to exactly `width` cells, right-aligned when `right`.
pub fn cell(text: &str, width: usize, right: bool) -> String {
    use unicode_width::UnicodeWidthStr;
    let t = fit(text, width);
    let pad = width.saturating_sub(t.width());
    if right {
        format!("{}{t}", " ".repeat(pad))
    } else {
        format!("{t}{}", " ".repeat(pad))
    }
}
