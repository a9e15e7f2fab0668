//! Values as staff write them in a spreadsheet, turned into the forms
//! [`crate::domain::applicant_input::validate`] reads: a date typed as
//! `12/8/1990`, `12-08-90` or `12 Agustus 1990` or kept by Excel as a
//! serial number; `Laki-laki`, `Pria`, `Pr`; `SLTA/Sederajat`, `D-III`,
//! `Strata 1`. Nothing here decides whether a value is valid: what cannot
//! be recognised is passed on as it is, and validation says what is wrong.
//! The one exception is a NIK kept as a number, which may already have lost
//! digits: it is refused here with the reason.

use chrono::{Datelike, NaiveDate};

use crate::domain::text::shown;

/// A cell as a spreadsheet holds it, before any field reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A number the cell holds as a number (Excel keeps 15 significant
    /// digits).
    Number(f64),
    /// A date or time the file marks as one: its day, when it has one.
    Date(Option<NaiveDate>),
    Bool(bool),
    /// A formula error such as `#N/A`.
    Error(String),
    /// Text longer than a reader keeps: only its size is known.
    Long {
        bytes: usize,
    },
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as text for a text field: numbers without a decimal part
    /// are written as integers (a house number, a postcode), dates as
    /// `YYYY-MM-DD`.
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => t.trim().to_string(),
            CellValue::Number(n) => number_text(*n),
            CellValue::Date(Some(d)) => d.format("%Y-%m-%d").to_string(),
            CellValue::Date(None) => String::new(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Error(e) => e.clone(),
            CellValue::Long { .. } => String::new(),
        }
    }
}

/// A number as text: integers without `.0`, others as Rust prints them.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The largest integer an f64 holds exactly (2^53): above it a NIK kept
/// as a number may not be the NIK that was written.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// The NIK of a cell, as text for [`crate::domain::nik::Nik::parse`], or why
/// the cell cannot hold one. A NIK kept as a number has lost what Excel
/// drops: Excel keeps 15 significant digits, so the 16th becomes 0 when it
/// is typed, and it shows `3,51401E+15` when the column is narrow (a CSV
/// saved from it keeps that text). Those are refused with the reason; a
/// 16-digit number whose last digit is not 0 was not cut (a program wrote
/// it) and is read.
pub fn nik_text(cell: &CellValue) -> Result<String, String> {
    const FIX: &str = "Ubah format kolom NIK menjadi Teks lalu ketik ulang atau salin ulang NIK dari sumbernya (mis. ekspor SIAKBA), jangan dari sel yang sudah berformat angka.";
    match cell {
        CellValue::Number(n) => {
            let digits = if n.fract() == 0.0 && *n > 0.0 && *n < 1e17 {
                Some(format!("{}", *n as u64))
            } else {
                None
            };
            match digits {
                Some(d) if d.len() == 16 && *n <= EXACT_INTEGERS && !d.ends_with('0') => Ok(d),
                Some(d) if d.len() == 16 => Err(format!(
                    "NIK {d} tersimpan sebagai angka di spreadsheet; Excel hanya menyimpan 15 digit, sehingga digit terakhir bisa sudah berubah menjadi 0. {FIX}"
                )),
                Some(d) => Err(format!(
                    "NIK {d} tersimpan sebagai angka dan hanya {} digit (NIK 16 digit): ada digit yang hilang. {FIX}",
                    d.len()
                )),
                None => Err(format!(
                    "NIK tersimpan sebagai angka yang tidak utuh ({}). {FIX}",
                    shown(&number_text(*n))
                )),
            }
        }
        CellValue::Text(t) => {
            let t = t.trim().trim_start_matches('\'');
            if looks_scientific(t) {
                return Err(format!(
                    "NIK \"{}\" tertulis dalam notasi ilmiah: digit-digitnya sudah hilang saat berkas disimpan dari spreadsheet. {FIX}",
                    shown(t)
                ));
            }
            Ok(t.to_string())
        }
        CellValue::Long { .. } => Err("Sel NIK berisi teks yang sangat panjang, bukan NIK.".into()),
        CellValue::Date(_) | CellValue::Bool(_) | CellValue::Error(_) => Err(format!(
            "Sel NIK berisi \"{}\", bukan NIK.",
            shown(&cell.as_text())
        )),
        CellValue::Empty => Ok(String::new()),
    }
}

