//! Words of the dialogs about a draft in danger: held by another session, leftovers of
//! an earlier session, a broken file, saving elsewhere, read-only sessions.

use super::Lang;

/// Title: held by another session.
pub fn locked_title(lang: Lang) -> &'static str {
    lang.pick(
        "Bản nháp đang mở ở phiên khác",
        "Draft open in another session",
    )
}

/// Who holds it.
pub fn locked_text(lang: Lang, h: &crate::store::lock::Holder) -> String {
    match lang {
        Lang::Vi => format!(
            "Bản nháp này đang được {}@{} mở (tiến trình {}, cửa sổ {}) từ {}. Hai phiên cùng sửa sẽ ghi đè lên nhau.",
            h.user,
            h.host,
            h.pid,
            h.tty,
            h.since_text()
        ),
        Lang::En => format!(
            "This draft is open by {}@{} (process {}, terminal {}) since {}. Two sessions editing would overwrite each other.",
            h.user,
            h.host,
            h.pid,
            h.tty,
            h.since_text()
        ),
    }
}

/// Choice: read-only.
pub fn open_read_only(lang: Lang) -> &'static str {
    lang.pick(
        "R  Mở chỉ đọc (không sửa, không lưu)",
        "R  Open read-only (no changes, no saving)",
    )
}

/// Choice: take over.
pub fn take_over(lang: Lang) -> &'static str {
    lang.pick(
        "T  Giành quyền: yêu cầu phiên kia lưu và thoát, rồi mở ở đây",
        "T  Take over: ask the other session to save and quit, then open here",
    )
}

/// Title: leftovers.
pub fn leftovers_title(lang: Lang) -> &'static str {
    lang.pick(
        "Phiên trước còn để lại dữ liệu",
        "An earlier session left work behind",
    )
}

/// Leftovers explained.
pub fn leftovers_text(lang: Lang) -> &'static str {
    lang.pick(
        "Tìm thấy các tệp mới hơn bản nháp đã lưu (do mất kết nối, bị dừng đột ngột…). Chọn bản để mở; bản nháp cũ vẫn được giữ làm bản lưu trước, các tệp này được chuyển vào thư mục recovered, không xóa.",
        "Files newer than the saved draft were found (a dropped connection, a sudden stop…). Choose what to open; the old draft is kept as an earlier generation, these files are moved to the recovered folder, never deleted.",
    )
}

/// One leftover: kind, the time its state was saved (to the second: from inside the
/// file when it says, else the file's), size.
pub fn leftover_line(
    lang: Lang,
    l: &crate::store::recovery::Leftover,
    saved: Option<std::time::SystemTime>,
) -> String {
    use crate::store::recovery::Kind;
    let kind = match (l.kind, lang) {
        (Kind::Emergency, Lang::Vi) => "Bản lưu khẩn cấp".to_string(),
        (Kind::Emergency, Lang::En) => "Emergency copy".to_string(),
        (Kind::Temp, Lang::Vi) => "Lần lưu bị ngắt".to_string(),
        (Kind::Temp, Lang::En) => "Interrupted save".to_string(),
        (Kind::Generation(n), Lang::Vi) => format!("Bản lưu trước số {n}"),
        (Kind::Generation(n), Lang::En) => format!("Earlier generation {n}"),
    };
    let at = saved
        .or(l.modified)
        .map(crate::localtime::date_time_seconds)
        .unwrap_or_default();
    let kb = crate::number::format_rounded(l.size as f64 / 1024.0, 1);
    format!("{kind} · {at} · {kb} KB")
}

/// The parts of the report a leftover changes ("khác ở: Thông tin chung, I.2, Phụ lục 1").
pub fn parts_line(lang: Lang, parts: &[crate::draft::diff::Part]) -> String {
    use crate::draft::diff::Part;
    if parts.is_empty() {
        return String::new();
    }
    let names: Vec<String> = parts
        .iter()
        .map(|p| match (p, lang) {
            (Part::Info, Lang::Vi) => "Thông tin chung".to_string(),
            (Part::Info, Lang::En) => "General information".to_string(),
            (Part::Section(id), _) => id.clone(),
            (Part::Table(n), Lang::Vi) => format!("Phụ lục {n}"),
            (Part::Table(n), Lang::En) => format!("Appendix {n}"),
            (Part::Notes, Lang::Vi) => "Giải trình".to_string(),
            (Part::Notes, Lang::En) => "Explanations".to_string(),
        })
        .collect();
    match lang {
        Lang::Vi => format!("khác ở: {}", names.join(", ")),
        Lang::En => format!("differs in: {}", names.join(", ")),
    }
}

