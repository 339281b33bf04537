//! Words of the wizard: key labels, screen titles, prompts, status messages.

use super::Lang;
use super::findings::table_name;
use crate::app::history::{CellChange, Change};
use crate::app::keymap::{Cmd, Context};

/// The label of a command in the footer and help, by where it is used.
pub fn cmd_label(lang: Lang, context: Context, cmd: Cmd) -> &'static str {
    match (context, cmd) {
        (Context::Global, Cmd::Save) => lang.pick("lưu", "save"),
        (Context::Global, Cmd::NextStep) => lang.pick("bước sau", "next step"),
        (Context::Global, Cmd::PrevStep) => lang.pick("bước trước", "previous step"),
        (Context::Global, Cmd::Jump) => lang.pick("đến bước", "go to step"),
        (Context::Global, Cmd::Findings) => lang.pick("danh sách lỗi", "findings"),
        (Context::Global, Cmd::Export) => lang.pick("xuất báo cáo", "export the report"),
        (Context::Global, Cmd::ToggleFocus) => lang.pick("mục lục ↔ nội dung", "outline ↔ step"),
        (Context::Global, Cmd::Quit) => lang.pick("thoát", "quit"),
        (Context::Global, Cmd::Help) => lang.pick("trợ giúp", "help"),
        (Context::Global, Cmd::Redraw) => lang.pick("vẽ lại màn hình", "redraw the screen"),
        (Context::Outline, Cmd::Enter) => lang.pick("mở bước", "open step"),
        (Context::Outline, Cmd::Up) => lang.pick("lên", "up"),
        (Context::Outline, Cmd::Down) => lang.pick("xuống", "down"),
        (Context::Outline, Cmd::Help) => lang.pick("trợ giúp", "help"),
        (Context::Text, Cmd::NextField) => lang.pick("ô sau", "next"),
        (Context::Text, Cmd::PrevField) => lang.pick("ô trước", "previous field"),
        (Context::Text, Cmd::NothingToReport) => lang.pick("Không phát sinh", "nothing to report"),
        (Context::Global, Cmd::Undo) => lang.pick("hoàn tác thay đổi", "undo a change"),
        (Context::Global, Cmd::Redo) => lang.pick("làm lại", "redo"),
        (Context::Global, Cmd::Explain) => {
            lang.pick("giải trình cảnh báo ở đây", "explain the warning here")
        }
        (Context::List, Cmd::Explain) => lang.pick("giải trình", "explain"),
        (Context::Text, Cmd::Back) => lang.pick("về mục lục", "outline"),
        (Context::Grid, Cmd::Enter) => lang.pick("sửa ô", "edit cell"),
        (Context::Grid, Cmd::NextField) => lang.pick("ô sau", "next cell"),
        (Context::Grid, Cmd::PrevField) => lang.pick("ô trước", "previous cell"),
        (Context::Grid, Cmd::Up) => lang.pick("lên", "up"),
        (Context::Grid, Cmd::Down) => lang.pick("xuống", "down"),
        (Context::Grid, Cmd::Left) => lang.pick("trái", "left"),
        (Context::Grid, Cmd::Right) => lang.pick("phải", "right"),
        (Context::Grid, Cmd::PageUp) => lang.pick("trang trên", "page up"),
        (Context::Grid, Cmd::PageDown) => lang.pick("trang dưới", "page down"),
        (Context::Grid, Cmd::Home) => lang.pick("cột đầu", "first column"),
        (Context::Grid, Cmd::End) => lang.pick("cột cuối", "last column"),
        (Context::Grid, Cmd::AddRow) => lang.pick("thêm dòng", "add row"),
        (Context::Grid, Cmd::DeleteRow) => lang.pick("xóa dòng", "delete row"),
        (Context::Grid, Cmd::RowUp) => lang.pick("chuyển dòng lên", "move row up"),
        (Context::Grid, Cmd::RowDown) => lang.pick("chuyển dòng xuống", "move row down"),
        (Context::Grid, Cmd::ClearCell) => lang.pick("xóa ô", "clear cell"),
        (Context::Grid, Cmd::ToggleTree) => lang.pick("hiện/ẩn mục lục", "show/fold the outline"),
        (Context::Grid, Cmd::NothingToReport) => lang.pick("Không phát sinh", "nothing to report"),
        (Context::Grid, Cmd::Help) => lang.pick("trợ giúp", "help"),
        (Context::Grid, Cmd::Back) => lang.pick("về mục lục", "to outline"),
        (Context::CellEdit, Cmd::Enter) => lang.pick("ghi, xuống", "commit, down"),
        (Context::CellEdit, Cmd::NextField) => lang.pick("ghi, sang phải", "commit, right"),
        (Context::CellEdit, Cmd::PrevField) => lang.pick("ghi, sang trái", "commit, left"),
        (Context::CellEdit, Cmd::Back) => lang.pick("bỏ sửa", "cancel edit"),
        (Context::CellEdit, Cmd::Undo) => lang.pick("hoàn tác", "undo"),
        (Context::CellEdit, Cmd::Redo) => lang.pick("làm lại", "redo"),
        (Context::Start, Cmd::Enter) => lang.pick("mở", "open"),
        (Context::Start, Cmd::New) => lang.pick("tạo mới", "new"),
        (Context::Start, Cmd::Duplicate) => lang.pick("nhân bản", "duplicate"),
        (Context::Start, Cmd::Delete) => lang.pick("bỏ vào thùng rác", "move to trash"),
        (Context::Start, Cmd::Up) => lang.pick("lên", "up"),
        (Context::Start, Cmd::Down) => lang.pick("xuống", "down"),
        (Context::Start, Cmd::Help) => lang.pick("trợ giúp", "help"),
        (Context::Start, Cmd::Quit) => lang.pick("thoát", "quit"),
        (Context::Prompt, Cmd::Enter) => lang.pick("xong", "done"),
        (Context::Prompt, Cmd::Back) => lang.pick("thôi", "cancel"),
        (Context::ExportDialog, Cmd::NextField) => lang.pick("định dạng sau", "next format"),
        (Context::ExportDialog, Cmd::PrevField) => lang.pick("định dạng trước", "previous format"),
        (Context::ExportDialog, Cmd::Enter) => lang.pick("xuất", "export"),
        (Context::ExportDialog, Cmd::Findings) => lang.pick("xem lỗi", "findings"),
        (Context::ExportDialog, Cmd::Back) => lang.pick("thôi", "cancel"),
        (Context::Form, Cmd::NextField) => lang.pick("ô sau", "next field"),
        (Context::Form, Cmd::PrevField) => lang.pick("ô trước", "previous field"),
        (Context::Form, Cmd::Enter) => lang.pick("xong", "done"),
        (Context::Form, Cmd::Back) => lang.pick("thôi", "cancel"),
        (Context::Choice, Cmd::Choose) => lang.pick("chọn", "choose"),
        (Context::Review, Cmd::Export) => lang.pick("xuất báo cáo", "export"),
        (Context::Review, Cmd::Enter) => lang.pick("đến chỗ cần sửa", "go there"),
        (Context::Review, Cmd::Up) => lang.pick("lên", "up"),
        (Context::Review, Cmd::Down) => lang.pick("xuống", "down"),
        (Context::Review, Cmd::Back) => lang.pick("về mục lục", "to outline"),
        (Context::Review, Cmd::Help) => lang.pick("trợ giúp", "help"),
        (Context::List, Cmd::Enter) => lang.pick("đến chỗ này", "go there"),
        (Context::List, Cmd::Up) => lang.pick("lên", "up"),
        (Context::List, Cmd::Down) => lang.pick("xuống", "down"),
        (Context::List, Cmd::PageUp) => lang.pick("trang trên", "page up"),
        (Context::List, Cmd::PageDown) => lang.pick("trang dưới", "page down"),
        (Context::List, Cmd::Home) => lang.pick("đầu danh sách", "first"),
        (Context::List, Cmd::End) => lang.pick("cuối danh sách", "last"),
        (Context::List, Cmd::Back) => lang.pick("đóng", "close"),
        (Context::Form, Cmd::Save) => lang.pick("tạo bản nháp", "create the draft"),
        (Context::Dialog, Cmd::Back) => lang.pick("đóng", "close"),
        (Context::Dialog, Cmd::Up) => lang.pick("cuộn lên", "scroll up"),
        (Context::Dialog, Cmd::Down) => lang.pick("cuộn xuống", "scroll down"),
        (Context::Dialog, Cmd::PageUp) => lang.pick("trang trên", "page up"),
        (Context::Dialog, Cmd::PageDown) => lang.pick("trang dưới", "page down"),
        (_, Cmd::InputMethod) => lang.pick(
            "gõ tiếng Việt: tắt → Telex → VNI",
            "Vietnamese typing: off → Telex → VNI",
        ),
        _ => lang.pick("", ""),
    }
}

