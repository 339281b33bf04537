#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The built-in template against the official outline (`tests/fixtures/seed_outline.txt`):
//! every heading, header caption and fixed row of the seed is in the RON, with the
//! documented spelling corrections; plus the template's own validation.

use baocao::template::{
    DEFAULT_RON, FieldKind, HeaderCell, Numbering, RowRole, RowSpec, Section, Table, Target,
    Template, TemplateError, check_semantics,
};
use unicode_normalization::UnicodeNormalization;

/// The defects of the outline that the template corrects (DOMAIN.md, "Known defects of
/// the outline itself"), as (as written, corrected).
const CORRECTIONS: &[(&str, &str)] = &[
    ("tổi chức", "tổ chức"),
    ("nên tại Mục II", "nêu tại Mục II"),
    ("tiếp tiếp nhận", "tiếp nhận"),
    ("Tỷ lỷ lệ", "Tỷ lệ"),
    ("xác điện tử", "xác thực điện tử"),
    (
        "thực hiện phụ lục 1a bên dưới",
        "thực hiện Phụ lục 2 (phụ lục 1a) bên dưới",
    ),
];

/// Numbered headings the outline numbers wrongly: (part, position under the part,
/// number as written). Section III numbers "Bài học kinh nghiệm" 4 a second time.
const RENUMBERED: &[(&str, usize, usize)] = &[("III", 5, 4)];

const PARTS: &[&str] = &["I", "II", "III", "IV", "V"];

// ───────────────────────────── reading the seed ─────────────────────────────

/// The seed outline, NFC (the file mixes composed and decomposed accents).
fn seed_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_outline.txt"
    );
    let raw = std::fs::read_to_string(path).expect("read the seed outline");
    raw.nfc().collect()
}

/// Applies the documented spelling corrections.
fn corrected(s: &str) -> String {
    let mut out = s.to_string();
    for (wrong, right) in CORRECTIONS {
        out = out.replace(wrong, right);
    }
    out
}

/// Comparison form of a heading: NFC, whitespace collapsed, trailing ":" / "." trimmed,
/// lower case. Seed text gets [`corrected`] first; template text is compared as is.
fn norm(s: &str) -> String {
    let s: String = s.nfc().collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches(|c: char| c == ':' || c == '.' || c.is_whitespace())
        .to_lowercase()
}

/// A line made only of dashes, dots or ellipses (a separator or "…." placeholder).
fn is_filler(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '.' | '…'))
}

/// A classified line of the narrative outline.
#[derive(Debug)]
enum Line {
    /// "I. CÔNG TÁC …"
    Part { roman: String, text: String },
    /// "1. Công tác …"
    Numbered { number: usize, text: String },
    /// "a) Công tác …"
    Lettered { letter: char, text: String },
    /// "- Nêu rõ …"
    Bullet(String),
}

/// An appendix of the seed: title lines, table rows (cells), notes under the table.
#[derive(Debug)]
struct Appendix {
    number: String,
    title: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
}

#[derive(Debug)]
struct Seed {
    title: Vec<String>,
    attachment: String,
    outline: Vec<Line>,
    notes: Vec<String>,
    appendices: Vec<Appendix>,
}

fn classify(line: &str) -> Line {
    if let Some(rest) = line.strip_prefix("- ") {
        return Line::Bullet(rest.trim().to_string());
    }
    if let Some((head, rest)) = line.split_once(". ") {
        if PARTS.contains(&head) {
            return Line::Part {
                roman: head.to_string(),
                text: rest.trim().to_string(),
            };
        }
        if !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()) {
            return Line::Numbered {
                number: head.parse().unwrap(),
                text: rest.trim().to_string(),
            };
        }
    }
    let mut chars = line.chars();
    if let (Some(letter), Some(')'), Some(' ')) = (chars.next(), chars.next(), chars.next())
        && letter.is_ascii_lowercase()
    {
        return Line::Lettered {
            letter,
            text: chars.as_str().trim().to_string(),
        };
    }
    panic!("unexpected line in the narrative outline: {line:?}");
}

