//! The header (draft, completion, save state), the message lines (the findings of the
//! focused field or cell, else the status) and the footer (keys of the current focus,
//! from the binding table).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    let width = (area.width as usize).max(1);
    let room = area.height as usize;
    // The status (or a failed save) keeps the bottom lines, up to two; what the field
    // or cell says takes the rest. Every text wraps instead of being cut.
    let save_error = w.save.error.as_ref().map(|e| crate::app::Status {
        text: e.clone(),
        error: true,
    });
    let mut status: Vec<Line> = Vec::new();
    if let Some(s) = app.status.as_ref().or(save_error.as_ref()) {
        let style = if s.error { t.error } else { t.ok };
        status = wrapped(&s.text, width, 2, style);
    }
    let mut lines: Vec<Line> = Vec::new();
    // While figures are typed cell after cell, the line keeps to the cell where the
    // burst began (see `Wizard::message_hold`).
    let (row, col) = w
        .message_hold
        .map_or((w.grid.row, w.grid.col), |h| (h.1, h.2));
    let here = w.findings_at(&app.template, row, col);
    if let Some(f) = here.first() {
        let mark = match f.explained {
            Some(_) => super::glyphs::glyphs().explained,
            None => super::theme::severity_mark(f.severity),
        };
        let mut text = format!(
            "{mark} {} {}",
            f.rule,
            i18n::message(app.lang, &app.template, f)
        );
        if here.len() > 1 {
            text.push_str(&i18n::more_here(app.lang, here.len() - 1));
        }
        let style = match f.explained {
            Some(_) => t.dim,
            None => t.severity(f.severity),
        };
        lines.extend(wrapped(&text, width, 2, style));
        if let Some(note) = &f.explained {
            lines.extend(wrapped(&i18n::explanation(app.lang, note), width, 2, t.ok));
        } else if let Some(h) = i18n::hint(app.lang, f) {
            lines.extend(wrapped(&format!("→ {h}"), width, 2, t.dim));
        }
    } else if let StepRef::Table(id) = w.step()
        && let Some(spec) = app.template.table(id)
        && let Some(column) = spec.columns.get(col)
    {
        // The row's name when the grid cuts it, the column's full caption, then the
        // cell's whole value, which the grid may cut too:
        // "(7) So sánh … = Chưa đạt (còn thiếu 1 bậc)".
        let row = w.eval.sheet(id).and_then(|s| s.rows.get(row));
        let value = row
            .map(|row| crate::report::cell_text(app.lang, &w.draft, spec, row, col))
            .unwrap_or_default()
            .replace('\n', " ");
        // The widths the grid gives its columns on this screen, worked out once.
        let body = crate::layout::grid_body(app.size, w.tree_shown());
        let widths = crate::layout::column_widths(spec, &w.content_widths, body.width);
        let cut_at = |c: usize, have: usize| have > widths.get(c).copied().unwrap_or(0) as usize;
        let label_cut = spec
            .columns
            .iter()
            .position(|c| c.kind == crate::template::ColumnKind::Label)
            .is_some_and(|l| cut_at(l, w.content_widths.get(l).copied().unwrap_or(0) as usize));
        let mut head = format!("({}) {}", column.id, column.header);
        if let Some(row) = row
            && label_cut
            && !matches!(column.kind, crate::template::ColumnKind::Label)
        {
            head = format!(
                "{} {} {head}",
                row.display_label(),
                super::glyphs::glyphs().sep
            );
        }
        lines.extend(wrapped(&head, width, 2, t.dim));
        // Only a value the grid cuts is repeated whole here: a figure shown whole in
        // its cell would cost its bytes again at every move. While the cell is being
        // edited its editor shows the value: echoing each key here too would double
        // the bytes of every digit.
        if cut_at(col, value.width())
            && !value.trim().is_empty()
            && w.grid.edit.is_none()
            && w.message_hold.is_none()
        {
            lines.extend(wrapped(&format!("= {value}"), width, 2, t.normal));
        }
    } else if w.focus == crate::app::Focus::Content
        && matches!(w.step(), StepRef::Info | StepRef::Section(_))
        && let Some(f) = w.fields.current()
        && f.kind == crate::app::FieldKind::Paragraph
        && !f.hint.is_empty()
    {
        // A paragraph's hint (the recipients': one a line, the ";" added on export),
        // which its label line may cut.
        lines.extend(wrapped(&f.hint, width, 2, t.dim));
    }
    lines.truncate(room.saturating_sub(status.len()));
    lines.extend(status);
    frame.render_widget(Paragraph::new(lines), area);
}

