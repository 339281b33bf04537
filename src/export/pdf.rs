//! PDF for the digital signature: the DOCX turned into PDF/A-2b (fonts embedded) by
//! LibreOffice in headless mode. The conversion runs in a folder of its own (0700,
//! made exclusively and removed afterwards), with a LibreOffice profile of its own (a
//! user's running LibreOffice, or another conversion, is not disturbed) and a time
//! limit. Without LibreOffice the export says which packages to install and writes
//! nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take before it is stopped.
pub const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Why no PDF was made.
#[derive(Debug)]
pub enum PdfError {
    /// LibreOffice (`soffice`) is not installed.
    NoLibreOffice,
    /// It ran longer than [`TIME_LIMIT`] and was stopped.
    TimedOut,
    /// It ran and made no PDF (what it said).
    Failed(String),
    /// The work folder could not be made or read.
    Io(std::io::Error),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoLibreOffice => f.write_str("LibreOffice (soffice) is not installed"),
            PdfError::TimedOut => {
                write!(f, "LibreOffice took more than {} s", TIME_LIMIT.as_secs())
            }
            PdfError::Failed(why) => write!(f, "LibreOffice made no PDF: {why}"),
            PdfError::Io(e) => e.fmt(f),
        }
    }
}

/// A folder of this process's own under the temp folder, removed when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new() -> std::io::Result<WorkDir> {
        use std::os::unix::fs::DirBuilderExt;
        let base = std::env::temp_dir();
        for n in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let dir = base.join(format!("baocao-pdf-{}-{n}-{nanos:x}", std::process::id()));
            // Made exclusively (an existing name, or a link planted at it, fails) and
            // closed to others.
            match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => return Ok(WorkDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::ErrorKind::AlreadyExists.into())
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        // Only what this conversion made is in it.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The program that converts, if it is installed.
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

/// The DOCX `docx` as PDF/A-2b bytes.
pub fn from_docx(docx: &[u8]) -> Result<Vec<u8>, PdfError> {
    let Some(program) = soffice() else {
        return Err(PdfError::NoLibreOffice);
    };
    let work = WorkDir::new().map_err(PdfError::Io)?;
    let input = work.0.join("bao-cao.docx");
    std::fs::write(&input, docx).map_err(PdfError::Io)?;
    let profile = work.0.join("profile");
    // SelectPdfVersion 2: PDF/A-2b, which embeds every font.
    let filter = r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#;
    let mut child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            filter,
        ])
        .arg("--outdir")
        .arg(&work.0)
        .arg(&input)
        .env("HOME", &work.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(PdfError::Io)?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(PdfError::Io)? {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let pdf = work.0.join("bao-cao.pdf");
    match std::fs::read(&pdf) {
        Ok(bytes) if status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let mut said = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut said);
            }
            Err(PdfError::Failed(format!("{status}: {}", said.trim())))
        }
    }
}

/// Whether `path` names a PDF.
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}
