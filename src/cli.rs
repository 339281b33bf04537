//! The command line: `baocao` (wizard), `new`, `open`, `list`, `check`, `show`,
//! `template check|dump`. Each command reads through `store`, evaluates through
//! `rules`, and prints through `i18n`; exit codes are documented on [`run`].

/// Prints a line to stdout; a closed pipe (`baocao check … | head`) is not an error
/// worth a panic, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        // What a draft holds is text: its control characters are shown, not obeyed.
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stdout(), "{}", $crate::visible::visible(&text));
    }};
}

/// Prints to stdout without a newline, ignoring write errors like [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = write!(std::io::stdout(), "{}", $crate::visible::visible(&text));
    }};
}

pub(crate) use {say, say_raw};

mod drafts;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::draft::{Draft, UnitGroup};
use crate::i18n::{self, Lang};
use crate::store::{self, Store};
use crate::template::{Template, TemplateError};

/// baocao — báo cáo sơ kết 03 năm Nghị quyết 05-NQ/TU (fill the NQ 05 review report).
#[derive(Debug, Parser)]
#[command(name = "baocao", version)]
pub struct Cli {
    /// Ngôn ngữ giao diện / interface language: vi, en.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    /// Đề cương từ tệp thay cho đề cương có sẵn / outline file instead of the built-in.
    #[arg(long, global = true, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Chỉ dùng ký tự ASCII để vẽ khung / draw lines and marks with ASCII only.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Lệnh / command (none: open the wizard).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo bản nháp mới / create a draft.
    New {
        /// Tên bản nháp / draft name.
        name: String,
        /// Đơn vị báo cáo / reporting unit.
        #[arg(long)]
        unit: String,
        /// Nhóm / group: I (Sở, ban, ngành), II (ngành dọc), III (huyện, thành phố).
        #[arg(long, value_parser = parse_group)]
        group: UnitGroup,
        /// Cơ quan Đảng / a Party body (Party document layout).
        #[arg(long)]
        party: bool,
        /// Cơ quan chủ quản / parent body.
        #[arg(long)]
        parent: Option<String>,
    },
    /// Mở bản nháp trong trình hướng dẫn / open a draft in the wizard.
    Open {
        /// Tên hoặc đường dẫn / name or path.
        name: String,
        /// Mở tại bước / open at step: i.1, ii.2, pl1, pl3, review.
        #[arg(long)]
        goto: Option<String>,
    },
    /// Liệt kê bản nháp / list drafts.
    List,
    /// Kiểm tra bản nháp / check a draft: exit 0 no errors, 1 errors, 2 unreadable.
    Check {
        /// Tên hoặc đường dẫn / name or path.
        draft: String,
        /// In dạng JSON / print JSON.
        #[arg(long)]
        json: bool,
    },
    /// In toàn bộ báo cáo / print the whole report as text.
    Show {
        /// Tên hoặc đường dẫn / name or path.
        draft: String,
    },
    /// For the fault tests: saves a draft `count` times, each a new state, printing the
    /// number of each state once it is on disk.
    #[command(hide = true)]
    SaveLoop {
        /// The draft file.
        file: PathBuf,
        /// How many saves.
        #[arg(long, default_value_t = 1)]
        count: u64,
    },
    /// Xuất báo cáo / export the report: .docx (official layout), .xlsx (appendices), .md.
    Export {
        /// Tên hoặc đường dẫn / name or path.
        draft: String,
        /// Tệp xuất / the file to write.
        #[arg(long)]
        to: PathBuf,
        /// Định dạng / format: md, docx, xlsx (default: from the extension).
        #[arg(long)]
        format: Option<String>,
        /// Markdown: ngắt dòng ở cột / wrap prose at this column.
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// Ghi kèm tệp thông tin văn bản (JSON) / also write the document's
        /// identification beside it as NAME.meta.json.
        #[arg(long)]
        meta: bool,
    },
    /// Đề cương / outline templates.
    Template {
        /// Việc cần làm / action.
        #[command(subcommand)]
        action: TemplateAction,
    },
}

/// `template` actions.
#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Kiểm tra tệp đề cương / validate an outline file.
    Check {
        /// Tệp / file.
        file: PathBuf,
    },
    /// In đề cương có sẵn / print the built-in outline.
    Dump,
}

