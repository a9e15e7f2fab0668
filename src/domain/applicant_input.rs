//! Turning what staff typed (or a CSV row) into a valid applicant record.
//! Every field is checked and every problem is returned at once, each naming
//! its field, so a form can mark them all and an import can report them all.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::applicant::{Education, Sex};
use crate::domain::nik::Nik;
use crate::domain::region::{atlas, RegionCode, RegionLevel};
use crate::domain::round::Body;
use crate::domain::text::{self, shown, Lines};

/// The fields as entered, all text. Names are the CSV column names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApplicantFields {
    pub nik: String,
    pub nama: String,
    pub jenis_kelamin: String,
    pub tempat_lahir: String,
    pub tanggal_lahir: String,
    pub alamat: String,
    /// Desa/kelurahan of the KTP address.
    pub kode_desa: String,
    pub pendidikan: String,
    pub telepon: String,
    pub email: String,
    pub pekerjaan: String,
    /// Kecamatan (PPK) or desa/kelurahan (PPS) applied for.
    pub kode_wilayah_tugas: String,
    /// Desa/kelurahan lived in, when it differs from the KTP address.
    pub kode_desa_domisili: String,
    /// Why a domicile outside the unit is accepted.
    pub alasan_domisili: String,
}

/// Each field: its name, its label in messages, the most characters it
/// takes and whether it may span lines. The bounds come from what the field
/// holds: a NIK is 16 digits (32 leaves room for the spaces and dots staff
/// group them with), a name on the KTP-el fits in 150, a KTP-el address
/// (street, RT/RW) in 250, codes and dates in 20, an e-mail address in the
/// 254 of RFC 5321. Only the address and the domicile reason are free text
/// that may span lines (folded into one). A CSV reader keeps no more than
/// these of a cell.
pub const LIMITS: [(&str, &str, usize, Lines); 14] = [
    ("nik", "NIK", 32, Lines::One),
    ("nama", "Nama lengkap", 150, Lines::One),
    ("jenis_kelamin", "Jenis kelamin", 20, Lines::One),
    ("tempat_lahir", "Tempat lahir", 100, Lines::One),
    ("tanggal_lahir", "Tanggal lahir", 20, Lines::One),
    ("alamat", "Alamat", 250, Lines::Many),
    ("kode_desa", "Kode desa/kelurahan", 20, Lines::One),
    ("pendidikan", "Pendidikan", 30, Lines::One),
    ("telepon", "Nomor telepon", 25, Lines::One),
    ("email", "Alamat surel", 254, Lines::One),
    ("kode_wilayah_tugas", "Kode wilayah tugas", 20, Lines::One),
    ("pekerjaan", "Pekerjaan", 100, Lines::One),
    ("kode_desa_domisili", "Kode desa domisili", 20, Lines::One),
    ("alasan_domisili", "Alasan domisili", 250, Lines::Many),
];

/// The most characters field `name` takes (see [`LIMITS`]).
pub fn max_chars(name: &str) -> usize {
    LIMITS
        .iter()
        .find(|(n, ..)| *n == name)
        .map_or(0, |(_, _, max, _)| *max)
}

impl ApplicantFields {
    /// The fields with their names, in [`LIMITS`] order.
    fn named(&self) -> [(&'static str, &str); 14] {
        [
            ("nik", &self.nik),
            ("nama", &self.nama),
            ("jenis_kelamin", &self.jenis_kelamin),
            ("tempat_lahir", &self.tempat_lahir),
            ("tanggal_lahir", &self.tanggal_lahir),
            ("alamat", &self.alamat),
            ("kode_desa", &self.kode_desa),
            ("pendidikan", &self.pendidikan),
            ("telepon", &self.telepon),
            ("email", &self.email),
            ("kode_wilayah_tugas", &self.kode_wilayah_tugas),
            ("pekerjaan", &self.pekerjaan),
            ("kode_desa_domisili", &self.kode_desa_domisili),
            ("alasan_domisili", &self.alasan_domisili),
        ]
    }

    /// A copy with the fields named in `unread` left empty.
    fn without(&self, unread: &[String]) -> ApplicantFields {
        let keep = |name: &str, value: &String| {
            if unread.iter().any(|u| u == name) {
                String::new()
            } else {
                value.clone()
            }
        };
        ApplicantFields {
            nik: keep("nik", &self.nik),
            nama: keep("nama", &self.nama),
            jenis_kelamin: keep("jenis_kelamin", &self.jenis_kelamin),
            tempat_lahir: keep("tempat_lahir", &self.tempat_lahir),
            tanggal_lahir: keep("tanggal_lahir", &self.tanggal_lahir),
            alamat: keep("alamat", &self.alamat),
            kode_desa: keep("kode_desa", &self.kode_desa),
            pendidikan: keep("pendidikan", &self.pendidikan),
            telepon: keep("telepon", &self.telepon),
            email: keep("email", &self.email),
            pekerjaan: keep("pekerjaan", &self.pekerjaan),
            kode_wilayah_tugas: keep("kode_wilayah_tugas", &self.kode_wilayah_tugas),
            kode_desa_domisili: keep("kode_desa_domisili", &self.kode_desa_domisili),
            alasan_domisili: keep("alasan_domisili", &self.alasan_domisili),
        }
    }
}

/// A field that is wrong and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

/// An applicant whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApplicant {
    pub nik: Nik,
    pub full_name: String,
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub address_desa: RegionCode,
    pub education: Education,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub occupation: Option<String>,
    pub unit: RegionCode,
    /// The desa lived in: the domicile desa if given, else the KTP desa.
    pub domicile_desa: RegionCode,
    pub domicile_reason: Option<String>,
}

