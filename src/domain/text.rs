//! Text from outside (a CSV cell, a form field, a reason typed by staff):
//! the checks every such text passes before it is kept, and how a value is
//! repeated in a message without letting the value take the message over.

/// Characters of a value a message repeats; a longer value is cut.
pub const SHOWN_CHARS: usize = 40;

/// `value` as a message repeats it: trimmed, at most [`SHOWN_CHARS`]
/// characters (a cut value ends in "…"), and control characters shown as
/// "�" so that a message never carries them. Costs at most
/// [`SHOWN_CHARS`] characters of reading, however long the value.
pub fn shown(value: &str) -> String {
    let value = value.trim();
    let mut out: String = value
        .chars()
        .take(SHOWN_CHARS)
        .map(|c| if refused_anywhere(c) { '\u{fffd}' } else { c })
        .collect();
    if value.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Whether a field may hold line breaks and tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: names, codes, numbers. Tabs and line breaks are refused.
    One,
    /// Free text (an address, a reason): tabs and line breaks are allowed
    /// (the caller folds them into spaces).
    Many,
}

/// Checks `value` (a field called `label` in messages, e.g. "Nama
/// lengkap") before it is kept: at most `max_chars` characters once
/// trimmed, and no control character (NUL, escape, …) nor a character that
/// turns the direction of text around; tabs and line breaks only in a
/// [`Lines::Many`] field. The message says what is wrong and where.
pub fn check(label: &str, value: &str, max_chars: usize, lines: Lines) -> Result<(), String> {
    let value = value.trim();
    // A byte count within the bound is within it in characters too.
    if value.len() > max_chars {
        let chars = value.chars().count();
        if chars > max_chars {
            return Err(too_long(label, chars as u64, max_chars));
        }
    }
    let allowed = |c: char| lines == Lines::Many && matches!(c, '\t' | '\n' | '\r');
    match value
        .chars()
        .enumerate()
        .find(|(_, c)| refused_anywhere(*c) && !allowed(*c))
    {
        None => Ok(()),
        Some((i, c)) if matches!(c, '\t' | '\n' | '\r') => Err(format!(
            "{label} tidak boleh berisi {} (karakter ke-{}); tulis dalam satu baris.",
            describe(c),
            i + 1
        )),
        Some((i, c)) => Err(format!(
            "{label} berisi {} pada karakter ke-{}, yang tidak boleh ada di teks. Hapus karakter itu (biasanya terbawa saat menyalin dari program lain) lalu ketik ulang bagian itu.",
            describe(c),
            i + 1
        )),
    }
}

/// The message for a value of `chars` characters where `max_chars` is the
/// most a field called `label` takes.
pub fn too_long(label: &str, chars: u64, max_chars: usize) -> String {
    format!(
        "{label} terlalu panjang: {} karakter, paling banyak {} karakter.",
        number(chars),
        number(max_chars as u64)
    )
}

/// A count as staff write it: `4.500.000`.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Control characters (NUL, escape, line breaks, …) and the invisible
/// marks that reverse the direction of the text after them (a name shown
/// backwards on an announcement).
fn refused_anywhere(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A refused character as staff can recognise it.
fn describe(c: char) -> String {
    match c {
        '\0' => "karakter NUL (U+0000)".into(),
        '\t' => "tab".into(),
        '\n' | '\r' => "baris baru".into(),
        c if c.is_control() => format!("karakter kendali U+{:04X}", c as u32),
        c => format!("tanda arah teks tak terlihat U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_in_a_message_is_short_and_clean() {
        assert_eq!(shown("  12-08-1990 "), "12-08-1990");
        let long = "a".repeat(1 << 20);
        assert_eq!(shown(&long), format!("{}…", "a".repeat(40)));
        assert_eq!(shown(&"é".repeat(40)), "é".repeat(40));
        assert_eq!(shown("Budi\0\u{1b}[31m"), "Budi\u{fffd}\u{fffd}[31m");
    }

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_in_free_text() {
        assert!(check("Nama", "Siti Nur'aini", 150, Lines::One).is_ok());
        let e = check("Nama", "Siti\0", 150, Lines::One).unwrap_err();
        assert!(e.contains("NUL (U+0000) pada karakter ke-5"), "{e}");
        let e = check("Nama", "Siti\nAminah", 150, Lines::One).unwrap_err();
        assert!(e.contains("baris baru"), "{e}");
        assert!(check("Alamat", "Dusun Krajan\r\nRT 1\t", 250, Lines::Many).is_ok());
        let e = check("Alamat", "Dusun\u{1b}", 250, Lines::Many).unwrap_err();
        assert!(e.contains("U+001B"), "{e}");
        let e = check("Nama", "Budi \u{202e}inatnas", 150, Lines::One).unwrap_err();
        assert!(e.contains("U+202E"), "{e}");
        // Leading and trailing whitespace is trimmed, not refused.
        assert!(check("Nama", "\tBudi\r\n", 150, Lines::One).is_ok());
    }

    #[test]
    fn length_is_counted_in_characters_after_trimming() {
        assert!(check("Nama", &"é".repeat(150), 150, Lines::One).is_ok());
        assert!(check("Nama", &format!("  {}  ", "a".repeat(150)), 150, Lines::One).is_ok());
        let e = check("Alamat", &"a".repeat(50_000_000), 250, Lines::Many).unwrap_err();
        assert_eq!(
            e,
            "Alamat terlalu panjang: 50.000.000 karakter, paling banyak 250 karakter."
        );
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1.000"),
            (4_499_000, "4.499.000"),
        ] {
            assert_eq!(number(n), s);
        }
    }
}
