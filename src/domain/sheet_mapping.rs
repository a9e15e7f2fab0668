//! Which column of a spreadsheet holds which applicant field. Offices keep
//! their lists with their own headers ("Nama Lengkap", "NIK KTP", "Tgl
//! Lahir", "JK", "Desa/Kel", "No HP"), so the header row is found, each
//! header is matched to a field by name and synonym, and staff correct
//! what was proposed. A mapping names fields by key and columns by their
//! header, so a saved one ("Ekspor SIAKBA") fits the next file with the
//! same headers wherever its columns stand.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::domain::sheet_field::{field_of_header, header_key, SheetField};

/// One field and the column (0-based) that holds it in this file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldColumn {
    pub field: SheetField,
    pub column: u32,
}

/// How one file is read: where its header is, which column holds which
/// field, and whether the unit applied for is the applicant's domicile
/// (for lists without a column for it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetMapping {
    /// The header row, counted from 1 as the spreadsheet shows it.
    pub header_row: u32,
    pub columns: Vec<FieldColumn>,
    /// PPK: the kecamatan of the domicile desa; PPS: the domicile desa.
    pub unit_from_domicile: bool,
}

impl SheetMapping {
    /// The column that holds `field`, if one does.
    pub fn column_of(&self, field: SheetField) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.column)
    }

    /// What the mapping lacks to read an applicant: the required fields no
    /// column holds, as the screen names them. Empty when it is complete.
    pub fn missing(&self) -> Vec<&'static str> {
        let has = |f| self.column_of(f).is_some();
        let mut missing = Vec::new();
        for f in [SheetField::Nik, SheetField::Nama, SheetField::JenisKelamin] {
            if !has(f) {
                missing.push(f.label());
            }
        }
        let joint = has(SheetField::TempatTanggalLahir);
        if !has(SheetField::TempatLahir) && !joint {
            missing.push(SheetField::TempatLahir.label());
        }
        if !has(SheetField::TanggalLahir) && !joint {
            missing.push(SheetField::TanggalLahir.label());
        }
        for f in [
            SheetField::Alamat,
            SheetField::KodeDesa,
            SheetField::Pendidikan,
        ] {
            if !has(f) {
                missing.push(f.label());
            }
        }
        if !has(SheetField::KodeWilayahTugas) && !self.unit_from_domicile {
            missing.push(SheetField::KodeWilayahTugas.label());
        }
        missing
    }

    /// A column mapped twice, or a field mapped twice: the first such
    /// problem, as a sentence.
    pub fn conflict(&self, headers: &[String]) -> Option<String> {
        for (i, a) in self.columns.iter().enumerate() {
            for b in &self.columns[i + 1..] {
                if a.field == b.field {
                    return Some(format!(
                        "{} dipetakan ke dua kolom; pilih satu.",
                        a.field.label()
                    ));
                }
                if a.column == b.column {
                    let name = headers.get(a.column as usize).map_or("", String::as_str);
                    return Some(format!(
                        "Kolom {} ({}) dipetakan ke {} dan {}; satu kolom untuk satu isian.",
                        column_letter(a.column),
                        crate::domain::text::shown(name),
                        a.field.label(),
                        b.field.label()
                    ));
                }
            }
        }
        None
    }
}

/// Proposes a mapping from a header row: every header that names a field
/// takes it (the first such column, when several do). Without a column for
/// the unit applied for, the unit is proposed to follow the domicile.
pub fn propose(header_row: u32, headers: &[String]) -> SheetMapping {
    let mut columns: Vec<FieldColumn> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(field) = field_of_header(h) {
            if !columns.iter().any(|c| c.field == field) {
                columns.push(FieldColumn {
                    field,
                    column: i as u32,
                });
            }
        }
    }
    columns.sort_by_key(|c| c.field);
    let unit_from_domicile = !columns
        .iter()
        .any(|c| c.field == SheetField::KodeWilayahTugas);
    SheetMapping {
        header_row,
        columns,
        unit_from_domicile,
    }
}

/// Of the first rows of a sheet (each with its row number, counted from
/// 1), the one that looks most like a header: the most cells that name a
/// field (at least two); else the first row.
pub fn find_header_row(rows: &[(u32, Vec<String>)]) -> Option<u32> {
    find_header_row_by(rows, |c| field_of_header(c).is_some())
}

/// As [`find_header_row`], with `names` saying which cells name a column
/// (a score sheet knows other headers than an applicant list).
pub fn find_header_row_by(
    rows: &[(u32, Vec<String>)],
    names: impl Fn(&str) -> bool,
) -> Option<u32> {
    let score = |cells: &Vec<String>| cells.iter().filter(|c| names(c)).count();
    let best = rows
        .iter()
        .map(|(n, cells)| (score(cells), *n))
        .filter(|(s, _)| *s >= 2)
        // The highest score; of equal ones, the first row.
        .max_by_key(|(s, n)| (*s, std::cmp::Reverse(*n)));
    best.map(|(_, n)| n)
        .or_else(|| rows.first().map(|(n, _)| *n))
}

/// A field and the header of the column that held it, as a mapping is
/// saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldHeader {
    pub field: SheetField,
    pub header: String,
}

/// A mapping saved under a name, by headers: it fits any file whose header
/// row has those headers, wherever the columns stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedMapping {
    pub name: String,
    pub fields: Vec<FieldHeader>,
    pub unit_from_domicile: bool,
}