/// The space bar's name.
pub fn space_key(lang: Lang) -> &'static str {
    lang.pick("Cách", "Space")
}

use crate::app::MetaField;
use crate::draft::UnitGroup;

/// "I – Sở, ban, ngành".
pub fn group_name(lang: Lang, g: UnitGroup) -> &'static str {
    match g {
        UnitGroup::I => lang.pick("I – Sở, ngành", "I – department"),
        UnitGroup::II => lang.pick("II – Ngành dọc", "II – vertical agency"),
        UnitGroup::III => lang.pick("III – Huyện, TP", "III – district"),
    }
}

/// The label of a report information field.
pub fn meta_field(lang: Lang, f: MetaField) -> &'static str {
    match f {
        MetaField::Unit => lang.pick("Đơn vị báo cáo", "Reporting unit"),
        MetaField::Group => lang.pick("Nhóm", "Group"),
        MetaField::Body => lang.pick("Loại cơ quan", "Kind of body"),
        MetaField::Parent => lang.pick("Cơ quan chủ quản", "Parent body"),
        MetaField::Number => lang.pick("Số, ký hiệu", "Number"),
        MetaField::Place => lang.pick("Địa danh", "Place"),
        MetaField::Date => lang.pick("Ngày", "Date"),
        MetaField::Signer => lang.pick("Người ký", "Signer"),
        MetaField::SignerTitle => lang.pick("Chức vụ người ký", "Signer's title"),
        MetaField::Recipients => lang.pick("Nơi nhận", "Recipients"),
    }
}

