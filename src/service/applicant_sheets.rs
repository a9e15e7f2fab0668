//! Applicants from a spreadsheet (xlsx, xls, ods, or a CSV with its own
//! header, such as a SIAKBA export): the file's columns mapped to the
//! applicant fields, a preview of the rows as they would be stored with
//! every problem, and the import, all or nothing, through the same checks
//! and the same transaction as the CSV import. Mappings can be saved under
//! a name and reused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::docs::problems::Problems;
use crate::docs::spreadsheet::applicants::{self as sheet, Reading, SourceColumn};
use crate::docs::spreadsheet::{SheetFormat, Workbook};
use crate::domain::applicant_input::ValidApplicant;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::atlas;
use crate::domain::sheet_mapping::{propose, SavedMapping, SheetField, SheetMapping};
use crate::domain::text::{self, shown, Lines};
use crate::error::{Error, Result};
use crate::service::applicants::{
    import_read, ApplicantImport, ImportOutcome, ImportProgress, Source,
};
use crate::service::audit::{self, Change};
use crate::store::{sheet_mappings, Db};

/// What staff chose for a file. Without a mapping, the one saved as
/// `saved` is applied, else one is proposed from the headers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetChoice {
    /// The sheet; the first when `None`.
    pub sheet: Option<String>,
    pub mapping: Option<SheetMapping>,
    /// The name of a saved mapping.
    pub saved: Option<String>,
    /// Without a mapping, the header row to map from (counted from 1);
    /// found when `None`.
    pub header_row: Option<u32>,
    /// The file lists online registrations (a SIAKBA export): its
    /// applicants wait for their paper files at the help desk, and rows
    /// already applied in this round are marked online, not refused.
    #[serde(default)]
    pub online: bool,
}

/// An applicant field as the mapping screen offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldOption {
    pub field: SheetField,
    pub label: String,
}

/// A row as it would be stored, as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    /// The row in the file.
    #[ts(type = "number")]
    pub line: u64,
    pub nik: String,
    pub nama: String,
    pub jenis_kelamin: String,
    pub tempat_lahir: String,
    /// `12-08-1990`.
    pub tanggal_lahir: String,
    pub alamat: String,
    /// "Desa Gerbo, Kecamatan Purwodadi".
    pub desa: String,
    pub pendidikan: String,
    pub telepon: String,
    pub email: String,
    pub wilayah_tugas: String,
}

/// What a file would give: its sheets and columns, the mapping used, the
/// first rows as they would be stored, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetPreview {
    pub format: SheetFormat,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub columns: Vec<SourceColumn>,
    pub fields: Vec<FieldOption>,
    pub mapping: SheetMapping,
    /// What keeps the mapping from being used, or what to look at (a saved
    /// mapping's header the file lacks). Empty when all is well.
    pub notes: Vec<String>,
    /// Whether the mapping is complete, so the rows were read.
    pub ready: bool,
    /// The first valid rows.
    pub rows: Vec<PreviewRow>,
    /// Rows that would be stored, when there is no problem.
    pub valid: u32,
    /// Rows of an online list already applied in this round (marked
    /// online, not stored again).
    pub matched: u32,
    pub problems: Problems,
}

/// The sheet and the mapping a choice comes to for an opened file, with
/// notes on what the mapping lacks.
struct Chosen {
    sheet: String,
    mapping: SheetMapping,
    columns: Vec<SourceColumn>,
    notes: Vec<String>,
}

async fn choose(db: &Db, book: &mut Workbook<'_>, choice: &SheetChoice) -> Result<Chosen> {
    let sheet = book.sheet_name(choice.sheet.as_deref())?;
    let head = sheet::head(book, &sheet)?;
    let mut notes = Vec::new();
    let given_row = choice
        .mapping
        .as_ref()
        .map(|m| m.header_row)
        .or(choice.header_row);
    let header_row = given_row
        .filter(|r| *r > 0)
        .or_else(|| sheet::header_row_of(&head))
        .unwrap_or(1);
    let headers = sheet::headers(&head, header_row);
    let mapping = match (&choice.mapping, &choice.saved) {
        (Some(m), _) => SheetMapping {
            header_row,
            ..m.clone()
        },
        (None, Some(name)) => {
            let mut conn = db.pool().acquire().await?;
            let saved = sheet_mappings::get(&mut *conn, name)
                .await?
                .ok_or_else(|| {
                    Error::validation(
                        "mapping",
                        format!("Pemetaan kolom \"{}\" belum pernah disimpan.", shown(name)),
                    )
                })?;
            let (m, absent) = saved.apply(header_row, &headers);
            if !absent.is_empty() {
                let absent: Vec<String> = absent.iter().map(|h| shown(h)).collect();
                notes.push(format!(
                    "Kolom {} dari pemetaan \"{}\" tidak ada di baris judul berkas ini.",
                    absent.join(", "),
                    saved.name
                ));
            }
            m
        }
        (None, None) => propose(header_row, &headers),
    };
    let missing = mapping.missing();
    if !missing.is_empty() {
        notes.push(format!("Pilih kolom untuk: {}.", missing.join(", ")));
    }
    if let Some(conflict) = mapping.conflict(&headers) {
        notes.push(conflict);
    }
    let columns = sheet::columns(&head, header_row, book.format());
    Ok(Chosen {
        sheet,
        mapping,
        columns,
        notes,
    })
}

