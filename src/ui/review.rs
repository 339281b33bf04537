//! The last step, "Kiểm tra & xuất": what is missing and what is inconsistent, in
//! outline order; Enter goes to the place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::severity_mark;
use super::{fit, theme};
use crate::app::{App, Focus, Wizard};
use crate::i18n;
use crate::report::StepRef;
use crate::rules::StepState;
use crate::template::Severity;

/// The lines of the findings list (one per finding, in step order), with the index of
/// the line of each finding, for the review step and the findings dialog.
pub fn finding_lines(
    app: &App,
    w: &Wizard,
    width: usize,
    selected: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = theme();
    let mut lines = Vec::new();
    let mut at = Vec::new();
    let mut last_step = String::new();
    for (n, &i) in w.order.iter().enumerate() {
        let f = &w.eval.findings[i];
        let step = f.place.step().to_string();
        if step != last_step {
            let (mut errors, mut warnings) = (0, 0);
            for g in w.order.iter().map(|&j| &w.eval.findings[j]) {
                if g.place.step() == step && g.explained.is_none() {
                    match g.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                    }
                }
            }
            let name = if app.template.table(&step).is_some() {
                i18n::table_name(app.lang, &app.template, &step)
            } else if matches!(f.place, crate::rules::Place::Info { .. }) {
                i18n::info_step(app.lang).to_string()
            } else {
                format!("{} {step}", i18n::section_word(app.lang))
            };
            lines.push(Line::from(Span::styled(
                fit(
                    &format!("{name} — {}", i18n::counts(app.lang, errors, warnings)),
                    width,
                ),
                t.title,
            )));
            last_step = step;
        }
        at.push(lines.len());
        let mut text = format!(
            "  {} {} {}: {}",
            match f.explained {
                Some(_) => super::glyphs::glyphs().explained,
                None => severity_mark(f.severity),
            },
            f.rule,
            i18n::place(app.lang, &app.template, &f.place),
            i18n::message(app.lang, &app.template, f)
        );
        if let Some(note) = &f.explained {
            text = format!("{text} — {}", i18n::explanation(app.lang, note));
        }
        let style = if selected == Some(n) {
            t.focus
        } else if f.explained.is_some() {
            t.dim
        } else {
            t.severity(f.severity)
        };
        // The whole message, wrapped (up to three lines), never cut at the edge.
        let opts = textwrap::Options::new(width.max(8)).subsequent_indent("      ");
        let wrapped: Vec<String> = textwrap::wrap(&text, opts)
            .into_iter()
            .map(|l| l.into_owned())
            .collect();
        let shown = wrapped.len().min(3);
        for (k, l) in wrapped.iter().take(shown).enumerate() {
            let l = if k + 1 == shown && wrapped.len() > shown {
                fit(&format!("{l} {}", wrapped[shown..].join(" ")), width)
            } else {
                l.clone()
            };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    (lines, at)
}

pub(super) fn render(app: &App, w: &Wizard, frame: &mut Frame, area: Rect) {
    let t = theme();
    let focused = w.focus == Focus::Content;
    let inner = super::step_pane(frame, area, i18n::review_step(app.lang), focused);
    let width = inner.width as usize;
    let (done, total) = w.completion();
    let errors = w.eval.count(Severity::Error);
    let warnings = w.eval.count(Severity::Warning);
    let summary = i18n::review_summary(app.lang, done, total, errors, warnings);
    let style = if errors > 0 { t.error } else { t.ok };
    let mut head: Vec<Line> = textwrap::wrap(&summary, width.max(1))
        .into_iter()
        .take(2)
        .map(|l| Line::from(Span::styled(l.into_owned(), style)))
        .collect();
    // The same count as the export dialog's, saying what it counts.
    let blanks = crate::rules::missing::report(&app.template, &w.draft, &w.eval);
    if blanks.total() > 0 {
        let text = i18n::missing(app.lang, &blanks);
        for l in textwrap::wrap(&text, width.max(1)).into_iter().take(2) {
            head.push(Line::from(Span::styled(l.into_owned(), t.warning)));
        }
    }
    let missing: Vec<String> = w
        .steps
        .iter()
        .enumerate()
        .filter(|(i, s)| !matches!(s, StepRef::Review) && w.state(*i) == StepState::Empty)
        .map(|(_, s)| match s {
            StepRef::Info => i18n::info_step(app.lang).to_string(),
            StepRef::Section(id) => id.clone(),
            StepRef::Table(id) => i18n::table_name(app.lang, &app.template, id),
            StepRef::Review => String::new(),
        })
        .collect();
    if !missing.is_empty() {
        let text = format!("{} {}", i18n::not_started(app.lang), missing.join(", "));
        for l in textwrap::wrap(&text, width.max(1)).into_iter().take(3) {
            head.push(Line::from(Span::styled(l.into_owned(), t.warning)));
        }
    }
    head.push(Line::from(Span::styled(
        fit(i18n::export_note(app.lang), width),
        t.dim,
    )));
    head.push(Line::from(""));
    let head_h = head.len() as u16;
    frame.render_widget(
        Paragraph::new(head),
        Rect::new(inner.x, inner.y, inner.width, head_h),
    );
    let list = Rect::new(
        inner.x,
        inner.y + head_h,
        inner.width,
        inner.height.saturating_sub(head_h),
    );
    let sel = focused.then_some(w.review);
    let (lines, at) = finding_lines(app, w, width, sel);
    let sel_line = sel.and_then(|s| at.get(s).copied()).unwrap_or(0);
    let top = sel_line.saturating_sub(list.height as usize / 2);
    frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), list);
}
