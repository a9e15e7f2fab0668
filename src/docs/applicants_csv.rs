//! The applicant CSV format for bulk import (and, later, export): one row per
//! applicant, header names in Indonesian. Every row is validated; problems
//! carry the line, the column and the reason.

use std::collections::hash_map::{Entry, HashMap};

use chrono::NaiveDate;

use crate::docs::csv_in::{Column, CsvInput};
use crate::docs::problems::ProblemCollector;
use crate::domain::applicant_input::{max_chars, validate, ApplicantFields, ValidApplicant};
use crate::domain::region::RegionCode;
use crate::domain::round::Body;
use crate::error::Result as CoreResult;

/// Columns, in the order `export` writes them.
pub const COLUMNS: [&str; 14] = [
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
    "kode_wilayah_tugas",
    "pekerjaan",
    "kode_desa_domisili",
    "alasan_domisili",
];

/// Columns a file must have (the others may be left out).
pub const REQUIRED: [&str; 9] = [
    "nik",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "alamat",
    "kode_desa",
    "pendidikan",
    "kode_wilayah_tugas",
];

/// A read file: the valid rows with their line numbers, and the problems
/// (more may be added before they are listed).
#[derive(Debug)]
pub struct ApplicantsFile {
    pub applicants: Vec<(u64, ValidApplicant)>,
    pub problems: ProblemCollector,
    /// How the file names the columns of fields (by field key), where it
    /// names them otherwise than by the key (a spreadsheet's own headers),
    /// for problems found later.
    pub column_names: Vec<(&'static str, String)>,
}

impl ApplicantsFile {
    /// The file's name for the column of field `key`.
    pub fn column_name(&self, key: &str) -> String {
        self.column_names
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| key.to_string(), |(_, name)| name.clone())
    }
}

/// Reads and validates every row of an applicant CSV for a round of `body`
/// in `kabupaten`. A NIK that appears twice in the file is a problem on the
/// later line.
pub fn read(
    bytes: &[u8],
    body: Body,
    kabupaten: &RegionCode,
    today: NaiveDate,
) -> CoreResult<ApplicantsFile> {
    read_reporting(bytes, body, kabupaten, today, &mut |_, _| {})
}

/// Rows between two progress reports.
pub const PROGRESS_EVERY: usize = 2_000;

