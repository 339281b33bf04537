//! Words of the command-line interface and of error reports.

use std::path::Path;

use super::Lang;
use crate::store::{CreateError, LoadError, SaveError, StoreError};
use crate::template::TemplateError;

/// A load error explained, with the path and line:column where there is one, and the
/// promise that the file was left as it was.
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    let vi = lang == Lang::Vi;
    let path = e.path().display();
    match (e, vi) {
        (LoadError::Io { source, .. }, true) => format!("Không đọc được {path}: {source}"),
        (LoadError::Io { source, .. }, false) => format!("Cannot read {path}: {source}"),
        (LoadError::NotAFile { what, .. }, true) => format!(
            "{path} không phải tệp bản nháp mà là {}: không mở (chương trình không đọc nó)",
            not_regular_vi(*what)
        ),
        (LoadError::NotAFile { what, .. }, false) => format!(
            "{path} is not a draft file but {}: not opened (the program does not read it)",
            not_regular_en(*what)
        ),
        (LoadError::TooLarge { size, limit, .. }, true) => format!(
            "{path}: {} byte, lớn hơn giới hạn {} byte của một bản nháp: không mở",
            crate::number::format(*size as f64),
            crate::number::format(*limit as f64)
        ),
        (LoadError::TooLarge { size, limit, .. }, false) => format!(
            "{path}: {size} bytes, more than the {limit} bytes a draft may have: not opened"
        ),
        (LoadError::NotUtf8 { line, column, .. }, true) => {
            format!("{path}:{line}:{column}: tệp không phải văn bản UTF-8 (tệp được giữ nguyên)")
        }
        (LoadError::NotUtf8 { line, column, .. }, false) => {
            format!("{path}:{line}:{column}: the file is not UTF-8 text (left untouched)")
        }
        (
            LoadError::Parse {
                line,
                column,
                message,
                ..
            },
            true,
        ) => format!(
            "{path}:{line}:{column}: bản nháp bị lỗi cú pháp: {message} (tệp được giữ nguyên)"
        ),
        (
            LoadError::Parse {
                line,
                column,
                message,
                ..
            },
            false,
        ) => {
            format!("{path}:{line}:{column}: the draft does not parse: {message} (left untouched)")
        }
        (
            LoadError::NewerFormat {
                found, supported, ..
            },
            true,
        ) => format!(
            "{path}: bản nháp do phiên bản baocao mới hơn tạo (định dạng {found}, chương trình này chỉ đọc đến {supported}). Hãy cập nhật baocao; tệp không bị thay đổi."
        ),
        (
            LoadError::NewerFormat {
                found, supported, ..
            },
            false,
        ) => format!(
            "{path}: written by a newer baocao (format {found}; this program reads up to {supported}). Update baocao; the file was not changed."
        ),
        (LoadError::UnknownTemplate { id, version, .. }, true) => format!(
            "{path}: bản nháp theo đề cương «{id}» (phiên bản {version}) mà chương trình không có; chỉ định đề cương bằng --template TỆP. Tệp không bị thay đổi."
        ),
        (LoadError::UnknownTemplate { id, version, .. }, false) => format!(
            "{path}: made from outline “{id}” (version {version}) which this program does not have; give it with --template FILE. The file was not changed."
        ),
    }
}

fn not_regular_vi(what: crate::store::read::NotRegular) -> &'static str {
    use crate::store::read::NotRegular::*;
    match what {
        Fifo => "một đường ống (FIFO)",
        Device => "một thiết bị",
        Socket => "một socket",
        Folder => "một thư mục",
    }
}

fn not_regular_en(what: crate::store::read::NotRegular) -> &'static str {
    use crate::store::read::NotRegular::*;
    match what {
        Fifo => "a named pipe (FIFO)",
        Device => "a device",
        Socket => "a socket",
        Folder => "a folder",
    }
}

/// [`load_error`], and for a draft name that is not in the drafts folder but is a
/// file in the current folder, how to open that file.
pub fn load_error_with_hint(lang: Lang, e: &LoadError, here: Option<&Path>) -> String {
    let text = load_error(lang, e);
    let missing =
        matches!(e, LoadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound);
    match here.filter(|_| missing) {
        Some(p) => match lang {
            Lang::Vi => format!(
                "{text}. Có tệp {0} trong thư mục hiện tại; để mở tệp đó, gõ {0}",
                p.display()
            ),
            Lang::En => format!(
                "{text}. There is {0} in the current folder; to open that file, type {0}",
                p.display()
            ),
        },
        None => text,
    }
}