/// An example beside a report information field.
pub fn meta_hint(lang: Lang, f: MetaField) -> &'static str {
    match f {
        MetaField::Unit => lang.pick("vd: UBND huyện Tuy Phước", "e.g. UBND huyện Tuy Phước"),
        MetaField::Parent => lang.pick("vd: UBND TỈNH BÌNH ĐỊNH", "e.g. UBND TỈNH BÌNH ĐỊNH"),
        MetaField::Number => lang.pick("vd: 215/BC-UBND", "e.g. 215/BC-UBND"),
        MetaField::Place => lang.pick("vd: Tuy Phước", "e.g. Tuy Phước"),
        MetaField::Date => "dd/mm/yyyy",
        MetaField::SignerTitle => lang.pick(
            "vd: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            "e.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        ),
        // The export ends each line with ";" and the last with "." (see
        // `export::recipient_lines`), whether typed or not.
        MetaField::Recipients => lang.pick(
            "mỗi dòng một nơi nhận; dấu ; ở cuối do chương trình thêm khi xuất",
            "one recipient per line; the ; at each end is added on export",
        ),
        _ => "",
    }
}

/// "… +2 dòng": the lines of a field that have no row left.
pub fn more_lines(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("… +{n} dòng"),
        Lang::En => format!("… +{n} more lines"),
    }
}

/// The name field of the new-draft form.
pub fn draft_name_label(lang: Lang) -> &'static str {
    lang.pick("Tên bản nháp (tên tệp)", "Draft name (file name)")
}

/// Its hint.
pub fn draft_name_hint(lang: Lang) -> &'static str {
    // What `store::valid_name` takes.
    lang.pick(
        "vd: huyen-tuy-phuoc · chữ, số, - _ . (không dấu cách, không mở đầu bằng .)",
        "e.g. huyen-tuy-phuoc · letters, digits, - _ . (no spaces; no leading .)",
    )
}

/// The new-draft form lacks name or unit.
pub fn form_incomplete(lang: Lang) -> &'static str {
    lang.pick(
        "Cần nhập tên bản nháp và đơn vị báo cáo",
        "A draft name and the reporting unit are needed",
    )
}

/// A step id that does not exist.
pub fn unknown_step(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Vi => format!("Không có bước «{id}». Ví dụ: i.1, ii.2, ii.2.a, pl1, pl3, review"),
        Lang::En => format!("No step “{id}”. Examples: i.1, ii.2, ii.2.a, pl1, pl3, review"),
    }
}

/// Ctrl-S with nothing to save.
pub fn already_saved(lang: Lang) -> &'static str {
    lang.pick("Mọi thay đổi đã được lưu", "Everything is saved")
}

/// Typing into a computed cell.
pub fn computed_cell(lang: Lang) -> &'static str {
    lang.pick(
        "Ô này do chương trình tự tính, không nhập được",
        "This cell is computed by the program and cannot be typed into",
    )
}

/// A draft in an older file format was converted on opening.
pub fn migrated(lang: Lang, from: u32) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã chuyển bản nháp từ định dạng {from}: số liệu của đơn vị nay ở dòng của nhóm; tệp cũ còn trong các bản trước"
        ),
        Lang::En => format!(
            "Draft converted from format {from}: the unit's figures are now in its group's rows; the old file is kept among the earlier versions"
        ),
    }
}

/// Typing into a row of another unit group.
pub fn foreign_row(lang: Lang, own: &[String]) -> String {
    let own = own.join("; ");
    match lang {
        Lang::Vi => {
            format!("Dòng này của nhóm đơn vị khác. Số liệu của đơn vị nhập vào dòng: {own}")
        }
        Lang::En => format!("This row is another group's. Your unit's figures go in: {own}"),
    }
}

/// Ctrl-A where a row per unit would be added, in a unit's own report.
pub fn no_unit_rows(lang: Lang, own: &[String]) -> String {
    let own = own.join("; ");
    match lang {
        Lang::Vi => format!(
            "Báo cáo của đơn vị nhập thẳng vào dòng: {own} (dòng theo từng đơn vị do cơ quan tổng hợp thêm)"
        ),
        Lang::En => format!(
            "A unit's report types straight into: {own} (a row per unit is the consolidating office's)"
        ),
    }
}

