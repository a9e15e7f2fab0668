//! Penelitian administrasi from a file: document verdicts imported from a
//! CSV, all or nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::csv_in::{Column, CsvInput};
use crate::docs::problems::{ProblemCollector, Problems, RowProblem};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::text::shown;
use crate::domain::verification::DocVerdict;
use crate::error::Result;
use crate::service::audit::{self, Change};
use crate::service::verification::{checked, MAX_REASON_CHARS};
use crate::store::verification as store;
use crate::store::{rounds, Db};

/// The outcome of a document-verdict import.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentImport {
    pub stored: u32,
    pub problems: Problems,
}

/// Imports verdicts from CSV (`nomor_pendaftaran,kode_dokumen,status,alasan`)
/// into a round: every row is checked first; one bad row and nothing is
/// stored. A later verdict on the same document replaces the earlier one.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<DocumentImport> {
    session.require(Operation::VerifyDocuments)?;
    const COLUMNS: [Column; 4] = [
        Column::new("nomor_pendaftaran", 40),
        Column::new("kode_dokumen", 40),
        Column::new("status", 40),
        Column::new("alasan", MAX_REASON_CHARS),
    ];
    let input = CsvInput::parse(
        bytes,
        &COLUMNS,
        &["nomor_pendaftaran", "kode_dokumen", "status"],
    )?;
    let mut tx = db.begin_write().await?;
    rounds::get(&mut tx, round_id)
        .await?
        .ensure_unfrozen(Stage::Administrasi)?;
    let requirements = store::requirements(&mut tx, round_id).await?;
    let ids: HashMap<String, i64> = store::ids_by_number(&mut tx, round_id)
        .await?
        .into_iter()
        .collect();
    let mut rows = Vec::with_capacity(input.len());
    let mut problems = ProblemCollector::new();
    for row in input.rows() {
        let Some(row) = problems.row(row) else {
            continue;
        };
        let number = row.get(0).trim().to_ascii_uppercase();
        let id = ids.get(&number).copied();
        if id.is_none() {
            problems.push(row.problem(
                "nomor_pendaftaran",
                format!(
                    "Nomor pendaftaran \"{}\" tidak ada (atau sudah mundur) pada seleksi ini.",
                    shown(&number)
                ),
            ));
        }
        let verdict = match DocVerdict::parse(row.get(2)) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(row.problem("status", e.to_string()));
                None
            }
        };
        if let (Some(id), Some(verdict)) = (id, verdict) {
            match checked(&requirements, row.get(1), verdict, row.get(3)) {
                // Kept only while the file can still be stored.
                Ok(mut c) if problems.is_empty() => {
                    c.applicant_id = id;
                    rows.push(c);
                }
                Ok(_) => {}
                Err((column, reason)) => problems.push(row.problem(&column, reason)),
            }
        }
    }
    if input.is_empty() {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi hasil pemeriksaan berkas.".into(),
        });
    }
    if !problems.is_empty() {
        return Ok(DocumentImport {
            stored: 0,
            problems: problems.finish(),
        });
    }
    store::upsert_checks(&mut tx, &rows, session.user_id, now).await?;
    let change =
        Change::new("document.import", "round", round_id).after(json!({ "verdicts": rows.len() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(DocumentImport {
        stored: rows.len() as u32,
        problems: Problems::default(),
    })
}
