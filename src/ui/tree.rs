//! The outline tree: every step in the official numbering with a mark for its state
//! (· empty, ◐ partly filled, ✓ done, ✗ has an error) that reads without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph};

use super::theme::state_mark;
use super::{fit, theme};
use crate::app::{App, Focus, Wizard};
use crate::i18n;
use crate::report::StepRef;

/// One line of the tree: a heading (not a step) or a step.
struct Row {
    step: Option<usize>,
    text: String,
}

fn rows(app: &App, w: &Wizard, compact: bool) -> Vec<Row> {
    let t = &app.template;
    let mut out = Vec::new();
    if compact {
        // Step ids only: "I.1", "PL3".
        return w
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| Row {
                step: Some(i),
                text: match s {
                    StepRef::Info => "TT".to_string(),
                    StepRef::Section(id) => id.clone(),
                    StepRef::Table(id) => id.to_uppercase(),
                    StepRef::Review => "KT".to_string(),
                },
            })
            .collect();
    }
    let mut heading_done: Option<String> = None;
    for (i, s) in w.steps.iter().enumerate() {
        let label = match s {
            StepRef::Info => i18n::info_step(app.lang).to_string(),
            StepRef::Section(id) => {
                // The part (I, II, III) is shown once above its first sub-section.
                let part = id.split('.').next().unwrap_or(id).to_string();
                if id.contains('.') && heading_done.as_deref() != Some(part.as_str()) {
                    if let Some(p) = t.section(&part) {
                        out.push(Row {
                            step: None,
                            text: format!("{} {}", p.number, p.title),
                        });
                    }
                    heading_done = Some(part);
                }
                let title = t.section(id).map_or("", |s| s.title.as_str());
                if id.contains('.') {
                    format!("{id} {title}")
                } else {
                    format!("{}. {title}", id)
                }
            }
            StepRef::Table(id) => {
                let title = t
                    .table(id)
                    .and_then(|x| x.title.first())
                    .map_or("", String::as_str);
                format!("{} {title}", i18n::table_name(app.lang, t, id))
            }
            StepRef::Review => i18n::review_step(app.lang).to_string(),
        };
        out.push(Row {
            step: Some(i),
            text: label,
        });
    }
    out
}

pub(super) fn render(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let t = theme();
    let focused = w.focus == Focus::Outline;
    let block = super::block()
        .borders(Borders::RIGHT)
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = rows(app, w, area.width <= crate::layout::COMPACT_TREE);
    let height = inner.height as usize;
    let sel = if focused { w.outline } else { w.current };
    let sel_row = all.iter().position(|r| r.step == Some(sel)).unwrap_or(0);
    // Keep the selection in view, a little below the top when possible.
    let top = sel_row.saturating_sub(height.saturating_sub(1).min(height / 2));
    let top = top.min(all.len().saturating_sub(height));
    let width = inner.width as usize;
    let lines: Vec<Line> = all
        .iter()
        .skip(top)
        .take(height)
        .map(|r| match r.step {
            None => Line::from(Span::styled(fit(&r.text, width), t.dim)),
            Some(i) => {
                let state = w.state(i);
                let mark = Span::styled(format!("{} ", state_mark(state)), t.state(state));
                let style = if i == sel && focused {
                    t.focus
                } else if i == w.current {
                    t.selected
                } else {
                    t.normal
                };
                Line::from(vec![
                    mark,
                    Span::styled(super::cell(&r.text, width.saturating_sub(2), false), style),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
