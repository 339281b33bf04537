//! Dialogs: welcome, help (generated from the binding table), the findings list, the
//! jump prompt, the duplicate prompt, confirmations and the long-text editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{cell, fit, theme};
use crate::app::keymap::{self, BINDINGS, Context};
use crate::app::{App, Confirm, Modal};
use crate::i18n;

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2));
    let h = height.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub(super) fn boxed(frame: &mut Frame, rect: Rect, title: &str) -> Rect {
    let t = theme();
    frame.render_widget(Clear, rect);
    let block = super::block()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(format!(" {title} "), t.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A one-line prompt: title, a hint line, the editor.
fn prompt(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    hint: &str,
    editor: &crate::app::Editor,
) {
    let t = theme();
    let rect = centered(area, width, 4);
    let inner = boxed(frame, rect, title);
    frame.render_widget(
        Paragraph::new(Span::styled(fit(hint, inner.width as usize), t.dim)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    super::draw_editor(
        frame,
        editor,
        Rect::new(inner.x, inner.y + 1, inner.width, 1),
    );
}

/// The export dialog: the format (Tab changes it), what it holds, the path, a warning
/// while errors remain, what went wrong last time, and the keys.
fn export(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    format: crate::export::Format,
    editor: &crate::app::Editor,
    error: Option<&str>,
) {
    use crate::export::Format;
    let t = theme();
    let width = area.width.saturating_sub(4).min(76);
    let text_w = width.saturating_sub(2) as usize;
    let ready = app
        .wizard()
        .map(|w| crate::export::readiness(&app.template, &w.draft, &w.eval));
    let mut lines = vec![Line::from(Span::styled(
        i18n::export_format_label(app.lang),
        t.dim,
    ))];
    let mut choices = Vec::new();
    for f in [Format::Docx, Format::Pdf, Format::Xlsx, Format::Markdown] {
        let label = format!(" {} ", f.label());
        // The chosen one is marked by brackets too, for terminals without colour.
        let (text, style) = if f == format {
            (format!("[{label}]"), t.focus)
        } else {
            (format!(" {label} "), t.dim)
        };
        choices.push(Span::styled(text, style));
    }
    lines.push(Line::from(choices));
    lines.push(Line::from(Span::styled(
        fit(i18n::export_format_note(app.lang, format), text_w),
        t.dim,
    )));
    lines.push(Line::from(Span::styled(
        i18n::export_path_label(app.lang),
        t.dim,
    )));
    let editor_row = lines.len() as u16;
    lines.push(Line::from(""));
    let mut tail: Vec<Line> = Vec::new();
    if let Some(r) = ready.filter(|r| r.is_draft()) {
        for l in textwrap::wrap(&i18n::export_draft_warning(app.lang, r), text_w.max(1)) {
            tail.push(Line::from(Span::styled(l.into_owned(), t.warning)));
        }
    }
    if let Some(e) = error {
        let mark = super::theme::severity_mark(crate::template::Severity::Error);
        for l in textwrap::wrap(&format!("{mark} {e}"), text_w.max(1)) {
            tail.push(Line::from(Span::styled(l.into_owned(), t.error)));
        }
    }
    tail.push(Line::from(Span::styled(i18n::export_keys(app.lang), t.key)));
    let height = (lines.len() + tail.len()) as u16 + 2;
    let rect = centered(area, width, height);
    let inner = boxed(frame, rect, i18n::export_title(app.lang));
    lines.extend(tail);
    frame.render_widget(Paragraph::new(lines), inner);
    super::draw_editor(
        frame,
        editor,
        Rect::new(inner.x, inner.y + editor_row, inner.width, 1),
    );
}

/// The help text: every binding, grouped by where it applies.
pub fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = theme();
    let mut lines = vec![Line::from(Span::styled(
        fit(i18n::help_intro(app.lang), width),
        t.dim,
    ))];
    for ctx in [
        Context::Global,
        Context::Outline,
        Context::Text,
        Context::Grid,
        Context::CellEdit,
        Context::List,
        Context::Review,
        Context::Start,
        Context::Form,
        Context::Choice,
        Context::Prompt,
        Context::ExportDialog,
        Context::Dialog,
    ] {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            i18n::context_name(app.lang, ctx),
            t.title,
        )));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b
                .keys
                .iter()
                .map(|k| keymap::key_name(app.lang, k))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", cell(&keys, 16, false)), t.key),
                Span::raw(format!(" {}", b.label(app.lang))),
            ]));
        }
    }
    lines
}