/// A file opened, with what was chosen for it.
struct Opened<'a> {
    book: Workbook<'a>,
    chosen: Chosen,
}

/// Reads the chosen sheet through the mapping for a round, checking every
/// row as an import does; stores only when `store`.
async fn run(
    db: &Db,
    session: &Session,
    round_id: i64,
    opened: &mut Opened<'_>,
    (store, online): (bool, bool),
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ImportOutcome> {
    let Opened { book, chosen } = opened;
    let name = match book.format() {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Xls => "xls",
        SheetFormat::Ods => "ods",
        SheetFormat::Csv => "csv-pemetaan",
    };
    import_read(
        db,
        session,
        round_id,
        now,
        Source {
            name,
            store,
            online,
        },
        progress,
        &mut |body, kabupaten, today, checked| {
            let reading = Reading {
                mapping: &chosen.mapping,
                body,
                kabupaten,
                today,
            };
            sheet::read(book, &chosen.sheet, &reading, checked)
        },
    )
    .await
}

fn preview_row(line: u64, a: &ValidApplicant) -> PreviewRow {
    PreviewRow {
        line,
        nik: a.nik.as_str().to_string(),
        nama: a.full_name.clone(),
        jenis_kelamin: a.sex.as_str().to_string(),
        tempat_lahir: a.birth_place.clone(),
        tanggal_lahir: a.birth_date.format("%d-%m-%Y").to_string(),
        alamat: a.address.clone(),
        desa: atlas().unit_label(&a.address_desa),
        pendidikan: a.education.as_str().to_string(),
        telepon: a.phone.clone().unwrap_or_default(),
        email: a.email.clone().unwrap_or_default(),
        wilayah_tugas: atlas().unit_label(&a.unit),
    }
}

/// Everything staff see before importing: the file's sheets and columns,
/// the mapping (as chosen, saved or proposed), the first rows as they
/// would be stored, and every problem, checked as the import checks them
/// (against the round and the applications already held). Writes nothing.
pub async fn preview(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    choice: &SheetChoice,
    now: DateTime<Utc>,
) -> Result<SheetPreview> {
    describe(db, session, round_id, bytes, choice, now, true).await
}

/// The file's sheets and columns and the mapping a choice comes to, with
/// its notes, without reading the rows (`rows`, `valid` and `problems`
/// are empty).
pub async fn mapping(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    choice: &SheetChoice,
    now: DateTime<Utc>,
) -> Result<SheetPreview> {
    describe(db, session, round_id, bytes, choice, now, false).await
}

async fn describe(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    choice: &SheetChoice,
    now: DateTime<Utc>,
    read_rows: bool,
) -> Result<SheetPreview> {
    session.require(Operation::RegisterApplicants)?;
    let mut book = Workbook::open(bytes)?;
    let chosen = choose(db, &mut book, choice).await?;
    let mut opened = Opened { book, chosen };
    let chosen = &opened.chosen;
    let ready = chosen.mapping.missing().is_empty()
        && chosen
            .mapping
            .conflict(
                &chosen
                    .columns
                    .iter()
                    .map(|c| c.header.clone())
                    .collect::<Vec<_>>(),
            )
            .is_none();
    let (rows, valid, matched, problems) = if ready && read_rows {
        let mode = (false, choice.online);
        let outcome = run(db, session, round_id, &mut opened, mode, now, &mut |_| {}).await?;
        let rows = outcome
            .first
            .iter()
            .map(|(line, a)| preview_row(*line, a))
            .collect();
        let matched = outcome.matched as u32;
        (rows, outcome.valid as u32, matched, outcome.report.problems)
    } else {
        (Vec::new(), 0, 0, Problems::default())
    };
    let Opened { book, chosen } = opened;
    Ok(SheetPreview {
        format: book.format(),
        sheets: book.sheet_names(),
        sheet: chosen.sheet,
        columns: chosen.columns,
        fields: SheetField::ALL
            .into_iter()
            .map(|f| FieldOption {
                field: f,
                label: f.label().to_string(),
            })
            .collect(),
        mapping: chosen.mapping,
        notes: chosen.notes,
        ready,
        rows,
        valid,
        matched,
        problems,
    })
}

/// Imports the applicants of a spreadsheet into a round through the
/// mapping chosen: every row valid, or nothing stored and the problems
/// listed. Refused when the mapping lacks a required field.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    choice: &SheetChoice,
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ApplicantImport> {
    session.require(Operation::RegisterApplicants)?;
    let mut book = Workbook::open(bytes)?;
    let chosen = choose(db, &mut book, choice).await?;
    let mut opened = Opened { book, chosen };
    let mode = (true, choice.online);
    let outcome = run(db, session, round_id, &mut opened, mode, now, progress).await?;
    Ok(outcome.report)
}

/// Whether `bytes` are a CSV file with this app's own applicant columns
/// (the format `applicants export` writes), which the plain CSV import
/// reads as it always has.
pub fn is_own_csv(bytes: &[u8]) -> bool {
    if SheetFormat::of(bytes) != SheetFormat::Csv {
        return false;
    }
    let Ok(mut book) = Workbook::open(bytes) else {
        return false;
    };
    if book.format() != SheetFormat::Csv {
        return false;
    }
    let Ok(head) = sheet::head(&mut book, "CSV") else {
        return false;
    };
    let Some(first) = head.first() else {
        return false;
    };
    let names: Vec<String> = first
        .texts()
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    crate::docs::applicants_csv::REQUIRED
        .iter()
        .all(|r| names.iter().any(|n| n == r))
}

/// The mappings saved, by name. Any logged-in role.
pub async fn mappings(db: &Db, session: &Session) -> Result<Vec<SavedMapping>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    sheet_mappings::list(&mut *conn).await
}

