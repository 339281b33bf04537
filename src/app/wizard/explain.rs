//! Explaining a warning («giải trình»): the note a reviewer asks for when a figure is
//! right although a rule warns about it. Kept in the draft under the finding's key;
//! an explained warning no longer counts as open. Errors cannot be explained.

use std::time::Instant;

use super::Wizard;
use crate::app::editor::Editor;
use crate::app::history::Change;
use crate::app::modal::Modal;
use crate::i18n::{self, Lang};
use crate::rules::Finding;
use crate::template::{Severity, Template};

impl Wizard {
    /// The note prompt for a finding, or `Err(true)` for an error (which must be
    /// fixed instead).
    pub fn explain_target(&self, t: &Template, lang: Lang, f: &Finding) -> Result<Modal, bool> {
        if f.severity == Severity::Error {
            return Err(true);
        }
        let key = f.key();
        let note = self.draft.explained.get(&key).map_or("", String::as_str);
        Ok(Modal::Explain {
            key,
            step: f.place.step().to_string(),
            label: i18n::place(lang, t, &f.place),
            editor: Editor::new(note, true),
            back: None,
        })
    }

    /// The note prompt for the warning where the cursor is: `Err(true)` when only
    /// errors are here, `Err(false)` when nothing is.
    pub fn explain_here(&self, t: &Template, lang: Lang) -> Result<Modal, bool> {
        let here = self.current_findings(t);
        match here.iter().find(|f| f.severity == Severity::Warning) {
            Some(f) => self.explain_target(t, lang, f),
            None => Err(!here.is_empty()),
        }
    }

    /// Stores (or, when `note` is blank, removes) the explanation of a warning; true
    /// when one is kept.
    pub fn explain(
        &mut self,
        t: &Template,
        key: &str,
        step: &str,
        label: &str,
        note: String,
        now: Instant,
    ) -> bool {
        let note = note.trim().to_string();
        let kept = !note.is_empty();
        let before = self.draft.explained.get(key).cloned();
        if kept {
            self.draft.explained.insert(key.to_string(), note);
        } else {
            self.draft.explained.remove(key);
        }
        if self.draft.explained.get(key) != before.as_ref() {
            self.record(Change::Explain {
                step: step.to_string(),
                label: label.to_string(),
            });
            self.changed(t, now);
        }
        kept
    }
}
