//! A section step (and the report information step): the outline's guidance above,
//! then each answer with its label and editor. The focused paragraph gets the room;
//! the others show a preview. A field with a finding carries its mark on the label.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::severity_mark;
use super::{fit, theme};
use crate::app::{App, FieldEditor, FieldKey, FieldKind, Focus, Wizard};
use crate::i18n;
use crate::report::StepRef;
use crate::template::Severity;

/// The worst finding about a field, if any.
fn field_severity(w: &Wizard, f: &FieldEditor) -> Option<Severity> {
    w.eval
        .findings
        .iter()
        .filter(|x| f.key.is_at(&x.place))
        .map(|x| x.severity)
        .min()
}

fn height(f: &FieldEditor, focused: bool, room: u16) -> u16 {
    match f.kind {
        FieldKind::Paragraph if focused => room.max(3),
        // A list shows every line (the label, then one row each); the signer's title,
        // short, one row of preview.
        FieldKind::Paragraph if f.one_per_line() => f.editor.area.lines().len() as u16 + 1,
        FieldKind::Paragraph if matches!(f.key, FieldKey::Meta(_)) => 2,
        FieldKind::Paragraph => 3,
        _ => 1,
    }
}

/// A list's lines (the recipients), one a row after `indent`, each cut to the width;
/// when there are more than `rows`, the last row says how many are left.
pub(super) fn list_lines(
    lang: i18n::Lang,
    text: &str,
    width: usize,
    rows: usize,
    indent: &str,
) -> Vec<Line<'static>> {
    let t = theme();
    let all: Vec<&str> = text.lines().collect();
    let room = width.saturating_sub(indent.width());
    let shown = if all.len() > rows {
        rows.saturating_sub(1)
    } else {
        all.len()
    };
    let mut lines: Vec<Line<'static>> = all[..shown]
        .iter()
        .map(|l| Line::from(Span::styled(format!("{indent}{}", fit(l, room)), t.normal)))
        .collect();
    if shown < all.len() && rows > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "{indent}{}",
                fit(&i18n::more_lines(lang, all.len() - shown), room)
            ),
            t.dim,
        )));
    }
    lines
}

pub(super) fn render(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let t = theme();
    let focused = w.focus == Focus::Content;
    let (title, guidance): (String, Vec<String>) = match w.step() {
        StepRef::Section(id) => match app.template.section(id) {
            Some(s) => (format!("{} {}", s.id, s.title), s.guidance.clone()),
            None => (id.clone(), Vec::new()),
        },
        _ => (
            i18n::info_step(app.lang).to_string(),
            vec![i18n::info_guidance(app.lang).to_string()],
        ),
    };
    let inner = super::step_pane(frame, area, &title, focused);
    let width = inner.width as usize;

    let mut lines: Vec<Line> = Vec::new();
    for g in &guidance {
        for (i, l) in textwrap::wrap(g, width.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "• " } else { "  " };
            lines.push(Line::from(Span::styled(format!("{bullet}{l}"), t.dim)));
        }
    }
    // Guidance takes at most a third of the room, so the editor always has space.
    let max_guide = (inner.height / 3) as usize;
    lines.truncate(max_guide);
    let guide_h = lines.len() as u16;
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, guide_h),
    );

    let top = inner.y + guide_h + u16::from(guide_h > 0);
    let room = inner.height.saturating_sub(top - inner.y);
    let fields = &w.fields.items;
    let fixed: u16 = fields
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != w.fields.focus)
        .map(|(_, f)| height(f, false, 0))
        .sum();
    let focus_room = room.saturating_sub(fixed).max(3);
    // Start so that the focused field is on screen.
    let mut start = 0;
    loop {
        let used: u16 = fields[start..=w.fields.focus.min(fields.len().saturating_sub(1))]
            .iter()
            .enumerate()
            .map(|(i, f)| height(f, start + i == w.fields.focus, focus_room))
            .sum();
        if used <= room || start >= w.fields.focus {
            break;
        }
        start += 1;
    }
    let mut y = top;
    for (i, f) in fields.iter().enumerate().skip(start) {
        let is_focus = i == w.fields.focus;
        let h = height(f, is_focus, focus_room)
            .min(inner.y + inner.height - y.min(inner.y + inner.height));
        if h == 0 {
            break;
        }
        let rect = Rect::new(inner.x, y, inner.width, h);
        field(app, w, f, is_focus && focused, rect, frame);
        y += h;
    }
}

fn label_spans(w: &Wizard, f: &FieldEditor, focus: bool, lang: i18n::Lang) -> Vec<Span<'static>> {
    let t = theme();
    let mut style = if focus {
        t.title.add_modifier(Modifier::UNDERLINED)
    } else {
        t.title
    };
    if f.label.is_empty() {
        style = t.dim;
    }
    let label = if f.label.is_empty() {
        i18n::answer_label(lang).to_string()
    } else {
        f.label.clone()
    };
    let mut spans = vec![Span::styled(label, style)];
    if let Some(s) = field_severity(w, f) {
        spans.push(Span::styled(
            format!(" {}", severity_mark(s)),
            t.severity(s),
        ));
    }
    if f.nothing_to_report {
        spans.push(Span::styled(
            format!(" [{}]", i18n::nothing_to_report(lang)),
            t.ok,
        ));
    }
    spans
}

