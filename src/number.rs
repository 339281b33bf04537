//! Vietnamese numbers: parsing what a user typed and formatting for display.
//!
//! Display uses "." between thousands and "," before decimals: 1.234.567 and 95,5.
//! Input accepts "1234", "1.234", "1 234" for whole numbers and "95,5" or "95.5" for
//! decimals. A dot followed by exactly three digits is always a thousands separator
//! (the Vietnamese reading, and what the display shows). Input that could mean two
//! different numbers ("1,234" for a count) or is not a number is refused with a reason;
//! nothing is guessed. The raw text always stays in the draft.

use std::fmt;

/// What kind of number a place expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A whole number (counts, ranks).
    Whole,
    /// A number that may have decimals (percentages, scores).
    Decimal,
}

/// Why a typed text is not accepted as a number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumError {
    /// Contains something other than digits, separators and a leading minus.
    NotANumber,
    /// Uses digits other than 0–9 (full-width "１２", Arabic-Indic …).
    ForeignDigits,
    /// A comma in a whole number: "1,234" may be 1234 or 1,234.
    AmbiguousComma,
    /// Both separators in the English order "1,234.5".
    EnglishGrouping,
    /// Decimals where a whole number is required.
    NotWhole,
    /// Separators in impossible places ("1.2.3", "12.34.567", "1..2").
    BadGrouping,
    /// Too many digits to be a report figure.
    TooLarge,
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::i18n::num_error(crate::i18n::Lang::Vi, self))
    }
}

const MAX_DIGITS: usize = 15;

/// Parses typed text. `Ok(None)` is a blank ("not entered").
pub fn parse(raw: &str, expect: Expect) -> Result<Option<f64>, NumError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // The common case, plain digits, without allocating.
    if s.len() <= MAX_DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().map(Some).map_err(|_| NumError::NotANumber);
    }
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let body = match expect {
        Expect::Decimal => body.strip_suffix('%').map(str::trim_end).unwrap_or(body),
        Expect::Whole => body,
    };
    if body.is_empty() {
        return Err(NumError::NotANumber);
    }
    for c in body.chars() {
        if c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}') {
            continue;
        }
        if c.is_numeric() {
            return Err(NumError::ForeignDigits);
        }
        return Err(NumError::NotANumber);
    }
    let (int_part, frac_part) = split_decimal(body, expect)?;
    let digits = group_digits(int_part)?;
    if let Some(frac) = frac_part
        && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(NumError::BadGrouping);
    }
    if digits.len() + frac_part.map_or(0, str::len) > MAX_DIGITS {
        return Err(NumError::TooLarge);
    }
    let text = match frac_part {
        Some(frac) => format!("{digits}.{frac}"),
        None => digits,
    };
    let value: f64 = text.parse().map_err(|_| NumError::NotANumber)?;
    if expect == Expect::Whole && value.fract() != 0.0 {
        return Err(NumError::NotWhole);
    }
    Ok(Some(if neg { -value } else { value }))
}

/// Splits at the decimal separator, if any, per the rules in the module docs.
fn split_decimal(body: &str, expect: Expect) -> Result<(&str, Option<&str>), NumError> {
    let comma = body.find(',');
    let last_dot = body.rfind('.');
    if let (Some(c), Some(d)) = (comma, last_dot)
        && c < d
    {
        return Err(NumError::EnglishGrouping);
    }
    if let Some(c) = comma {
        let frac = &body[c + 1..];
        if frac.contains(',') {
            return Err(NumError::BadGrouping);
        }
        return match expect {
            Expect::Decimal => Ok((&body[..c], Some(frac))),
            Expect::Whole if frac.len() == 3 && frac.bytes().all(|b| b.is_ascii_digit()) => {
                Err(NumError::AmbiguousComma)
            }
            Expect::Whole => Err(NumError::NotWhole),
        };
    }
    // No comma: a single dot not followed by exactly three digits is a decimal point.
    if let Some(d) = last_dot
        && body.matches('.').count() == 1
    {
        let frac = &body[d + 1..];
        if frac.len() != 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return match expect {
                Expect::Decimal => Ok((&body[..d], Some(frac))),
                Expect::Whole if frac.bytes().all(|b| b.is_ascii_digit()) && !frac.is_empty() => {
                    Err(NumError::NotWhole)
                }
                Expect::Whole => Err(NumError::BadGrouping),
            };
        }
    }
    Ok((body, None))
}

/// Removes thousands separators, checking that groups after the first have 3 digits.
fn group_digits(int_part: &str) -> Result<String, NumError> {
    let groups: Vec<&str> = int_part.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return Err(NumError::BadGrouping);
    }
    if groups.len() > 1 {
        let first = groups[0].len();
        if first > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(NumError::BadGrouping);
        }
    }
    Ok(groups.concat())
}

/// Formats exactly (every significant digit), Vietnamese style: 1.234,5.
/// `parse(format(x))` gives back `x`.
pub fn format(value: f64) -> String {
    vietnamese(&format!("{value}"))
}

/// Formats rounded to at most `decimals` places, without trailing zeros.
pub fn format_rounded(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let s = if s == "-0" { "0".to_string() } else { s };
    vietnamese(&s)
}

/// Rewrites Rust's "-1234.5" as "-1.234,5".
fn vietnamese(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    out.push_str(sign);
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_thousands_and_decimals() {
        assert_eq!(format(1_234_567.0), "1.234.567");
        assert_eq!(format(95.5), "95,5");
        assert_eq!(format(-3.0), "-3");
        assert_eq!(format(0.0), "0");
        assert_eq!(format(123.0), "123");
        assert_eq!(format_rounded(4.200000000000003, 2), "4,2");
        assert_eq!(format_rounded(-0.001, 2), "0");
        assert_eq!(format_rounded(1250.0, 2), "1.250");
    }
}
