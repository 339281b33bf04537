//! When to save: shortly after each change (1 s of quiet), at least every 30 s while
//! the user keeps typing, at once on a step change or Ctrl-S, and again a few seconds
//! after a failure. The writing itself happens elsewhere (a save thread); this only
//! decides, from the change count and the clock.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use super::Effect;
use crate::draft::Draft;

/// Quiet time after the last change before saving.
pub const QUIET: Duration = Duration::from_secs(1);
/// Longest time a change waits while the user keeps typing.
pub const MAX_WAIT: Duration = Duration::from_secs(30);
/// Wait before trying again after a failed save.
pub const RETRY: Duration = Duration::from_secs(5);

/// The save state of an open draft.
#[derive(Debug, Clone, Default)]
pub struct SaveState {
    /// Changes made since opening.
    pub generation: u64,
    /// The change count that is on disk.
    pub saved: u64,
    /// A save under way, for this change count.
    pub in_flight: Option<u64>,
    /// When the draft was last written.
    pub last_saved: Option<SystemTime>,
    /// Why the last save failed, if it did.
    pub error: Option<String>,
    due: Option<Instant>,
    first_unsaved: Option<Instant>,
    /// Ctrl-S or a step change came while a save was under way: save again at once.
    urgent: bool,
    /// The file was changed by someone else: nothing is saved until the user chooses.
    pub conflict: Option<crate::store::identity::Change>,
    /// The user chose to keep theirs: the next save goes over the changed file.
    replace: bool,
}

impl SaveState {
    /// The state of a draft just read from disk, written at `saved`.
    pub fn opened(saved: Option<SystemTime>) -> SaveState {
        SaveState {
            last_saved: saved,
            ..SaveState::default()
        }
    }

    /// Whether every change is on disk.
    pub fn is_clean(&self) -> bool {
        self.saved == self.generation
    }

    /// Records a change.
    pub fn changed(&mut self, now: Instant) {
        self.generation += 1;
        let first = *self.first_unsaved.get_or_insert(now);
        self.due = Some((now + QUIET).min(first + MAX_WAIT));
    }

    /// Asks for a save as soon as possible (Ctrl-S, step change).
    pub fn now(&mut self, now: Instant) {
        if !self.is_clean() || self.error.is_some() {
            self.due = Some(now);
            self.urgent = self.in_flight.is_some();
        }
    }

    /// When the next save is due.
    pub fn due(&self) -> Option<Instant> {
        if self.in_flight.is_some() {
            None
        } else {
            self.due
        }
    }

    /// The save to start now, if one is due.
    pub fn poll(&mut self, path: &Path, draft: &Draft, now: Instant) -> Option<Effect> {
        let due = self.due()?;
        if due > now {
            return None;
        }
        self.due = None;
        if self.is_clean() || self.conflict.is_some() {
            return None;
        }
        self.in_flight = Some(self.generation);
        Some(Effect::Save {
            path: path.to_path_buf(),
            draft: Box::new(draft.clone()),
            generation: self.generation,
            // Kept until a save goes through: a failed one is tried again the same way.
            replace: self.replace,
        })
    }

    /// A save found the file changed by someone else: saving waits for the user.
    pub fn conflicted(&mut self, change: crate::store::identity::Change, message: String) {
        self.in_flight = None;
        self.due = None;
        self.conflict = Some(change);
        self.error = Some(message);
    }

    /// The user chose to keep theirs over the changed file: saved at once, the file
    /// there kept as a generation.
    pub fn replace_changed(&mut self, now: Instant) {
        self.conflict = None;
        self.replace = true;
        self.due = Some(now);
    }

    /// A save finished.
    pub fn finished(&mut self, generation: u64, result: Result<SystemTime, String>, now: Instant) {
        self.in_flight = None;
        match result {
            Ok(at) => {
                self.saved = self.saved.max(generation);
                self.last_saved = Some(at);
                self.error = None;
                self.conflict = None;
                self.replace = false;
                if self.is_clean() {
                    self.first_unsaved = None;
                    self.due = None;
                } else {
                    self.first_unsaved = Some(now);
                    self.due = Some(if self.urgent { now } else { now + QUIET });
                }
                self.urgent = false;
            }
            Err(e) => {
                self.error = Some(e);
                self.due = Some(now + RETRY);
            }
        }
    }
}