fn field(app: &App, w: &Wizard, f: &FieldEditor, focus: bool, rect: Rect, frame: &mut Frame) {
    let t = theme();
    let width = rect.width as usize;
    match &f.kind {
        FieldKind::Paragraph => {
            let mut label = label_spans(w, f, focus, app.lang);
            let used: usize = label.iter().map(|s| s.content.width()).sum();
            if used > width {
                label = vec![Span::styled(fit(&f.label, width), t.title)];
            } else if !f.hint.is_empty() && used + 4 < width {
                // What the field takes, as far as it goes (the message line has it
                // whole while the field is focused).
                label.push(Span::styled(
                    format!("  {}", fit(&f.hint, width - used - 2)),
                    t.dim,
                ));
            }
            frame.render_widget(
                Paragraph::new(Line::from(label)),
                Rect::new(rect.x, rect.y, rect.width, 1),
            );
            let body = Rect::new(
                rect.x,
                rect.y + 1,
                rect.width,
                rect.height.saturating_sub(1),
            );
            if f.nothing_to_report && !focus {
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        format!("  — {} —", i18n::nothing_to_report(app.lang)),
                        t.dim,
                    )),
                    body,
                );
            } else if focus {
                let block = super::block()
                    .borders(Borders::LEFT)
                    .border_style(t.border_focus);
                let inner = block.inner(body);
                frame.render_widget(block, body);
                super::draw_editor(frame, &f.editor, inner);
            } else {
                let text = f.editor.text();
                let preview: Vec<Line> = if text.trim().is_empty() {
                    vec![Line::from(Span::styled(
                        format!("  {}", i18n::empty_answer(app.lang)),
                        t.dim,
                    ))]
                } else if f.one_per_line() {
                    list_lines(app.lang, &text, width, body.height as usize, "  ")
                } else {
                    textwrap::wrap(&text.replace('\n', " "), width.saturating_sub(2).max(1))
                        .into_iter()
                        .take(body.height as usize)
                        .map(|l| Line::from(Span::styled(format!("  {l}"), t.normal)))
                        .collect()
                };
                frame.render_widget(Paragraph::new(preview), body);
            }
        }
        FieldKind::Choice { options, index } => {
            let mut spans = label_spans(w, f, focus, app.lang);
            spans.push(Span::raw(": "));
            for (i, o) in options.iter().enumerate() {
                let style = if i == *index {
                    if focus { t.focus } else { t.selected }
                } else {
                    t.dim
                };
                spans.push(Span::styled(format!(" {o} "), style));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), rect);
        }
        FieldKind::Line | FieldKind::Number => {
            let typed = f.editor.text();
            let unit_w0 = if f.hint.is_empty() {
                0
            } else {
                f.hint.width() + 1
            };
            let label_w = if matches!(f.kind, FieldKind::Number) {
                width.saturating_sub(14 + unit_w0).max(12).min(width)
            } else {
                // One-line fields of a step share a label column wide enough for the
                // longest label and its mark ("Cơ quan chủ quản ✗"), up to two fifths
                // of the width: the label says what to type, the example only helps.
                let longest = w
                    .fields
                    .items
                    .iter()
                    .filter(|x| matches!(x.kind, FieldKind::Line))
                    .map(|x| x.label.width())
                    .max()
                    .unwrap_or(0);
                (longest + 4).min(width * 2 / 5).max(12).min(width)
            };
            let mut spans = label_spans(w, f, focus, app.lang);
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect::<String>();
            if text.width() > label_w.saturating_sub(2) {
                spans = vec![Span::styled(fit(&text, label_w.saturating_sub(2)), t.title)];
            }
            frame.render_widget(
                Paragraph::new(Line::from(spans)),
                Rect::new(rect.x, rect.y, label_w as u16, 1),
            );
            // The value keeps at least 16 columns; the hint gives way first. A line's
            // hint is an example, of no use once the line is filled (a number's hint
            // is its unit and stays).
            let example_done = matches!(f.kind, FieldKind::Line) && !typed.trim().is_empty();
            let unit_w = if f.hint.is_empty() || example_done {
                0
            } else if matches!(f.kind, FieldKind::Number) {
                (f.hint.width() + 1).min(width / 3)
            } else {
                let w = (f.hint.width() + 1)
                    .min(width / 3)
                    .min(width.saturating_sub(label_w + 16));
                if w < 6 { 0 } else { w }
            };
            let value_x = rect.x + label_w as u16;
            let value_w = (width.saturating_sub(label_w + unit_w)) as u16;
            let value = Rect::new(value_x, rect.y, value_w, 1);
            if focus {
                super::draw_editor(frame, &f.editor, value);
            } else {
                let shown = if typed.is_empty() {
                    super::glyphs::glyphs().ellipsis.to_string()
                } else {
                    fit(&typed, value_w as usize)
                };
                let style = if typed.is_empty() {
                    t.dim
                } else {
                    t.normal.add_modifier(Modifier::UNDERLINED)
                };
                frame.render_widget(Paragraph::new(Span::styled(shown, style)), value);
            }
            if unit_w > 0 {
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        format!(" {}", fit(&f.hint, unit_w - 1)),
                        t.dim,
                    )),
                    Rect::new(value_x + value_w, rect.y, unit_w as u16, 1),
                );
            }
        }
    }
}
