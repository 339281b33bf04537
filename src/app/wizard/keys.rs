//! Keys in an open draft: reserved chords first (save, quit, steps, jump, findings),
//! then the focused editor, then the bindings of the focused pane. A read-only session
//! refuses every key that would change the draft.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::super::fields::FieldKind;
use super::super::grid::{self, Outcome};
use super::super::keymap::{self, Cmd, Context};
use super::super::modal::{Confirm, Modal};
use super::super::{App, Effect, Screen, Status};
use super::{Focus, Wizard};
use crate::i18n;
use crate::template::Template;

pub(in crate::app) fn key(
    app: &mut App,
    key: KeyEvent,
    cmd: Option<Cmd>,
    now: Instant,
    effects: &mut Vec<Effect>,
) {
    let lang = app.lang;
    let size = app.size;
    let Screen::Wizard(w) = &mut app.screen else {
        return;
    };
    w.typing = app.typing;
    let t = &app.template;
    if let Some(g) = keymap::lookup(Context::Global, &key, false) {
        match g {
            // The file changed under the session: saving (and quitting) waits for the
            // user's choice.
            Cmd::Save | Cmd::Quit if w.save.conflict.is_some() => {
                app.modal = Some(super::super::opening::changed_dialog(w));
            }
            Cmd::Save => {
                w.save.now(now);
                if w.save.is_clean() && w.save.error.is_none() {
                    app.status = Some(Status {
                        text: i18n::already_saved(lang).into(),
                        error: false,
                    });
                }
            }
            Cmd::Quit => {
                if super::super::nothing_pending(w, app.exports_in_flight) {
                    app.quit = true;
                } else {
                    w.quit_requested = true;
                    w.save.now(now);
                    if app.exports_in_flight > 0 {
                        app.status = Some(Status {
                            text: i18n::quit_after_export(lang).into(),
                            error: false,
                        });
                    }
                }
            }
            Cmd::NextStep => w.step_by(t, 1, now),
            Cmd::PrevStep => w.step_by(t, -1, now),
            Cmd::Jump => {
                app.modal = Some(Modal::Jump {
                    editor: super::super::editor::Editor::new("", true),
                })
            }
            Cmd::Findings => {
                app.modal = Some(Modal::Findings {
                    selected: 0,
                    back: None,
                })
            }
            Cmd::Export => {
                // Whatever is typed is saved first, so the export and the draft agree.
                w.save.now(now);
                let (format, path) = super::super::export::suggestion(&w.name, &app.last_export);
                app.modal = Some(Modal::export(format, &path, None));
            }
            Cmd::ToggleFocus => {
                w.focus = match w.focus {
                    Focus::Outline => Focus::Content,
                    Focus::Content => Focus::Outline,
                };
                w.outline = w.current;
            }
            Cmd::Undo | Cmd::Redo | Cmd::Explain if w.read_only => {
                app.status = Some(Status {
                    text: i18n::read_only_refusal(lang).into(),
                    error: true,
                });
            }
            Cmd::Undo | Cmd::Redo => {
                let redo = g == Cmd::Redo;
                let text = match w.undo(t, redo, size, now) {
                    Some(change) => i18n::undone(lang, t, &change, redo),
                    None => i18n::nothing_to_undo(lang, redo).into(),
                };
                app.status = Some(Status { text, error: false });
            }
            Cmd::Explain => match w.explain_here(t, lang) {
                Ok(m) => app.modal = Some(m),
                Err(error) => {
                    app.status = Some(Status {
                        text: i18n::nothing_to_explain(lang, error).into(),
                        error: false,
                    })
                }
            },
            Cmd::Help => app.modal = Some(Modal::Help { scroll: 0 }),
            Cmd::Redraw => effects.push(Effect::Redraw),
            _ => {}
        }
        return;
    }
    if w.read_only && would_edit(w, &key, cmd) {
        app.status = Some(Status {
            text: i18n::read_only_refusal(lang).into(),
            error: true,
        });
        return;
    }
    match w.context(t) {
        Context::Outline => match cmd {
            Some(Cmd::Up) => w.outline = w.outline.saturating_sub(1),
            Some(Cmd::Down) => w.outline = (w.outline + 1).min(w.steps.len() - 1),
            Some(Cmd::Enter) => {
                let i = w.outline;
                if i != w.current {
                    w.save.now(now);
                }
                w.open_step(t, i);
            }
            _ => {}
        },
        Context::Text => text_key(w, t, &key, cmd, now, &mut app.status, lang),
        Context::Grid | Context::CellEdit => {
            let Some(table) = w.table().map(str::to_string) else {
                return;
            };
            match grid::key(w, t, &table, &key, cmd, now, size) {
                Outcome::None => {}
                Outcome::Modal(m) => app.modal = Some(*m),
                Outcome::Back => w.focus = Focus::Outline,
                Outcome::Heading => {
                    app.status = Some(Status {
                        text: i18n::heading_row(lang).into(),
                        error: false,
                    })
                }
                Outcome::Computed => {
                    app.status = Some(Status {
                        text: i18n::computed_cell(lang).into(),
                        error: false,
                    })
                }
                Outcome::Foreign(own) => {
                    app.status = Some(Status {
                        text: i18n::foreign_row(lang, &own),
                        error: false,
                    })
                }
                Outcome::NoUnitRows(own) => {
                    app.status = Some(Status {
                        text: i18n::no_unit_rows(lang, &own),
                        error: false,
                    })
                }
            }
        }
        Context::Review => match cmd {
            Some(Cmd::Up) => w.review = w.review.saturating_sub(1),
            Some(Cmd::Down) => w.review = (w.review + 1).min(w.order.len().saturating_sub(1)),
            Some(Cmd::Enter) => {
                let n = w.review;
                w.jump_to_finding(t, n, now);
            }
            Some(Cmd::Back) => w.focus = Focus::Outline,
            _ => {}
        },
        _ => {}
    }
}

