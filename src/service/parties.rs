//! Importing the party-membership list (SIPOL export) and finding the
//! applicants it lists.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::csv_in::{Column, CsvInput};
use crate::docs::problems::{ProblemCollector, Problems};
use crate::domain::party_check::{PartyCheck, PartyCheckMethod};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::text::{self, shown, Lines};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::local_time;
use crate::store::{meta, parties, rounds, Db};

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
/// the problems are listed (the first ones, and how many more).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartyImport {
    /// Members stored (0 when refused).
    #[ts(type = "number")]
    pub members: i64,
    pub problems: Problems,
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
    // A NIK with the spaces staff group it with; a party's name as SIPOL
    // writes it (the longest is under 60 characters).
    const COLUMNS: [Column; 2] = [Column::new("nik", 32), Column::new("partai", 100)];
    let input = CsvInput::parse(bytes, &COLUMNS, &["nik", "partai"])?;
    let mut members = Vec::with_capacity(input.len());
    let mut problems = ProblemCollector::new();
    for row in input.rows() {
        let Some(row) = problems.row(row) else {
            continue;
        };
        let nik: String = row.get(0).chars().filter(|c| !c.is_whitespace()).collect();
        let party = row.get(1).trim();
        // Only the shape is checked: the list is matched on the NIK as it
        // stands, anomalies included.
        let nik_ok = nik.len() == 16 && nik.bytes().all(|b| b.is_ascii_digit());
        if !nik_ok {
            problems.push(row.problem("nik", format!("NIK \"{}\" bukan 16 angka.", shown(&nik))));
        }
        let party_ok = match text::check("Nama partai", party, 100, Lines::One) {
            Err(reason) => {
                problems.push(row.problem("partai", reason));
                false
            }
            Ok(()) if party.is_empty() => {
                problems.push(row.problem("partai", "Nama partai kosong."));
                false
            }
            Ok(()) => true,
        };
        // Rows are kept only while the list can still be stored.
        if nik_ok && party_ok && problems.is_empty() {
            members.push((nik, party.to_string()));
        }
    }
    // A list with no rows is a valid list: no member of any party in this
    // kabupaten (every applicant then passes the rule).
    if !problems.is_empty() {
        return Ok(PartyImport {
            members: 0,
            problems: problems.finish(),
            hits: Vec::new(),
        });
    }
    let mut tx = db.begin_write().await?;
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
        problems: Problems::default(),
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

/// Where the party-list rule stands for a round: an imported list (which
/// always takes precedence), or membership checked another way, or neither.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartyListState {
    /// When the list was last imported (RFC 3339), if ever.
    pub imported_at: Option<String>,
    #[ts(type = "number")]
    pub members: i64,
    /// The check recorded for the round instead of a list.
    pub check: Option<PartyCheck>,
    /// What the rule does now, in words.
    pub summary: String,
    /// Whether the check may still be recorded or removed (the
    /// administrative results are not frozen yet).
    pub changeable: bool,
}

/// The party-list state for a round. Any logged-in role.
pub async fn list_state(db: &Db, session: &Session, round_id: i64) -> Result<PartyListState> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let imported_at = meta::get(&mut *conn, IMPORTED_AT).await?;
    let members = parties::count(&mut conn).await?;
    let check = parties::check_of(&mut conn, round_id).await?;
    let summary = match (&imported_at, &check) {
        (Some(at), _) => format!(
            "NIK pendaftar dicocokkan dengan daftar anggota partai yang diimpor pada {} ({members} anggota).",
            local_time(at)
        ),
        (None, Some(c)) => c.reason(),
        (None, None) => "Daftar anggota partai belum diimpor dan belum ada catatan pemeriksaan dengan cara lain: aturan keanggotaan partai masih perlu diperiksa untuk setiap pendaftar.".into(),
    };
    Ok(PartyListState {
        imported_at,
        members,
        check,
        summary,
        changeable: ensure_changeable(&round).is_ok(),
    })
}

/// Refuses once the administrative results are frozen: the rule's outcome
/// is part of them.
fn ensure_changeable(round: &rounds::Round) -> Result<()> {
    if round.current_stage > Stage::Administrasi {
        return Err(Error::stage(format!(
                "Penelitian administrasi {} sudah ditutup; cara pemeriksaan keanggotaan partai tidak dapat diubah lagi.",
                round.name
            ),
        ));
    }
    Ok(())
}

/// Records that party membership was checked for a round without a list
/// (`method`, an optional note), by this user now; applicants then pass the
/// party-list rule with that note unless a list is imported. Administrators
/// only; audited.
pub async fn record_check(
    db: &Db,
    session: &Session,
    round_id: i64,
    method: PartyCheckMethod,
    note: &str,
    now: DateTime<Utc>,
) -> Result<PartyCheck> {
    session.require(Operation::ManageRounds)?;
    text::check("Catatan", note, 500, Lines::Many)
        .map_err(|message| Error::validation("catatan", message))?;
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    let check = PartyCheck {
        method,
        note,
        at: now.to_rfc3339(),
        username: session.username.clone(),
    };
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_changeable(&round)?;
    let before = parties::check_of(&mut tx, round_id).await?;
    parties::set_check(&mut tx, round_id, &check, session.user_id).await?;
    let change = Change::new("parties.check", "round", round_id)
        .before(json!({ "cara": before.map(|b| b.method.as_str()) }))
        .after(json!({ "cara": method.as_str(), "catatan": check.note }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(check)
}

/// Removes the recorded check of a round. Administrators only; audited.
pub async fn clear_check(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_changeable(&round)?;
    let before = parties::check_of(&mut tx, round_id).await?;
    let Some(before) = before else {
        return Err(Error::validation(
            "cara",
            "Belum ada catatan pemeriksaan keanggotaan partai untuk seleksi ini.",
        ));
    };
    parties::clear_check(&mut tx, round_id).await?;
    let change = Change::new("parties.check_clear", "round", round_id)
        .before(json!({ "cara": before.method.as_str(), "catatan": before.note }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