fn parse_appendix(number: String, lines: &[&str]) -> Appendix {
    let first_cell = lines
        .iter()
        .position(|l| l.starts_with('\t'))
        .unwrap_or(lines.len());
    let title = lines[..first_cell]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !is_filler(l))
        .map(str::to_string)
        .collect();
    // Rows: runs of tab-indented lines (one cell each), separated by empty lines. A
    // line with only a tab is an empty cell, not a separator.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(first_cell) {
        if let Some(cell) = l.strip_prefix('\t') {
            current.push(cell.trim().to_string());
        } else if l.trim().is_empty() {
            if !current.is_empty() {
                rows.push(std::mem::take(&mut current));
            }
        } else {
            end = i;
            break;
        }
    }
    if !current.is_empty() {
        rows.push(current);
    }
    let after: Vec<&str> = lines[end..]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let notes = match after.iter().position(|l| *l == "Lưu ý:") {
        Some(i) => after[i + 1..].iter().map(|l| l.to_string()).collect(),
        None => Vec::new(),
    };
    Appendix {
        number,
        title,
        rows,
        notes,
    }
}

fn parse_seed(text: &str) -> Seed {
    let lines: Vec<&str> = text.lines().collect();
    let sep = lines
        .iter()
        .position(|l| l.trim() == "-----")
        .expect("separator after the preamble");
    let preamble: Vec<&str> = lines[..sep]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(preamble[0], "ĐỀ CƯƠNG BÁO CÁO");
    let attach = preamble
        .iter()
        .position(|l| l.starts_with("(Kèm theo"))
        .expect("the (Kèm theo …) line");
    let title = preamble[1..attach].iter().map(|l| l.to_string()).collect();
    let attachment = preamble[attach..].join(" ");

    let body = &lines[sep + 1..];
    let end = body
        .iter()
        .position(|l| {
            let l = l.trim();
            l.starts_with("(Đính kèm") || l.starts_with('*')
        })
        .expect("end of the narrative outline");
    let outline = body[..end]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(classify)
        .collect();

    let rest = &body[end..];
    let starts: Vec<usize> = rest
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim().starts_with("PHỤ LỤC "))
        .map(|(i, _)| i)
        .collect();
    let notes_end = starts.first().copied().unwrap_or(rest.len());
    let notes = rest[..notes_end]
        .iter()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(|l| l.trim().to_string())
        .collect();
    let mut appendices = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).copied().unwrap_or(rest.len());
        let number = rest[start]
            .trim()
            .strip_prefix("PHỤ LỤC ")
            .unwrap()
            .trim()
            .to_string();
        appendices.push(parse_appendix(number, &rest[start + 1..stop]));
    }
    Seed {
        title,
        attachment,
        outline,
        notes,
        appendices,
    }
}

fn seed() -> Seed {
    parse_seed(&seed_text())
}

fn template() -> Template {
    Template::builtin().expect("the built-in template parses")
}

/// Index of the row of column numbers "(1)", "(2)", … of an appendix.
fn number_row(app: &Appendix) -> usize {
    app.rows
        .iter()
        .position(|r| {
            r.iter()
                .all(|c| c.starts_with('(') && c.ends_with(')') && c.len() > 2)
        })
        .unwrap_or_else(|| panic!("Phụ lục {}: no row of column numbers", app.number))
}

// ───────────────────────────── the narrative outline ─────────────────────────────

/// A heading of the seed matches a section when its corrected text is the title, or the
/// title followed by one of the guidance lines in brackets ("Những tồn tại, hạn chế (lưu
/// ý …)").
fn heading_matches(heading: &str, section: &Section) -> bool {
    let h = norm(&corrected(heading));
    let t = norm(&section.title);
    h == t
        || section
            .guidance
            .iter()
            .any(|g| h == format!("{t} ({})", norm(g)))
}