/// Why a leftover has nothing to offer.
pub fn stale_why(lang: Lang, why: &crate::store::recovery::Stale) -> String {
    use crate::store::recovery::Stale;
    match (why, lang) {
        (Stale::Older, Lang::Vi) => "cũ hơn bản nháp".into(),
        (Stale::Older, Lang::En) => "older than the draft".into(),
        (Stale::Same, Lang::Vi) => "giống hệt bản nháp".into(),
        (Stale::Same, Lang::En) => "the same as the draft".into(),
        (Stale::Unreadable(e), _) => {
            use crate::store::LoadError;
            // Where it breaks is enough here: a save cut off while writing.
            let at = match e {
                LoadError::Parse { line, column, .. } | LoadError::NotUtf8 { line, column, .. } => {
                    format!("{line}:{column}")
                }
                other => super::load_error(lang, other),
            };
            match lang {
                Lang::Vi => {
                    format!("không đọc được (hỏng ở {at}), sẽ được chuyển vào thư mục recovered")
                }
                Lang::En => {
                    format!("does not read (broken at {at}), will be moved to the recovered folder")
                }
            }
        }
    }
}

/// Title: stale leftovers.
pub fn stale_title(lang: Lang) -> &'static str {
    lang.pick("Tệp cũ còn sót lại", "Old leftover files")
}

/// Stale leftovers explained.
pub fn stale_text(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Bên cạnh bản nháp còn {n} tệp do lần lưu bị ngắt hoặc bản lưu khẩn cấp để lại, không chứa gì mới hơn bản nháp đang mở:"
        ),
        Lang::En => format!(
            "{n} files left by interrupted saves or emergency copies lie beside the draft, holding nothing newer than the open draft:"
        ),
    }
}

/// The choices about stale leftovers.
pub fn stale_choices(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => ["Dọn các tệp này", "Giữ lại (hỏi lại lần mở sau)"],
        Lang::En => ["Clean them up", "Keep them (ask again next time)"],
    }
}

/// Stale leftovers were cleaned up.
pub fn cleaned_up(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("Đã dọn {n} tệp cũ"),
        Lang::En => format!("{n} old files cleaned up"),
    }
}

/// Choice: the draft as saved.
pub fn open_as_saved(lang: Lang, at: &str) -> String {
    match lang {
        Lang::Vi => format!("Mở bản nháp như đã lưu lúc {at}"),
        Lang::En => format!("Open the draft as saved at {at}"),
    }
}

/// Title: broken file.
pub fn broken_title(lang: Lang) -> &'static str {
    lang.pick("Không đọc được bản nháp", "The draft does not read")
}

/// Choice: restore a generation.
pub fn restore_generation(lang: Lang, path: &str, at: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "Đổi tên tệp hỏng (giữ lại, thêm đuôi .broken-…) và mở bản lưu trước {path} (lúc {at})"
        ),
        Lang::En => format!(
            "Rename the broken file aside (kept, with a .broken-… suffix) and open the earlier generation {path} (from {at})"
        ),
    }
}

/// No generation reads.
pub fn no_generation(lang: Lang) -> &'static str {
    lang.pick(
        "Không có bản lưu trước nào đọc được. Tệp được giữ nguyên; có thể sửa tay theo vị trí dòng:cột ở trên.",
        "No earlier generation reads. The file is left as it is; it can be fixed by hand at the line:column above.",
    )
}

/// Keys of these dialogs.
pub fn hitch_keys(lang: Lang) -> &'static str {
    lang.pick(
        " ↑↓ chọn · Enter đồng ý · Esc thôi ",
        " ↑↓ choose · Enter accept · Esc cancel ",
    )
}

/// A copy was saved.
pub fn copy_saved(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đã lưu bản sao tại {}", path.display()),
        Lang::En => format!("A copy was saved to {}", path.display()),
    }
}

