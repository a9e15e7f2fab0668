//! The demo's invented people: names, birth places, occupations and party
//! names, and one applicant made from them. Apart from the steps that build
//! and drive the rounds (`mod.rs`, `script.rs`) because it is only data and
//! the rules that make it look real (a NIK that matches the birth date and
//! sex, clearly fake contacts).

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::Rng;

use super::DEMO_KABUPATEN;
use crate::domain::applicant::{registration_number, Education, Sex};
use crate::domain::nik::Nik;
use crate::domain::round::{Body, Preset};
use crate::store::applicants::NewApplicant;

const MALE: &[&str] = &[
    "Agus",
    "Ahmad",
    "Arif",
    "Bambang",
    "Budi",
    "Dedi",
    "Didik",
    "Dwi",
    "Eko",
    "Fajar",
    "Hadi",
    "Hasan",
    "Hendra",
    "Heri",
    "Imam",
    "Iwan",
    "Joko",
    "M. Ma'ruf",
    "Muhammad",
    "Nur",
    "Rizky",
    "Rudi",
    "Slamet",
    "Sugeng",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Abdul",
    "Syaiful",
    "Andi",
    "Bayu",
    "Ilham",
    "Khoirul",
    "Mochamad",
];
const FEMALE: &[&str] = &[
    "Siti", "Sri", "Dewi", "Endang", "Rina", "Nur'aini", "Lestari", "Wulan", "Fitri", "Ayu",
    "Indah", "Ratna", "Yuli", "Dian", "Anisa", "Nurul", "Lailatul", "Khusnul", "Umi", "Ika",
    "Novi", "Eka", "Putri", "Retno", "Titik",
];
const MALE_FAMILY: &[&str] = &[
    "Santoso",
    "Wibowo",
    "Saputra",
    "Hidayat",
    "Prasetyo",
    "Setiawan",
    "Kurniawan",
    "Susanto",
    "Rahman",
    "Fauzi",
    "Maulana",
    "Hakim",
    "Anwar",
    "Effendi",
    "Syahputra",
    "Firmansyah",
    "Hariyanto",
    "Purnomo",
];
const FEMALE_FAMILY: &[&str] = &[
    "Rahmawati",
    "Wahyuni",
    "Sari",
    "Handayani",
    "Puspita",
    "Safitri",
    "Kusuma",
    "Anggraini",
    "Maharani",
    "Fitriani",
    "Oktaviani",
    "Khoiriyah",
    "Ummah",
    "Agustina",
    "Lestari",
];
const OCCUPATIONS: &[&str] = &[
    "Wiraswasta",
    "Guru honorer",
    "Petani",
    "Pedagang",
    "Karyawan swasta",
    "Mengurus rumah tangga",
    "Belum bekerja",
    "Perangkat desa",
    "Mahasiswa",
    "Buruh",
];
const BIRTH_PLACES: &[&str] = &[
    "Pasuruan",
    "Bangil",
    "Probolinggo",
    "Malang",
    "Sidoarjo",
    "Surabaya",
    "Lumajang",
];

/// Fictitious party names for the demo party-membership list.
pub(super) const PARTIES: &[&str] = &[
    "Partai Contoh Sejahtera",
    "Partai Fiktif Nusantara",
    "Partai Demo Rakyat",
];

pub(super) fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

pub(super) fn fake_applicant<R: Rng>(
    rng: &mut R,
    body: Body,
    seq: i64,
    unit: &str,
    kecamatan: &str,
    home_desa: &str,
    reference: NaiveDate,
) -> NewApplicant {
    let sex = if rng.gen_bool(0.35) { Sex::P } else { Sex::L };
    let (given, family) = match sex {
        Sex::L => (pick(rng, MALE), pick(rng, MALE_FAMILY)),
        Sex::P => (pick(rng, FEMALE), pick(rng, FEMALE_FAMILY)),
    };
    let full_name = format!("{given} {family}");
    let age_days = rng.gen_range(19 * 365..58 * 365);
    let nik_date = reference - Duration::days(age_days);
    // A few were typed a day off from the KTP: a NIK warning left for review.
    let birth_date = if rng.gen_bool(0.004) {
        nik_date + Duration::days(1)
    } else {
        nik_date
    };
    let day = nik_date.day() + if sex == Sex::P { 40 } else { 0 };
    let nik = format!(
        "{}{:02}{:02}{:02}{:04}",
        &home_desa[..6],
        day,
        nik_date.month(),
        nik_date.year() % 100,
        rng.gen_range(1..10_000)
    );
    let warnings = Nik::parse(&nik)
        .map(|n| n.warnings(sex, birth_date, reference))
        .unwrap_or_default();
    let education = *[
        Education::SMA,
        Education::SMA,
        Education::SMA,
        Education::D3,
        Education::S1,
        Education::S1,
        Education::S1,
        Education::S2,
    ]
    .choose(rng)
    .expect("non-empty");
    let handle = full_name
        .to_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), ".");
    NewApplicant {
        reg_seq: seq,
        reg_number: registration_number(body, DEMO_KABUPATEN, seq),
        nik,
        full_name,
        sex: sex.as_str(),
        birth_place: pick(rng, BIRTH_PLACES).to_string(),
        birth_date,
        address: format!(
            "Dusun Contoh RT {:03} RW {:03}",
            rng.gen_range(1..15),
            rng.gen_range(1..8)
        ),
        address_desa_code: home_desa.to_string(),
        phone: Some(format!("0800-0000-{:04}", rng.gen_range(0..10_000))),
        email: rng
            .gen_bool(0.7)
            .then(|| format!("{handle}.{seq}@contoh.invalid")),
        education: education.as_str(),
        occupation: Some(pick(rng, OCCUPATIONS).to_string()),
        unit_code: unit.to_string(),
        kecamatan_code: kecamatan.to_string(),
        election: Preset::Pemilu2024.election().to_string(),
        nik_warnings: (!warnings.is_empty()).then(|| serde_json::json!(warnings).to_string()),
        nik_warnings_ack: false,
        domicile_desa_code: None,
        domicile_reason: None,
        party_status: "bukan",
        party_left_year: None,
        misuse_statement: false,
        disability: None,
        online: false,
    }
}