/// Checks the lettered items seen under one step against its fields.
fn close_step(step: &Section, letters: &[char]) {
    let lettered: Vec<&str> = step
        .fields
        .iter()
        .filter(|f| f.number.ends_with(')'))
        .map(|f| f.id.as_str())
        .collect();
    let seen: Vec<String> = letters.iter().map(char::to_string).collect();
    assert_eq!(
        lettered, seen,
        "section {}: lettered fields differ from the outline's items",
        step.id
    );
    if letters.is_empty() {
        assert!(
            step.fields
                .iter()
                .any(|f| f.id == "text" && f.kind == FieldKind::Text),
            "section {}: a step without lettered items needs a \"text\" field",
            step.id
        );
    }
}

#[test]
fn every_outline_heading_is_in_the_template() {
    let seed = seed();
    let t = template();
    let mut part: Option<&Section> = None;
    let mut parts_seen = 0;
    let mut position = 0; // numbered headings seen under the current part
    let mut step: Option<&Section> = None; // the sub-section of the current numbered heading
    let mut letters: Vec<char> = Vec::new();

    let close_part = |part: Option<&Section>, position: usize| {
        if let Some(p) = part {
            let expected = if p.children.is_empty() {
                p.fields.iter().filter(|f| f.id != "text").count()
            } else {
                p.children.len()
            };
            assert_eq!(
                position, expected,
                "part {}: the outline has {position} numbered headings, the template {expected}",
                p.id
            );
        }
    };

    for line in &seed.outline {
        match line {
            Line::Part { roman, text } => {
                if let Some(s) = step.take() {
                    close_step(s, &letters);
                }
                close_part(part, position);
                let section = t
                    .sections
                    .get(parts_seen)
                    .unwrap_or_else(|| panic!("no template part for {roman}. {text}"));
                assert_eq!(&section.id, roman);
                assert_eq!(section.number, format!("{roman}."));
                assert!(
                    heading_matches(text, section),
                    "part {roman}: {text:?} vs title {:?}",
                    section.title
                );
                parts_seen += 1;
                part = Some(section);
                position = 0;
                letters.clear();
            }
            Line::Numbered { number, text } => {
                let p = part.expect("a numbered heading before any part");
                if let Some(s) = step.take() {
                    close_step(s, &letters);
                }
                letters.clear();
                position += 1;
                let written = RENUMBERED
                    .iter()
                    .find(|(id, pos, _)| *id == p.id && *pos == position)
                    .map_or(position, |(_, _, n)| *n);
                assert_eq!(
                    *number, written,
                    "part {}: heading {text:?} numbered {number}, expected {written}",
                    p.id
                );
                if p.children.is_empty() {
                    let id = position.to_string();
                    let field = p
                        .fields
                        .iter()
                        .find(|f| f.id == id)
                        .unwrap_or_else(|| panic!("part {}: no field {id} for {text:?}", p.id));
                    assert_eq!(field.number, format!("{position}."));
                    assert_eq!(field.kind, FieldKind::Text);
                    assert_eq!(norm(&field.title), norm(&corrected(text)), "{}/{id}", p.id);
                } else {
                    let child = p.children.get(position - 1).unwrap_or_else(|| {
                        panic!("part {}: no sub-section {position} for {text:?}", p.id)
                    });
                    assert_eq!(child.id, format!("{}.{position}", p.id));
                    assert_eq!(child.number, format!("{position}."));
                    assert!(
                        heading_matches(text, child),
                        "section {}: {text:?} vs title {:?} / guidance {:?}",
                        child.id,
                        child.title,
                        child.guidance
                    );
                    step = Some(child);
                }
            }
            Line::Lettered { letter, text } => {
                let s = step.unwrap_or_else(|| panic!("lettered item {text:?} outside a step"));
                let id = letter.to_string();
                let field = s
                    .fields
                    .iter()
                    .find(|f| f.id == id)
                    .unwrap_or_else(|| panic!("section {}: no field {id} for {text:?}", s.id));
                assert_eq!(field.number, format!("{letter})"));
                assert_eq!(field.kind, FieldKind::Text);
                assert_eq!(norm(&field.title), norm(&corrected(text)), "{}/{id}", s.id);
                letters.push(*letter);
            }
            Line::Bullet(text) => {
                let s = step.unwrap_or_else(|| panic!("bullet {text:?} outside a step"));
                let text = corrected(text);
                assert!(
                    s.guidance.contains(&text),
                    "section {}: guidance lacks {text:?}: {:?}",
                    s.id,
                    s.guidance
                );
            }
        }
    }
    if let Some(s) = step.take() {
        close_step(s, &letters);
    }
    close_part(part, position);
    assert_eq!(parts_seen, t.sections.len(), "parts of the outline");
    // A part without sub-sections is itself a step (IV, V); I–III are pure headings.
    for p in &t.sections {
        assert_eq!(
            p.fields.is_empty(),
            !p.children.is_empty(),
            "part {}: fields xor children",
            p.id
        );
    }
}