/// `3.51401E+15`, `3,51401E+15`: a number Excel wrote in scientific notation.
fn looks_scientific(t: &str) -> bool {
    let up = t.to_ascii_uppercase();
    let Some((mantissa, exp)) = up.split_once('E') else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

/// `L` or `P` for the common spellings, else the value as written.
pub fn sex_text(cell: &CellValue) -> String {
    let t = cell.as_text();
    let key: String = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "l" | "lk" | "lakilaki" | "laki" | "pria" | "male" | "m" => "L".into(),
        "p" | "pr" | "perempuan" | "wanita" | "female" | "f" | "w" => "P".into(),
        _ => t,
    }
}

/// The education level of a cell in the words
/// [`crate::domain::applicant::Education::parse`] reads, else the value as
/// written. Diplomas of the same level and school types of one level are
/// one: `SMK`, `MA`, `SLTA/Sederajat`, `Paket C` are SMA; `D-III` and
/// `Diploma 3` are D3; `Strata 1`, `Sarjana`, `D-IV` are S1.
pub fn education_text(cell: &CellValue) -> String {
    let t = cell.as_text();
    let up: String = t
        .to_uppercase()
        .replace("SEDERAJAT", "")
        .replace("STRATA", "S")
        .replace("DIPLOMA", "D")
        .replace("PAKET C", "SMA")
        .replace("PAKET B", "SMP")
        .replace("PAKET A", "SD");
    // The first school named: "SMA/SMK" is SMA, "S1 Pendidikan" is S1.
    let segment = up.split(['/', ',', '(', ';']).next().unwrap_or("");
    let segment = segment.replace(['-', '.', '\u{a0}'], " ");
    let whole: String = segment.split_whitespace().collect();
    let first = segment.split_whitespace().next().unwrap_or("");
    let level = |word: &str| -> Option<&'static str> {
        Some(match word {
            "SLTA" | "SMA" | "SMK" | "MA" | "MAK" | "SMU" | "STM" | "SMEA" | "SPG" => "SMA",
            "SLTP" | "SMP" | "MTS" => "SMP",
            "SD" | "MI" => "SD",
            "D1" | "D2" | "D3" | "DI" | "DII" | "DIII" => "D3",
            "D4" | "DIV" | "S1" | "SI" | "SARJANA" => "S1",
            "S2" | "SII" | "MAGISTER" | "PASCASARJANA" => "S2",
            "S3" | "SIII" | "DOKTOR" | "DOKTORAL" => "S3",
            _ => return None,
        })
    };
    level(&whole)
        .or_else(|| level(first))
        .map_or(t, str::to_string)
}

/// Indonesian (and English) month names and their short forms, by number.
fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    const MONTHS: [&[&str]; 12] = [
        &["januari", "jan", "january"],
        &["februari", "feb", "pebruari", "peb", "february"],
        &["maret", "mar", "march"],
        &["april", "apr"],
        &["mei", "may"],
        &["juni", "jun", "june"],
        &["juli", "jul", "july"],
        &["agustus", "agu", "agt", "ags", "agus", "aug", "august"],
        &["september", "sep", "sept"],
        &["oktober", "okt", "oct", "october"],
        &["november", "nov", "nop", "nopember"],
        &["desember", "des", "dec", "december"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&w))
        .map(|i| i as u32 + 1)
}