/// Reads `YYYY-MM-DD`, `DD-MM-YYYY` or `DD/MM/YYYY` (four-digit years,
/// 1900–2100). Parsed by hand: an import reads one per row.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let b = input.trim().as_bytes();
    if b.len() != 10 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = match (b[4], b[7], b[2], b[5]) {
        (b'-', b'-', _, _) => (num(0..4)?, num(5..7)?, num(8..10)?),
        (_, _, sep @ (b'-' | b'/'), sep2) if sep2 == sep => (num(6..10)?, num(3..5)?, num(0..2)?),
        _ => return None,
    };
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every field. `kabupaten` is the one this database serves: the unit
/// must lie in it; the KTP address may be anywhere in Indonesia.
pub fn validate(
    f: &ApplicantFields,
    body: Body,
    kabupaten: &RegionCode,
    today: NaiveDate,
) -> Result<ValidApplicant, Vec<FieldProblem>> {
    // Too long or holding control characters: that is the field's only
    // problem, and its other rules are not run on it.
    let mut problems: Vec<FieldProblem> = LIMITS
        .iter()
        .zip(f.named())
        .filter_map(|((_, label, max, lines), (field, value))| {
            text::check(label, value, *max, *lines)
                .err()
                .map(|reason| FieldProblem {
                    field: field.to_string(),
                    reason,
                })
        })
        .collect();
    let unread: Vec<String> = problems.iter().map(|p| p.field.clone()).collect();
    let f = &f.without(&unread);
    let mut bad = |field: &str, reason: String| {
        if !unread.iter().any(|u| u == field) {
            problems.push(FieldProblem {
                field: field.to_string(),
                reason,
            })
        }
    };

    let nik = Nik::parse(&f.nik)
        .map_err(|e| bad("nik", e.to_string()))
        .ok();
    let full_name = clean(&f.nama);
    if full_name.is_empty() {
        bad("nama", "Nama lengkap wajib diisi, sesuai KTP-el.".into());
    }
    let sex = Sex::parse(&f.jenis_kelamin)
        .map_err(|e| bad("jenis_kelamin", e.to_string()))
        .ok();
    let birth_place = clean(&f.tempat_lahir);
    if birth_place.is_empty() {
        bad("tempat_lahir", "Tempat lahir wajib diisi.".into());
    }
    let birth_date = match parse_date(&f.tanggal_lahir) {
        Some(d) if d > today => {
            bad(
                "tanggal_lahir",
                "Tanggal lahir tidak boleh setelah hari ini.".into(),
            );
            None
        }
        Some(d) => Some(d),
        None => {
            bad(
                "tanggal_lahir",
                format!(
                    "Tanggal lahir \"{}\" tidak terbaca; tulis 1990-08-12 atau 12-08-1990.",
                    shown(&f.tanggal_lahir)
                ),
            );
            None
        }
    };
    let address = clean(&f.alamat);
    if address.is_empty() {
        bad("alamat", "Alamat sesuai KTP-el wajib diisi.".into());
    }
    let desa =
        |field: &str, value: &str, bad: &mut dyn FnMut(&str, String)| -> Option<RegionCode> {
            match RegionCode::parse(value) {
                Ok(c) if c.level() == RegionLevel::Desa && atlas().get(&c).is_some() => Some(c),
                _ => {
                    bad(
                        field,
                        format!(
                            "Kode desa/kelurahan \"{}\" tidak dikenal (contoh: 35.14.01.2001).",
                            shown(value)
                        ),
                    );
                    None
                }
            }
        };
    let address_desa = desa("kode_desa", &f.kode_desa, &mut bad);
    let domicile_given = !f.kode_desa_domisili.trim().is_empty();
    let domicile = if domicile_given {
        desa("kode_desa_domisili", &f.kode_desa_domisili, &mut bad)
    } else {
        address_desa.clone()
    };
    let education = Education::parse(&f.pendidikan)
        .map_err(|e| bad("pendidikan", e.to_string()))
        .ok();

    let phone: String = f
        .telepon
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    // An Indonesian number, mobile or landline: 0… or (+)62…, 9–15 digits.
    let digits = phone.strip_prefix('+').unwrap_or(&phone);
    let phone_ok = phone.is_empty()
        || ((digits.starts_with('0') || digits.starts_with("62"))
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (9..=15).contains(&digits.len()));
    if !phone_ok {
        bad(
            "telepon",
            format!(
                "Nomor telepon \"{}\" tidak sah; contoh 0812-3456-7890 atau 0343-123456.",
                shown(&f.telepon)
            ),
        );
    }
    let email = f.email.trim().to_lowercase();
    let email_ok = email.is_empty()
        || {
            let mut parts = email.split('@');
            matches!(
                (parts.next(), parts.next(), parts.next()),
                (Some(u), Some(d), None) if !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !email.contains(' ')
            )
        };
    if !email_ok {
        bad(
            "email",
            format!("Alamat surel \"{}\" tidak sah.", shown(&f.email)),
        );
    }

    let want = match body {
        Body::Ppk => RegionLevel::Kecamatan,
        Body::Pps => RegionLevel::Desa,
    };
    let unit = match RegionCode::parse(&f.kode_wilayah_tugas) {
        Ok(c) if c.level() == want && kabupaten.contains(&c) && atlas().get(&c).is_some() => {
            Some(c)
        }
        _ => {
            bad(
                "kode_wilayah_tugas",
                format!(
                    "\"{}\" bukan kode {} di {} (seleksi {body} mendaftar per {}).",
                    shown(&f.kode_wilayah_tugas),
                    body.unit_name(),
                    atlas()
                        .get(kabupaten)
                        .map_or(kabupaten.dotted(), |r| r.name.clone()),
                    body.unit_name()
                ),
            );
            None
        }
    };
    let domicile_reason = Some(clean(&f.alasan_domisili)).filter(|s| !s.is_empty());

    match (
        nik,
        sex,
        birth_date,
        address_desa,
        domicile,
        education,
        unit,
    ) {
        (
            Some(nik),
            Some(sex),
            Some(birth_date),
            Some(address_desa),
            Some(domicile_desa),
            Some(education),
            Some(unit),
        ) if problems.is_empty() => Ok(ValidApplicant {
            nik,
            full_name,
            sex,
            birth_place,
            birth_date,
            address,
            address_desa,
            education,
            phone: Some(phone).filter(|p| !p.is_empty()),
            email: Some(email).filter(|e| !e.is_empty()),
            occupation: Some(clean(&f.pekerjaan)).filter(|s| !s.is_empty()),
            unit,
            domicile_desa,
            domicile_reason,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn pasuruan() -> RegionCode {
        RegionCode::parse("3514").unwrap()
    }

    fn siti() -> ApplicantFields {
        ApplicantFields {
            nik: "3514015208900002".into(),
            nama: "  Siti   Nur'aini ".into(),
            jenis_kelamin: "P".into(),
            tempat_lahir: "Pasuruan".into(),
            tanggal_lahir: "12-08-1990".into(),
            alamat: "Dusun Krajan RT 001 RW 002".into(),
            kode_desa: "35.14.01.2001".into(),
            pendidikan: "S1".into(),
            telepon: "0812-3456-7890".into(),
            email: "Siti@Contoh.Invalid".into(),
            pekerjaan: "Guru honorer".into(),
            kode_wilayah_tugas: "35.14.01".into(),
            ..Default::default()
        }
    }

    fn fields_of(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_complete_form_becomes_a_valid_applicant() {
        let a = validate(&siti(), Body::Ppk, &pasuruan(), today()).unwrap();
        assert_eq!(a.full_name, "Siti Nur'aini");
        assert_eq!(a.birth_date, NaiveDate::from_ymd_opt(1990, 8, 12).unwrap());
        assert_eq!(a.phone.as_deref(), Some("081234567890"));
        assert_eq!(a.email.as_deref(), Some("siti@contoh.invalid"));
        assert_eq!(a.unit.dotted(), "35.14.01");
        assert_eq!(a.domicile_desa, a.address_desa);
    }

    #[test]
    fn both_date_formats_are_read() {
        let d = NaiveDate::from_ymd_opt(1990, 8, 12);
        assert_eq!(parse_date("1990-08-12"), d);
        assert_eq!(parse_date("12-08-1990"), d);
        assert_eq!(parse_date("12/08/1990"), d);
        for bad in [
            "1990-13-01",
            "31-02-1990",
            "12-08-90",
            "",
            "kemarin",
            "1990-8-12",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let f = ApplicantFields {
            nik: "123".into(),
            nama: " ".into(),
            jenis_kelamin: "X".into(),
            tempat_lahir: "".into(),
            tanggal_lahir: "2030-01-01".into(),
            alamat: "".into(),
            kode_desa: "99.99.99.9999".into(),
            pendidikan: "TK".into(),
            telepon: "12345".into(),
            email: "bukan-surel".into(),
            kode_wilayah_tugas: "35.75.01".into(),
            ..Default::default()
        };
        let problems = validate(&f, Body::Ppk, &pasuruan(), today()).unwrap_err();
        assert_eq!(
            fields_of(&problems),
            [
                "nik",
                "nama",
                "jenis_kelamin",
                "tempat_lahir",
                "tanggal_lahir",
                "alamat",
                "kode_desa",
                "pendidikan",
                "telepon",
                "email",
                "kode_wilayah_tugas"
            ]
        );
        assert!(problems
            .last()
            .unwrap()
            .reason
            .contains("Kabupaten Pasuruan"));
    }

    #[test]
    fn control_characters_are_refused_in_names_and_the_nik() {
        let f = ApplicantFields {
            nik: "3514015208900002\0".into(),
            nama: "Siti\0Nur'aini".into(),
            tempat_lahir: "Pasu\nruan".into(),
            ..siti()
        };
        let problems = validate(&f, Body::Ppk, &pasuruan(), today()).unwrap_err();
        assert_eq!(fields_of(&problems), ["nik", "nama", "tempat_lahir"]);
        assert!(problems[1].reason.contains("NUL"), "{}", problems[1].reason);
    }

    #[test]
    fn the_unit_is_a_kecamatan_for_ppk_and_a_desa_for_pps() {
        let desa_for_ppk = ApplicantFields {
            kode_wilayah_tugas: "35.14.01.2001".into(),
            ..siti()
        };
        assert_eq!(
            fields_of(&validate(&desa_for_ppk, Body::Ppk, &pasuruan(), today()).unwrap_err()),
            ["kode_wilayah_tugas"]
        );
        validate(&desa_for_ppk, Body::Pps, &pasuruan(), today()).unwrap();
        assert!(validate(&siti(), Body::Pps, &pasuruan(), today()).is_err());
    }

    #[test]
    fn a_ktp_from_another_kabupaten_is_fine_and_the_domicile_may_differ() {
        let from_malang = ApplicantFields {
            kode_desa: "35.07.01.2001".into(),
            kode_desa_domisili: "35.14.01.2002".into(),
            alasan_domisili: "Surat keterangan domisili".into(),
            ..siti()
        };
        let a = validate(&from_malang, Body::Ppk, &pasuruan(), today()).unwrap();
        assert_eq!(a.address_desa.dotted(), "35.07.01.2001");
        assert_eq!(a.domicile_desa.dotted(), "35.14.01.2002");
        assert_eq!(
            a.domicile_reason.as_deref(),
            Some("Surat keterangan domisili")
        );
    }

    #[test]
    fn optional_contacts_may_be_empty_and_phones_take_common_forms() {
        for phone in [
            "",
            "081234567890",
            "+62 812 3456 7890",
            "62-812-3456-7890",
            "0343-424242",
        ] {
            let f = ApplicantFields {
                telepon: phone.into(),
                email: "".into(),
                ..siti()
            };
            validate(&f, Body::Ppk, &pasuruan(), today())
                .unwrap_or_else(|p| panic!("{phone}: {p:?}"));
        }
        for phone in [
            "0812",
            "0812345678901234",
            "0812-ABC-7890",
            "812345678",
            "+1 555 0100 123",
        ] {
            let f = ApplicantFields {
                telepon: phone.into(),
                ..siti()
            };
            assert_eq!(
                fields_of(&validate(&f, Body::Ppk, &pasuruan(), today()).unwrap_err()),
                ["telepon"],
                "{phone}"
            );
        }
    }
}