pub(super) fn render(app: &App, m: &Modal, frame: &mut Frame, area: Rect) {
    let t = theme();
    match m {
        Modal::Welcome => {
            let rect = centered(area, 72, 20);
            let inner = boxed(frame, rect, i18n::welcome_title(app.lang));
            let lines: Vec<Line> = i18n::welcome_text(app.lang)
                .iter()
                .flat_map(|p| {
                    let mut v: Vec<Line> = textwrap::wrap(p, inner.width.max(1) as usize)
                        .into_iter()
                        .map(|l| Line::from(l.into_owned()))
                        .collect();
                    v.push(Line::from(""));
                    v
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Modal::Notice { text } => {
            let width = 70u16.min(area.width.saturating_sub(2));
            let lines: Vec<Line> = textwrap::wrap(text, width.saturating_sub(2).max(1) as usize)
                .into_iter()
                .map(|l| Line::from(l.into_owned()))
                .collect();
            let rect = centered(area, width, lines.len() as u16 + 2);
            let inner = boxed(frame, rect, i18n::notice_title(app.lang));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Modal::Help { scroll } => {
            let rect = centered(area, 76, area.height.saturating_sub(2));
            let inner = boxed(frame, rect, i18n::help_title(app.lang));
            let lines = help_lines(app, inner.width as usize);
            let max = lines.len().saturating_sub(inner.height as usize);
            frame.render_widget(
                Paragraph::new(lines).scroll(((*scroll).min(max) as u16, 0)),
                inner,
            );
        }
        Modal::Findings { selected, .. } => {
            let rect = centered(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(2),
            );
            let Some(w) = app.wizard() else { return };
            let title = i18n::findings_title(
                app.lang,
                w.eval.count(crate::template::Severity::Error),
                w.eval.count(crate::template::Severity::Warning),
            );
            let inner = boxed(frame, rect, &title);
            if w.order.is_empty() {
                frame.render_widget(
                    Paragraph::new(Span::styled(i18n::no_findings(app.lang), t.ok)),
                    inner,
                );
                return;
            }
            let (lines, at) =
                super::review::finding_lines(app, w, inner.width as usize, Some(*selected));
            let line = at.get(*selected).copied().unwrap_or(0);
            let top = line.saturating_sub(inner.height as usize / 2);
            frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), inner);
        }
        Modal::Explain { label, editor, .. } => {
            let (title, hint) = i18n::explain_prompt(app.lang);
            prompt(frame, area, 76, &format!("{title}· {label} "), hint, editor)
        }
        Modal::Jump { editor } => prompt(
            frame,
            area,
            76,
            i18n::jump_title(app.lang),
            i18n::jump_hint(app.lang),
            editor,
        ),
        Modal::SaveAs { editor, .. } => prompt(
            frame,
            area,
            76,
            i18n::save_as_title(app.lang),
            i18n::save_as_hint(app.lang),
            editor,
        ),
        Modal::Duplicate { editor, .. } => prompt(
            frame,
            area,
            60,
            i18n::duplicate_title(app.lang),
            i18n::draft_name_label(app.lang),
            editor,
        ),
        Modal::Export {
            format,
            editor,
            error,
        } => export(app, frame, area, *format, editor, error.as_deref()),
        Modal::Confirm(c) => {
            let question = match c {
                Confirm::Trash { name, .. } => i18n::confirm_trash(app.lang, name),
                Confirm::DeleteRow { label, .. } => i18n::confirm_delete_row(app.lang, label),
                Confirm::QuitUnsaved { error, place } => {
                    i18n::confirm_quit_unsaved(app.lang, error, place.as_deref())
                }
                Confirm::DiscardForm => i18n::confirm_discard_form(app.lang).to_string(),
                Confirm::Overwrite { path, .. } => i18n::confirm_overwrite(app.lang, path),
            };
            let width = 64u16;
            let wrapped: Vec<Line> = textwrap::wrap(&question, width as usize - 2)
                .into_iter()
                .map(|l| Line::from(l.into_owned()))
                .collect();
            let rect = centered(area, width, wrapped.len() as u16 + 4);
            let inner = boxed(frame, rect, i18n::confirm_title(app.lang));
            let mut lines = wrapped;
            lines.push(Line::from(""));
            let keys = match c {
                Confirm::QuitUnsaved { .. } => i18n::quit_unsaved_keys(app.lang),
                _ => i18n::yes_no(app.lang),
            };
            lines.push(Line::from(Span::styled(keys, t.key)));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Modal::Hitch { hitch, selected } => {
            super::hitch::render(app, hitch, *selected, frame, area)
        }
        Modal::LongText {
            table,
            row,
            col,
            editor,
            ..
        } => {
            let rect = centered(
                area,
                area.width.saturating_sub(8),
                area.height.saturating_sub(6),
            );
            let header = app
                .template
                .table(table)
                .and_then(|s| s.columns.iter().find(|c| &c.id == col))
                .map_or(String::new(), |c| format!("({}) {}", c.id, c.header));
            let label = app
                .wizard()
                .and_then(|w| w.eval.sheet(table))
                .and_then(|s| s.find(row).map(|i| s.rows[i].display_label()))
                .unwrap_or_default();
            let inner = boxed(
                frame,
                rect,
                &fit(&format!("{label} · {header}"), rect.width as usize - 4),
            );
            // The same keys as the footer says, from the binding table.
            let hint = super::bars::keys_hint(app, crate::app::keymap::Context::CellEdit);
            let hint_w = hint.width() as u16;
            super::draw_editor(
                frame,
                editor,
                Rect::new(
                    inner.x,
                    inner.y,
                    inner.width,
                    inner.height.saturating_sub(1),
                ),
            );
            frame.render_widget(
                Paragraph::new(Span::styled(hint, t.dim)),
                Rect::new(
                    inner.x + inner.width.saturating_sub(hint_w),
                    inner.y + inner.height.saturating_sub(1),
                    hint_w.min(inner.width),
                    1,
                ),
            );
        }
    }
}
