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
/// the widget's cursor is; the rows scroll to keep it in view.
fn paragraph_editor(frame: &mut Frame, editor: &crate::app::Editor, rect: Rect) {
    use unicode_width::UnicodeWidthStr;
    let (width, height) = (rect.width as usize, rect.height as usize);
    if width == 0 || height == 0 {
        return;
    }
    let tui_textarea::DataCursor(crow, ccol) = editor.area.cursor();
    let mut rows: Vec<&str> = Vec::new();
    let mut cursor = (0, 0);
    for (li, line) in editor.area.lines().iter().enumerate() {
        let cbyte = line.char_indices().nth(ccol).map_or(line.len(), |(b, _)| b);
        // Each row with where it starts in the line (textwrap gives slices of it).
        let mut pieces: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for piece in textwrap::wrap(line, width) {
            let start = line[from..].find(piece.as_ref()).map_or(from, |i| from + i);
            let text = &line[start..start + piece.len()];
            from = start + piece.len();
            pieces.push((start, text));
        }
        for (pi, &(start, text)) in pieces.iter().enumerate() {
            let next = pieces.get(pi + 1).map_or(line.len() + 1, |p| p.0);
            if li == crow && cbyte >= start && cbyte < next {
                let col = line[start..cbyte.max(start)].width();
                // After a space typed at the very end of a full row, typing goes on at
                // the start of the next.
                cursor = if col >= width {
                    (rows.len() + 1, 0)
                } else {
                    (rows.len(), col)
                };
            }
            rows.push(text);
        }
    }
    if cursor.0 >= rows.len() {
        rows.push("");
    }
    let top = cursor.0.saturating_sub(height - 1);
    let lines: Vec<ratatui::text::Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| ratatui::text::Line::raw(*r))
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), rect);
    frame.set_cursor_position((rect.x + cursor.1 as u16, rect.y + (cursor.0 - top) as u16));
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
