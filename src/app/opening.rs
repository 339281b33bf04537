//! Opening a draft when something is in the way: another session holds it (open
//! read-only, or ask it to save and leave), an earlier session left an emergency copy
//! or an interrupted save beside it (offered with times and sizes, never used
//! silently), or the file does not read (set aside, and the newest earlier generation
//! that reads is offered).

use std::path::PathBuf;
use std::time::{Instant, SystemTime};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Opened, Screen, Wizard};
use crate::draft::Draft;
use crate::draft::diff::Part;
use crate::store::identity::Change;
use crate::store::lock::Holder;
use crate::store::recovery::{Kind, Leftover};

/// How to open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OpenMode {
    /// Take the draft for this session.
    #[default]
    Normal,
    /// Only look: no lock, nothing written.
    ReadOnly,
    /// Ask the session holding it to save and leave, then take it.
    TakeOver(Holder),
}

/// A leftover file that holds a newer state than the draft.
#[derive(Debug)]
pub struct Found {
    /// The file.
    pub leftover: Leftover,
    /// Its content.
    pub draft: Draft,
    /// The parts of the report in which it differs from the draft.
    pub parts: Vec<Part>,
}

/// A leftover file with nothing to offer, and why (said to the user).
#[derive(Debug)]
pub struct StaleFile {
    /// The file.
    pub leftover: Leftover,
    /// Older than the draft, the same report, or unreadable (with the error).
    pub why: String,
    /// It does not read: moved to the `recovered` folder rather than removed.
    pub unreadable: bool,
}

/// Why a draft did not open at once.
#[derive(Debug)]
pub enum Hitch {
    /// Another session holds it.
    Locked {
        /// Name or path as asked.
        name: String,
        /// Who holds it.
        holder: Holder,
        /// Step to open at.
        goto: Option<String>,
    },
    /// Files an earlier session left beside it.
    Leftovers {
        /// The draft as saved, ready to open (its lock held).
        opened: Box<Opened>,
        /// What holds a newer state, newest first.
        found: Vec<Found>,
        /// What holds nothing newer: asked about once the draft is open.
        stale: Vec<StaleFile>,
    },
    /// Files left by interrupted saves or old emergency copies that hold nothing newer
    /// than the open draft: removed after a yes.
    Stale {
        /// The files.
        stale: Vec<StaleFile>,
    },
    /// The open draft's file was changed, replaced or removed by someone else, so
    /// nothing was saved over it.
    Changed {
        /// What happened to it.
        change: Change,
        /// The file.
        path: PathBuf,
    },
    /// The file does not read.
    Broken {
        /// Name or path as asked.
        name: String,
        /// The draft file.
        path: PathBuf,
        /// What is wrong, with line:column.
        error: String,
        /// The newest earlier generation that reads, and when it was written.
        generation: Option<(PathBuf, Option<SystemTime>)>,
        /// Step to open at.
        goto: Option<String>,
    },
}

impl Hitch {
    /// How many choices the dialog offers (for the selection).
    pub fn choices(&self) -> usize {
        match self {
            Hitch::Locked { .. } => 2,
            Hitch::Leftovers { found, .. } => found.len() + 1,
            Hitch::Stale { .. } => 2,
            Hitch::Broken { generation, .. } => usize::from(generation.is_some()),
            Hitch::Changed { change, .. } => changed_choices(*change).len(),
        }
    }
}

/// What the user may do about a draft changed by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnChange {
    /// Read theirs; the user's version is kept in the `recovered` folder.
    Reload,
    /// Save the user's version in its place; theirs is kept as generation 1.
    KeepMine,
    /// Save the user's version elsewhere, then read theirs.
    SaveElsewhere,
}

/// The choices, in order; a removed file has nothing to read again.
pub fn changed_choices(change: Change) -> &'static [OnChange] {
    match change {
        Change::Removed => &[OnChange::KeepMine, OnChange::SaveElsewhere],
        _ => &[
            OnChange::Reload,
            OnChange::KeepMine,
            OnChange::SaveElsewhere,
        ],
    }
}

/// The dialog for the open draft's conflict, if it has one.
pub(super) fn changed_dialog(w: &Wizard) -> super::Modal {
    super::Modal::Hitch {
        hitch: Hitch::Changed {
            change: w.save.conflict.unwrap_or(Change::Replaced),
            path: w.path.clone(),
        },
        selected: 0,
    }
}