/// Ctrl-K on a field that cannot be marked.
pub fn not_markable(lang: Lang) -> &'static str {
    lang.pick(
        "Chỉ đánh dấu «Không phát sinh» cho phần trả lời bằng lời",
        "Only narrative answers can be marked “Không phát sinh”",
    )
}

/// A draft was copied.
pub fn duplicated(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đã nhân bản thành {}", path.display()),
        Lang::En => format!("Copied to {}", path.display()),
    }
}

/// A draft was moved to the trash.
pub fn trashed(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đã chuyển vào thùng rác: {}", path.display()),
        Lang::En => format!("Moved to the trash: {}", path.display()),
    }
}

/// The terminal is too small.
pub fn too_small(lang: Lang, min: (u16, u16), now: (u16, u16)) -> String {
    match lang {
        Lang::Vi => format!(
            "Cửa sổ quá nhỏ: cần ít nhất {}×{} (hiện {}×{}). Hãy phóng to cửa sổ; không mất dữ liệu nào.",
            min.0, min.1, now.0, now.1
        ),
        Lang::En => format!(
            "The terminal is too small: at least {}×{} is needed (now {}×{}). Enlarge it; nothing is lost.",
            min.0, min.1, now.0, now.1
        ),
    }
}

/// Header: a save failed.
pub fn save_failed_short(lang: Lang, _e: &str) -> &'static str {
    lang.pick("LỖI LƯU – xem dòng dưới", "SAVE FAILED – see below")
}

/// Header: saved at a time.
pub fn saved_at(lang: Lang, at: &str) -> String {
    match lang {
        Lang::Vi => format!("Đã lưu {at}"),
        Lang::En => format!("Saved {at}"),
    }
}

/// Header: changes not yet on disk.
pub fn unsaved(lang: Lang) -> &'static str {
    lang.pick("Chưa lưu", "Unsaved")
}

/// " (+2 chỗ khác ở đây)".
pub fn more_here(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!(" (+{n} ý khác ở đây, ^E xem tất cả)"),
        Lang::En => format!(" (+{n} more here, ^E lists all)"),
    }
}

/// The report information step.
pub fn info_step(lang: Lang) -> &'static str {
    lang.pick("Thông tin báo cáo", "Report information")
}

/// Its guidance.
pub fn info_guidance(lang: Lang) -> &'static str {
    lang.pick(
        // One line at 80×24, so that the fields below (the recipients last) all show.
        "Thông tin in ở phần đầu và phần ký của báo cáo.",
        "What the report's heading and signature show.",
    )
}

/// The last step.
pub fn review_step(lang: Lang) -> &'static str {
    lang.pick("Kiểm tra & xuất", "Check & export")
}

/// The label of the single answer of a section.
pub fn answer_label(lang: Lang) -> &'static str {
    lang.pick("Nội dung báo cáo", "Answer")
}

/// An empty answer's preview.
pub fn empty_answer(lang: Lang) -> &'static str {
    lang.pick("(chưa viết)", "(not written)")
}

/// "12 dòng".
pub fn rows_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} dòng"),
        Lang::En => format!("{n} rows"),
    }
}

/// Sideways scrolling hint.
pub fn scroll_hint(lang: Lang) -> &'static str {
    lang.pick("còn cột, dùng phím mũi tên", "more columns: arrow keys")
}

/// "Mục".
pub fn section_word(lang: Lang) -> &'static str {
    lang.pick("Mục", "Section")
}

/// "2 lỗi, 1 cảnh báo".
pub fn counts(lang: Lang, errors: usize, warnings: usize) -> String {
    super::check_summary(lang, errors, warnings, 0)
}

/// The review's summary line.
pub fn review_summary(
    lang: Lang,
    done: usize,
    total: usize,
    errors: usize,
    warnings: usize,
) -> String {
    match lang {
        Lang::Vi if errors + warnings == 0 => {
            format!("Đã xong {done}/{total} bước · không còn lỗi hay cảnh báo.")
        }
        Lang::En if errors + warnings == 0 => {
            format!("{done}/{total} steps done · no errors or warnings.")
        }
        Lang::Vi => format!(
            "Đã xong {done}/{total} bước · {errors} lỗi · {warnings} cảnh báo. Enter: đến chỗ cần sửa."
        ),
        Lang::En => format!(
            "{done}/{total} steps done · {} · {}. Enter: go to the place.",
            super::en_count(errors, "error"),
            super::en_count(warnings, "warning")
        ),
    }
}

/// "Chưa làm:".
pub fn not_started(lang: Lang) -> &'static str {
    lang.pick("Chưa làm:", "Not started:")
}

