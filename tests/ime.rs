#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Built-in Telex and VNI against the published rules (the Telex and VNI key tables as
//! Unikey and Wikipedia give them) and the examples of the issue.

use baocao::ime::{InputMethod, Typing, type_text};

const TELEX: Typing = Typing {
    method: InputMethod::Telex,
    modern: false,
};
const VNI: Typing = Typing {
    method: InputMethod::Vni,
    modern: false,
};

#[test]
fn telex_examples() {
    assert_eq!(type_text(TELEX, "Vieejt Nam"), "Việt Nam");
    assert_eq!(type_text(TELEX, "ddaay"), "đây");
    assert_eq!(type_text(TELEX, "Nguyeenx"), "Nguyễn");
    assert_eq!(
        type_text(TELEX, "Uyr ban nhaan daan tinhr"),
        "Ủy ban nhân dân tỉnh"
    );
}

#[test]
fn vni_examples() {
    assert_eq!(type_text(VNI, "Vie65t"), "Việt");
    assert_eq!(type_text(VNI, "d9a6y"), "đây");
    assert_eq!(type_text(VNI, "Nguye64n"), "Nguyễn");
}

#[test]
fn telex_key_table() {
    // Letters: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ.
    for (keys, want) in [
        ("taan", "tân"),
        ("traw", "tră"),
        ("tee", "tê"),
        ("too", "tô"),
        ("tow", "tơ"),
        ("tuw", "tư"),
        ("dda", "đa"),
    ] {
        assert_eq!(type_text(TELEX, keys), want, "{keys}");
    }
    // Tones: s sắc, f huyền, r hỏi, x ngã, j nặng.
    for (keys, want) in [
        ("mas", "má"),
        ("maf", "mà"),
        ("mar", "mả"),
        ("max", "mã"),
        ("maj", "mạ"),
    ] {
        assert_eq!(type_text(TELEX, keys), want, "{keys}");
    }
}

#[test]
fn vni_key_table() {
    for (keys, want) in [
        ("ma1", "má"),
        ("ma2", "mà"),
        ("ma3", "mả"),
        ("ma4", "mã"),
        ("ma5", "mạ"),
        ("ta6n", "tân"),
        ("tu7", "tư"),
        ("tra8", "tră"),
        ("d9a", "đa"),
    ] {
        assert_eq!(type_text(VNI, keys), want, "{keys}");
    }
}

#[test]
fn tones_go_in_the_traditional_place_by_default_modern_on_request() {
    assert_eq!(type_text(TELEX, "hoas"), "hóa");
    assert_eq!(type_text(TELEX, "HOAF"), "HÒA");
    assert_eq!(
        type_text(
            Typing {
                modern: true,
                ..TELEX
            },
            "hoas"
        ),
        "hoá"
    );
}

#[test]
fn a_word_that_is_not_vietnamese_keeps_the_keys() {
    assert_eq!(type_text(TELEX, "Windows"), "Windows");
    // A tone key that makes a real syllable applies ("PAR" is "PẢ"); typed twice, it
    // is the letter, as in every Telex.
    assert_eq!(type_text(TELEX, "PARR INDEX"), "PAR INDEX");
    assert_eq!(type_text(TELEX, "05-NQ/TU"), "05-NQ/TU");
}

#[test]
fn off_types_keys_as_they_are() {
    assert_eq!(type_text(Typing::OFF, "Vieejt"), "Vieejt");
}
