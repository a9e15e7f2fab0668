//! Applicants in bulk: importing a CSV into a round (all or nothing) and
//! exporting a round in the same format.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::applicants_csv::{self, ApplicantsFile, COLUMNS};
use crate::docs::csv_out::CsvOut;
use crate::docs::lists::{Cell, Column, ExportFormat, Kind, Table};
use crate::docs::problems::{Problems, RowProblem};
use crate::domain::applicant::registration_number;
use crate::domain::applicant_input::ValidApplicant;
use crate::domain::nik::NikWarning;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::RegionCode;
use crate::domain::registration::PartyStatus;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::setup;
use crate::store::applicants::{self as store, NewApplicant};
use crate::store::extensions as ext_store;
use crate::store::{rounds, Db};

/// The outcome of an import: either every row was stored, or none and the
/// problems are listed (the first ones, and how many more).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicantImport {
    pub stored: u32,
    /// Stored applicants whose NIK gave a warning (kept for staff to review).
    pub with_nik_warnings: u32,
    pub problems: Problems,
    /// First and last registration numbers given, when stored.
    pub first_number: Option<String>,
    pub last_number: Option<String>,
    /// Of a list of online registrations, rows whose NIK had already
    /// applied in this round: not stored again, marked as registered online.
    pub marked_online: u32,
}