/// A text wrapped at word boundaries into at most `max` lines of `width` (the last
/// one cut with "…" when the text is longer still).
fn wrapped(text: &str, width: usize, max: usize, style: Style) -> Vec<Line<'static>> {
    let mut out: Vec<String> = textwrap::wrap(text, width)
        .into_iter()
        .map(|l| l.trim_start().to_string())
        .collect();
    if out.len() > max {
        let rest = out[max - 1..].join(" ");
        out.truncate(max - 1);
        out.push(fit(&rest, width));
    }
    out.into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
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
    let choice = on_choice(app, context);
    // The keys other than the typing state, each built once, in order.
    let keys: Vec<_> = keymap::footer(context, in_draft, choice)
        .filter(|b| b.cmd != keymap::Cmd::InputMethod)
        .map(|b| pair(b.footer_keys(app.lang), b.label(app.lang)))
        .collect();
    // How many of them fit beside a typing state `reserved` wide.
    let fitting = |reserved: usize| {
        let mut used = 0;
        keys.iter()
            .take_while(|(w, _)| {
                used += w;
                used + reserved <= width
            })
            .count()
    };
    // The typing state is always shown, at the right end, wherever text is typed: as
    // «Gõ: Telex», or just «Telex» when the longer label would push a key off the
    // footer.
    let typing = keymap::footer(context, in_draft, choice)
        .find(|b| b.cmd == keymap::Cmd::InputMethod)
        .map(|b| {
            let key = keymap::key_name(app.lang, &b.keys[0]);
            let name = i18n::input_method_name(app.lang, app.typing.method);
            let full = pair(key.clone(), name);
            let short = pair(key, i18n::input_method_short(app.lang, app.typing.method));
            if fitting(short.0) > fitting(full.0) {
                short
            } else {
                full
            }
        });
    let shown = fitting(typing.as_ref().map_or(0, |(w, _)| *w));
    let used: usize = keys[..shown].iter().map(|(w, _)| w).sum();
    let mut spans: Vec<Span<'static>> = keys
        .into_iter()
        .take(shown)
        .flat_map(|(_, parts)| parts)
        .collect();
    if let Some((w, parts)) = typing {
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(used + w)),
            t.bar,
        ));
        spans.extend(parts);
    }
    Line::from(spans)
}

/// The footer's keys of a context as plain text ("Enter ghi, xuống  Tab ghi, sang
/// phải  Esc bỏ sửa"), for a box that repeats them.
pub(super) fn keys_hint(app: &App, context: Context) -> String {
    keymap::footer(context, false, false)
        .filter(|b| b.context == context)
        .map(|b| format!("{} {}", b.footer_keys(app.lang), b.label(app.lang)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// Whether the focused field is a choice (group, kind of body) in the new-draft form
/// or in the information step, whose keys the footer then shows first.
fn on_choice(app: &App, context: Context) -> bool {
    let fields = match (&app.screen, context) {
        (crate::app::Screen::NewDraft(form), Context::Form) => form,
        (crate::app::Screen::Wizard(w), Context::Text) if app.modal.is_none() => &w.fields,
        _ => return false,
    };
    fields
        .current()
        .is_some_and(|f| matches!(f.kind, crate::app::FieldKind::Choice { .. }))
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
