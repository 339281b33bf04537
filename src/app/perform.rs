//! The imperative shell of the state: carries out [`Effect`]s with the store and
//! returns what happened as [`Action`]s. Saves go to a save thread when there is one
//! (the wizard), or are done at once (tests, scripts).

use std::sync::mpsc::Sender;
use std::time::SystemTime;

use super::opening::{Found, Hitch, OpenMode, StaleFile};
use super::start::DraftInfo;
use super::{Action, Effect, Opened};
use crate::draft::Draft;
use crate::i18n::{self, Lang};
use crate::rules::{self, completion, step_statuses};
use crate::store::lock::{self, LockError};
use crate::store::recovery;
use crate::store::{self, Store};
use crate::template::{Severity, Template};

/// What the save thread is told.
#[derive(Debug)]
pub enum SaverMsg {
    /// Save this now.
    Save(SaveJob),
    /// A change was published: watch the clock until it is on disk.
    Changed,
}

/// A save for the save thread.
#[derive(Debug)]
pub struct SaveJob {
    /// Where.
    pub path: std::path::PathBuf,
    /// What.
    pub draft: Box<Draft>,
    /// Its change count.
    pub generation: u64,
    /// The user chose to put this over a file changed by someone else.
    pub replace: bool,
}

/// What effects are carried out with.
pub struct Performer {
    /// The drafts folder.
    pub store: Store,
    /// Interface language, for messages.
    pub lang: Lang,
    /// The save thread, if any.
    pub saver: Option<Sender<SaverMsg>>,
    /// Where work done on a thread of its own (exports) reports back; without it
    /// (tests, scripts) the work is done at once.
    pub background: Option<Sender<Action>>,
}

/// Runs a save and says how it went (used by the save thread and in-line).
pub fn run_save(lang: Lang, job: &SaveJob) -> Action {
    let written =
        crate::guard::Guard::global().write(&job.path, &job.draft, job.generation, job.replace);
    let result = match written {
        Ok(at) => Ok(at),
        Err(crate::guard::WriteError::Save(e)) => Err(i18n::save_error(lang, &e)),
        Err(crate::guard::WriteError::Changed(change)) => {
            return Action::ChangedOnDisk {
                path: job.path.clone(),
                generation: job.generation,
                change,
            };
        }
    };
    Action::Saved {
        generation: job.generation,
        result,
    }
}

/// Carries out one effect; returns the resulting actions.
pub fn perform(p: &Performer, template: &Template, effect: Effect) -> Vec<Action> {
    let lang = p.lang;
    match effect {
        Effect::Save {
            path,
            draft,
            generation,
            replace,
        } => {
            let job = SaveJob {
                path,
                draft,
                generation,
                replace,
            };
            match &p.saver {
                Some(tx) => match tx.send(SaverMsg::Save(job)) {
                    Ok(()) => Vec::new(),
                    // The save thread is gone: save here rather than lose anything.
                    Err(std::sync::mpsc::SendError(SaverMsg::Save(job))) => {
                        vec![run_save(lang, &job)]
                    }
                    Err(_) => Vec::new(),
                },
                None => vec![run_save(lang, &job)],
            }
        }
        Effect::List => vec![Action::Listed(list(p, template))],
        Effect::Open { name, goto, mode } => vec![open(p, template, &name, goto, mode)],
        Effect::SetAside { paths } => vec![Action::Done(set_aside(p, &paths))],
        Effect::CleanUp { remove, aside } => {
            // Only files found as leftovers of this draft, each checked again to be
            // a regular file: never a link or anything else put there since.
            let mut removed = 0;
            for path in &remove {
                use std::os::unix::fs::MetadataExt;
                let me = rustix::process::geteuid().as_raw();
                if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.uid() == me)
                    && std::fs::remove_file(path).is_ok()
                {
                    removed += 1;
                }
            }
            let cleaned = i18n::cleaned_up(lang, removed);
            let result = if aside.is_empty() {
                Ok(cleaned)
            } else {
                set_aside(p, &aside).map(|moved| format!("{cleaned}; {moved}"))
            };
            vec![Action::Done(result)]
        }
        Effect::Restore {
            name,
            broken,
            from,
            goto,
        } => match restore(p, template, &broken, &from) {
            Ok(()) => vec![open(p, template, &name, goto, OpenMode::Normal)],
            Err(e) => vec![Action::Opened(Err(e))],
        },
        Effect::Create { name, draft } => {
            let result = p
                .store
                .create(&name, &draft)
                .map_err(|e| i18n::create_error(lang, &e))
                .map(|path| {
                    crate::guard::Guard::global()
                        .opened(&path, store::identity::Identity::of(&path));
                    let (lock, lock_problem) = match lock::acquire(&path) {
                        Ok(l) => (Some(l), None),
                        Err(LockError::Io(p, e)) => (None, Some(i18n::lock_failed(lang, &p, &e))),
                        Err(LockError::Held(_)) => (None, None),
                    };
                    Box::new(Opened {
                        lock,
                        name,
                        path,
                        draft: *draft,
                        saved: Some(SystemTime::now()),
                        goto: Some("i.1".into()),
                        read_only: false,
                        lock_problem,
                    })
                });
            vec![Action::Opened(result)]
        }
        Effect::Duplicate { from, name } => {
            let result = store::load(&from, &[template])
                .map_err(|e| i18n::load_error(lang, &e))
                .and_then(|d| {
                    p.store
                        .create(&name, &d)
                        .map_err(|e| i18n::create_error(lang, &e))
                })
                .map(|path| i18n::duplicated(lang, &path));
            vec![Action::Done(result)]
        }
        Effect::Trash { path } => {
            let stamp = crate::localtime::stamp(SystemTime::now());
            let result = p
                .store
                .trash(&path, &stamp)
                .map(|to| i18n::trashed(lang, &to))
                .map_err(|e| i18n::store_error(lang, &e));
            vec![Action::Done(result)]
        }
        Effect::SaveCopy { path, draft, then } => {
            // Never over an existing file (the draft itself, say): a copy is new.
            let result = store::save_new(&path, &draft).map_err(|e| copy_error(lang, e));
            vec![Action::CopySaved { result, then }]
        }
        Effect::KeepAside { name, draft } => {
            let dir = p.store.root.join("recovered");
            let stamp = crate::localtime::stamp(SystemTime::now());
            let path = dir.join(format!("{name}-{stamp}.ron"));
            let result = store::private_dir(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))
                .and_then(|()| store::save_new(&path, &draft).map_err(|e| copy_error(lang, e)));
            let then = super::AfterCopy::Reload;
            vec![Action::CopySaved { result, then }]
        }
        Effect::Export {
            path,
            format,
            draft,
        } => match &p.background {
            // A consolidated report takes most of a second to build: off the UI
            // thread, which goes on drawing and taking keys meanwhile.
            Some(tx) => {
                let (tx, template) = (tx.clone(), template.clone());
                let job = move || {
                    let _ = tx.send(export(lang, &template, &path, format, &draft));
                };
                match std::thread::Builder::new().name("export".into()).spawn(job) {
                    Ok(_) => Vec::new(),
                    Err(e) => vec![Action::Done(Err(e.to_string()))],
                }
            }
            None => vec![export(lang, template, &path, format, &draft)],
        },
        Effect::Welcomed => remember(p, |s| s.welcomed = true),
        Effect::RememberTyping(m) => remember(p, |s| s.input_method = m),
        Effect::RememberExport(format, folder) => remember(p, |s| {
            s.export_format = Some(format);
            s.export_folder = Some(folder);
        }),
        Effect::Redraw => Vec::new(),
    }
}