/// The program's title.
pub fn app_title(lang: Lang) -> &'static str {
    lang.pick(
        "Báo cáo sơ kết 03 năm Nghị quyết 05-NQ/TU",
        "3-year review report of Resolution 05-NQ/TU",
    )
}

/// The start screen's first line.
pub fn start_intro(lang: Lang) -> &'static str {
    lang.pick(
        "Chọn bản nháp để mở (Enter), hoặc nhấn n để tạo bản nháp mới.",
        "Choose a draft to open (Enter), or press n to create a new one.",
    )
}

/// No drafts yet.
pub fn no_drafts_yet(lang: Lang) -> &'static str {
    lang.pick(
        "Chưa có bản nháp nào. Nhấn n để tạo bản nháp đầu tiên.",
        "No drafts yet. Press n to create the first one.",
    )
}

/// The new-draft form's title.
pub fn new_draft_title(lang: Lang) -> &'static str {
    lang.pick("Tạo bản nháp mới", "New draft")
}

/// Help intro.
pub fn help_intro(lang: Lang) -> &'static str {
    lang.pick(
        "^ là phím Ctrl (^S = Ctrl-S). Phím F chỉ là phím tắt thêm. Esc/Enter để đóng.",
        "^ means Ctrl (^S = Ctrl-S). F-keys are only extra shortcuts. Esc/Enter closes.",
    )
}

/// The heading of a context in help.
pub fn context_name(lang: Lang, c: Context) -> &'static str {
    match c {
        Context::Global => lang.pick("Mọi nơi trong bản nháp", "Everywhere in a draft"),
        Context::Outline => lang.pick("Mục lục (bên trái)", "Outline (left)"),
        Context::Text => lang.pick("Ô chữ, ô số", "Text and number fields"),
        Context::Grid => lang.pick("Bảng phụ lục", "Appendix tables"),
        Context::CellEdit => lang.pick("Đang sửa một ô", "Editing a cell"),
        Context::List => lang.pick("Danh sách", "Lists"),
        Context::Start => lang.pick("Màn hình đầu", "Start screen"),
        Context::Form => lang.pick("Biểu mẫu", "Forms"),
        Context::Choice => lang.pick(
            "Ô chọn (nhóm, loại cơ quan)",
            "Choice fields (group, kind of body)",
        ),
        Context::Prompt => lang.pick("Ô nhập một dòng", "One-line prompts"),
        Context::Review => lang.pick("Kiểm tra & xuất", "Check & export"),
        Context::ExportDialog => lang.pick("Xuất báo cáo", "Export"),
        Context::Dialog => lang.pick("Hộp thông tin", "Dialogs"),
    }
}

/// Help's title.
pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("Trợ giúp – các phím", "Help – keys")
}

/// The welcome's title.
pub fn welcome_title(lang: Lang) -> &'static str {
    lang.pick("Chào mừng đến với baocao", "Welcome to baocao")
}

/// The welcome's paragraphs.
pub fn welcome_text(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Vi => &[
            "baocao dẫn anh/chị đi lần lượt từng bước của đề cương: thông tin báo cáo, các mục I–V, bốn phụ lục số liệu, cuối cùng là bước «Kiểm tra & xuất».",
            "Ctrl-N sang bước sau, Ctrl-P về bước trước, Ctrl-G đến một bước bất kỳ (gõ i.1, ii.2, pl1…). Tab chuyển ô. Ctrl-K đánh dấu «Không phát sinh».",
            "Chỗ số liệu chưa khớp được đánh dấu ngay tại ô, kèm con số cụ thể ở dòng dưới. Ctrl-E xem tất cả. Lỗi không bao giờ ngăn anh/chị lưu hay thoát.",
            "Bản nháp tự lưu sau mỗi thay đổi; Ctrl-S lưu ngay, Ctrl-Q thoát. F1 hoặc ? để xem mọi phím. Nhấn Enter để bắt đầu.",
        ],
        Lang::En => &[
            "baocao walks you through the outline step by step: report information, sections I–V, the four appendix tables, and finally “Check & export”.",
            "Ctrl-N next step, Ctrl-P previous, Ctrl-G go to any step (type i.1, ii.2, pl1…). Tab moves between fields. Ctrl-K marks “Không phát sinh” (nothing to report).",
            "Figures that do not agree are flagged in the cell itself, with the numbers on the line below. Ctrl-E lists them all. Findings never stop you saving or quitting.",
            "The draft saves itself after every change; Ctrl-S saves now, Ctrl-Q quits. F1 or ? shows every key. Press Enter to start.",
        ],
    }
}

/// The findings dialog's title.
pub fn findings_title(lang: Lang, errors: usize, warnings: usize) -> String {
    match lang {
        Lang::Vi => format!("Các chỗ cần xem: {errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "Findings: {}, {}",
            super::en_count(errors, "error"),
            super::en_count(warnings, "warning")
        ),
    }
}

