//! The start screen (the drafts in the config folder: open, create, duplicate, move to
//! the trash) and the form that creates a new draft.

use std::path::PathBuf;
use std::time::SystemTime;

use ratatui::crossterm::event::KeyEvent;

use super::fields::Fields;
use super::modal::{Confirm, Modal};
use super::{App, Cmd, Effect, Screen, Status};
use crate::draft::{Draft, Meta};
use crate::i18n;

/// A draft as listed on the start screen.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftInfo {
    /// Name.
    pub name: String,
    /// Path.
    pub path: PathBuf,
    /// Reporting unit.
    pub unit: String,
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Last written.
    pub saved: Option<SystemTime>,
    /// Why it cannot be opened, if so.
    pub problem: Option<String>,
}

/// The list of drafts.
#[derive(Debug, Default)]
pub struct StartScreen {
    /// The drafts, by name.
    pub drafts: Vec<DraftInfo>,
    /// The selected one.
    pub selected: usize,
    /// Set once the folder has been read.
    pub loaded: bool,
    /// Why the folder could not be read.
    pub error: Option<String>,
}

impl StartScreen {
    pub(super) fn listed(&mut self, result: Result<Vec<DraftInfo>, String>) {
        self.loaded = true;
        match result {
            Ok(d) => {
                self.drafts = d;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.selected = self.selected.min(self.drafts.len().saturating_sub(1));
    }

    /// The selected draft.
    pub fn current(&self) -> Option<&DraftInfo> {
        self.drafts.get(self.selected)
    }
}

pub(super) fn key(app: &mut App, cmd: Option<Cmd>, effects: &mut Vec<Effect>) {
    let Screen::Start(s) = &mut app.screen else {
        return;
    };
    match cmd {
        Some(Cmd::Up) => s.selected = s.selected.saturating_sub(1),
        Some(Cmd::Down) if s.selected + 1 < s.drafts.len() => s.selected += 1,
        Some(Cmd::Enter) => {
            if let Some(d) = s.current() {
                effects.push(Effect::Open {
                    name: d.path.display().to_string(),
                    goto: None,
                    mode: Default::default(),
                });
            }
        }
        Some(Cmd::New) => app.screen = Screen::NewDraft(Fields::for_new(app.lang)),
        Some(Cmd::Duplicate) => {
            if let Some(d) = s.current() {
                app.modal = Some(Modal::duplicate(d.path.clone(), &d.name));
            }
        }
        Some(Cmd::Delete) => {
            if let Some(d) = s.current() {
                app.modal = Some(Modal::Confirm(Confirm::Trash {
                    path: d.path.clone(),
                    name: d.name.clone(),
                }));
            }
        }
        Some(Cmd::Quit) => app.quit = true,
        _ => {}
    }
}

pub(super) fn form_key(app: &mut App, key: KeyEvent, cmd: Option<Cmd>, effects: &mut Vec<Effect>) {
    let Screen::NewDraft(form) = &mut app.screen else {
        return;
    };
    if form.handles(&key) {
        form.key(&key, app.typing);
        return;
    }
    match cmd {
        Some(Cmd::NextField) => {
            form.move_focus(true);
        }
        Some(Cmd::PrevField) => {
            form.move_focus(false);
        }
        Some(Cmd::Back) => {
            let typed = form.items.iter().any(|f| {
                !matches!(f.kind, super::FieldKind::Choice { .. })
                    && !f.editor.text().trim().is_empty()
            });
            if typed {
                // A stray Esc (a split escape sequence on a slow link) must not lose it.
                app.modal = Some(Modal::Confirm(Confirm::DiscardForm));
            } else {
                app.screen = Screen::Start(Default::default());
                effects.push(Effect::List);
            }
        }
        Some(Cmd::Enter | Cmd::Save) => {
            let name = form.name();
            let mut draft = Draft::new(&app.template, Meta::default());
            form.apply(&mut draft);
            if name.is_empty() || draft.meta.unit.is_empty() {
                app.status = Some(Status {
                    text: i18n::form_incomplete(app.lang).into(),
                    error: true,
                });
                return;
            }
            // Unit rows follow the group chosen in the form.
            let draft = Draft::new(&app.template, draft.meta);
            effects.push(Effect::Create {
                name,
                draft: Box::new(draft),
            });
        }
        _ => {}
    }
}