/// Why a copy was not written, in words.
fn copy_error(lang: Lang, e: store::NewCopyError) -> String {
    match e {
        store::NewCopyError::Exists(p) => i18n::copy_exists(lang, &p),
        store::NewCopyError::Save(e) => i18n::save_error(lang, &e),
    }
}

/// Builds and writes one export; says how it went.
fn export(
    lang: Lang,
    template: &Template,
    path: &std::path::Path,
    format: crate::export::Format,
    draft: &Draft,
) -> Action {
    let eval = rules::evaluate(template, draft);
    let written = crate::export::render(format, template, draft, &eval)
        .map_err(|e| i18n::export_failed(lang, &e))
        .and_then(|(bytes, ready)| {
            crate::export::write(path, &bytes)
                .map(|()| ready)
                .map_err(|e| i18n::export_write_error(lang, &e))
        });
    let path = path.to_path_buf();
    let result = match written {
        Ok(ready) => Ok((path, format, ready)),
        Err(why) => Err((path, format, why)),
    };
    Action::Exported { result }
}

/// Changes one of the user's settings and writes them.
fn remember(p: &Performer, change: impl FnOnce(&mut store::Settings)) -> Vec<Action> {
    let mut s = p.store.settings();
    change(&mut s);
    match p.store.save_settings(&s) {
        Ok(()) => Vec::new(),
        Err(e) => vec![Action::Done(Err(i18n::save_error(p.lang, &e)))],
    }
}

fn list(p: &Performer, template: &Template) -> Result<Vec<DraftInfo>, String> {
    let entries = p.store.list().map_err(|e| i18n::store_error(p.lang, &e))?;
    Ok(entries
        .into_iter()
        .map(|e| match store::load(&e.path, &[template]) {
            Ok(draft) => {
                let eval = rules::evaluate(template, &draft);
                let (done, total) = completion(&step_statuses(template, &draft, &eval));
                DraftInfo {
                    name: e.name,
                    path: e.path,
                    unit: draft.meta.unit.clone(),
                    done,
                    total,
                    errors: eval.count(Severity::Error),
                    warnings: eval.count(Severity::Warning),
                    saved: e.modified,
                    problem: None,
                }
            }
            Err(err) => DraftInfo {
                name: e.name,
                path: e.path,
                unit: String::new(),
                done: 0,
                total: 0,
                errors: 0,
                warnings: 0,
                saved: e.modified,
                problem: Some(i18n::load_error(p.lang, &err)),
            },
        })
        .collect())
}

