//! The dialogs of a draft that did not open at once: held by another session, leftovers
//! of an earlier session, a file that does not read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::modal::{boxed, centered};
use super::{fit, theme};
use crate::app::App;
use crate::app::opening::Hitch;
use crate::i18n;

fn wrap(text: &str, width: u16) -> Vec<Line<'static>> {
    textwrap::wrap(text, width.max(1) as usize)
        .into_iter()
        .map(|l| Line::from(l.into_owned()))
        .collect()
}

pub(super) fn render(app: &App, hitch: &Hitch, selected: usize, frame: &mut Frame, area: Rect) {
    let t = theme();
    let lang = app.lang;
    let width = 72u16.min(area.width.saturating_sub(2));
    let inner_w = width.saturating_sub(2);
    let (title, mut lines, choices): (&str, Vec<Line>, Vec<String>) = match hitch {
        Hitch::Locked { holder, .. } => (
            i18n::locked_title(lang),
            wrap(&i18n::locked_text(lang, holder), inner_w),
            vec![
                i18n::open_read_only(lang).into(),
                i18n::take_over(lang).into(),
            ],
        ),
        Hitch::Stale { stale } => {
            let mut lines = wrap(&i18n::stale_text(lang, stale.len()), inner_w);
            for s in stale {
                let name = s
                    .leftover
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let at = s
                    .leftover
                    .modified
                    .map(crate::localtime::date_time_seconds)
                    .unwrap_or_default();
                let line = format!("• {name} · {at} · {}", s.why);
                lines.extend(wrap(&line, inner_w));
            }
            let choices = i18n::stale_choices(lang).map(String::from).to_vec();
            (i18n::stale_title(lang), lines, choices)
        }
        Hitch::Leftovers { opened, found, .. } => {
            let mut choices: Vec<String> = found
                .iter()
                .map(|f| {
                    let saved = f.draft.saved_time();
                    let mut c = i18n::leftover_line(lang, &f.leftover, saved);
                    let parts = i18n::parts_line(lang, &f.parts);
                    if !parts.is_empty() {
                        c.push_str(&format!(" · {parts}"));
                    }
                    c
                })
                .collect();
            let at = opened
                .saved
                .map(crate::localtime::date_time)
                .unwrap_or_default();
            choices.push(i18n::open_as_saved(lang, &at));
            (
                i18n::leftovers_title(lang),
                wrap(i18n::leftovers_text(lang), inner_w),
                choices,
            )
        }
        Hitch::Changed { change, path } => (
            i18n::changed_title(lang),
            wrap(&i18n::changed_text(lang, path, *change), inner_w),
            crate::app::opening::changed_choices(*change)
                .iter()
                .map(|&c| i18n::on_change(lang, c, *change).to_string())
                .collect(),
        ),
        Hitch::Broken {
            error, generation, ..
        } => {
            let mut lines = wrap(error, inner_w);
            lines.push(Line::from(""));
            let choices = match generation {
                Some((p, at)) => {
                    let at = at.map(crate::localtime::date_time).unwrap_or_default();
                    vec![i18n::restore_generation(
                        lang,
                        &p.display().to_string(),
                        &at,
                    )]
                }
                None => {
                    lines.extend(wrap(i18n::no_generation(lang), inner_w));
                    Vec::new()
                }
            };
            (i18n::broken_title(lang), lines, choices)
        }
    };
    lines.push(Line::from(""));
    for (i, c) in choices.iter().enumerate() {
        let style = if i == selected { t.focus } else { t.normal };
        for (k, l) in textwrap::wrap(c, inner_w.saturating_sub(2).max(1) as usize)
            .into_iter()
            .enumerate()
        {
            let prefix = if k == 0 && i == selected {
                format!("{} ", super::glyphs::glyphs().pointer)
            } else {
                "  ".to_string()
            };
            lines.push(Line::from(Span::styled(format!("{prefix}{l}"), style)));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        fit(i18n::hitch_keys(lang), inner_w as usize),
        t.key,
    )));
    let rect = centered(area, width, lines.len() as u16 + 2);
    let inner = boxed(frame, rect, title);
    frame.render_widget(Paragraph::new(lines), inner);
}