/// Saves `mapping` of a file whose header row is `headers` under `name`
/// (replacing one of that name), by the headers of its columns.
pub async fn save_mapping(
    db: &Db,
    session: &Session,
    name: &str,
    mapping: &SheetMapping,
    headers: &[String],
    now: DateTime<Utc>,
) -> Result<SavedMapping> {
    session.require(Operation::RegisterApplicants)?;
    text::check("Nama pemetaan", name, 60, Lines::One).map_err(|m| Error::validation("name", m))?;
    if name.trim().is_empty() {
        return Err(Error::validation("name", "Nama pemetaan wajib diisi."));
    }
    if let Some(conflict) = mapping.conflict(headers) {
        return Err(Error::validation("mapping", conflict));
    }
    let saved = SavedMapping::from_mapping(name, mapping, headers);
    if saved.fields.is_empty() {
        return Err(Error::validation(
            "mapping",
            "Belum ada kolom yang dipetakan untuk disimpan.",
        ));
    }
    for f in &saved.fields {
        if f.header.is_empty() {
            return Err(Error::validation(
                "mapping",
                format!(
                    "Kolom untuk {} tidak berjudul: pemetaan yang disimpan mengenali kolom dari judulnya.",
                    f.field.label()
                ),
            ));
        }
        text::check("Judul kolom", &f.header, 256, Lines::One)
            .map_err(|m| Error::validation("mapping", m))?;
    }
    let mut tx = db.begin_write().await?;
    sheet_mappings::put(&mut *tx, &saved, now, session.user_id, &session.username).await?;
    let change =
        Change::new("sheet_mapping.save", "sheet_mapping", &saved.name).after(json!(saved));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(saved)
}

/// Deletes the mapping saved as `name`.
pub async fn delete_mapping(
    db: &Db,
    session: &Session,
    name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::RegisterApplicants)?;
    let mut tx = db.begin_write().await?;
    if !sheet_mappings::delete(&mut *tx, name).await? {
        return Err(Error::NotFound(format!(
            "Pemetaan kolom \"{}\"",
            shown(name)
        )));
    }
    audit::record(
        &mut tx,
        session,
        now,
        Change::new("sheet_mapping.delete", "sheet_mapping", name.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