/// A save error: the path, what the OS said, and that nothing on disk was damaged.
pub fn save_error(lang: Lang, e: &SaveError) -> String {
    match lang {
        Lang::Vi => format!(
            "Không lưu được {}: {} (bản đã lưu trước đó vẫn nguyên vẹn)",
            e.path.display(),
            e.source
        ),
        Lang::En => format!(
            "Could not save {}: {} (the previously saved file is intact)",
            e.path.display(),
            e.source
        ),
    }
}

/// The folder an export is to go to does not exist.
pub fn export_no_folder(lang: Lang, folder: &Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Không có thư mục {}: hãy gõ một thư mục có sẵn",
            folder.display()
        ),
        Lang::En => format!(
            "There is no folder {}: type one that exists",
            folder.display()
        ),
    }
}

/// An export could not be written: says which folder is missing or not writable in
/// words, and what the OS said otherwise. Nothing was written (an older file at that
/// path is left as it was).
pub fn export_write_error(lang: Lang, e: &crate::export::WriteError) -> String {
    use crate::export::{WriteError, target::Refusal};
    let e = match e {
        WriteError::Save(e) => e,
        WriteError::Refused(path, why) => {
            let path = path.display();
            return match (lang, why) {
                (Lang::Vi, Refusal::DraftName) => format!(
                    "Không xuất ra {path}: tên này là của một bản nháp hoặc tệp đi kèm bản nháp; hãy chọn tên .docx, .pdf, .xlsx hoặc .md"
                ),
                (Lang::En, Refusal::DraftName) => format!(
                    "Not exported to {path}: that name is a draft's or a draft's companion file; choose a .docx, .pdf, .xlsx or .md name"
                ),
                (Lang::Vi, Refusal::DraftContent) => format!(
                    "Không xuất ra {path}: tệp này là một bản nháp, xuất ra đó sẽ xoá nó; hãy chọn tên khác"
                ),
                (Lang::En, Refusal::DraftContent) => format!(
                    "Not exported to {path}: that file is a draft and would be destroyed; choose another name"
                ),
                (Lang::Vi, Refusal::NotRegular(what)) => format!(
                    "Không xuất ra {path}: đó là {}, không phải tệp thường",
                    not_regular_vi(*what)
                ),
                (Lang::En, Refusal::NotRegular(what)) => format!(
                    "Not exported to {path}: it is {}, not a regular file",
                    not_regular_en(*what)
                ),
            };
        }
    };
    let folder = e
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| ".".to_string(), |p| p.display().to_string());
    let missing = e
        .path
        .parent()
        .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir());
    match (lang, missing, e.source.kind()) {
        (_, true, _) => export_no_folder(lang, Path::new(&folder)),
        (Lang::Vi, _, std::io::ErrorKind::PermissionDenied) => {
            format!("Không có quyền ghi vào thư mục {folder}")
        }
        (Lang::En, _, std::io::ErrorKind::PermissionDenied) => {
            format!("No permission to write in {folder}")
        }
        (Lang::Vi, _, _) => format!(
            "Không ghi được {}: {} (chưa ghi gì)",
            e.path.display(),
            e.source
        ),
        (Lang::En, _, _) => format!(
            "Could not write {}: {} (nothing written)",
            e.path.display(),
            e.source
        ),
    }
}

/// A folder open to others that baocao may not close: what that means and what to do.
fn not_private(lang: Lang, path: &Path, np: &crate::store::NotPrivate) -> String {
    match lang {
        Lang::Vi => format!(
            "Thư mục {} đang mở cho người dùng khác (quyền {:o}) và baocao không đóng lại được ({}). Bản nháp trong đó có thể bị người khác đọc: hãy nhờ quản trị máy chủ đặt quyền 700 (chmod 700 {}) hoặc đặt XDG_CONFIG_HOME sang một thư mục riêng của bạn.",
            path.display(),
            np.mode,
            np.source,
            path.display()
        ),
        Lang::En => format!(
            "The folder {} is open to other users (mode {:o}) and baocao cannot close it ({}). Drafts in it could be read by others: ask the server's administrator to make it 700 (chmod 700 {}) or set XDG_CONFIG_HOME to a folder of your own.",
            path.display(),
            np.mode,
            np.source,
            path.display()
        ),
    }
}

