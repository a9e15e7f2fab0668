//! Applicants from a sheet: each data row below the header is read through
//! a [`SheetMapping`], its values normalised as staff write them
//! ([`crate::domain::staff_values`], region names within the kabupaten)
//! into the same [`ApplicantFields`] the CSV import and the help desk
//! fill, and validated by the same [`validate`]. Problems carry the row as
//! the spreadsheet numbers it and the column as the file names it.

use std::ops::ControlFlow;

use chrono::NaiveDate;

use super::head::{column_label, header_width, width_problem};
pub use super::head::{columns, head, header_row_of, headers, SourceColumn, HEAD_ROWS};
use super::{SheetFormat, SheetRow, Workbook, MAX_CELL_BYTES};
use crate::docs::applicants_csv::{ApplicantsFile, FirstNik, PROGRESS_EVERY};
use crate::docs::problems::{ProblemCollector, RowProblem};
use crate::domain::applicant_input::{validate, ApplicantFields};
use crate::domain::region::{RegionCode, RegionLevel};
use crate::domain::region_names::RegionNames;
use crate::domain::round::Body;
use crate::domain::sheet_mapping::{SheetField, SheetMapping};
use crate::domain::staff_values::{self as values, CellValue};
use crate::domain::text::number;
use crate::error::{Error, Result};

/// What reading the applicants of a sheet needs besides the file.
pub struct Reading<'a> {
    pub mapping: &'a SheetMapping,
    pub body: Body,
    pub kabupaten: &'a RegionCode,
    pub today: NaiveDate,
}

/// Reads and validates every data row of `sheet` through the mapping: the
/// valid applicants with their row numbers, and the problems. A NIK that
/// appears twice is a problem of the later row. Refuses a mapping that
/// lacks a required field or maps one column twice.
pub fn read(
    book: &mut Workbook<'_>,
    sheet: &str,
    reading: &Reading<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ApplicantsFile> {
    let mapping = reading.mapping;
    let head = head(book, sheet)?;
    let headers = headers(&head, mapping.header_row);
    let missing = mapping.missing();
    if !missing.is_empty() {
        return Err(Error::validation(
            "mapping",
            format!("Pilih kolom untuk: {}.", missing.join(", ")),
        ));
    }
    if let Some(conflict) = mapping.conflict(&headers) {
        return Err(Error::validation("mapping", conflict));
    }
    let header_width = header_width(&head, mapping.header_row);
    let rows = RowReader {
        mapping,
        headers: &headers,
        format: book.format(),
        names: RegionNames::of(reading.kabupaten),
        body: reading.body,
        kabupaten: reading.kabupaten,
        today: reading.today,
    };
    let mut applicants = Vec::new();
    let mut problems = ProblemCollector::new();
    let mut first_nik = FirstNik::default();
    let mut done = 0usize;
    book.rows(sheet, &mut |row| {
        if row.number <= mapping.header_row {
            return ControlFlow::Continue(());
        }
        done += 1;
        if done.is_multiple_of(PROGRESS_EVERY) {
            progress(done, 0);
        }
        if let Some(p) = width_problem(header_width, &row) {
            problems.push(p);
            return ControlFlow::Continue(());
        }
        let line = u64::from(row.number);
        let (fields, pre) = rows.applicant(&row);
        let checked = validate(&fields, rows.body, rows.kabupaten, rows.today);
        for (key, reason) in pre.problems.iter() {
            problems.push(rows.problem(line, key, reason.clone()));
        }
        match checked {
            Ok(a) if pre.problems.is_empty() => match first_nik.check(line, &a) {
                Ok(()) => applicants.push((line, a)),
                Err(reason) => problems.push(rows.problem(line, "nik", reason)),
            },
            Ok(_) => {}
            Err(found) => problems.extend(
                found
                    .into_iter()
                    .filter(|p| !pre.quiet.contains(&p.field.as_str()))
                    .map(|p| rows.problem(line, &p.field, p.reason)),
            ),
        }
        ControlFlow::Continue(())
    })?;
    progress(done, done);
    Ok(ApplicantsFile {
        applicants,
        problems,
        column_names: ["nik", "kode_wilayah_tugas"]
            .map(|key| (key, rows.column_name(key)))
            .to_vec(),
    })
}

/// Reads one row into applicant fields.
struct RowReader<'a> {
    mapping: &'a SheetMapping,
    headers: &'a [String],
    format: SheetFormat,
    names: RegionNames,
    body: Body,
    kabupaten: &'a RegionCode,
    today: NaiveDate,
}