/// Asks before replacing an earlier export.
pub fn confirm_overwrite(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đã có tệp {}. Ghi đè lên tệp đó?", path.display()),
        Lang::En => format!("{} already exists. Replace it?", path.display()),
    }
}

/// Leave the new-draft form?
pub fn confirm_discard_form(lang: Lang) -> &'static str {
    lang.pick(
        "Bỏ biểu mẫu tạo bản nháp và những gì đã gõ?",
        "Leave the new-draft form and what was typed in it?",
    )
}

/// The save-as prompt's title.
pub fn save_as_title(lang: Lang) -> &'static str {
    lang.pick("Lưu bản sao vào chỗ khác", "Save a copy elsewhere")
}

/// The save-as prompt's hint.
pub fn save_as_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Đường dẫn tệp (sửa nếu cần), rồi Enter:",
        "File path (change it if needed), then Enter:",
    )
}

/// Keys of the quit-unsaved question.
pub fn quit_unsaved_keys(lang: Lang) -> &'static str {
    lang.pick(
        " L: lưu vào chỗ khác   Enter/C: vẫn thoát   Esc/K: ở lại ",
        " L: save elsewhere   Enter/Y: quit anyway   Esc/N: stay ",
    )
}

/// An edit in a read-only session.
pub fn read_only_refusal(lang: Lang) -> &'static str {
    lang.pick(
        "Đang mở chỉ đọc (phiên khác giữ bản nháp): không sửa được",
        "Open read-only (another session holds the draft): changes are not possible",
    )
}

/// Header mark of a read-only session.
pub fn read_only_mark(lang: Lang) -> &'static str {
    lang.pick("CHỈ ĐỌC", "READ-ONLY")
}

/// The title of a notice.
pub fn notice_title(lang: Lang) -> &'static str {
    lang.pick("Lưu ý", "Note")
}

/// The terminal's locale is not UTF-8.
pub fn not_utf8(lang: Lang, locale: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "Cửa sổ dòng lệnh này không dùng bảng mã UTF-8 ({locale}), nên chữ tiếng Việt có thể hiện sai hoặc mất dấu khi gõ. Hãy thoát (Ctrl-Q) và chạy lại với LANG=C.UTF-8 (hoặc vi_VN.UTF-8); trên PuTTY chọn Window → Translation → UTF-8. Trong lúc này khung được vẽ bằng ký tự ASCII. Enter để tiếp tục."
        ),
        Lang::En => format!(
            "This terminal is not set to UTF-8 ({locale}), so Vietnamese letters may show wrongly or lose their marks when typed. Quit (Ctrl-Q) and run again with LANG=C.UTF-8 (or vi_VN.UTF-8); in PuTTY choose Window → Translation → UTF-8. Meanwhile lines are drawn with ASCII. Enter to go on."
        ),
    }
}

fn change_words(lang: Lang, change: crate::store::identity::Change) -> &'static str {
    use crate::store::identity::Change;
    match (lang, change) {
        (Lang::Vi, Change::Removed) => "đã bị xoá",
        (Lang::En, Change::Removed) => "was removed",
        (Lang::Vi, Change::Link) => "đã bị thay bằng một liên kết (symlink)",
        (Lang::En, Change::Link) => "was replaced by a link (symlink)",
        (Lang::Vi, Change::Replaced) => "đã bị chương trình khác thay đổi",
        (Lang::En, Change::Replaced) => "was changed by another program",
    }
}

/// The status line while a draft changed by someone else waits for the user.
pub fn changed_on_disk(
    lang: Lang,
    path: &std::path::Path,
    change: crate::store::identity::Change,
) -> String {
    let what = change_words(lang, change);
    match lang {
        Lang::Vi => format!(
            "Tệp {} {what} từ khi mở: chưa ghi đè gì. Ctrl-S để chọn cách xử lý.",
            path.display()
        ),
        Lang::En => format!(
            "{} {what} since it was opened: nothing was written over it. Ctrl-S to choose.",
            path.display()
        ),
    }
}

/// The draft could not be locked for this session.
pub fn lock_failed(lang: Lang, lock: &std::path::Path, e: &std::io::Error) -> String {
    match lang {
        Lang::Vi => format!(
            "Không tạo được tệp khoá {} ({e}): một phiên khác vẫn có thể mở bản nháp này cùng lúc",
            lock.display()
        ),
        Lang::En => format!(
            "Could not make the lock {} ({e}): another session could open this draft at the same time",
            lock.display()
        ),
    }
}