/// A problem with the drafts folder or a name.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    if let StoreError::Io { path, source } = e
        && let Some(np) = source
            .get_ref()
            .and_then(|e| e.downcast_ref::<crate::store::NotPrivate>())
    {
        return not_private(lang, path, np);
    }
    match (e, lang) {
        (StoreError::NoHome, Lang::Vi) => {
            "Không tìm thấy thư mục cấu hình: hãy đặt HOME hoặc XDG_CONFIG_HOME".to_string()
        }
        (StoreError::NoHome, Lang::En) => {
            "No config folder: set HOME or XDG_CONFIG_HOME".to_string()
        }
        (StoreError::Io { path, source }, Lang::Vi) => {
            format!("Không truy cập được {}: {source}", path.display())
        }
        (StoreError::Io { path, source }, Lang::En) => {
            format!("Cannot access {}: {source}", path.display())
        }
        (StoreError::BadName(n), Lang::Vi) => format!(
            "Tên bản nháp «{n}» không hợp lệ: chỉ dùng chữ, số, '-', '_' hoặc '.', không bắt đầu bằng '.'"
        ),
        (StoreError::BadName(n), Lang::En) => format!(
            "Invalid draft name “{n}”: use letters, digits, '-', '_' or '.', not starting with '.'"
        ),
        (StoreError::Exists(p), Lang::Vi) => {
            format!(
                "Bản nháp {} đã có; chọn tên khác (không ghi đè)",
                p.display()
            )
        }
        (StoreError::Exists(p), Lang::En) => {
            format!(
                "{} already exists; choose another name (nothing overwritten)",
                p.display()
            )
        }
    }
}

/// `new` failed.
pub fn create_error(lang: Lang, e: &CreateError) -> String {
    match e {
        CreateError::Store(s) => store_error(lang, s),
        CreateError::Save(s) => save_error(lang, s),
    }
}

/// A template that cannot be used.
pub fn template_error(lang: Lang, e: &TemplateError) -> String {
    match (e, lang) {
        (TemplateError::Io { path, source }, Lang::Vi) => {
            format!("Không đọc được đề cương {path}: {source}")
        }
        (TemplateError::Io { path, source }, Lang::En) => {
            format!("Cannot read outline {path}: {source}")
        }
        (
            TemplateError::Syntax {
                origin,
                line,
                column,
                message,
            },
            Lang::Vi,
        ) => format!("{origin}:{line}:{column}: đề cương lỗi cú pháp: {message}"),
        (
            TemplateError::Syntax {
                origin,
                line,
                column,
                message,
            },
            Lang::En,
        ) => format!("{origin}:{line}:{column}: outline syntax error: {message}"),
        (TemplateError::Invalid { origin, problems }, Lang::Vi) => format!(
            "{origin}: đề cương có {} chỗ sai:\n  - {}",
            problems.len(),
            problems.join("\n  - ")
        ),
        (TemplateError::Invalid { origin, problems }, Lang::En) => format!(
            "{origin}: the outline has {} problems:\n  - {}",
            problems.len(),
            problems.join("\n  - ")
        ),
    }
}

/// `template check` succeeded.
pub fn template_ok(lang: Lang, sections: usize, tables: usize, rules: usize) -> String {
    match lang {
        Lang::Vi => {
            format!("Đề cương hợp lệ: {sections} bước mục, {tables} phụ lục, {rules} quy tắc")
        }
        Lang::En => format!(
            "Outline is valid: {sections} section steps, {tables} appendices, {rules} rules"
        ),
    }
}

/// `new` succeeded.
pub fn created(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đã tạo bản nháp {}", path.display()),
        Lang::En => format!("Created draft {}", path.display()),
    }
}

/// The closing line of `check`.
pub fn check_summary(lang: Lang, errors: usize, warnings: usize, explained: usize) -> String {
    let mut out = match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "{}, {}",
            super::en_count(errors, "error"),
            super::en_count(warnings, "warning")
        ),
    };
    if explained > 0 {
        out.push_str(&match lang {
            Lang::Vi => format!(" (và {explained} cảnh báo đã giải trình)"),
            Lang::En => format!(" (and {explained} explained)"),
        });
    }
    out
}