/// The applicant field a sheet field's problems are about.
fn target(field: SheetField) -> &'static str {
    match field {
        SheetField::TempatTanggalLahir => "tanggal_lahir",
        SheetField::Kecamatan => "kode_desa",
        SheetField::KecamatanTugas => "kode_wilayah_tugas",
        f => f.key(),
    }
}

impl RowReader<'_> {
    /// The column a problem of applicant field `key` is shown under.
    fn column_name(&self, key: &str) -> String {
        let field = SheetField::from_key(key);
        let column = field
            .and_then(|f| self.mapping.column_of(f))
            .or_else(|| match key {
                "tempat_lahir" | "tanggal_lahir" => {
                    self.mapping.column_of(SheetField::TempatTanggalLahir)
                }
                _ => None,
            });
        match column {
            Some(c) => column_label(self.headers, self.format, c),
            None if key == "kode_wilayah_tugas" && self.mapping.unit_from_domicile => {
                "wilayah tugas (ikut domisili)".into()
            }
            None => field.map_or_else(|| key.to_string(), |f| f.label().to_string()),
        }
    }

    fn problem(&self, line: u64, key: &str, reason: String) -> RowProblem {
        RowProblem {
            line,
            column: self.column_name(key),
            reason,
        }
    }

    /// The cell of `field` in `row`, when a column holds it; a cell too
    /// long to keep is a problem instead.
    fn cell(&self, row: &SheetRow, field: SheetField, pre: &mut Pre) -> Option<CellValue> {
        match row.get(self.mapping.column_of(field)?) {
            CellValue::Long { bytes } => {
                pre.bad(
                    field,
                    format!(
                        "Isi sel terlalu panjang ({} bita; paling banyak {} yang dibaca).",
                        number(*bytes as u64),
                        number(MAX_CELL_BYTES as u64)
                    ),
                );
                None
            }
            c => Some(c.clone()),
        }
    }

    fn text(&self, row: &SheetRow, field: SheetField, pre: &mut Pre) -> String {
        self.cell(row, field, pre)
            .map(|c| c.as_text())
            .unwrap_or_default()
    }

    /// A region field: its code, or its problem.
    fn region(
        &self,
        row: &SheetRow,
        field: SheetField,
        pre: &mut Pre,
        resolve: &dyn Fn(&str) -> std::result::Result<String, String>,
    ) -> Option<String> {
        let value = self.text(row, field, pre);
        resolve(&value)
            .map_err(|reason| pre.bad(field, reason))
            .ok()
    }

    /// The fields of `row`, and the problems found before validation (a
    /// NIK kept as a number, a region name not found, a cell too long):
    /// validation's problems on those fields would only repeat them.
    fn applicant(&self, row: &SheetRow) -> (ApplicantFields, Pre) {
        let mut pre = Pre::default();
        let mut f = ApplicantFields::default();
        if let Some(c) = self.cell(row, SheetField::Nik, &mut pre) {
            match values::nik_text(&c) {
                Ok(n) => f.nik = n,
                Err(reason) => pre.bad(SheetField::Nik, reason),
            }
        }
        f.nama = self.text(row, SheetField::Nama, &mut pre);
        if let Some(c) = self.cell(row, SheetField::JenisKelamin, &mut pre) {
            f.jenis_kelamin = values::sex_text(&c);
        }
        if let Some(c) = self.cell(row, SheetField::TempatTanggalLahir, &mut pre) {
            match values::split_place_and_date(&c.as_text()) {
                Some((place, date)) => {
                    f.tempat_lahir = place;
                    f.tanggal_lahir = values::date_text(&CellValue::Text(date), self.today);
                }
                None if c.is_empty() => {}
                None => pre.bad(
                    SheetField::TempatTanggalLahir,
                    format!(
                        "\"{}\" tidak terbaca sebagai tempat dan tanggal lahir; tulis dengan koma, mis. Pasuruan, 12-08-1990.",
                        crate::domain::text::shown(&c.as_text())
                    ),
                ),
            }
        }
        if let Some(c) = self.cell(row, SheetField::TempatLahir, &mut pre) {
            f.tempat_lahir = c.as_text();
        }
        if let Some(c) = self.cell(row, SheetField::TanggalLahir, &mut pre) {
            f.tanggal_lahir = values::date_text(&c, self.today);
        }
        f.alamat = self.text(row, SheetField::Alamat, &mut pre);
        if let Some(c) = self.cell(row, SheetField::Pendidikan, &mut pre) {
            f.pendidikan = values::education_text(&c);
        }
        if let Some(c) = self.cell(row, SheetField::Telepon, &mut pre) {
            f.telepon = values::phone_text(&c);
        }
        f.email = self.text(row, SheetField::Email, &mut pre);
        f.pekerjaan = self.text(row, SheetField::Pekerjaan, &mut pre);
        f.alasan_domisili = self.text(row, SheetField::AlasanDomisili, &mut pre);

        // Regions: a kecamatan first, so that a desa named in it is found.
        let names = &self.names;
        let kecamatan = self.region(row, SheetField::Kecamatan, &mut pre, &|v| {
            names.kecamatan(v)
        });
        f.kode_desa = self
            .region(row, SheetField::KodeDesa, &mut pre, &|v| {
                names.desa(v, kecamatan.as_deref())
            })
            .unwrap_or_default();
        f.kode_desa_domisili = self
            .region(row, SheetField::KodeDesaDomisili, &mut pre, &|v| {
                names.desa(v, None)
            })
            .unwrap_or_default();
        let unit_kecamatan = self.region(row, SheetField::KecamatanTugas, &mut pre, &|v| {
            names.kecamatan(v)
        });
        if self
            .mapping
            .column_of(SheetField::KodeWilayahTugas)
            .is_some()
        {
            let body = self.body;
            f.kode_wilayah_tugas = self
                .region(
                    row,
                    SheetField::KodeWilayahTugas,
                    &mut pre,
                    &|v| match body {
                        Body::Ppk => names.kecamatan(v),
                        Body::Pps => names.desa(v, unit_kecamatan.as_deref()),
                    },
                )
                .unwrap_or_default();
        } else if self.mapping.unit_from_domicile {
            let domicile = if f.kode_desa_domisili.is_empty() {
                &f.kode_desa
            } else {
                &f.kode_desa_domisili
            };
            f.kode_wilayah_tugas = RegionCode::parse(domicile)
                .ok()
                .filter(|c| c.level() == RegionLevel::Desa)
                .and_then(|c| match self.body {
                    Body::Ppk => c.parent(),
                    Body::Pps => Some(c),
                })
                .map(|c| c.dotted())
                .unwrap_or_default();
            if f.kode_wilayah_tugas.is_empty() {
                // The desa's own problem says why; the unit would repeat it.
                pre.quiet.push("kode_wilayah_tugas");
            }
        }
        (f, pre)
    }
}

/// Problems of a row found before validation, and the applicant fields
/// whose validation problems are left out because of them.
#[derive(Default)]
struct Pre {
    problems: Vec<(&'static str, String)>,
    quiet: Vec<&'static str>,
}

impl Pre {
    fn bad(&mut self, field: SheetField, reason: String) {
        let target = target(field);
        self.problems.push((target, reason));
        self.quiet.push(target);
    }
}
