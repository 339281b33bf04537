#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Vietnamese number parsing and formatting: the edge cases users type, and properties.

use baocao::number::{Expect, NumError, format, format_rounded, parse};
use proptest::prelude::*;

fn whole(s: &str) -> Result<Option<f64>, NumError> {
    parse(s, Expect::Whole)
}
fn dec(s: &str) -> Result<Option<f64>, NumError> {
    parse(s, Expect::Decimal)
}

#[test]
fn whole_numbers_accept_the_three_ways_of_writing_thousands() {
    assert_eq!(whole("1234"), Ok(Some(1234.0)));
    assert_eq!(whole("1.234"), Ok(Some(1234.0)));
    assert_eq!(whole("1 234"), Ok(Some(1234.0)));
    assert_eq!(whole("1\u{a0}234"), Ok(Some(1234.0)));
    assert_eq!(whole("1.234.567"), Ok(Some(1_234_567.0)));
    assert_eq!(whole("  42  "), Ok(Some(42.0)));
}

#[test]
fn decimals_accept_comma_and_dot() {
    assert_eq!(dec("95,5"), Ok(Some(95.5)));
    assert_eq!(dec("95.5"), Ok(Some(95.5)));
    assert_eq!(dec("84,12"), Ok(Some(84.12)));
    assert_eq!(dec("1.234,5"), Ok(Some(1234.5)));
    assert_eq!(dec("95,5%"), Ok(Some(95.5)));
    // Comma is the Vietnamese decimal mark, so in a decimal place it is not ambiguous.
    assert_eq!(dec("1,234"), Ok(Some(1.234)));
}

#[test]
fn a_comma_in_a_count_is_refused_as_ambiguous() {
    assert_eq!(whole("1,234"), Err(NumError::AmbiguousComma));
    assert_eq!(whole("1,5"), Err(NumError::NotWhole));
    assert_eq!(whole("95.5"), Err(NumError::NotWhole));
}

#[test]
fn negative_numbers_parse_so_that_the_range_rule_can_say_why_they_are_wrong() {
    assert_eq!(whole("-3"), Ok(Some(-3.0)));
    assert_eq!(dec("-2,5"), Ok(Some(-2.5)));
}

#[test]
fn blank_is_not_entered_rather_than_zero() {
    assert_eq!(whole(""), Ok(None));
    assert_eq!(whole("   "), Ok(None));
    assert_eq!(dec(""), Ok(None));
}

#[test]
fn what_is_not_a_number_is_refused_with_its_reason() {
    assert_eq!(whole("abc"), Err(NumError::NotANumber));
    assert_eq!(whole("12a"), Err(NumError::NotANumber));
    assert_eq!(whole("-"), Err(NumError::NotANumber));
    assert_eq!(whole("１２"), Err(NumError::ForeignDigits));
    assert_eq!(dec("1,234.5"), Err(NumError::EnglishGrouping));
    assert_eq!(whole("12.34.567"), Err(NumError::BadGrouping));
    assert_eq!(whole("1..234"), Err(NumError::BadGrouping));
    assert_eq!(whole("12 34"), Err(NumError::BadGrouping));
    assert_eq!(dec("1,2,3"), Err(NumError::BadGrouping));
    assert_eq!(whole("1234567890123456789"), Err(NumError::TooLarge));
}

#[test]
fn display_is_vietnamese() {
    assert_eq!(format(1_234_567.0), "1.234.567");
    assert_eq!(format(95.5), "95,5");
    assert_eq!(format(-1234.5), "-1.234,5");
    assert_eq!(format_rounded(88.5 - 84.12, 2), "4,38");
    assert_eq!(format_rounded(1250.0, 2), "1.250");
}

proptest! {
    #[test]
    fn whole_format_then_parse_is_identity(n in -9_999_999_999_999i64..9_999_999_999_999i64) {
        let v = n as f64;
        prop_assert_eq!(parse(&format(v), Expect::Whole), Ok(Some(v)));
    }

    #[test]
    fn decimal_format_then_parse_is_identity(n in -99_999_999_999i64..99_999_999_999i64, k in 0u32..4) {
        let v = n as f64 / 10f64.powi(k as i32);
        prop_assert_eq!(parse(&format(v), Expect::Decimal), Ok(Some(v)));
    }

    #[test]
    fn a_comma_before_three_digits_in_a_count_is_never_guessed(a in 1u32..1000, b in 0u32..1000) {
        let typed = format!("{a},{b:03}");
        prop_assert_eq!(parse(&typed, Expect::Whole), Err(NumError::AmbiguousComma));
    }

    #[test]
    fn any_text_parses_or_is_refused_without_panicking(s in "\\PC{0,24}") {
        let _ = parse(&s, Expect::Whole);
        let _ = parse(&s, Expect::Decimal);
    }

    #[test]
    fn accepted_whole_text_formats_back_to_the_same_value(s in "[0-9 .,-]{1,12}") {
        if let Ok(Some(v)) = parse(&s, Expect::Whole) {
            prop_assert_eq!(parse(&format(v), Expect::Whole), Ok(Some(v)));
            prop_assert_eq!(v.fract(), 0.0);
        }
    }
}