/// Column captions of `list`.
pub fn list_header(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Vi => ["Tên", "Đơn vị", "Hoàn thành", "Lỗi", "Cảnh báo", "Lưu lúc"],
        Lang::En => ["Name", "Unit", "Complete", "Errors", "Warnings", "Saved"],
    }
}

/// `list` when the folder has no drafts.
pub fn no_drafts(lang: Lang, dir: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Chưa có bản nháp nào trong {}. Tạo mới: baocao new TÊN --unit \"…\" --group I|II|III",
            dir.display()
        ),
        Lang::En => format!(
            "No drafts in {}. Create one: baocao new NAME --unit \"…\" --group I|II|III",
            dir.display()
        ),
    }
}

/// "Gợi ý" before a fix hint.
pub fn hint_prefix(lang: Lang) -> &'static str {
    lang.pick("Gợi ý", "Hint")
}

/// Labels of the metadata in `show`.
pub fn meta_labels(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Vi => [
            "Đơn vị báo cáo",
            "Nhóm",
            "Loại cơ quan",
            "Cơ quan chủ quản",
            "Số",
            "Địa danh",
            "Ngày",
            "Người ký",
            "Nơi nhận",
        ],
        Lang::En => [
            "Reporting unit",
            "Group",
            "Body",
            "Parent body",
            "Number",
            "Place",
            "Date",
            "Signer",
            "Recipients",
        ],
    }
}

/// "Nhà nước" / "Đảng".
pub fn body_kind(lang: Lang, party: bool) -> &'static str {
    match party {
        true => lang.pick("Đảng", "Party"),
        false => lang.pick("Nhà nước", "State"),
    }
}

/// "(chưa trả lời)" in `show`.
pub fn unanswered(lang: Lang) -> &'static str {
    lang.pick("(chưa trả lời)", "(not answered)")
}

/// The wizard cannot start without a terminal.
pub fn needs_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "Trình hướng dẫn cần một cửa sổ dòng lệnh (terminal). Dùng các lệnh con (baocao --help) khi chạy trong tập lệnh.",
        "The wizard needs a terminal. Use the subcommands (baocao --help) from scripts.",
    )
}

/// The terminal says it cannot draw a full screen (TERM unset, "dumb", "unknown").
pub fn dumb_terminal(lang: Lang, term: &str) -> String {
    let term = if term.is_empty() { "(trống)" } else { term };
    match lang {
        Lang::Vi => format!(
            "Cửa sổ dòng lệnh này (TERM={term}) không vẽ được trình hướng dẫn toàn màn hình. Hãy đặt loại terminal rồi chạy lại, ví dụ: export TERM=xterm-256color (PuTTY, hầu hết các chương trình SSH), TERM=linux (màn hình console), TERM=vt100 (máy rất cũ). Các lệnh con vẫn dùng được ngay: baocao list, check, show, export (baocao --help)."
        ),
        Lang::En => format!(
            "This terminal (TERM={term}) cannot draw the full-screen wizard. Set the terminal type and run again, for example: export TERM=xterm-256color (PuTTY, most SSH programs), TERM=linux (the console), TERM=vt100 (very old machines). The subcommands work as they are: baocao list, check, show, export (baocao --help)."
        ),
    }
}

/// Where a failure happened, before its message.
pub fn error_prefix(lang: Lang) -> &'static str {
    lang.pick("Lỗi", "Error")
}

/// After a signal or hang-up: where the work is.
pub fn rescue_message(lang: Lang, r: &crate::guard::Rescue) -> String {
    use crate::guard::Rescue;
    match (r, lang) {
        (Rescue::NothingToSave, Lang::Vi) => "baocao: đã dừng; mọi thay đổi đã được lưu.".into(),
        (Rescue::NothingToSave, Lang::En) => "baocao: stopped; everything was saved.".into(),
        (Rescue::Draft(p), Lang::Vi) => {
            format!("baocao: đã dừng; đã lưu bản nháp {}.", p.display())
        }
        (Rescue::Draft(p), Lang::En) => {
            format!("baocao: stopped; the draft was saved to {}.", p.display())
        }
        (Rescue::Copy(p), Lang::Vi) => format!(
            "baocao: đã dừng; không ghi được bản nháp nên đã lưu bản khẩn cấp tại {}.",
            p.display()
        ),
        (Rescue::Copy(p), Lang::En) => format!(
            "baocao: stopped; the draft could not be written, an emergency copy is at {}.",
            p.display()
        ),
        (Rescue::Failed(e), Lang::Vi) => format!("baocao: đã dừng; KHÔNG lưu được: {e}"),
        (Rescue::Failed(e), Lang::En) => format!("baocao: stopped; could NOT save: {e}"),
    }
}