fn open(
    p: &Performer,
    template: &Template,
    name: &str,
    goto: Option<String>,
    mode: OpenMode,
) -> Action {
    let lang = p.lang;
    let path = match p.store.resolve(name) {
        Ok(path) => path,
        Err(e) => return Action::Opened(Err(i18n::store_error(lang, &e))),
    };
    // Read before anything is made beside it: a file that is not a draft (or not a
    // file) leaves no lock behind.
    let before = store::identity::Identity::of(&path);
    let mut draft = match store::load(&path, &[template]) {
        Ok(d) => d,
        Err(e @ (store::LoadError::Parse { .. } | store::LoadError::NotUtf8 { .. })) => {
            let generation = recovery::newest_valid_generation(&path, &[template]).map(|(g, _)| {
                let t = std::fs::metadata(&g).and_then(|m| m.modified()).ok();
                (g, t)
            });
            return Action::Hitch(Hitch::Broken {
                name: name.to_string(),
                path,
                error: i18n::load_error(lang, &e),
                generation,
                goto,
            });
        }
        Err(e) => {
            let hint = p.store.cwd_file(name);
            return Action::Opened(Err(i18n::load_error_with_hint(lang, &e, hint.as_deref())));
        }
    };
    let mut lock_problem = None;
    let lock = match &mode {
        OpenMode::ReadOnly => None,
        _ => match lock::acquire(&path) {
            Ok(l) => Some(l),
            Err(LockError::Held(holder)) => match &mode {
                OpenMode::TakeOver(_) => match take_over(&path, &holder) {
                    Some(l) => Some(l),
                    None => return Action::Opened(Err(i18n::take_over_failed(lang, &holder))),
                },
                _ => {
                    return Action::Hitch(Hitch::Locked {
                        name: name.to_string(),
                        holder,
                        goto,
                    });
                }
            },
            // No lock file can be made (a read-only folder, a link someone put at its
            // name): open anyway, and say that another session would not be kept out;
            // saving will say what the OS says.
            Err(LockError::Io(lock_path, e)) => {
                lock_problem = Some(i18n::lock_failed(lang, &lock_path, &e));
                None
            }
        },
    };
    // Saved by the session that held it (taken over) or anyone else while the lock
    // was being taken: read what is there now.
    let mut id = store::identity::Identity::of(&path);
    if id != before {
        draft = match store::load(&path, &[template]) {
            Ok(d) => d,
            Err(e) => return Action::Opened(Err(i18n::load_error(lang, &e))),
        };
        id = store::identity::Identity::of(&path);
    }
    if mode != OpenMode::ReadOnly {
        crate::guard::Guard::global().opened(&path, id);
    }
    let saved = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read_only = mode == OpenMode::ReadOnly;
    let opened = Box::new(Opened {
        name: stem,
        path: path.clone(),
        draft,
        saved,
        goto,
        lock,
        read_only,
        lock_problem,
    });
    if !read_only {
        let mut found = Vec::new();
        let mut stale = Vec::new();
        for (leftover, verdict) in recovery::examine(&path, &opened.draft, template) {
            match verdict {
                recovery::Verdict::Newer(draft, parts) => found.push(Found {
                    leftover,
                    draft: *draft,
                    parts,
                }),
                recovery::Verdict::Stale(why) => stale.push(StaleFile {
                    why: i18n::stale_why(lang, &why),
                    unreadable: matches!(why, recovery::Stale::Unreadable(_)),
                    leftover,
                }),
            }
        }
        if !found.is_empty() || !stale.is_empty() {
            return Action::Hitch(Hitch::Leftovers {
                opened,
                found,
                stale,
            });
        }
    }
    Action::Opened(Ok(opened))
}

/// Asks the holder to save and leave, then waits (up to 5 s) for the draft to be free.
fn take_over(path: &std::path::Path, holder: &lock::Holder) -> Option<lock::DraftLock> {
    lock::ask_to_leave(holder);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        if let Ok(l) = lock::acquire(path) {
            return Some(l);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    None
}

/// Moves leftovers into the `recovered` folder, keeping them.
fn set_aside(p: &Performer, paths: &[std::path::PathBuf]) -> Result<String, String> {
    let dir = p.store.root.join("recovered");
    crate::store::private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stamp = crate::localtime::stamp(SystemTime::now());
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let to = dir.join(format!("{stamp}-{}", name.trim_start_matches('.')));
        crate::store::aside::rename_unique(path, &to)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(i18n::set_aside_done(p.lang, &dir))
}

/// Sets a broken draft aside and writes an earlier generation in its place.
fn restore(
    p: &Performer,
    template: &Template,
    broken: &std::path::Path,
    from: &std::path::Path,
) -> Result<(), String> {
    let lang = p.lang;
    let draft = store::load(from, &[template]).map_err(|e| i18n::load_error(lang, &e))?;
    let stamp = crate::localtime::stamp(SystemTime::now());
    recovery::set_aside(broken, "broken", &stamp)
        .map_err(|e| format!("{}: {e}", broken.display()))?;
    store::save(broken, &draft).map_err(|e| i18n::save_error(lang, &e))
}