/// No findings.
pub fn no_findings(lang: Lang) -> &'static str {
    lang.pick("Không có chỗ nào cần sửa.", "Nothing to fix.")
}

/// The jump prompt's title.
pub fn jump_title(lang: Lang) -> &'static str {
    lang.pick("Đến bước", "Go to step")
}

/// The jump prompt's hint.
pub fn jump_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Gõ mã bước hoặc mục rồi Enter: info, i.1, ii.2, ii.2.a, pl1…pl4, review",
        "Step or item id, then Enter: info, i.1, ii.2, ii.2.a, pl1…pl4, review",
    )
}

/// The duplicate prompt's title.
pub fn duplicate_title(lang: Lang) -> &'static str {
    lang.pick("Nhân bản bản nháp", "Duplicate draft")
}

/// A confirmation's title.
pub fn confirm_title(lang: Lang) -> &'static str {
    lang.pick("Xác nhận", "Confirm")
}

/// Move a draft to the trash?
pub fn confirm_trash(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Vi => {
            format!("Chuyển bản nháp «{name}» vào thùng rác? (Có thể lấy lại từ thư mục trash.)")
        }
        Lang::En => format!(
            "Move draft “{name}” to the trash? (It can be taken back from the trash folder.)"
        ),
    }
}

/// Delete a row?
pub fn confirm_delete_row(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Vi => format!("Xóa dòng «{label}» cùng số liệu của nó?"),
        Lang::En => format!("Delete row “{label}” and its figures?"),
    }
}

/// Quit with unsaved changes?
pub fn confirm_quit_unsaved(lang: Lang, error: &str, place: Option<&std::path::Path>) -> String {
    match (lang, place) {
        (Lang::Vi, Some(p)) => format!(
            "Chưa lưu được những thay đổi mới nhất: {error}. Nếu thoát, chúng được ghi vào bản lưu khẩn cấp {} và được đề nghị khôi phục khi mở lại bản nháp. Vẫn thoát?",
            p.display()
        ),
        (Lang::En, Some(p)) => format!(
            "The latest changes could not be saved: {error}. On quitting they are written to the emergency copy {}, offered when the draft is opened again. Quit anyway?",
            p.display()
        ),
        (Lang::Vi, None) => format!(
            "Chưa lưu được những thay đổi mới nhất: {error}. Không còn chỗ riêng nào ghi được: nếu thoát, các thay đổi này sẽ mất. Hãy lưu vào chỗ khác (L) hoặc ở lại. Vẫn thoát?"
        ),
        (Lang::En, None) => format!(
            "The latest changes could not be saved: {error}. No private place can be written: quitting loses them. Save elsewhere (L) or stay. Quit anyway?"
        ),
    }
}

/// The answers of a confirmation.
pub fn yes_no(lang: Lang) -> &'static str {
    lang.pick(
        " Enter/C: Có    Esc/K: Không ",
        " Enter/Y: Yes    Esc/N: No ",
    )
}

/// Taking a draft over did not work.
pub fn take_over_failed(lang: Lang, h: &crate::store::lock::Holder) -> String {
    match lang {
        Lang::Vi => format!(
            "Phiên của {}@{} (pid {}) chưa trả bản nháp sau 5 giây; hãy thoát phiên đó rồi thử lại, hoặc mở chỉ đọc.",
            h.user, h.host, h.pid
        ),
        Lang::En => format!(
            "The session of {}@{} (pid {}) did not let go within 5 s; quit it and try again, or open read-only.",
            h.user, h.host, h.pid
        ),
    }
}

/// Leftovers were moved aside.
pub fn set_aside_done(lang: Lang, dir: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Các tệp còn lại của phiên trước đã được chuyển vào {}",
            dir.display()
        ),
        Lang::En => format!(
            "The previous session's leftover files were moved to {}",
            dir.display()
        ),
    }
}

/// The footer's typing state: "Gõ: Telex".
pub fn input_method_name(lang: Lang, m: crate::ime::InputMethod) -> &'static str {
    use crate::ime::InputMethod::*;
    match (m, lang) {
        (Off, Lang::Vi) => "Gõ: tắt",
        (Off, Lang::En) => "Typing: plain",
        (Telex, Lang::Vi) => "Gõ: Telex",
        (Telex, Lang::En) => "Typing: Telex",
        (Vni, Lang::Vi) => "Gõ: VNI",
        (Vni, Lang::En) => "Typing: VNI",
    }
}

/// The typing state in a word, for a footer short of room.
pub fn input_method_short(lang: Lang, m: crate::ime::InputMethod) -> &'static str {
    use crate::ime::InputMethod::*;
    match (m, lang) {
        (Off, Lang::Vi) => "tắt",
        (Off, Lang::En) => "plain",
        (Telex, _) => "Telex",
        (Vni, _) => "VNI",
    }
}