#[test]
fn summary_attachment_and_notes_are_the_outline_s() {
    let seed = seed();
    let t = template();
    assert_eq!(t.title.join(" "), seed.title.join(" "));
    assert_eq!(t.attachment, seed.attachment);
    let notes: Vec<String> = seed.notes.iter().map(|n| corrected(n)).collect();
    assert_eq!(t.notes, notes);
    assert!(t.notes[0].contains("28/9/2021") && t.notes[0].contains("30/8/2024"));
}

// ───────────────────────────── the appendix tables ─────────────────────────────

/// Places the header cells on a grid (as an HTML table does) and returns, for every
/// header row, the starting column of each of its cells. Panics unless the cells
/// exactly tile rows × columns.
fn place_header(table: &Table) -> Vec<Vec<usize>> {
    let rows = table.header.len();
    let cols = table.columns.len();
    let mut taken = vec![vec![false; cols]; rows];
    let mut starts = Vec::new();
    for (r, row) in table.header.iter().enumerate() {
        let mut col = 0;
        let mut row_starts = Vec::new();
        for cell in row {
            while col < cols && taken[r][col] {
                col += 1;
            }
            let (cs, rs) = (usize::from(cell.colspan), usize::from(cell.rowspan));
            assert!(
                cs >= 1 && rs >= 1 && col + cs <= cols && r + rs <= rows,
                "table {}: header cell {:?} does not fit",
                table.id,
                cell.text
            );
            for line in taken.iter_mut().skip(r).take(rs) {
                for slot in line.iter_mut().skip(col).take(cs) {
                    assert!(!*slot, "table {}: header cells overlap", table.id);
                    *slot = true;
                }
            }
            row_starts.push(col);
            col += cs;
        }
        starts.push(row_starts);
    }
    assert!(
        taken.iter().flatten().all(|t| *t),
        "table {}: the header rows leave holes",
        table.id
    );
    starts
}

/// The header cells standing above column `col`.
fn captions_over(table: &Table, starts: &[Vec<usize>], col: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (row, row_starts) in table.header.iter().zip(starts) {
        for (cell, &start) in row.iter().zip(row_starts) {
            if start <= col && col < start + usize::from(cell.colspan) {
                out.push(cell.text.clone());
            }
        }
    }
    out
}

