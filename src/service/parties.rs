//! Importing the party-membership list (SIPOL export) and finding the
//! applicants it lists.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::csv_in::{CsvInput, RowProblem};
use crate::domain::permission::Operation;
use crate::error::Result;
use crate::service::audit::{self, Change};
use crate::service::auth::Session;
use crate::store::{meta, parties, Db};

/// Key of the time of the last import.
pub const IMPORTED_AT: &str = "party_list_imported_at";

/// An applicant whose NIK is in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartyHit {
    pub reg_number: String,
    pub full_name: String,
    pub round_name: String,
    /// The parties listing the NIK, separated by "; ".
    pub parties: String,
}

/// The outcome of an import: either everything was stored, or nothing and
/// every problem is listed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartyImport {
    /// Members stored (0 when refused).
    #[ts(type = "number")]
    pub members: i64,
    pub problems: Vec<RowProblem>,
    /// Applicants whose NIK is in the new list.
    pub hits: Vec<PartyHit>,
}

impl PartyImport {
    pub fn is_stored(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Imports a CSV with at least the columns `nik,partai`, replacing the whole
/// list in one transaction. Every row is checked first; if any is wrong,
/// nothing changes and each problem is reported. Administrators only.
pub async fn import(
    db: &Db,
    session: &Session,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<PartyImport> {
    session.require(Operation::ManageRounds)?;
    let input = CsvInput::parse(bytes, &["nik", "partai"], &["nik", "partai"])?;
    let mut members = Vec::with_capacity(input.len());
    let mut problems = Vec::new();
    for row in input.rows() {
        let nik: String = row.get(0).chars().filter(|c| !c.is_whitespace()).collect();
        let party = row.get(1).trim();
        // Only the shape is checked: the list is matched on the NIK as it
        // stands, anomalies included.
        if nik.len() != 16 || !nik.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(row.problem("nik", format!("NIK \"{nik}\" bukan 16 angka.")));
        }
        if party.is_empty() {
            problems.push(row.problem("partai", "Nama partai kosong."));
        }
        members.push((nik, party.to_string()));
    }
    if input.is_empty() {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi data anggota.".into(),
        });
    }
    if !problems.is_empty() {
        return Ok(PartyImport {
            members: 0,
            problems,
            hits: Vec::new(),
        });
    }
    let mut tx = db.pool().begin().await?;
    let before = parties::count(&mut tx).await?;
    parties::replace(&mut tx, &members).await?;
    let stored = parties::count(&mut tx).await?;
    meta::set(&mut *tx, IMPORTED_AT, &now.to_rfc3339()).await?;
    let hits = parties::hits(&mut tx).await?;
    let change = Change::new("parties.import", "party_list", "sipol")
        .before(json!({ "members": before }))
        .after(
            json!({ "members": stored, "rows": members.len(), "applicants_listed": hits.len() }),
        );
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(PartyImport {
        members: stored,
        problems: Vec::new(),
        hits: hits.into_iter().map(hit).collect(),
    })
}

fn hit(h: parties::Hit) -> PartyHit {
    PartyHit {
        reg_number: h.reg_number,
        full_name: h.full_name,
        round_name: h.round_name,
        parties: h.parties,
    }
}

/// Applicants whose NIK is in the current list. Any logged-in role.
pub async fn hits(db: &Db, session: &Session) -> Result<Vec<PartyHit>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    Ok(parties::hits(&mut conn)
        .await?
        .into_iter()
        .map(hit)
        .collect())
}