/// Ctrl-K on an answer that has text.
pub fn kept_but_left_out(lang: Lang) -> &'static str {
    lang.pick(
        "Đã đánh dấu «Không phát sinh»: nội dung đã viết được giữ lại nhưng sẽ không đưa vào báo cáo (Ctrl-K để bỏ đánh dấu)",
        "Marked “Không phát sinh”: the text written is kept but left out of the report (Ctrl-K to unmark)",
    )
}

/// The review step: how the report leaves the program today.
pub fn export_note(lang: Lang) -> &'static str {
    lang.pick(
        "Ctrl-X: xuất báo cáo (DOCX, PDF, XLSX, Markdown).",
        "Ctrl-X: export the report (DOCX, PDF, XLSX, Markdown).",
    )
}

/// The export dialog's title.
pub fn export_title(lang: Lang) -> &'static str {
    lang.pick("Xuất báo cáo", "Export the report")
}

/// The export dialog's format line.
pub fn export_format_label(lang: Lang) -> &'static str {
    lang.pick("Định dạng (Tab để đổi):", "Format (Tab to change):")
}

/// What each export format holds.
pub fn export_format_note(lang: Lang, format: crate::export::Format) -> &'static str {
    use crate::export::Format;
    match format {
        Format::Docx => lang.pick(
            "Toàn văn báo cáo theo thể thức văn bản, phụ lục trang ngang",
            "The whole report in the official layout, appendices on landscape pages",
        ),
        Format::Xlsx => lang.pick(
            "Các phụ lục, mỗi phụ lục một trang tính, có công thức",
            "The appendices, one sheet each, with formulas",
        ),
        Format::Markdown => lang.pick(
            "Toàn văn báo cáo dạng văn bản thuần",
            "The whole report as plain text",
        ),
        Format::Pdf => lang.pick(
            "Bản PDF/A của văn bản để ký số (cần LibreOffice)",
            "The document as PDF/A for the digital signature (needs LibreOffice)",
        ),
    }
}

/// The export dialog's path label.
pub fn export_path_label(lang: Lang) -> &'static str {
    lang.pick("Lưu vào tệp:", "Save to file:")
}

/// The export dialog's warning while errors remain.
pub fn export_draft_warning(lang: Lang, r: crate::export::Readiness) -> String {
    let what = super::not_final(lang, r);
    let see = if r.errors > 0 {
        lang.pick(" Ctrl-E xem lỗi.", " Ctrl-E lists the errors.")
    } else {
        ""
    };
    match lang {
        Lang::Vi => format!("! Còn {what}: bản xuất sẽ mang dấu «DỰ THẢO».{see} Enter vẫn xuất."),
        Lang::En => format!(
            "! {what} remain: the export will be marked “DỰ THẢO” (draft).{see} Enter exports anyway."
        ),
    }
}

/// Nothing to write to.
pub fn export_no_name(lang: Lang) -> &'static str {
    lang.pick(
        "Gõ tên tệp (hoặc để nguyên tên được đề nghị)",
        "Type a file name (or keep the suggested one)",
    )
}

/// The wizard's status after an export: the file's name first, so that a narrow
/// screen cuts the folder rather than the name.
pub fn exported_status(lang: Lang, path: &std::path::Path, r: crate::export::Readiness) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let folder = path
        .parent()
        .map_or_else(String::new, |p| p.display().to_string());
    let what = super::not_final(lang, r);
    match (lang, r.is_draft()) {
        (Lang::Vi, false) => format!("Đã xuất {name} vào {folder}"),
        (Lang::Vi, true) => format!("Đã xuất {name} (DỰ THẢO, còn {what}) vào {folder}"),
        (Lang::En, false) => format!("Exported {name} to {folder}"),
        (Lang::En, true) => format!("Exported {name} (DỰ THẢO: {what}) to {folder}"),
    }
}

/// Quit was asked while an export is being written.
pub fn quit_after_export(lang: Lang) -> &'static str {
    lang.pick(
        "Đang xuất báo cáo; chương trình sẽ thoát khi xuất xong.",
        "Exporting; the program quits once the export is written.",
    )
}

/// While an export is being built.
pub fn exporting(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Đang xuất {}…", path.display()),
        Lang::En => format!("Exporting {}…", path.display()),
    }
}

/// The export dialog's keys.
pub fn export_keys(lang: Lang) -> &'static str {
    lang.pick(
        "Enter: xuất   Tab: đổi định dạng   Ctrl-U: xóa đường dẫn   Esc: thôi",
        "Enter: export   Tab: change format   Ctrl-U: clear the path   Esc: cancel",
    )
}

/// Typing on a heading row.
pub fn heading_row(lang: Lang) -> &'static str {
    lang.pick(
        "Dòng tiêu đề không nhận số liệu: nhập ở các dòng a), b), c) bên dưới",
        "A heading row takes no figures: enter them in the a), b), c) rows below",
    )
}