impl ApplicantImport {
    pub fn is_stored(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Imports applicants into a round from CSV (columns in
/// [`applicants_csv::COLUMNS`]). Every row is validated first, against the
/// round and against the applications already held in the same election;
/// if any row is wrong nothing is stored. Otherwise all rows are stored in
/// one transaction, numbered in file order. NIK warnings do not block an
/// import: they are stored unacknowledged for staff to review.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<ApplicantImport> {
    import_reporting(db, session, round_id, bytes, now, &mut |_| {}).await
}

/// How far an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    /// `memeriksa` (checking rows) or `menyimpan` (writing them).
    pub phase: &'static str,
    pub done: u32,
    pub total: u32,
}

/// [`import`], reporting progress while rows are checked and written.
pub async fn import_reporting(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ApplicantImport> {
    let outcome = import_read(
        db,
        session,
        round_id,
        now,
        Source {
            name: "csv",
            store: true,
            online: false,
        },
        progress,
        &mut |body, kabupaten, today, checked| {
            applicants_csv::read_reporting(bytes, body, kabupaten, today, checked)
        },
    )
    .await?;
    Ok(outcome.report)
}

/// Where applicants come from, as the audit records it, and whether they
/// are stored or only checked.
pub(crate) struct Source {
    pub name: &'static str,
    pub store: bool,
    /// The file lists online registrations (a SIAKBA export): its
    /// applicants wait for their paper files, and a row whose NIK already
    /// applied in this round marks that application as online instead of
    /// being refused, so a newer export can be imported over an older one.
    pub online: bool,
}

/// What an import found: its report, the first valid rows (with their
/// line) as they would be stored, and how many rows were valid.
pub(crate) struct ImportOutcome {
    pub report: ApplicantImport,
    pub first: Vec<(u64, ValidApplicant)>,
    pub valid: usize,
    /// Rows of an online list already applied in this round.
    pub matched: usize,
}

/// Valid rows an outcome keeps to show.
pub(crate) const FIRST_ROWS: usize = 20;

/// A function that reads and validates a file for a round of `body` in
/// `kabupaten` on `today`, reporting `(rows checked, rows in all)`.
pub(crate) type ReadFile<'a> = dyn FnMut(
        crate::domain::round::Body,
        &RegionCode,
        NaiveDate,
        &mut dyn FnMut(usize, usize),
    ) -> Result<ApplicantsFile>
    + Send
    + 'a;

/// The import of every source: the rows `read` gives are checked against
/// the round (its registration gate, unit by unit) and against the
/// applications held in the same election; if any row is wrong, or when
/// only checking, nothing is stored. Otherwise all rows are stored in one
/// transaction, numbered in file order, and the import is audited.
pub(crate) async fn import_read(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
    source: Source,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
    read: &mut ReadFile<'_>,
) -> Result<ImportOutcome> {
    session.require(Operation::RegisterApplicants)?;
    let kabupaten = RegionCode::parse(&setup::kabupaten(db).await?.code)?;
    let round = {
        let mut conn = db.pool().acquire().await?;
        rounds::get(&mut conn, round_id).await?
    };
    let today = now.date_naive();
    // Refused whole when the round takes nobody; unit by unit (rows in a
    // unit without a running extension) once registration has closed.
    if let Err(r) = round.registration_gate(None, today) {
        if r.whole_round() {
            return Err(Error::validation("round", r.message(&round.name)));
        }
    }
    let mut file = read(round.body, &kabupaten, today, &mut |done, total| {
        progress(ImportProgress {
            phase: "memeriksa",
            done: done as u32,
            total: total as u32,
        })
    })?;
    let mut problems = std::mem::take(&mut file.problems);
    if file.applicants.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi data pendaftar.".into(),
        });
    }

    let mut conn = db.pool().acquire().await?;
    let mut tx = crate::store::begin_write_on(&mut conn).await?;
    let held: HashMap<String, store::Holder> = store::active_in_election(&mut tx, &round.election)
        .await?
        .into_iter()
        .map(|h| (h.nik.clone(), h))
        .collect();
    let extended: HashMap<String, NaiveDate> = ext_store::extensions(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|e| (e.unit_code, e.ends_on))
        .collect();
    // Units whose seats are all held, and people holding a seat, take no
    // application (issue 18).
    let seats = crate::service::continuity::SeatGate::load(&mut tx, &round).await?;
    let mut refused_lines = std::collections::HashSet::new();
    let mut matched: Vec<i64> = Vec::new();
    for (line, a) in &file.applicants {
        if let Some(h) = held.get(a.nik.as_str()) {
            if source.online && h.round_id == round_id {
                refused_lines.insert(*line);
                matched.push(h.applicant_id);
                continue;
            }
        }
        let extension = extended.get(a.unit.digits()).copied();
        if let Err(r) = round.registration_gate(extension, today) {
            refused_lines.insert(*line);
            problems.push(RowProblem {
                line: *line,
                column: file.column_name("kode_wilayah_tugas"),
                reason: format!("{}: {}", a.unit.dotted(), r.message(&round.name)),
            });
        }
        for p in seats.problems(Some(&a.unit), a.nik.as_str()) {
            refused_lines.insert(*line);
            problems.push(RowProblem {
                line: *line,
                column: file.column_name(&p.field),
                reason: format!("{}: {}", a.unit.dotted(), p.reason),
            });
        }
        if let Some(h) = held.get(a.nik.as_str()) {
            refused_lines.insert(*line);
            problems.push(RowProblem {
                line: *line,
                column: file.column_name("nik"),
                reason: format!(
                    "NIK {} sudah terdaftar pada {} dengan nomor {}; satu orang satu pendaftaran per pemilihan.",
                    a.nik, h.round_name, h.reg_number
                ),
            });
        }
    }
    let valid = file.applicants.len() - refused_lines.len();
    let first: Vec<(u64, ValidApplicant)> = file
        .applicants
        .iter()
        .filter(|(line, _)| !refused_lines.contains(line))
        .take(FIRST_ROWS)
        .cloned()
        .collect();
    if !problems.is_empty() || !source.store {
        return Ok(ImportOutcome {
            report: ApplicantImport {
                stored: 0,
                with_nik_warnings: 0,
                problems: problems.finish(),
                first_number: None,
                last_number: None,
                marked_online: 0,
            },
            first,
            valid,
            matched: matched.len(),
        });
    }
    // Only the rows of an online list already applied are left out now.
    file.applicants
        .retain(|(line, _)| !refused_lines.contains(line));

    let first_seq = store::next_seq(&mut tx, round_id).await?;
    let mut with_warnings = 0;
    let rows: Vec<NewApplicant> = file
        .applicants
        .into_iter()
        .enumerate()
        .map(|(i, (_, a))| {
            let seq = first_seq + i as i64;
            let warnings = a.nik.warnings(a.sex, a.birth_date, today);
            if !warnings.is_empty() {
                with_warnings += 1;
            }
            NewApplicant {
                reg_seq: seq,
                reg_number: registration_number(round.body, kabupaten.digits(), seq),
                online: source.online,
                ..new_applicant(a, &round.election, &warnings, false)
            }
        })
        .collect();
    store::set_cache_kib(&mut tx, store::BULK_CACHE_KIB).await?;
    let total = rows.len() as u32;
    let written = store::insert_many_reporting(
        &mut tx,
        round_id,
        &rows,
        session.user_id,
        now,
        &mut |done| {
            progress(ImportProgress {
                phase: "menyimpan",
                done: done as u32,
                total,
            })
        },
    )
    .await;
    if let Err(e) = written {
        drop(tx);
        store::set_cache_kib(&mut conn, store::DEFAULT_CACHE_KIB).await?;
        return Err(e);
    }
    store::mark_online(&mut tx, &matched).await?;
    let first_number = rows.first().map(|r| r.reg_number.clone());
    let last_number = rows.last().map(|r| r.reg_number.clone());
    let change = Change::new("applicants.import", "round", round_id).after(json!({
        "source": source.name,
        "applicants": rows.len(),
        "first": first_number,
        "last": last_number,
        "with_nik_warnings": with_warnings,
        "online": source.online,
        "marked_online": matched.len(),
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    // The pooled connection goes back with SQLite's usual cache.
    store::set_cache_kib(&mut conn, store::DEFAULT_CACHE_KIB).await?;
    Ok(ImportOutcome {
        report: ApplicantImport {
            stored: rows.len() as u32,
            with_nik_warnings: with_warnings,
            problems: Problems::default(),
            first_number,
            last_number,
            marked_online: matched.len() as u32,
        },
        first,
        valid,
        matched: matched.len(),
    })
}

/// Writes a round's applicants as CSV in the import format (dates
/// `YYYY-MM-DD`, dotted codes) with the registration number in front, and
/// records the export. Any logged-in role.
pub async fn export_csv<W: std::io::Write>(
    db: &Db,
    session: &Session,
    round_id: i64,
    out: W,
    now: DateTime<Utc>,
) -> Result<usize> {
    let table = export_table(db, session, round_id).await?;
    let mut w = CsvOut::new(out);
    table.write_csv(&mut w)?;
    w.flush()?;
    record_export(db, session, round_id, table.len(), ExportFormat::Csv, now).await?;
    Ok(table.len())
}

/// A round's applicants in the import format, the registration number in
/// front (an import ignores it, and a score file can be made from an
/// export): the list [`export_csv`] writes, and the one a workbook holds.
/// Any logged-in role.
pub async fn export_table(db: &Db, session: &Session, round_id: i64) -> Result<Table> {
    session.require(Operation::Read)?;
    let rows = {
        let mut conn = db.pool().acquire().await?;
        rounds::get(&mut conn, round_id).await?;
        store::for_export(&mut conn, round_id).await?
    };
    use Kind::{Code, Date, Text};
    // Kind and width of each import column, in COLUMNS' order.
    const SHAPE: [(Kind, u8); 14] = [
        (Code, 18),
        (Text, 28),
        (Text, 6),
        (Text, 16),
        (Date, 12),
        (Text, 32),
        (Code, 14),
        (Text, 10),
        (Code, 16),
        (Text, 24),
        (Code, 12),
        (Text, 18),
        (Code, 14),
        (Text, 24),
    ];
    let columns: Vec<Column> = std::iter::once(Column::new("nomor_pendaftaran", Code, 16))
        .chain(
            COLUMNS
                .iter()
                .zip(SHAPE)
                .map(|(header, (kind, width))| Column::new(header, kind, width)),
        )
        .collect();
    let mut table = Table::new("Pendaftar", &columns);
    let dotted = |digits: &str| RegionCode::from_trusted(digits.to_string()).dotted();
    for r in rows {
        table.push(vec![
            Cell::Text(r.reg_number),
            Cell::Text(r.nik),
            Cell::Text(r.full_name),
            Cell::text(r.sex.as_str()),
            Cell::Text(r.birth_place),
            Cell::Date(r.birth_date),
            Cell::Text(r.address),
            Cell::Text(dotted(&r.address_desa_code)),
            Cell::text(r.education.as_str()),
            Cell::optional(r.phone),
            Cell::optional(r.email),
            Cell::Text(dotted(&r.unit_code)),
            Cell::optional(r.occupation),
            Cell::optional(r.domicile_desa_code.as_deref().map(dotted)),
            Cell::optional(r.domicile_reason),
        ]);
    }
    Ok(table)
}

/// Records that `applicants` applicants of a round were exported as `format`.
pub async fn record_export(
    db: &Db,
    session: &Session,
    round_id: i64,
    applicants: usize,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let change = Change::new("applicants.export", "round", round_id)
        .after(json!({ "applicants": applicants, "format": format.extension() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The record of a valid applicant for an election (number and sequence
/// still to be given), with the NIK warnings found and whether staff
/// acknowledged them. The help-desk statements start at their defaults
/// (never a party member, no statement, no disability noted).
pub(crate) fn new_applicant(
    a: ValidApplicant,
    election: &str,
    warnings: &[NikWarning],
    acknowledged: bool,
) -> NewApplicant {
    let domicile =
        (a.domicile_desa != a.address_desa).then(|| a.domicile_desa.digits().to_string());
    NewApplicant {
        reg_seq: 0,
        reg_number: String::new(),
        nik: a.nik.as_str().to_string(),
        full_name: a.full_name,
        sex: a.sex.as_str(),
        birth_place: a.birth_place,
        birth_date: a.birth_date,
        address: a.address,
        address_desa_code: a.address_desa.digits().to_string(),
        phone: a.phone,
        email: a.email,
        education: a.education.as_str(),
        occupation: a.occupation,
        kecamatan_code: a.unit.digits()[..6].to_string(),
        unit_code: a.unit.digits().to_string(),
        election: election.to_string(),
        nik_warnings: (!warnings.is_empty()).then(|| json!(warnings).to_string()),
        nik_warnings_ack: acknowledged && !warnings.is_empty(),
        domicile_desa_code: domicile,
        domicile_reason: a.domicile_reason,
        party_status: PartyStatus::Bukan.as_str(),
        party_left_year: None,
        misuse_statement: false,
        disability: None,
        online: false,
    }
}
