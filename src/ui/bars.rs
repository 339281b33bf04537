//! The header (draft, completion, save state), the message lines (the findings of the
//! focused field or cell, else the status) and the footer (keys of the current focus,
//! from the binding table).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit, theme};
use crate::app::keymap::{self, Context};
use crate::app::{App, Wizard};
use crate::i18n;
use crate::report::StepRef;

/// "▰▰▰▱▱▱" of `done` out of `total`, `width` cells.
pub fn gauge(done: usize, total: usize, width: usize) -> String {
    let [full, empty] = super::glyphs::glyphs().gauge;
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!("{}{}", full.repeat(filled), empty.repeat(width - filled))
}

pub(super) fn header(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let t = theme();
    let (done, total) = w.completion();
    let save = if w.read_only {
        Span::styled(format!(" {} ", i18n::read_only_mark(app.lang)), t.key)
    } else if let Some(e) = &w.save.error {
        Span::styled(
            format!(" {} ", i18n::save_failed_short(app.lang, e)),
            t.error,
        )
    } else if w.save.is_clean() {
        let at = w
            .save
            .last_saved
            .map(crate::localtime::hour_minute)
            .unwrap_or_default();
        Span::styled(format!(" {} ", i18n::saved_at(app.lang, &at)), t.bar)
    } else {
        Span::styled(format!(" {} ", i18n::unsaved(app.lang)), t.key)
    };
    // The save state keeps one width, so that its changes repaint only its own cells.
    let save_w = [
        i18n::saved_at(app.lang, "00:00"),
        i18n::unsaved(app.lang).to_string(),
    ]
    .iter()
    .map(|s| s.width() + 2)
    .max()
    .unwrap_or(0);
    let save = Span::styled(super::cell(&save.content, save_w, false), save.style);
    let bar = super::glyphs::glyphs().vline;
    let left = format!(" baocao {bar} {} {bar} {} ", w.name, w.draft.meta.unit);
    let progress = format!(" {done}/{total} {} ", gauge(done, total, 10));
    let room = (area.width as usize).saturating_sub(progress.width() + save.content.width());
    let line = Line::from(vec![
        Span::styled(super::cell(&left, room, false), t.bar),
        Span::styled(progress, t.bar),
        save,
    ]);
    frame.render_widget(Paragraph::new(line).style(t.bar), area);
}

pub(super) fn message(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let t = theme();
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let here = w.current_findings(&app.template);
    if let Some(f) = here.first() {
        let mut text = format!(
            "{} {} {}",
            super::theme::severity_mark(f.severity),
            f.rule,
            i18n::message(app.lang, &app.template, f)
        );
        if here.len() > 1 {
            text.push_str(&i18n::more_here(app.lang, here.len() - 1));
        }
        lines.push(Line::from(Span::styled(
            fit(&text, width),
            t.severity(f.severity),
        )));
        if let Some(h) = i18n::hint(app.lang, f) {
            lines.push(Line::from(Span::styled(
                fit(&format!("  → {h}"), width),
                t.dim,
            )));
        }
    } else if let StepRef::Table(id) = w.step()
        && let Some(spec) = app.template.table(id)
        && let Some(col) = spec.columns.get(w.grid.col)
    {
        // The column's full caption, then the cell's whole value, which the grid may
        // cut: "(7) So sánh … = Chưa đạt (còn thiếu 1 bậc)".
        let value = w
            .eval
            .sheet(id)
            .and_then(|s| s.rows.get(w.grid.row))
            .map(|row| crate::report::cell_text(app.lang, &w.draft, spec, row, w.grid.col))
            .unwrap_or_default()
            .replace('\n', " ");
        lines.push(Line::from(Span::styled(
            fit(&format!("({}) {}", col.id, col.header), width),
            t.dim,
        )));
        // While the cell is being edited its editor shows the value: echoing each key
        // here too would double the bytes of every digit.
        if !value.trim().is_empty() && w.grid.edit.is_none() {
            lines.push(Line::from(Span::styled(
                fit(&format!("  = {value}"), width),
                t.normal,
            )));
        }
    }
    let save_error = w.save.error.as_ref().map(|e| crate::app::Status {
        text: e.clone(),
        error: true,
    });
    if let Some(s) = app.status.as_ref().or(save_error.as_ref()) {
        let style = if s.error { t.error } else { t.ok };
        let line = Line::from(Span::styled(fit(&s.text, width), style));
        if lines.len() >= 2 {
            lines[1] = line;
        } else {
            lines.push(line);
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The footer line for a context: "^S lưu  ^N bước sau …", cut to the width.
pub fn footer_line(app: &App, context: Context, width: usize) -> Line<'static> {
    let in_draft = app.modal.is_none() && app.wizard().is_some();
    let t = theme();
    let pair = |key: String, label: &str| {
        let w = key.width() + label.width() + 3;
        (
            w,
            [
                Span::styled(format!(" {key}"), t.key),
                Span::styled(format!(" {label} "), t.bar),
            ],
        )
    };
    // The typing state is always shown, at the right end, wherever text is typed.
    let typing = keymap::footer(context, in_draft)
        .find(|b| b.cmd == keymap::Cmd::InputMethod)
        .map(|b| {
            pair(
                keymap::key_name(app.lang, &b.keys[0]),
                i18n::input_method_name(app.lang, app.typing.method),
            )
        });
    let reserved = typing.as_ref().map_or(0, |(w, _)| *w);
    let mut spans = Vec::new();
    let mut used = 0;
    for b in keymap::footer(context, in_draft).filter(|b| b.cmd != keymap::Cmd::InputMethod) {
        let (w, parts) = pair(keymap::key_name(app.lang, &b.keys[0]), b.label(app.lang));
        if used + w + reserved > width {
            break;
        }
        used += w;
        spans.extend(parts);
    }
    if let Some((w, parts)) = typing {
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(used + w)),
            t.bar,
        ));
        spans.extend(parts);
    }
    Line::from(spans)
}

pub(super) fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let line = match &app.modal {
        // A question answers with its own keys.
        Some(crate::app::Modal::Confirm(_)) => {
            Line::from(Span::styled(i18n::yes_no(app.lang), theme().key))
        }
        _ => footer_line(app, footer_context(app), area.width as usize),
    };
    frame.render_widget(Paragraph::new(line).style(theme().bar), area);
}

/// The context whose keys the footer shows. Typing over a cell keeps the grid's footer
/// until the typing pauses (with the findings, see `EVAL_PAUSE`): a burst of digits
/// then costs the digits only, not a new footer on the first and the old one back on
/// Tab.
fn footer_context(app: &App) -> Context {
    match (app.context(), app.wizard()) {
        (Context::CellEdit, Some(w)) if w.eval_due.is_some() => Context::Grid,
        (c, _) => c,
    }
}
