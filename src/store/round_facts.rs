//! A round's applicants and what they handed in, read in bulk: one query
//! per table for the whole round, so that judging every applicant (the
//! round's evaluation, [`crate::service::evaluation`]) costs a handful of
//! queries whatever the round's size, instead of several per applicant.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::applicants::{StoredApplicant, STORED_SELECT};
use crate::domain::continuity::RecordedService;
use crate::error::Result;

/// Every active application of a round and what belongs to it.
#[derive(Debug, Default)]
pub struct Applications {
    /// Active (not withdrawn) applications, in registration order.
    pub applicants: Vec<StoredApplicant>,
    /// Earlier service by applicant id: (body, election, year), by year.
    pub service: HashMap<i64, Vec<(String, String, i32)>>,
    /// Codes of the documents handed over, by applicant id, as recorded.
    pub documents: HashMap<i64, Vec<String>>,
    /// The parties the imported list names, by NIK (NIKs of the round only).
    pub parties: HashMap<String, Vec<String>>,
    /// Active applications in the round's election holding the same NIKs.
    pub holders: HashMap<String, Vec<Holder>>,
    /// Membership of the same NIKs in earlier rounds of the same body
    /// ([`super::continuity::service_of_round`]), for the periods served.
    pub recorded_service: HashMap<String, Vec<RecordedService>>,
}

/// An active application in the election holding a NIK.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub id: i64,
    pub nik: String,
    pub reg_number: String,
    pub full_name: String,
    pub round_name: String,
    /// On an online list, the paper file not yet received.
    pub awaiting_files: bool,
}

/// Reads a round's active applications with their service, documents,
/// party listings and the other applications of their NIKs.
pub async fn applications(
    conn: &mut SqliteConnection,
    round_id: i64,
    election: &str,
) -> Result<Applications> {
    let applicants: Vec<StoredApplicant> = sqlx::query_as(&format!(
        "{STORED_SELECT} WHERE a.round_id = ? AND a.status <> 'mundur' ORDER BY a.reg_seq"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;

    let mut service: HashMap<i64, Vec<(String, String, i32)>> = HashMap::new();
    let rows: Vec<(i64, String, String, i32)> = sqlx::query_as(
        "SELECT s.applicant_id, s.body, s.election, s.year FROM applicant_service s
         JOIN applicants a ON a.id = s.applicant_id WHERE a.round_id = ?
         ORDER BY s.applicant_id, s.year, s.body",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, body, election, year) in rows {
        service.entry(id).or_default().push((body, election, year));
    }

    let mut documents: HashMap<i64, Vec<String>> = HashMap::new();
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.applicant_id, r.code FROM document_receipts r
         JOIN applicants a ON a.id = r.applicant_id WHERE a.round_id = ? ORDER BY r.rowid",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, code) in rows {
        documents.entry(id).or_default().push(code);
    }

    let mut parties: HashMap<String, Vec<String>> = HashMap::new();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.nik, p.party FROM party_members p
         WHERE p.nik IN (SELECT nik FROM applicants WHERE round_id = ?) ORDER BY p.nik, p.party",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    for (nik, party) in rows {
        parties.entry(nik).or_default().push(party);
    }

    let mut holders: HashMap<String, Vec<Holder>> = HashMap::new();
    let rows: Vec<Holder> = sqlx::query_as(
        "SELECT a.id, a.nik, a.reg_number, a.full_name, r.name AS round_name,
                a.files_received_at IS NULL AS awaiting_files
         FROM applicants a JOIN rounds r ON r.id = a.round_id
         WHERE a.election = ? AND a.status <> 'mundur'
           AND a.nik IN (SELECT nik FROM applicants WHERE round_id = ? AND status <> 'mundur')
         ORDER BY a.id",
    )
    .bind(election)
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    for h in rows {
        holders.entry(h.nik.clone()).or_default().push(h);
    }

    let recorded_service = super::continuity::service_of_round(conn, round_id).await?;

    Ok(Applications {
        applicants,
        service,
        documents,
        parties,
        holders,
        recorded_service,
    })
}
