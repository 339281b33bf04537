//! Keeps the latest state of the open draft where something other than the UI thread
//! can save it: the save thread (which also saves by itself when the UI thread is stuck
//! writing to a stalled link), the signal thread (SIGHUP, SIGTERM, SIGINT, SIGQUIT),
//! the terminal watchdog (the tty hung up without a signal) and the panic hook.
//!
//! Every write of the draft goes through here, one at a time, and a write never puts
//! an older state over a newer one. It also remembers which file each draft was when
//! it was opened or last saved ([`Identity`]): a draft replaced, changed or swapped
//! for a link by anything else is not written over ([`WriteError::Changed`]) until
//! the user has chosen what to do, and an emergency copy goes beside it instead.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use std::collections::HashMap;

use crate::draft::Draft;
use crate::store;
use crate::store::identity::{self, Change, Identity};

/// Why the draft was not written.
#[derive(Debug)]
pub enum WriteError {
    /// Writing failed; the file on disk is as it was.
    Save(store::SaveError),
    /// The file at the path is not the one this session opened or last saved.
    Changed(Change),
}

/// What the UI thread last published.
#[derive(Default)]
struct Snapshot {
    path: Option<PathBuf>,
    draft: Option<Draft>,
    generation: u64,
    changed_at: Option<Instant>,
}

/// What is on disk.
#[derive(Default)]
struct Written {
    path: Option<PathBuf>,
    generation: u64,
    /// Each draft's file as this process opened or last wrote it.
    known: HashMap<PathBuf, Identity>,
    /// Drafts found changed by someone else, waiting for the user's choice: the save
    /// thread does not try them again by itself (each try would ask again).
    conflicted: std::collections::HashSet<PathBuf>,
}

/// The latest state and the one writer of the draft.
#[derive(Default)]
pub struct Guard {
    latest: Mutex<Snapshot>,
    written: Mutex<Written>,
    /// Keys and pastes read from the terminal.
    received: AtomicU64,
    /// Keys and pastes the UI thread has applied and published.
    applied: AtomicU64,
}

/// Where an emergency save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rescue {
    /// Nothing was unsaved.
    NothingToSave,
    /// The draft itself now holds everything.
    Draft(PathBuf),
    /// The draft could not be written; the copy is here.
    Copy(PathBuf),
    /// Nowhere could be written.
    Failed(String),
}

impl Written {
    /// How the file at `path` differs from the one this process opened or last wrote
    /// there; `None` when it is the same, or was never known.
    fn change(&self, path: &Path) -> Option<Change> {
        let then = self.known.get(path)?;
        identity::changed(then, path)
    }