#[test]
fn table_titles_column_numbers_and_headers_are_the_outline_s() {
    let seed = seed();
    let t = template();
    assert_eq!(
        seed.appendices.len(),
        t.tables.len(),
        "number of appendices"
    );
    for (app, table) in seed.appendices.iter().zip(&t.tables) {
        assert_eq!(table.number, app.number);
        assert_eq!(table.id, format!("pl{}", app.number));
        assert_eq!(table.title, app.title, "table {} title", table.id);
        assert!(table.title.last().unwrap().starts_with("(Kèm theo"));
        let notes: Vec<String> = app.notes.iter().map(|n| corrected(n)).collect();
        assert_eq!(table.notes, notes, "table {} notes", table.id);

        // The row of column numbers.
        let numbers = number_row(app);
        let ids: Vec<String> = app.rows[numbers]
            .iter()
            .map(|c| c.trim_matches(|ch| ch == '(' || ch == ')').to_string())
            .collect();
        let template_ids: Vec<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(template_ids, ids, "table {} column numbers", table.id);

        // The official header rows, above the column numbers; blank rows are spacers.
        let seed_header: Vec<&Vec<String>> = app.rows[..numbers]
            .iter()
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .collect();
        assert_eq!(
            table.header.len(),
            seed_header.len(),
            "table {}: header rows",
            table.id
        );
        let starts = place_header(table);
        for ((seed_row, row), row_starts) in seed_header.iter().zip(&table.header).zip(&starts) {
            let seed_texts: Vec<&str> = seed_row
                .iter()
                .filter(|c| !c.is_empty())
                .map(String::as_str)
                .collect();
            let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(texts, seed_texts, "table {} header captions", table.id);
            // A seed row with one cell per column shows where each caption stands.
            if seed_row.len() == table.columns.len() {
                let seed_cols: Vec<usize> = seed_row
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(row_starts, &seed_cols, "table {} header columns", table.id);
            }
        }
        for (i, col) in table.columns.iter().enumerate() {
            assert!(
                !col.short.is_empty() && col.short.chars().count() <= 12,
                "table {}, column {}: short caption {:?}",
                table.id,
                col.id,
                col.short
            );
            let header = col.header.to_lowercase();
            for caption in captions_over(table, &starts, i) {
                assert!(
                    header.contains(&caption.to_lowercase()),
                    "table {}, column {}: header {:?} lacks {caption:?}",
                    table.id,
                    col.id,
                    col.header
                );
            }
        }
    }
}

/// What a data row of a seed table is.
enum SeedRow<'a> {
    /// All cells blank: room for rows the user adds.
    Blank,
    /// "…. / ….." : more of the same.
    Filler,
    /// An example of an added row ("1 / Lĩnh vực…"): its STT and placeholder.
    Example { stt: &'a str, label: &'a str },
    /// A fixed row of the template.
    Fixed(&'a [String]),
}

fn seed_row(cells: &[String]) -> SeedRow<'_> {
    let stt = cells.first().map_or("", String::as_str);
    let label = cells.get(1).map_or("", String::as_str);
    if cells.iter().all(|c| c.is_empty()) {
        SeedRow::Blank
    } else if is_filler(stt) && is_filler(label) {
        SeedRow::Filler
    } else if label.ends_with('…') {
        SeedRow::Example { stt, label }
    } else {
        SeedRow::Fixed(cells)
    }
}