/// A change as the status line names it after an undo: "xóa ô (5) dòng 2.1 Hộ tịch".
pub fn change_label(lang: Lang, t: &crate::template::Template, c: &Change) -> String {
    let vi = lang == Lang::Vi;
    match c {
        Change::Cell {
            label, col, how, ..
        } => {
            let verb = match (how, vi) {
                (CellChange::Typed, true) => "nhập ô",
                (CellChange::Cleared, true) => "xóa ô",
                (CellChange::Restored, true) => "bỏ sửa ô",
                (CellChange::Typed, false) => "typing in",
                (CellChange::Cleared, false) => "clearing",
                (CellChange::Restored, false) => "cancelling the edit of",
            };
            if vi {
                format!("{verb} ({col}) dòng {label}")
            } else {
                format!("{verb} ({col}), row {label}")
            }
        }
        Change::Field { label, .. } => {
            if vi {
                format!("sửa {label}")
            } else {
                format!("editing {label}")
            }
        }
        Change::AddRow { table } => {
            let name = table_name(lang, t, table);
            if vi {
                format!("thêm dòng ở {name}")
            } else {
                format!("adding a row to {name}")
            }
        }
        Change::DeleteRow { label, .. } => {
            if vi {
                format!("xóa dòng {label}")
            } else {
                format!("deleting row {label}")
            }
        }
        Change::MoveRow { label, .. } => {
            if vi {
                format!("chuyển dòng {label}")
            } else {
                format!("moving row {label}")
            }
        }
        Change::TableNothing { table } => {
            let name = table_name(lang, t, table);
            if vi {
                format!("đánh dấu «Không phát sinh» ở {name}")
            } else {
                format!("marking {name} “Không phát sinh”")
            }
        }
        Change::Explain { label, .. } => {
            if vi {
                format!("giải trình cảnh báo ở {label}")
            } else {
                format!("explaining the warning at {label}")
            }
        }
        Change::Paste { label, .. } => {
            if vi {
                format!("dán vào {label}")
            } else {
                format!("pasting into {label}")
            }
        }
    }
}

/// The status after Ctrl-Z or Ctrl-Y.
pub fn undone(lang: Lang, t: &crate::template::Template, c: &Change, redo: bool) -> String {
    let what = change_label(lang, t, c);
    match (lang, redo) {
        (Lang::Vi, false) => format!("Đã hoàn tác: {what} (Ctrl-Y làm lại)"),
        (Lang::Vi, true) => format!("Đã làm lại: {what}"),
        (Lang::En, false) => format!("Undone: {what} (Ctrl-Y redoes it)"),
        (Lang::En, true) => format!("Redone: {what}"),
    }
}

/// Ctrl-Z or Ctrl-Y with nothing to take back or make again.
pub fn nothing_to_undo(lang: Lang, redo: bool) -> &'static str {
    if redo {
        lang.pick("Không có gì để làm lại", "Nothing to redo")
    } else {
        lang.pick("Không còn gì để hoàn tác", "Nothing left to undo")
    }
}

/// A row with data was deleted: how to get it back.
pub fn row_deleted(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Vi => format!("Đã xóa dòng {label}. Ctrl-Z để lấy lại"),
        Lang::En => format!("Row {label} deleted. Ctrl-Z brings it back"),
    }
}

/// The explanation prompt's title and hint.
pub fn explain_prompt(lang: Lang) -> (&'static str, &'static str) {
    (
        lang.pick(" Giải trình cảnh báo ", " Explain the warning "),
        lang.pick(
            "Vì sao số liệu là đúng (Enter ghi, để trống để bỏ giải trình, Esc thôi):",
            "Why the figure is right (Enter saves, empty removes it, Esc cancels):",
        ),
    )
}

/// Ctrl-R where there is no warning, or only an error.
pub fn nothing_to_explain(lang: Lang, error: bool) -> &'static str {
    if error {
        lang.pick(
            "Lỗi không giải trình được: số liệu phải sửa. Chỉ cảnh báo mới giải trình được",
            "An error cannot be explained away: the figure must be fixed. Only warnings can",
        )
    } else {
        lang.pick(
            "Ở đây không có cảnh báo nào để giải trình",
            "There is no warning here to explain",
        )
    }
}

/// An explanation was saved or removed.
pub fn explained(lang: Lang, kept: bool) -> &'static str {
    if kept {
        lang.pick(
            "Đã ghi giải trình: cảnh báo không còn tính là chưa xử lý",
            "Explanation saved: the warning no longer counts as open",
        )
    } else {
        lang.pick("Đã bỏ giải trình", "Explanation removed")
    }
}

/// An explained warning's note, as shown under it.
pub fn explanation(lang: Lang, note: &str) -> String {
    match lang {
        Lang::Vi => format!("Đã giải trình: {note}"),
        Lang::En => format!("Explained: {note}"),
    }
}
