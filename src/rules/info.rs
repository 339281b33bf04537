//! The report information: the date line must name a day that exists, written
//! dd/mm/yyyy, since it goes into the heading of the document as typed. A blank date
//! is left to the information step's own completeness mark.

use super::{Finding, Place, Problem};
use crate::draft::Draft;
use crate::template::Severity;

/// The rule id shown with these findings ("TT", thông tin: not one of R1–R12).
pub const RULE: &str = "TT";

/// Why a date does not read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateIssue {
    /// Not dd/mm/yyyy.
    Format,
    /// A month other than 1–12.
    NoSuchMonth { month: u32 },
    /// A day past the end of its month.
    NoSuchDay {
        day: u32,
        month: u32,
        year: u32,
        days: u32,
    },
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn number(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads "5/9/2024" or "05/09/2024"; what is wrong otherwise.
pub fn read_date(text: &str) -> Result<(u32, u32, u32), DateIssue> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(DateIssue::Format);
    };
    let (Some(day), Some(month), Some(year)) = (number(d, 2), number(m, 2), number(y, 4)) else {
        return Err(DateIssue::Format);
    };
    if y.len() != 4 || day == 0 {
        return Err(DateIssue::Format);
    }
    if !(1..=12).contains(&month) {
        return Err(DateIssue::NoSuchMonth { month });
    }
    let days = days_in(month, year);
    if day > days {
        return Err(DateIssue::NoSuchDay {
            day,
            month,
            year,
            days,
        });
    }
    Ok((day, month, year))
}

/// Adds a finding when the date is given and does not name a real day.
pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let text = draft.meta.date.trim();
    if text.is_empty() {
        return;
    }
    if let Err(issue) = read_date(text) {
        findings.push(Finding {
            rule: RULE.to_string(),
            severity: Severity::Error,
            place: Place::Info {
                field: "date".to_string(),
            },
            problem: Problem::BadDate {
                text: text.to_string(),
                issue,
            },
            also: Vec::new(),
            explained: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_read_and_impossible_ones_say_why() {
        assert_eq!(read_date("05/09/2024"), Ok((5, 9, 2024)));
        assert_eq!(read_date(" 29/2/2024 "), Ok((29, 2, 2024)));
        assert_eq!(
            read_date("29/02/2025"),
            Err(DateIssue::NoSuchDay {
                day: 29,
                month: 2,
                year: 2025,
                days: 28
            })
        );
        assert_eq!(read_date("31/4/2024").map_err(|_| ()), Err(()));
        assert_eq!(read_date("29/2/1900").map_err(|_| ()), Err(()));
        assert_eq!(read_date("29/2/2000"), Ok((29, 2, 2000)));
        assert_eq!(
            read_date("12/13/2024"),
            Err(DateIssue::NoSuchMonth { month: 13 })
        );
        for bad in [
            "2024-09-05",
            "5/9/24",
            "0/9/2024",
            "a/9/2024",
            "5/9",
            "5/9/2024/1",
        ] {
            assert_eq!(read_date(bad), Err(DateIssue::Format), "{bad}");
        }
    }
}