/// The day of an Excel serial number (1900 date system, as Excel and
/// LibreOffice write by default): 1 is 1900-01-01, and Excel's phantom
/// 29 February 1900 (serial 60) is skipped. Only serials of plausible
/// birth dates (1900 to 2100) are read.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..73_051.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// A birth date as `YYYY-MM-DD`, from an Excel date, an Excel serial, or
/// text in the forms staff type: `12/08/1990`, `12-8-1990`, `12.08.1990`,
/// `12-08-90`, `1990-08-12`, `12 Agustus 1990`, `12-Agu-90`. Day first,
/// always (the Indonesian order). A two-digit year is the latest year that
/// does not put the date after `today` (`05` is 2005, `95` is 1995).
/// Anything else is passed on as written.
pub fn date_text(cell: &CellValue, today: NaiveDate) -> String {
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match cell {
        CellValue::Date(Some(d)) => iso(*d),
        CellValue::Number(n) => excel_serial_date(*n).map_or_else(|| number_text(*n), iso),
        CellValue::Text(t) => parse_loose_date(t, today).map_or_else(|| cell.as_text(), iso),
        other => other.as_text(),
    }
}

fn parse_loose_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = text.trim();
    // An ISO date, possibly with a time after it (ODS writes 1990-08-12T00:00:00).
    if t.len() >= 10 && t.as_bytes()[4] == b'-' && t.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&t[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let day = num(day)?;
    let month = num(month).or_else(|| month_of(month))?;
    let year = match year.len() {
        4 => num(year)? as i32,
        2 => {
            let yy = num(year)? as i32;
            let recent = today.year() / 100 * 100 + yy;
            if NaiveDate::from_ymd_opt(recent, month, day).is_some_and(|d| d <= today) {
                recent
            } else {
                recent - 100
            }
        }
        _ => return None,
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A phone number kept as a number has lost its leading 0 (`81234567890`):
/// it is given back. Text is left as written.
pub fn phone_text(cell: &CellValue) -> String {
    match cell {
        CellValue::Number(n) => {
            let t = number_text(*n);
            if t.starts_with('8') && (9..=13).contains(&t.len()) {
                format!("0{t}")
            } else {
                t
            }
        }
        other => other.as_text(),
    }
}

/// Splits "Pasuruan, 12-08-1990" (a "Tempat, Tanggal Lahir" column) into
/// the place and the date text; `None` when there is no separator.
pub fn split_place_and_date(text: &str) -> Option<(String, String)> {
    let (place, date) = text.trim().split_once(',')?;
    Some((place.trim().to_string(), date.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn dates_in_the_forms_staff_type_and_excel_keeps() {
        for (cell, want) in [
            (text("12/08/1990"), "1990-08-12"),
            (text("12/8/1990"), "1990-08-12"),
            (text("2-8-1990"), "1990-08-02"),
            (text("12.08.1990"), "1990-08-12"),
            (text("12-08-90"), "1990-08-12"),
            (text("12-08-05"), "2005-08-12"),
            (text("1990-08-12"), "1990-08-12"),
            (text("1990-08-12T00:00:00"), "1990-08-12"),
            (text("12 Agustus 1990"), "1990-08-12"),
            (text("12 AGUSTUS 1990"), "1990-08-12"),
            (text("1 Pebruari 1985"), "1985-02-01"),
            (text("12-Agu-90"), "1990-08-12"),
            (text("3 Okt. 2001"), "2001-10-03"),
            (text("12 Des 1999"), "1999-12-12"),
            (CellValue::Number(33097.0), "1990-08-12"),
            (CellValue::Number(33097.5), "1990-08-12"),
            (CellValue::Number(59.0), "1900-02-28"),
            (CellValue::Number(61.0), "1900-03-01"),
            (
                CellValue::Date(NaiveDate::from_ymd_opt(1990, 8, 12)),
                "1990-08-12",
            ),
        ] {
            assert_eq!(date_text(&cell, today()), want, "{cell:?}");
        }
        // Not dates: passed on for validation to refuse.
        for bad in ["31/02/1990", "kemarin", "12 Foo 1990", "1990", "12/08/1890"] {
            assert_eq!(date_text(&text(bad), today()), bad);
        }
        assert_eq!(date_text(&CellValue::Number(4.0e6), today()), "4000000");
    }

    #[test]
    fn a_two_digit_year_never_lands_after_today() {
        assert_eq!(date_text(&text("23-11-26"), today()), "2026-11-23");
        assert_eq!(date_text(&text("24-11-26"), today()), "1926-11-24");
    }

    #[test]
    fn a_nik_kept_as_a_number_is_refused_when_digits_may_be_lost() {
        // A program wrote every digit: nothing was cut.
        assert_eq!(
            nik_text(&CellValue::Number(3514011208900001.0)).unwrap(),
            "3514011208900001"
        );
        // Typed in Excel: the 16th digit became 0.
        let e = nik_text(&CellValue::Number(3514011208900000.0)).unwrap_err();
        assert!(e.contains("15 digit"), "{e}");
        assert!(e.contains("format kolom NIK menjadi Teks"), "{e}");
        let e = nik_text(&CellValue::Number(351401120890001.0)).unwrap_err();
        assert!(e.contains("hanya 15 digit"), "{e}");
        let e = nik_text(&text("3,51401E+15")).unwrap_err();
        assert!(e.contains("notasi ilmiah"), "{e}");
        assert!(nik_text(&text("3.51401E+15")).is_err());
        assert!(nik_text(&CellValue::Number(3.5e15 + 0.5)).is_err());
        // Text NIKs pass as written (an apostrophe keeps Excel off them).
        assert_eq!(
            nik_text(&text("'3514011208900001")).unwrap(),
            "3514011208900001"
        );
        assert_eq!(
            nik_text(&text("3514 0112 0890 0001")).unwrap(),
            "3514 0112 0890 0001"
        );
        assert!(nik_text(&CellValue::Date(None)).is_err());
    }

    #[test]
    fn sex_and_education_in_their_usual_words() {
        for (s, want) in [
            ("L", "L"),
            ("Laki-laki", "L"),
            ("LAKI - LAKI", "L"),
            ("Pria", "L"),
            ("Lk", "L"),
            ("p", "P"),
            ("Perempuan", "P"),
            ("Wanita", "P"),
            ("X", "X"),
        ] {
            assert_eq!(sex_text(&text(s)), want, "{s}");
        }
        for (s, want) in [
            ("SLTA/Sederajat", "SMA"),
            ("SMA/SMK/MA", "SMA"),
            ("SMK", "SMA"),
            ("MA", "SMA"),
            ("Paket C", "SMA"),
            ("D-III", "D3"),
            ("D III", "D3"),
            ("Diploma 3", "D3"),
            ("D.3", "D3"),
            ("S-1", "S1"),
            ("S1 Pendidikan", "S1"),
            ("Strata 1", "S1"),
            ("Sarjana", "S1"),
            ("D-IV", "S1"),
            ("S2", "S2"),
            ("Magister", "S2"),
            ("SLTP", "SMP"),
            ("TK", "TK"),
        ] {
            assert_eq!(education_text(&text(s)), want, "{s}");
        }
    }

    #[test]
    fn phones_kept_as_numbers_get_their_zero_back() {
        assert_eq!(
            phone_text(&CellValue::Number(81234567890.0)),
            "081234567890"
        );
        assert_eq!(phone_text(&text("0812-3456-7890")), "0812-3456-7890");
        assert_eq!(phone_text(&CellValue::Number(343424242.0)), "343424242");
    }

    #[test]
    fn place_and_date_in_one_column() {
        assert_eq!(
            split_place_and_date("Pasuruan, 12-08-1990"),
            Some(("Pasuruan".into(), "12-08-1990".into()))
        );
        assert_eq!(
            split_place_and_date("Kota Batu,12 Agustus 1990"),
            Some(("Kota Batu".into(), "12 Agustus 1990".into()))
        );
        assert_eq!(split_place_and_date("Pasuruan 12-08-1990"), None);
    }
}