/// After a panic: an apology, and where the work is.
pub fn panic_message(lang: Lang, r: &crate::guard::Rescue) -> String {
    let place = rescue_message(lang, r);
    match lang {
        Lang::Vi => format!(
            "baocao gặp lỗi nội bộ và phải dừng (xin báo lại lỗi này kèm các dòng trên).\n{place}"
        ),
        Lang::En => format!(
            "baocao hit an internal error and had to stop (please report it with the lines above).\n{place}"
        ),
    }
}

/// What keeps a report a draft: "9 lỗi, 12 chỗ chưa điền".
pub fn not_final(lang: Lang, r: crate::export::Readiness) -> String {
    let mut parts = Vec::new();
    if r.errors > 0 {
        parts.push(match lang {
            Lang::Vi => format!("{} lỗi", r.errors),
            Lang::En => super::en_count(r.errors, "error"),
        });
    }
    if r.blanks.total() > 0 {
        parts.push(missing(lang, &r.blanks));
    }
    parts.join(", ")
}

/// What is still blank, and what that counts: "16 chỗ chưa điền (2 mục thông tin,
/// 12 ô bảng, 2 phụ lục trống)".
pub fn missing(lang: Lang, m: &crate::rules::missing::Missing) -> String {
    let kinds: [(usize, &str, &str); 5] = [
        (m.info, "mục thông tin", "information field"),
        (m.answers, "câu trả lời", "answer"),
        (m.numbers, "số liệu của mục", "section figure"),
        (m.cells, "ô bảng", "table cell"),
        (m.tables, "phụ lục trống", "empty appendix"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, vi, en)| match lang {
            Lang::Vi => format!("{n} {vi}"),
            Lang::En => super::en_count(n, en),
        })
        .collect();
    let total = m.total();
    match lang {
        Lang::Vi => format!("{total} chỗ chưa điền ({})", parts.join(", ")),
        Lang::En => format!("{} ({})", super::en_count(total, "blank"), parts.join(", ")),
    }
}

/// An export was written.
pub fn exported(lang: Lang, path: &std::path::Path, r: crate::export::Readiness) -> String {
    match (lang, r.is_draft()) {
        (Lang::Vi, false) => format!("Đã xuất {}", path.display()),
        (Lang::Vi, true) => format!(
            "Đã xuất {} — còn {} nên bản xuất có dấu «DỰ THẢO»",
            path.display(),
            not_final(lang, r)
        ),
        (Lang::En, false) => format!("Exported {}", path.display()),
        (Lang::En, true) => format!(
            "Exported {} — {} remain, so it is marked “DỰ THẢO” (draft)",
            path.display(),
            not_final(lang, r)
        ),
    }
}

/// The export format cannot be told.
pub fn export_unknown_format(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Không biết xuất {} theo định dạng nào: dùng đuôi .docx, .pdf, .xlsx hoặc .md (hoặc --format docx|pdf|xlsx|md)",
            path.display()
        ),
        Lang::En => format!(
            "Cannot tell the format of {}: use a .docx, .pdf, .xlsx or .md name (or --format docx|pdf|xlsx|md)",
            path.display()
        ),
    }
}

/// An export could not be built (nothing was written).
pub fn export_failed(lang: Lang, why: &str) -> String {
    if why == crate::export::NO_LIBREOFFICE {
        return lang
            .pick(
                "Chưa có LibreOffice để tạo PDF (chưa ghi gì). Cài đặt: sudo apt-get install libreoffice-writer-nogui fonts-liberation (hoặc gói libreoffice-writer), rồi xuất lại; hoặc xuất DOCX và tự chuyển sang PDF.",
                "LibreOffice is needed to make a PDF (nothing written). Install it: sudo apt-get install libreoffice-writer-nogui fonts-liberation (or the libreoffice-writer package), then export again; or export DOCX and convert it yourself.",
            )
            .to_string();
    }
    match lang {
        Lang::Vi => format!("Không tạo được tệp xuất (chưa ghi gì): {why}"),
        Lang::En => format!("Could not build the export (nothing written): {why}"),
    }
}
