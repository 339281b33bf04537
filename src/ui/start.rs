//! The start screen (drafts with unit, completion, errors, warnings, last saved) and
//! the new-draft form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph};

use super::bars::footer_line;
use super::{cell, fit, theme};
use crate::app::{App, Context, FieldKind, Fields, StartScreen};
use crate::i18n;

fn frame_parts(app: &App, frame: &mut Frame, title: &str, context: Context) -> Rect {
    let t = theme();
    let area = frame.area();
    let head = Line::from(Span::styled(
        cell(
            &format!(" baocao {} {title}", super::glyphs::glyphs().vline),
            area.width as usize,
            false,
        ),
        t.bar,
    ));
    frame.render_widget(Paragraph::new(head), Rect::new(0, 0, area.width, 1));
    let footer = footer_line(app, context, area.width as usize);
    frame.render_widget(
        Paragraph::new(footer).style(t.bar),
        Rect::new(0, area.height - 1, area.width, 1),
    );
    if let Some(s) = &app.status {
        let style = if s.error { t.error } else { t.ok };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&s.text, area.width as usize), style)),
            Rect::new(0, area.height - 2, area.width, 1),
        );
    }
    Rect::new(
        1,
        2,
        area.width.saturating_sub(2),
        area.height.saturating_sub(5),
    )
}

pub(super) fn render(app: &App, s: &StartScreen, frame: &mut Frame) {
    let t = theme();
    let body = frame_parts(app, frame, i18n::app_title(app.lang), Context::Start);
    let width = body.width as usize;
    let mut lines = vec![
        Line::from(Span::styled(fit(i18n::start_intro(app.lang), width), t.dim)),
        Line::from(""),
    ];
    if let Some(e) = &s.error {
        lines.push(Line::from(Span::styled(fit(e, width), t.error)));
    }
    if s.loaded && s.drafts.is_empty() {
        lines.push(Line::from(Span::styled(
            i18n::no_drafts_yet(app.lang),
            t.title,
        )));
    } else {
        let h = i18n::list_header(app.lang);
        let unit_w = width.saturating_sub(17 + 11 + 5 + 9 + 16 + 1).max(10);
        let head = format!(
            "{} {} {} {} {} {}",
            cell(h[0], 16, false),
            cell(h[1], unit_w, false),
            cell(h[2], 10, true),
            cell(h[3], 4, true),
            cell(h[4], 8, true),
            cell(h[5], 16, false)
        );
        lines.push(Line::from(Span::styled(fit(&head, width), t.title)));
        for (i, d) in s.drafts.iter().enumerate() {
            let saved = d.saved.map(crate::localtime::date_time).unwrap_or_default();
            let text = match &d.problem {
                Some(p) => format!("{} {}", cell(&d.name, 16, false), p),
                None => format!(
                    "{} {} {} {} {} {}",
                    cell(&d.name, 16, false),
                    cell(&d.unit, unit_w, false),
                    cell(&format!("{}/{}", d.done, d.total), 10, true),
                    cell(&d.errors.to_string(), 4, true),
                    cell(&d.warnings.to_string(), 8, true),
                    cell(&saved, 16, false)
                ),
            };
            let style = if i == s.selected {
                t.focus
            } else if d.problem.is_some() {
                t.error
            } else if d.errors > 0 {
                t.warning
                    .remove_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                t.normal
            };
            lines.push(Line::from(Span::styled(cell(&text, width, false), style)));
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}

pub(super) fn render_form(app: &App, form: &Fields, frame: &mut Frame) {
    let t = theme();
    let body = frame_parts(app, frame, i18n::new_draft_title(app.lang), Context::Form);
    let block = super::block()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(
            format!(" {} ", i18n::new_draft_title(app.lang)),
            t.title,
        ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let label_w = 26u16.min(inner.width / 2);
    // The bottom row says what the focused field takes (its example hides behind the
    // editor); the last paragraph (the recipients) gets the rows left above it.
    let rows = inner.height.saturating_sub(1);
    let heights: Vec<u16> = form
        .items
        .iter()
        .map(|f| match f.kind {
            FieldKind::Paragraph => 2,
            _ => 1,
        })
        .collect();
    let used: u16 = heights.iter().sum();
    let last = form.items.len().saturating_sub(1);
    let mut y = inner.y;
    for (i, f) in form.items.iter().enumerate() {
        let focus = i == form.focus;
        let h = if i == last && f.kind == FieldKind::Paragraph {
            heights[i] + rows.saturating_sub(used)
        } else {
            heights[i]
        };
        if y + h > inner.y + rows {
            break;
        }
        let label_style = if focus { t.focus } else { t.title };
        frame.render_widget(
            Paragraph::new(Span::styled(
                cell(&f.label, label_w as usize - 1, false),
                label_style,
            )),
            Rect::new(inner.x, y, label_w, 1),
        );
        let value = Rect::new(inner.x + label_w, y, inner.width - label_w, h);
        match &f.kind {
            FieldKind::Choice { options, index } => {
                let spans: Vec<Span> = options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        let st = if k == *index {
                            if focus { t.focus } else { t.selected }
                        } else {
                            t.dim
                        };
                        Span::styled(format!(" {o} "), st)
                    })
                    .collect();
                frame.render_widget(Paragraph::new(Line::from(spans)), value);
            }
            _ if focus => super::draw_editor(frame, &f.editor, value),
            _ => {
                let text = f.editor.text();
                let width = value.width as usize;
                let lines: Vec<Line> = if text.is_empty() {
                    vec![Line::from(Span::styled(fit(&f.hint, width), t.dim))]
                } else if f.one_per_line() {
                    super::fields::list_lines(app.lang, &text, width, h as usize, "")
                } else {
                    vec![Line::from(Span::styled(
                        fit(&text.replace('\n', " · "), width),
                        t.normal,
                    ))]
                };
                frame.render_widget(Paragraph::new(lines), value);
            }
        }
        y += h;
    }
    if let Some(f) = form.current().filter(|f| !f.hint.is_empty()) {
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&f.hint, inner.width as usize), t.dim)),
            Rect::new(inner.x, inner.y + rows, inner.width, 1),
        );
    }
}
