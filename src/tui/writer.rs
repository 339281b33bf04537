//! Bytes for the terminal are written by a thread of their own, so that a stalled SSH
//! link blocks that thread and never the one that applies keys: typing goes on, the
//! draft keeps being published and saved, and drawing pauses until the link drains.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::app::Action;

/// Frames not yet written beyond this many bytes mean the link is stalled: the UI stops
/// drawing (each frame would only queue more) until they are written.
pub const STALLED: usize = 64 * 1024;

/// The UI thread's side: a `Write` that hands each flushed frame to the writer thread.
pub struct TermWriter {
    tx: Sender<Vec<u8>>,
    buf: Vec<u8>,
    pending: Arc<AtomicUsize>,
}

impl TermWriter {
    /// Starts the writer thread over stdout; `events` is told (a Tick) when a backlog
    /// has been written, so that drawing resumes.
    pub fn spawn(events: Sender<Action>) -> TermWriter {
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = Arc::clone(&pending);
        thread::spawn(move || {
            let mut out = io::stdout();
            for chunk in rx {
                if out.write_all(&chunk).and_then(|()| out.flush()).is_err() {
                    // The terminal is gone; the watchdog ends the process.
                    return;
                }
                let before = left.fetch_sub(chunk.len(), Ordering::AcqRel);
                if before >= STALLED && before - chunk.len() < STALLED {
                    let _ = events.send(Action::Tick);
                }
            }
        });
        TermWriter {
            tx,
            buf: Vec::with_capacity(16 * 1024),
            pending,
        }
    }

    /// Bytes handed over and not yet written.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Acquire)
    }

    /// Waits (up to `limit`) until everything handed over is written.
    pub fn drain(&self, limit: std::time::Duration) {
        let end = std::time::Instant::now() + limit;
        while self.pending() > 0 && std::time::Instant::now() < end {
            thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

impl Write for TermWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buf);
        self.pending.fetch_add(chunk.len(), Ordering::AcqRel);
        // A writer thread that has stopped means a dead terminal: nothing to do.
        let _ = self.tx.send(chunk);
        Ok(())
    }
}