    /// Writes `draft` as `generation`, following a link at the path only when the
    /// draft was opened through it (one that appeared since is replaced, never written
    /// through), and records the file written.
    fn save(
        &mut self,
        path: &Path,
        draft: &Draft,
        generation: u64,
    ) -> Result<(), store::SaveError> {
        let follow = self.known.get(path).is_none_or(|k| k.link);
        let saved = store::save_following(path, draft, follow);
        if saved.is_ok() || saved.as_ref().is_err_and(|e| e.replaced) {
            // The file there is this save's (even when the folder's fsync failed).
            self.path = Some(path.to_path_buf());
            self.generation = generation;
            self.conflicted.remove(path);
            if let Some(id) = Identity::of(path) {
                self.known.insert(path.to_path_buf(), id);
            }
        }
        saved
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not stop an emergency save.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Guard {
    /// The process's guard.
    pub fn global() -> &'static Guard {
        static G: OnceLock<Guard> = OnceLock::new();
        G.get_or_init(Guard::default)
    }

    /// The input thread read a key or a paste.
    pub fn received(&self) {
        self.received.fetch_add(1, Ordering::AcqRel);
    }

    /// The UI thread has applied and published `n` keys and pastes in all.
    pub fn applied(&self, n: u64) {
        self.applied.store(n, Ordering::Release);
    }

    /// A draft was read from `path` as the file `id` (taken before it was read): later
    /// writes check that the file there is still that one.
    pub fn opened(&self, path: &Path, id: Option<Identity>) {
        {
            // A state published for this path before it was read again (the user chose
            // to open the file as it is, theirs kept aside) is not to be saved over it.
            let mut l = lock(&self.latest);
            if l.path.as_deref() == Some(path) {
                *l = Snapshot::default();
            }
        }
        let mut w = lock(&self.written);
        w.conflicted.remove(path);
        if w.path.as_deref() == Some(path) {
            w.generation = 0;
        }
        match id {
            Some(id) => w.known.insert(path.to_path_buf(), id),
            None => w.known.remove(path),
        };
    }

    /// No draft is open any more.
    pub fn closed(&self) {
        *lock(&self.latest) = Snapshot::default();
    }

    /// The UI thread's latest state (called after every change).
    /// Returns whether this was news (a state not published before).
    pub fn publish(&self, path: &Path, draft: &Draft, generation: u64) -> bool {
        let mut s = lock(&self.latest);
        if s.generation == generation && s.path.as_deref() == Some(path) {
            return false;
        }
        if s.path.as_deref() != Some(path) {
            // Another draft: what is on disk is its state as opened.
            let mut w = lock(&self.written);
            w.path = Some(path.to_path_buf());
            w.generation = 0;
        }
        *s = Snapshot {
            path: Some(path.to_path_buf()),
            draft: Some(draft.clone()),
            generation,
            changed_at: Some(Instant::now()),
        };
        true
    }

    /// Whether the published state is newer than what is on disk.
    pub fn unsaved(&self) -> bool {
        let s = lock(&self.latest);
        let w = lock(&self.written);
        s.path.is_some()
            && (w.path != s.path || s.generation > w.generation)
            && s.draft.is_some()
            && s.generation > 0
    }

    /// Writes `draft` as `generation` unless something newer is already on disk, or
    /// the file at `path` is not the one this session knows (`replace`: the user has
    /// chosen to put theirs over it; what is there is kept as a generation).
    /// Returns when it was written.
    pub fn write(
        &self,
        path: &Path,
        draft: &Draft,
        generation: u64,
        replace: bool,
    ) -> Result<SystemTime, WriteError> {
        let mut w = lock(&self.written);
        if w.path.as_deref() == Some(path) && w.generation >= generation && generation > 0 {
            return Ok(SystemTime::now());
        }
        if !replace
            && let Some(change) = w.change(path)
            // With its folder gone too (an unmounted share) the save fails and is
            // tried again as any failed save; a file removed from its folder is news.
            && (change != Change::Removed || folder_exists(path))
        {
            w.conflicted.insert(path.to_path_buf());
            return Err(WriteError::Changed(change));
        }
        w.save(path, draft, generation).map_err(WriteError::Save)?;
        Ok(SystemTime::now())
    }

    /// The published state, when it is newer than the disk and has been quiet for
    /// `quiet` (the UI thread may be stuck drawing to a stalled link).
    pub fn stale(&self, quiet: Duration) -> Option<(PathBuf, Draft, u64)> {
        let s = lock(&self.latest);
        let path = s.path.clone()?;
        let w = lock(&self.written);
        if w.conflicted.contains(&path) {
            return None;
        }
        let newer = w.path.as_deref() != Some(path.as_path()) || s.generation > w.generation;
        let quiet_enough = s.changed_at.is_some_and(|t| t.elapsed() >= quiet);
        (newer && quiet_enough && s.draft.is_some())
            .then(|| (path, s.draft.clone().unwrap_or_default(), s.generation))
    }

    /// Saves whatever is not on disk, at once: into the draft itself, or beside it as
    /// `NAME.ron.emergency`, or in the home or temp folder. Never waits more than about
    /// a second for a save under way.
    pub fn emergency(&self) -> Rescue {
        // Keys already read but not yet applied (the UI thread was busy) are waited for
        // a moment, so that what was typed last is in the copy.
        let catch_up = Instant::now() + Duration::from_millis(500);
        while self.applied.load(Ordering::Acquire) < self.received.load(Ordering::Acquire)
            && Instant::now() < catch_up
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        let (path, draft, generation) = {
            let s = lock(&self.latest);
            match (&s.path, &s.draft) {
                (Some(p), Some(d)) => (p.clone(), d.clone(), s.generation),
                _ => return Rescue::NothingToSave,
            }
        };
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut w = loop {
            match self.written.try_lock() {
                Ok(w) => break Some(w),
                Err(std::sync::TryLockError::Poisoned(e)) => break Some(e.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::sync::TryLockError::WouldBlock) => break None,
            }
        };
        if let Some(w) = &w
            && w.path.as_deref() == Some(path.as_path())
            && w.generation >= generation
        {
            return Rescue::NothingToSave;
        }
        // With the writer stuck, or the file changed by someone else, the draft is
        // left alone: a copy goes beside it.
        if let Some(w) = w.as_mut()
            && w.change(&path).is_none()
            && w.save(&path, &draft, generation).is_ok()
        {
            return Rescue::Draft(path);
        }
        // Beside the draft, else in the home folder when it is the user's own and not
        // writable by others; never in a shared folder such as /tmp, where another
        // user could read the copy or plant a link at its name.
        let places = store::recovery::emergency_places(&path);
        let mut last = String::new();
        for p in places {
            match store::save_copy(&p, &draft) {
                Ok(()) => return Rescue::Copy(p),
                Err(e) => last = e.to_string(),
            }
        }
        Rescue::Failed(last)
    }
}

fn folder_exists(path: &Path) -> bool {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.is_dir(),
        _ => true,
    }
}