/// Whether a key would change the draft (refused in a read-only session).
fn would_edit(w: &Wizard, key: &KeyEvent, cmd: Option<Cmd>) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let editing = matches!(
        cmd,
        Some(
            Cmd::NothingToReport
                | Cmd::Undo
                | Cmd::Redo
                | Cmd::AddRow
                | Cmd::DeleteRow
                | Cmd::RowUp
                | Cmd::RowDown
                | Cmd::ClearCell
        )
    );
    let typing = match w.context_kind() {
        Context::Text => {
            w.fields.handles(key)
                && !matches!(
                    key.code,
                    KeyCode::Left
                        | KeyCode::Right
                        | KeyCode::Up
                        | KeyCode::Down
                        | KeyCode::Home
                        | KeyCode::End
                        | KeyCode::PageUp
                        | KeyCode::PageDown
                )
        }
        Context::Grid => {
            cmd == Some(Cmd::Enter)
                || matches!(key.code, KeyCode::Backspace)
                || matches!(key.code, KeyCode::Char(_))
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                    && cmd.is_none()
        }
        _ => false,
    };
    editing || typing
}

fn text_key(
    w: &mut Wizard,
    t: &Template,
    key: &KeyEvent,
    cmd: Option<Cmd>,
    now: Instant,
    status: &mut Option<Status>,
    lang: i18n::Lang,
) {
    let nothing = w.fields.current().is_some_and(|f| f.nothing_to_report);
    if w.fields.handles(key) {
        if nothing {
            // Typing into a field marked "Không phát sinh" unmarks it: the text counts.
            if let Some(f) = w.fields.current_mut() {
                f.nothing_to_report = false;
            }
        }
        if w.fields.key(key, w.typing) || nothing {
            w.field_changed(t, now);
        }
        return;
    }
    match cmd {
        Some(Cmd::NextField) => {
            w.history.seal();
            w.fields.move_focus(true);
        }
        Some(Cmd::PrevField) => {
            w.history.seal();
            w.fields.move_focus(false);
        }
        Some(Cmd::NothingToReport) => match w.fields.current_mut() {
            Some(f)
                if f.kind == FieldKind::Paragraph
                    && matches!(f.key, super::super::FieldKey::Answer { .. }) =>
            {
                f.nothing_to_report = !f.nothing_to_report;
                // «Không phát sinh» is a step of its own, not part of the typing.
                w.history.seal();
                let Some(f) = w.fields.current_mut() else {
                    return;
                };
                if f.nothing_to_report && !f.editor.text().trim().is_empty() {
                    *status = Some(Status {
                        text: i18n::kept_but_left_out(lang).into(),
                        error: false,
                    });
                }
                w.field_changed(t, now);
                w.history.seal();
            }
            _ => {
                *status = Some(Status {
                    text: i18n::not_markable(lang).into(),
                    error: false,
                });
            }
        },
        Some(Cmd::Back) => w.focus = Focus::Outline,
        _ => {}
    }
}

/// The question asked when quitting with changes that could not be saved.
pub(in crate::app) fn quit_question(error: String, draft: &std::path::Path) -> Modal {
    let place = crate::store::recovery::emergency_place(draft);
    Modal::Confirm(Confirm::QuitUnsaved { error, place })
}