fn parse_group(s: &str) -> Result<UnitGroup, String> {
    UnitGroup::parse(s).ok_or_else(|| format!("\"{s}\": I, II, III"))
}

/// What every command needs.
pub struct Env {
    /// Interface language.
    pub lang: Lang,
    /// The outline in use.
    pub template: Template,
    /// The drafts folder.
    pub store: Store,
    /// Draw with ASCII only.
    pub ascii: bool,
}

impl Env {
    /// Loads a draft by name or path.
    pub fn load(&self, name_or_path: &str) -> Result<(PathBuf, Draft), Failure> {
        let path = self
            .store
            .resolve(name_or_path)
            .map_err(|e| Failure::new(i18n::store_error(self.lang, &e)))?;
        let draft = store::load(&path, &[&self.template]).map_err(|e| {
            let hint = self.store.cwd_file(name_or_path);
            Failure::new(i18n::load_error_with_hint(self.lang, &e, hint.as_deref()))
        })?;
        Ok((path, draft))
    }
}

/// A command that failed, with its message in the user's language. Exit code 2.
#[derive(Debug)]
pub struct Failure {
    /// What to print.
    pub message: String,
}

impl Failure {
    fn new(message: String) -> Failure {
        Failure { message }
    }
}

fn load_template(lang: Lang, path: Option<&PathBuf>) -> Result<Template, Failure> {
    let result = match path {
        None => Template::builtin(),
        Some(p) => read_template(p),
    };
    result.map_err(|e| Failure::new(i18n::template_error(lang, &e)))
}

fn read_template(path: &std::path::Path) -> Result<Template, TemplateError> {
    let io = |source| TemplateError::Io {
        path: path.display().to_string(),
        source,
    };
    let bytes = crate::store::read::read_regular(path, crate::store::read::MAX_DRAFT_BYTES)
        .map_err(|e| io(e.into_io()))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    Template::parse(&text, &path.display().to_string())
}

/// Runs a parsed command line. Exit codes: 0 success (and `check` without errors),
/// 1 `check` found errors, 2 failure (message printed to stderr by the caller).
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let lang = Lang::detect(cli.lang.as_deref());
    crate::tui::safety::ignore_file_size_signal();
    if let Some(Command::Template { action }) = &cli.command {
        return template_action(lang, action);
    }
    let template = load_template(lang, cli.template.as_ref())?;
    let store = Store::from_env().map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
    let env = Env {
        lang,
        template,
        store,
        ascii: cli.ascii,
    };
    match cli.command {
        None => crate::tui::run(&env, None, None),
        Some(Command::Open { name, goto }) => crate::tui::run(&env, Some(&name), goto.as_deref()),
        Some(Command::New {
            name,
            unit,
            group,
            party,
            parent,
        }) => drafts::new(&env, &name, unit, group, party, parent),
        Some(Command::List) => drafts::list(&env),
        Some(Command::Check { draft, json }) => output::check(&env, &draft, json),
        Some(Command::Show { draft }) => output::show(&env, &draft),
        Some(Command::Export {
            draft,
            to,
            format,
            width,
            meta,
        }) => {
            let options = crate::export::Options {
                width: usize::from(width),
            };
            output::export(&env, &draft, &to, format.as_deref(), options, meta)
        }
        Some(Command::SaveLoop { file, count }) => drafts::save_loop(&env, &file, count),
        Some(Command::Template { .. }) => Ok(ExitCode::SUCCESS),
    }
}

fn template_action(lang: Lang, action: &TemplateAction) -> Result<ExitCode, Failure> {
    match action {
        TemplateAction::Check { file } => {
            let t =
                read_template(file).map_err(|e| Failure::new(i18n::template_error(lang, &e)))?;
            crate::cli::say!(
                "{}",
                i18n::template_ok(lang, t.steps().len(), t.tables.len(), t.rules.len())
            );
            Ok(ExitCode::SUCCESS)
        }
        TemplateAction::Dump => {
            crate::cli::say_raw!("{}", crate::template::DEFAULT_RON);
            Ok(ExitCode::SUCCESS)
        }
    }
}