/// [`read`], calling `progress(rows checked, rows in all)` every
/// [`PROGRESS_EVERY`] rows and at the end.
pub fn read_reporting(
    bytes: &[u8],
    body: Body,
    kabupaten: &RegionCode,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> CoreResult<ApplicantsFile> {
    let columns = COLUMNS.map(|c| Column::new(c, max_chars(c)));
    let input = CsvInput::parse(bytes, &columns, &REQUIRED)?;
    let total = input.len();
    let mut applicants = Vec::with_capacity(input.len());
    let mut problems = ProblemCollector::new();
    let mut first_nik = FirstNik::with_capacity(input.len());
    for (i, row) in input.rows().enumerate() {
        if i % PROGRESS_EVERY == 0 && i > 0 {
            progress(i, total);
        }
        let Some(row) = problems.row(row) else {
            continue;
        };
        let f = ApplicantFields {
            nik: row.get(0).into(),
            nama: row.get(1).into(),
            jenis_kelamin: row.get(2).into(),
            tempat_lahir: row.get(3).into(),
            tanggal_lahir: row.get(4).into(),
            alamat: row.get(5).into(),
            kode_desa: row.get(6).into(),
            pendidikan: row.get(7).into(),
            telepon: row.get(8).into(),
            email: row.get(9).into(),
            kode_wilayah_tugas: row.get(10).into(),
            pekerjaan: row.get(11).into(),
            kode_desa_domisili: row.get(12).into(),
            alasan_domisili: row.get(13).into(),
        };
        match validate(&f, body, kabupaten, today) {
            Ok(a) => match first_nik.check(row.line, &a) {
                Err(reason) => problems.push(row.problem("nik", reason)),
                Ok(()) => applicants.push((row.line, a)),
            },
            Err(fields) => {
                problems.extend(fields.into_iter().map(|p| row.problem(&p.field, p.reason)))
            }
        }
    }
    progress(total, total);
    Ok(ApplicantsFile {
        applicants,
        problems,
        column_names: Vec::new(),
    })
}

/// The line each NIK of a file was first seen on: a NIK that comes again
/// is a problem of the later line, in every applicant import.
#[derive(Debug, Default)]
pub(crate) struct FirstNik(HashMap<String, u64>);

impl FirstNik {
    pub(crate) fn with_capacity(n: usize) -> Self {
        FirstNik(HashMap::with_capacity(n))
    }

    /// Notes `a` at `line`; why not, when its NIK came earlier.
    pub(crate) fn check(&mut self, line: u64, a: &ValidApplicant) -> Result<(), String> {
        match self.0.entry(a.nik.as_str().to_string()) {
            Entry::Occupied(first) => {
                Err(format!("NIK {} sudah ada di baris {}.", a.nik, first.get()))
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    const HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas";

    fn row(nik: &str, date: &str, unit: &str) -> String {
        format!(
            "{nik},Budi Santoso,L,Pasuruan,{date},Dusun Krajan,3514012001,SMA,081234567890,,{unit}"
        )
    }

    #[test]
    fn valid_rows_are_read_with_their_lines_and_bad_ones_report_every_field() {
        let file = [
            HEADER.to_string(),
            row("3514011208900001", "12-08-1990", "35.14.01"),
            row("3514011208900002", "1990-08-12", "35.14.99"),
            row("12345", "bukan tanggal", "35.14.01"),
            row("3514011208900003", "1990-08-12", "351401"),
        ]
        .join("\n");
        let read = read(
            file.as_bytes(),
            Body::Ppk,
            &RegionCode::parse("3514").unwrap(),
            today(),
        )
        .unwrap();
        let lines: Vec<u64> = read.applicants.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 5]);
        let problems = read.problems.finish();
        let problems: Vec<(u64, &str)> = problems
            .listed
            .iter()
            .map(|p| (p.line, p.column.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![(3, "kode_wilayah_tugas"), (4, "nik"), (4, "tanggal_lahir")]
        );
    }

    #[test]
    fn a_nik_twice_in_one_file_is_a_problem_on_the_later_line() {
        let file = [
            HEADER.to_string(),
            row("3514011208900001", "12-08-1990", "35.14.01"),
            row("3514011208900001", "12-08-1990", "35.14.02"),
            row("3514011208900001", "12-08-1990", "35.14.03"),
        ]
        .join("\n");
        let read = read(
            file.as_bytes(),
            Body::Ppk,
            &RegionCode::parse("3514").unwrap(),
            today(),
        )
        .unwrap();
        assert_eq!(read.applicants.len(), 1);
        let reasons: Vec<String> = read
            .problems
            .finish()
            .listed
            .iter()
            .map(|p| format!("{}: {}", p.line, p.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                "3: NIK 3514011208900001 sudah ada di baris 2.",
                "4: NIK 3514011208900001 sudah ada di baris 2."
            ]
        );
    }

    #[test]
    fn semicolons_and_a_bom_from_a_spreadsheet() {
        let file = format!(
            "\u{feff}{}\r\n{}\r\n",
            HEADER.replace(',', ";"),
            row("3514011208900001", "12/08/1990", "35.14.01").replace(',', ";")
        );
        let read = read(
            file.as_bytes(),
            Body::Ppk,
            &RegionCode::parse("3514").unwrap(),
            today(),
        )
        .unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems.finish());
        assert_eq!(read.applicants[0].1.full_name, "Budi Santoso");
    }

    fn pasuruan_ppk(file: &str) -> ApplicantsFile {
        read(
            file.as_bytes(),
            Body::Ppk,
            &RegionCode::parse("3514").unwrap(),
            today(),
        )
        .unwrap()
    }

    #[test]
    fn junk_rows_list_a_thousand_problems_and_count_the_rest() {
        // 20,000 rows of junk: every row is wrong in most of its columns.
        let mut file = HEADER.to_string();
        for _ in 0..20_000 {
            file.push_str("\nx,,,,x,,x,x,x,x,x");
        }
        let read = pasuruan_ppk(&file);
        assert!(read.applicants.is_empty());
        let problems = read.problems.finish();
        assert_eq!(problems.listed.len(), 1_000);
        assert_eq!(problems.total(), 20_000 * 11);
        assert_eq!(problems.listed[999].line, 92);
    }

    #[test]
    fn a_megabyte_date_is_one_short_problem() {
        let date = "1".repeat(1 << 20);
        let read = pasuruan_ppk(&format!(
            "{HEADER}\n{}",
            row("3514011208900001", &date, "35.14.01")
        ));
        let problems = read.problems.finish();
        assert_eq!(problems.total(), 1);
        let p = &problems.listed[0];
        assert_eq!((p.line, p.column.as_str()), (2, "tanggal_lahir"));
        assert!(
            p.reason.chars().count() < 200,
            "{} characters",
            p.reason.len()
        );
    }

    #[test]
    fn an_address_longer_than_its_column_allows_is_a_row_problem() {
        let long = format!("Dusun Krajan {}", "RT 001 ".repeat(40));
        let file = format!(
            "{HEADER}\n{}",
            row("3514011208900001", "12-08-1990", "35.14.01").replace("Dusun Krajan", &long)
        );
        let read = pasuruan_ppk(&file);
        assert!(read.applicants.is_empty());
        let p = &read.problems.finish().listed[0];
        assert_eq!((p.line, p.column.as_str()), (2, "alamat"));
        assert!(p.reason.contains("terlalu panjang"), "{}", p.reason);
    }

    #[test]
    fn a_missing_required_column_refuses_the_whole_file() {
        let e = read(
            b"nik,nama\n",
            Body::Ppk,
            &RegionCode::parse("3514").unwrap(),
            today(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("jenis_kelamin"), "{e}");
    }
}
