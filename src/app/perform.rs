//! The imperative shell of the state: carries out [`Effect`]s with the store and
//! returns what happened as [`Action`]s. Saves go to a save thread when there is one
//! (the wizard), or are done at once (tests, scripts).

use std::sync::mpsc::Sender;
use std::time::SystemTime;

use super::start::DraftInfo;
use super::{Action, Effect, Opened};
use crate::draft::Draft;
use crate::i18n::{self, Lang};
use crate::rules::{self, completion, step_statuses};
use crate::store::{self, Store};
use crate::template::{Severity, Template};

/// A save for the save thread.
#[derive(Debug)]
pub struct SaveJob {
    /// Where.
    pub path: std::path::PathBuf,
    /// What.
    pub draft: Box<Draft>,
    /// Its change count.
    pub generation: u64,
}

/// What effects are carried out with.
pub struct Performer {
    /// The drafts folder.
    pub store: Store,
    /// Interface language, for messages.
    pub lang: Lang,
    /// The save thread, if any.
    pub saver: Option<Sender<SaveJob>>,
}

/// Runs a save and says how it went (used by the save thread and in-line).
pub fn run_save(lang: Lang, job: &SaveJob) -> Action {
    let result = store::save(&job.path, &job.draft)
        .map(|()| SystemTime::now())
        .map_err(|e| i18n::save_error(lang, &e));
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
        } => {
            let job = SaveJob {
                path,
                draft,
                generation,
            };
            match &p.saver {
                Some(tx) => match tx.send(job) {
                    Ok(()) => Vec::new(),
                    // The save thread is gone: save here rather than lose anything.
                    Err(e) => vec![run_save(lang, &e.0)],
                },
                None => vec![run_save(lang, &job)],
            }
        }
        Effect::List => vec![Action::Listed(list(p, template))],
        Effect::Open { name, goto } => vec![Action::Opened(open(p, template, &name, goto))],
        Effect::Create { name, draft } => {
            let result = p
                .store
                .create(&name, &draft)
                .map_err(|e| i18n::create_error(lang, &e))
                .map(|path| {
                    Box::new(Opened {
                        name,
                        path,
                        draft: *draft,
                        saved: Some(SystemTime::now()),
                        goto: Some("i.1".into()),
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
        Effect::Welcomed => {
            let mut s = p.store.settings();
            s.welcomed = true;
            match p.store.save_settings(&s) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Action::Done(Err(i18n::save_error(lang, &e)))],
            }
        }
        Effect::Redraw => Vec::new(),
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
) -> Result<Box<Opened>, String> {
    let path = p
        .store
        .resolve(name)
        .map_err(|e| i18n::store_error(p.lang, &e))?;
    let draft = store::load(&path, &[template]).map_err(|e| i18n::load_error(p.lang, &e))?;
    let saved = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Box::new(Opened {
        name,
        path,
        draft,
        saved,
        goto,
    }))
}