#[test]
fn every_row_label_target_and_responsible_unit_is_in_the_template() {
    use baocao::template::ColumnKind;
    let seed = seed();
    let t = template();
    for (app, table) in seed.appendices.iter().zip(&t.tables) {
        let fixed = table.all_rows();
        let target_col = table
            .columns
            .iter()
            .position(|c| c.kind == ColumnKind::Target);
        let responsible_col = table
            .columns
            .iter()
            .position(|c| c.kind == ColumnKind::Responsible);
        let mut next = 0;
        let mut last: Option<&RowSpec> = None;
        let mut responsible = String::new();
        for cells in &app.rows[number_row(app) + 1..] {
            match seed_row(cells) {
                SeedRow::Filler => {}
                SeedRow::Blank => assert!(
                    table.rows.is_empty() && table.accepts.is_some(),
                    "table {}: blank rows of the outline are for added rows",
                    table.id
                ),
                SeedRow::Example { stt, label } => {
                    let accepts = last
                        .map_or(table.accepts.as_ref(), |r| r.accepts.as_ref())
                        .unwrap_or_else(|| {
                            panic!("table {}: {stt} {label} cannot be added", table.id)
                        });
                    assert_eq!(accepts.placeholder, label, "table {}", table.id);
                    let numbering = if stt.contains('.') {
                        Numbering::Nested
                    } else {
                        Numbering::Plain
                    };
                    assert_eq!(accepts.numbering, numbering, "table {} {stt}", table.id);
                }
                SeedRow::Fixed(cells) => {
                    let (depth, row) = *fixed.get(next).unwrap_or_else(|| {
                        panic!("table {}: no template row for {cells:?}", table.id)
                    });
                    next += 1;
                    last = Some(row);
                    assert_eq!(row.stt, cells[0], "table {} row {}", table.id, row.key);
                    assert_eq!(
                        row.label,
                        corrected(&cells[1]),
                        "table {} row {}",
                        table.id,
                        row.key
                    );
                    if row.stt.ends_with(')') {
                        assert_eq!(depth, 1, "table {}: {} is a sub-row", table.id, row.key);
                    }
                    if let Some(c) = responsible_col
                        && !cells[c].is_empty()
                    {
                        responsible = cells[c].clone();
                    }
                    match (&row.role, &row.indicator) {
                        (RowRole::Indicator, Some(ind)) => {
                            let c = target_col.expect("an indicator table has a target column");
                            assert_eq!(ind.target_text, cells[c], "table {} {}", table.id, row.key);
                            assert_eq!(ind.responsible, responsible, "{} {}", table.id, row.key);
                            assert!(row.children.is_empty());
                        }
                        (RowRole::Heading, None) => {
                            if let Some(c) = target_col {
                                assert!(cells[c].is_empty(), "{} {}", table.id, row.key);
                            }
                            assert_eq!(row.responsible, responsible, "{} {}", table.id, row.key);
                            assert!(!row.children.is_empty(), "{} {}", table.id, row.key);
                        }
                        (RowRole::Group | RowRole::Total(_), None) => {}
                        (role, ind) => {
                            panic!("table {} row {}: {role:?} with {ind:?}", table.id, row.key)
                        }
                    }
                }
            }
        }
        assert_eq!(
            next,
            fixed.len(),
            "table {}: the template has fixed rows the outline lacks",
            table.id
        );
    }
}

// ───────────────────────────── fixed facts ─────────────────────────────

/// The first whole number written in a target ("03 cuộc/năm" → 3, "TOP 20" → 20).
fn first_number(s: &str) -> f64 {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in {s:?}"))
}

#[test]
fn fixed_facts_of_the_outline() {
    let t = template();
    assert_eq!(t.sections.len(), 5, "five parts I–V");
    let ids: Vec<&str> = t.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, PARTS);

    // Phụ lục 3: twenty numbered indicators.
    let pl3 = t.table("pl3").expect("pl3");
    let top: Vec<&str> = pl3.rows.iter().map(|r| r.stt.as_str()).collect();
    let expected: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
    assert_eq!(top, expected);
    for r in &pl3.rows {
        assert_eq!(r.key, r.stt);
    }

    // Phụ lục 1: two header rows, "Số hồ sơ đã giải quyết" over three columns.
    let pl1 = t.table("pl1").expect("pl1");
    assert_eq!(pl1.header.len(), 2);
    let solved: Vec<&HeaderCell> = pl1
        .header
        .iter()
        .flatten()
        .filter(|c| c.text == "Số hồ sơ đã giải quyết")
        .collect();
    assert_eq!(solved.len(), 1);
    assert_eq!(solved[0].colspan, 3);
    assert_eq!(
        pl1.row("TOTAL").map(|r| &r.role),
        Some(&RowRole::Total(vec!["I".into(), "II".into(), "III".into()]))
    );
    for t in &t.tables {
        if t.id != "pl1" {
            assert_eq!(t.header.len(), 1, "table {}: one header row", t.id);
        }
    }

    // Every indicator row has an indicator with a known unit and a matching target.
    for table in &t.tables {
        for (_, row) in table.all_rows() {
            assert_eq!(
                row.role == RowRole::Indicator,
                row.indicator.is_some(),
                "table {} row {}",
                table.id,
                row.key
            );
            let Some(ind) = &row.indicator else { continue };
            let unit = t
                .unit(&ind.unit)
                .unwrap_or_else(|| panic!("row {}: unknown unit {:?}", row.key, ind.unit));
            assert!(!ind.responsible.is_empty(), "row {}", row.key);
            assert_eq!(
                ind.target.value(),
                first_number(&ind.target_text),
                "row {}: target {:?} vs {:?}",
                row.key,
                ind.target,
                ind.target_text
            );
            let rank_target = matches!(ind.target, Target::RankAtMost(_));
            assert_eq!(rank_target, unit.rank, "row {}", row.key);
            assert_eq!(
                rank_target,
                ind.target_text.starts_with("TOP"),
                "row {}",
                row.key
            );
        }
    }

    // The typed numbers of the narrative.
    let kinds = |section: &str| -> Vec<(String, FieldKind)> {
        t.section(section)
            .expect("section")
            .fields
            .iter()
            .filter(|f| f.kind != FieldKind::Text)
            .map(|f| (f.id.clone(), f.kind))
            .collect()
    };
    let whole = |id: &str| (id.to_string(), FieldKind::Whole);
    let decimal = |id: &str| (id.to_string(), FieldKind::Decimal);
    assert_eq!(kinds("I.1"), vec![whole("dang_vien"), whole("can_bo")]);
    assert_eq!(kinds("I.4"), vec![whole("so_cuoc")]);
    let mut ii7 = Vec::new();
    for year in 2021..=2023 {
        ii7.push(decimal(&format!("diem_{year}")));
        ii7.push(whole(&format!("vi_thu_{year}")));
    }
    assert_eq!(kinds("II.7"), ii7);
    assert_eq!(t.table("pl2").map(|t| t.alias.as_str()), Some("phụ lục 1a"));
}