/// The file as it is now was opened; the user's version is kept in a copy.
pub fn reloaded_theirs(lang: Lang, copy: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã mở bản trên đĩa; bản của bạn được cất tại {}",
            copy.display()
        ),
        Lang::En => format!(
            "The file as it is now is open; yours is kept at {}",
            copy.display()
        ),
    }
}

/// The user's version goes over the changed file, which is kept as a generation.
pub fn keeping_mine(lang: Lang, draft: &std::path::Path, kept: Option<&std::path::Path>) -> String {
    match (lang, kept) {
        (Lang::Vi, Some(k)) => {
            format!("Lưu bản của bạn; bản trên đĩa được giữ tại {}", k.display())
        }
        (Lang::En, Some(k)) => format!(
            "Saving yours; the file as it was is kept at {}",
            k.display()
        ),
        (Lang::Vi, None) => format!("Lưu bản của bạn vào {}", draft.display()),
        (Lang::En, None) => format!("Saving yours to {}", draft.display()),
    }
}

/// A copy is never written over an existing file.
pub fn copy_exists(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã có tệp {}: bản sao không ghi đè lên nó; hãy chọn tên khác",
            path.display()
        ),
        Lang::En => format!(
            "{} already exists: a copy is not written over it; choose another name",
            path.display()
        ),
    }
}

/// The draft was removed; the session goes on in the copy the user saved.
pub fn going_on_in(lang: Lang, copy: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã lưu bản của bạn tại {} và làm tiếp trên tệp đó",
            copy.display()
        ),
        Lang::En => format!(
            "Yours is saved at {} and open to go on with",
            copy.display()
        ),
    }
}

/// Title: the draft's file changed under the session.
pub fn changed_title(lang: Lang) -> &'static str {
    lang.pick("Bản nháp bị thay đổi bên ngoài", "Draft changed outside")
}

/// What happened, and that nothing was written.
pub fn changed_text(
    lang: Lang,
    path: &std::path::Path,
    change: crate::store::identity::Change,
) -> String {
    let what = change_words(lang, change);
    match lang {
        Lang::Vi => format!(
            "Tệp {} {what} trong khi bạn đang sửa. Chương trình chưa ghi đè lên nó; các thay đổi của bạn vẫn còn nguyên. Chọn cách xử lý:",
            path.display()
        ),
        Lang::En => format!(
            "{} {what} while you were editing. Nothing was written over it and your changes are all here. Choose:",
            path.display()
        ),
    }
}

/// One choice of that dialog.
pub fn on_change(
    lang: Lang,
    choice: crate::app::opening::OnChange,
    change: crate::store::identity::Change,
) -> &'static str {
    use crate::app::opening::OnChange;
    use crate::store::identity::Change;
    match (choice, change) {
        (OnChange::KeepMine, Change::Removed) => lang.pick(
            "Ghi lại bản của bạn vào chỗ cũ",
            "Write yours back in its place",
        ),
        (OnChange::SaveElsewhere, Change::Removed) => lang.pick(
            "Lưu bản của bạn ra tệp khác và làm tiếp trên tệp đó",
            "Save yours elsewhere and go on in that file",
        ),
        (OnChange::KeepMine, Change::Link) => lang.pick(
            "Giữ bản của bạn (thay liên kết bằng bản nháp; tệp nó trỏ tới giữ nguyên)",
            "Keep yours (the link is replaced by the draft; what it points to is left alone)",
        ),
        (OnChange::Reload, _) => lang.pick(
            "Mở bản trên đĩa (bản của bạn được cất vào thư mục recovered)",
            "Open the file as it is now (yours is kept in the recovered folder)",
        ),
        (OnChange::KeepMine, _) => lang.pick(
            "Giữ bản của bạn (bản trên đĩa được giữ làm bản cũ .~1~)",
            "Keep yours (the file as it is now is kept as generation .~1~)",
        ),
        (OnChange::SaveElsewhere, _) => lang.pick(
            "Lưu bản của bạn ra tệp khác, rồi mở bản trên đĩa",
            "Save yours elsewhere, then open the file as it is now",
        ),
    }
}