impl SavedMapping {
    /// The mapping of `name` for a file whose header row is `headers`.
    pub fn from_mapping(name: &str, mapping: &SheetMapping, headers: &[String]) -> SavedMapping {
        SavedMapping {
            name: name.trim().to_string(),
            fields: mapping
                .columns
                .iter()
                .filter_map(|c| {
                    headers.get(c.column as usize).map(|h| FieldHeader {
                        field: c.field,
                        header: h.trim().to_string(),
                    })
                })
                .collect(),
            unit_from_domicile: mapping.unit_from_domicile,
        }
    }

    /// This saved mapping applied to a file's header row, and the headers
    /// it names that the file does not have.
    pub fn apply(&self, header_row: u32, headers: &[String]) -> (SheetMapping, Vec<String>) {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let mut columns = Vec::new();
        let mut absent = Vec::new();
        for f in &self.fields {
            let want = header_key(&f.header);
            match keys.iter().position(|k| !want.is_empty() && *k == want) {
                Some(i) => columns.push(FieldColumn {
                    field: f.field,
                    column: i as u32,
                }),
                None => absent.push(f.header.clone()),
            }
        }
        (
            SheetMapping {
                header_row,
                columns,
                unit_from_domicile: self.unit_from_domicile,
            },
            absent,
        )
    }
}

/// The spreadsheet letter of a 0-based column: 0 is A, 26 is AA.
pub fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn office_headers_are_matched_to_fields() {
        let h = headers(&[
            "No",
            "Nama Lengkap",
            "NIK KTP",
            "Tgl. Lahir",
            "Tempat Lahir",
            "JK",
            "Kecamatan",
            "Desa/Kel",
            "Alamat",
            "No HP",
            "Pendidikan Terakhir",
            "Keterangan",
        ]);
        let m = propose(3, &h);
        let got: Vec<(&str, u32)> = m
            .columns
            .iter()
            .map(|c| (c.field.key(), c.column))
            .collect();
        assert_eq!(
            got,
            [
                ("nik", 2),
                ("nama", 1),
                ("jenis_kelamin", 5),
                ("tempat_lahir", 4),
                ("tanggal_lahir", 3),
                ("alamat", 8),
                ("kecamatan", 6),
                ("kode_desa", 7),
                ("pendidikan", 10),
                ("telepon", 9),
            ]
        );
        assert!(m.unit_from_domicile);
        assert!(m.missing().is_empty(), "{:?}", m.missing());
    }

    #[test]
    fn our_own_csv_header_maps_exactly() {
        let ours = crate::docs::applicants_csv::COLUMNS.map(String::from);
        let m = propose(1, &ours);
        for (i, name) in ours.iter().enumerate() {
            assert_eq!(
                m.column_of(SheetField::from_key(name).unwrap()),
                Some(i as u32),
                "{name}"
            );
        }
        assert!(!m.unit_from_domicile);
        assert!(m.missing().is_empty());
    }

    #[test]
    fn the_header_row_is_the_one_that_names_fields() {
        let rows = vec![
            (1, headers(&["DAFTAR PENDAFTAR PPK KABUPATEN PASURUAN"])),
            (2, headers(&["Pemilu 2024", "", "Nama"])),
            (4, headers(&["No", "Nama", "NIK", "JK", "Alamat"])),
            (
                5,
                headers(&["1", "Budi", "3514011208900001", "L", "Krajan"]),
            ),
        ];
        assert_eq!(find_header_row(&rows), Some(4));
        assert_eq!(find_header_row(&rows[..2]), Some(1));
        assert_eq!(find_header_row(&[]), None);
    }

    #[test]
    fn a_saved_mapping_fits_a_file_with_the_columns_moved() {
        let first = headers(&["NIK", "Nama Peserta", "Kec", "Tgl Lahir"]);
        let mut m = propose(1, &first);
        // Staff corrected: "Kec" is the kecamatan applied for.
        m.columns.retain(|c| c.field != SheetField::Kecamatan);
        m.columns.push(FieldColumn {
            field: SheetField::KodeWilayahTugas,
            column: 2,
        });
        let saved = SavedMapping::from_mapping(" Ekspor SIAKBA ", &m, &first);
        assert_eq!(saved.name, "Ekspor SIAKBA");
        let moved = headers(&["Tgl Lahir", "kec", "NAMA PESERTA", "Keterangan", "nik"]);
        let (again, absent) = saved.apply(2, &moved);
        assert!(absent.is_empty());
        assert_eq!(again.header_row, 2);
        assert_eq!(again.column_of(SheetField::Nik), Some(4));
        assert_eq!(again.column_of(SheetField::KodeWilayahTugas), Some(1));
        assert_eq!(again.column_of(SheetField::TanggalLahir), Some(0));
        let (_, absent) = saved.apply(1, &headers(&["NIK"]));
        assert_eq!(absent, ["Nama Peserta", "Tgl Lahir", "Kec"]);
    }

    #[test]
    fn what_a_mapping_lacks_and_where_it_conflicts() {
        let m = SheetMapping {
            header_row: 1,
            columns: vec![
                FieldColumn {
                    field: SheetField::Nik,
                    column: 0,
                },
                FieldColumn {
                    field: SheetField::Nama,
                    column: 0,
                },
                FieldColumn {
                    field: SheetField::TempatTanggalLahir,
                    column: 1,
                },
            ],
            unit_from_domicile: false,
        };
        assert_eq!(
            m.missing(),
            [
                "Jenis kelamin",
                "Alamat (KTP-el)",
                "Desa/kelurahan alamat (nama atau kode)",
                "Pendidikan terakhir",
                "Wilayah tugas (nama atau kode)"
            ]
        );
        let e = m.conflict(&headers(&["NIK", "TTL"])).unwrap();
        assert!(
            e.starts_with("Kolom A (NIK) dipetakan ke NIK dan Nama lengkap"),
            "{e}"
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(199), "GR");
    }
}