/// A key in the hitch dialog; returns the dialog back when it stays open.
pub(super) fn key(
    app: &mut App,
    hitch: Hitch,
    mut selected: usize,
    key: KeyEvent,
    now: Instant,
    effects: &mut Vec<Effect>,
) -> Option<(Hitch, usize)> {
    let n = hitch.choices();
    match key.code {
        KeyCode::Up => return Some((hitch, selected.saturating_sub(1))),
        KeyCode::Down => {
            selected = (selected + 1).min(n.saturating_sub(1));
            return Some((hitch, selected));
        }
        // Decided later: saving waits, Ctrl-S asks again; stale files stay, to be
        // asked about at the next open.
        KeyCode::Esc if matches!(hitch, Hitch::Changed { .. } | Hitch::Stale { .. }) => {
            return None;
        }
        KeyCode::Esc => {
            // Nothing is chosen: leftovers stay where they are, to be offered again.
            if let Hitch::Leftovers { opened, .. } = hitch {
                drop(opened);
            }
            effects.push(Effect::List);
            return None;
        }
        KeyCode::Enter => {}
        KeyCode::Char('r' | 'R') if matches!(hitch, Hitch::Locked { .. }) => selected = 0,
        KeyCode::Char('t' | 'T') if matches!(hitch, Hitch::Locked { .. }) => selected = 1,
        _ => return Some((hitch, selected)),
    }
    match hitch {
        Hitch::Changed { change, .. } => {
            let Screen::Wizard(w) = &mut app.screen else {
                return None;
            };
            match changed_choices(change).get(selected) {
                Some(OnChange::Reload) => effects.push(Effect::KeepAside {
                    name: w.name.clone(),
                    draft: Box::new(w.draft.clone()),
                }),
                Some(OnChange::KeepMine) => {
                    w.save.replace_changed(now);
                    // Another file in its place is kept as a generation; a link is
                    // replaced (what it points to is left alone); a removed file
                    // left nothing to keep.
                    let kept = (change == Change::Replaced)
                        .then(|| crate::store::generation_path(&w.path, 1));
                    app.status = Some(super::Status {
                        text: crate::i18n::keeping_mine(app.lang, &w.path, kept.as_deref()),
                        error: false,
                    });
                }
                Some(OnChange::SaveElsewhere) => {
                    let suggestion = super::modal::save_as_suggestion(w);
                    app.modal = Some(super::Modal::SaveAs {
                        editor: super::Editor::new(&suggestion, true),
                        then: super::AfterCopy::Reload,
                    });
                }
                None => {}
            }
        }
        Hitch::Locked { name, holder, goto } => {
            let mode = if selected == 0 {
                OpenMode::ReadOnly
            } else {
                OpenMode::TakeOver(holder)
            };
            effects.push(Effect::Open { name, goto, mode });
        }
        Hitch::Stale { stale } => {
            if selected == 0 {
                let (aside, remove): (Vec<_>, Vec<_>) =
                    stale.into_iter().partition(|s| s.unreadable);
                effects.push(Effect::CleanUp {
                    remove: remove.into_iter().map(|s| s.leftover.path).collect(),
                    aside: aside.into_iter().map(|s| s.leftover.path).collect(),
                });
            }
        }
        Hitch::Leftovers {
            opened,
            found,
            stale,
        } => {
            let aside: Vec<PathBuf> = found
                .iter()
                .filter(|f| matches!(f.leftover.kind, Kind::Emergency | Kind::Temp))
                .map(|f| f.leftover.path.clone())
                .collect();
            if !stale.is_empty() {
                app.modal = Some(super::Modal::Hitch {
                    hitch: Hitch::Stale { stale },
                    selected: 0,
                });
            }
            let chosen = found.into_iter().nth(selected).map(|f| f.draft);
            let mut w = Wizard::new(&app.template, app.lang, *opened);
            if let Some(d) = chosen {
                // The recovered state becomes the draft's next change, saved shortly;
                // the draft as it was stays as a generation.
                w.draft = d;
                w.history.reset(&w.draft);
                w.changed(&app.template, now);
                w.save.now(now);
            }
            app.screen = Screen::Wizard(Box::new(w));
            if !aside.is_empty() {
                effects.push(Effect::SetAside { paths: aside });
            }
        }
        Hitch::Broken {
            name,
            path,
            generation,
            goto,
            ..
        } => {
            if let Some((from, _)) = generation {
                effects.push(Effect::Restore {
                    name,
                    broken: path,
                    from,
                    goto,
                });
            }
        }
    }
    None
}