// ───────────────────────────── validation ─────────────────────────────

#[test]
fn builtin_template_parses_and_passes_semantic_checks() {
    let t = template();
    assert_eq!(t.id, "nq05-tu-so-ket-3-nam");
    assert_eq!(check_semantics(&t), Ok(()));
    let nfc: String = DEFAULT_RON.nfc().collect();
    assert!(nfc == DEFAULT_RON, "the template is NFC");
    assert!(!DEFAULT_RON.contains('\\'), "the template has no escapes");
    // No text of the template keeps a documented defect of the outline.
    let all = serde_json::to_string(&t).expect("serialize the template");
    for (wrong, _) in CORRECTIONS {
        assert!(!all.contains(wrong), "the template still writes {wrong:?}");
    }
    let ids: Vec<&str> = t.rules.iter().map(|r| r.id.as_str()).collect();
    for n in 1..=12 {
        assert!(ids.contains(&format!("R{n}").as_str()), "rule R{n}");
    }
}

#[test]
fn a_rule_naming_an_unknown_table_is_refused_by_name() {
    let rule = "(id: \"R1\", severity: Error, kind: RowSum(table: \"pl1\"";
    assert_eq!(
        DEFAULT_RON.matches(rule).count(),
        1,
        "the rule R1 to rename"
    );
    let broken = DEFAULT_RON.replace(rule, &rule.replace("pl1", "pl9"));
    let Err(err) = Template::parse(&broken, "copy.ron") else {
        panic!("a rule on table pl9 was accepted");
    };
    assert!(matches!(err, TemplateError::Invalid { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("pl9"), "{message}");
    assert!(message.contains("copy.ron"), "{message}");
}

#[test]
fn a_syntax_error_is_reported_with_line_and_column() {
    let target = "    version: 1,";
    let line = DEFAULT_RON
        .lines()
        .position(|l| l == target)
        .expect("the version line")
        + 1;
    let broken = DEFAULT_RON.replacen(target, "    version: \"one\",", 1);
    let Err(err) = Template::parse(&broken, "copy.ron") else {
        panic!("a string was accepted as the version");
    };
    match &err {
        TemplateError::Syntax {
            origin,
            line: l,
            column,
            ..
        } => {
            assert_eq!(origin, "copy.ron");
            assert_eq!(*l, line, "{err}");
            assert!(*column >= 1, "{err}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(
        err.to_string().starts_with(&format!("copy.ron:{line}:")),
        "{err}"
    );
}
