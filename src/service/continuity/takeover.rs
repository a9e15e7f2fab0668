//! Keeping members of an earlier round (dilanjutkan): a new round (e.g. the
//! Pilkada after the Pemilu) takes over members of an earlier round of the
//! same body, unit by unit, each on the strength of a performance
//! evaluation, and its selection fills only the seats left. The window and
//! the refusals are [`crate::domain::continuity`]'s.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{members_in, unit_label, Member};
use crate::domain::continuity::{self, Evaluation, MemberRef};
use crate::domain::permission::{Operation, Session};
use crate::domain::region::RegionCode;
use crate::domain::round::{Round, Stage};
use crate::domain::seat_holder::HolderSource;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::continuity as store;
use crate::store::seat_holders::{self as holders, HolderRow};
use crate::store::{rounds, Db};

/// An earlier round whose members can be kept.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SourceRound {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub election: String,
}

/// A member of the earlier round, and why it cannot be kept, if it cannot.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Candidate {
    pub member: Member,
    /// Set when the person already applies or holds a seat in the new round.
    pub blocked: Option<String>,
}

/// A member kept in the new round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Kept {
    /// The seat holder's id (to cancel it).
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub sex: String,
    pub from_round: Option<String>,
    pub evaluation: Evaluation,
    pub summary: String,
    pub decision: String,
    pub reason: String,
    pub decided_at: String,
    pub decided_by: Option<String>,
}

/// One unit of the new round: its seats, who is kept, who could be.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TakeoverUnit {
    /// Dotted unit code.
    pub unit_code: String,
    pub unit_label: String,
    pub quota: u32,
    /// Seats held by appointed or kept members.
    pub held: u32,
    /// The seats the selection still fills.
    pub seats_left: u32,
    pub kept: Vec<Kept>,
    pub candidates: Vec<Candidate>,
}

/// The takeover screen of a round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Takeover {
    /// Members can be kept now (the round still takes registrations).
    pub open: bool,
    /// Earlier rounds of the same body in their term of office.
    pub sources: Vec<SourceRound>,
    #[ts(type = "number | null")]
    pub from_round_id: Option<i64>,
    /// Units with kept members or candidates, in code order.
    pub units: Vec<TakeoverUnit>,
}

/// One member to keep, with the evaluation the decision rests on; an empty
/// evaluation takes the end-of-term evaluation recorded in the earlier
/// round.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeepMember {
    pub member: MemberRef,
    pub evaluation: Evaluation,
}

/// A takeover decision: the earlier round, the members, the commission's
/// decision (number or reference) and its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeepInput {
    #[ts(type = "number")]
    pub from_round_id: i64,
    pub members: Vec<KeepMember>,
    pub decision: String,
    pub reason: String,
}

async fn quota_of(conn: &mut sqlx::SqliteConnection, round: &Round, unit: &str) -> Result<u32> {
    Ok(rounds::unit_quota(conn, round.id, unit)
        .await?
        .map(|q| q.quota)
        .unwrap_or(round.settings.quota_per_unit))
}

async fn view_in(
    conn: &mut sqlx::SqliteConnection,
    round: &Round,
    from_round_id: Option<i64>,
) -> Result<Takeover> {
    let all_rounds = rounds::list(conn).await?;
    let sources: Vec<SourceRound> = all_rounds
        .iter()
        .filter(|r| r.id != round.id && r.body == round.body && r.current_stage == Stage::MasaKerja)
        .map(|r| SourceRound {
            id: r.id,
            name: r.name.clone(),
            election: r.election.clone(),
        })
        .collect();
    let names: HashMap<i64, String> = all_rounds.into_iter().map(|r| (r.id, r.name)).collect();
    let all_holders = holders::of_round(conn, round.id).await?;
    let mut held: HashMap<String, u32> = HashMap::new();
    for h in &all_holders {
        *held.entry(h.unit_code.clone()).or_default() += 1;
    }
    let mut kept: HashMap<String, Vec<Kept>> = HashMap::new();
    for h in all_holders
        .into_iter()
        .filter(|h| h.source == HolderSource::Dilanjutkan.as_str())
    {
        let evaluation = Evaluation {
            score: h.evaluation_score.map(|s| s as u32),
            grade: h.evaluation_grade,
            notes: h.evaluation_notes.unwrap_or_default(),
        };
        kept.entry(h.unit_code).or_default().push(Kept {
            id: h.id,
            full_name: h.full_name,
            sex: h.sex,
            from_round: h.from_round_id.and_then(|id| names.get(&id).cloned()),
            summary: evaluation.summary(),
            evaluation,
            decision: h.decision,
            reason: h.reason,
            decided_at: crate::service::local_time(&h.decided_at),
            decided_by: h.decided_by_name,
        });
    }
    let mut candidates: HashMap<String, Vec<Candidate>> = HashMap::new();
    if let Some(from) = from_round_id.filter(|id| sources.iter().any(|s| s.id == *id)) {
        let holding: HashSet<String> = holders::of_round(conn, round.id)
            .await?
            .into_iter()
            .map(|h| h.nik)
            .collect();
        let applying = store::applying_from(conn, round.id, from).await?;
        for (m, row) in members_in(conn, from).await? {
            let blocked = if holding.contains(&row.nik) {
                Some("Sudah memegang kursi pada seleksi ini.".to_string())
            } else if applying.contains(&row.nik) {
                Some("Sudah mendaftar pada seleksi ini.".to_string())
            } else {
                None
            };
            candidates
                .entry(row.unit_code)
                .or_default()
                .push(Candidate { member: m, blocked });
        }
    }
    let mut codes: Vec<String> = kept.keys().chain(candidates.keys()).cloned().collect();
    codes.sort();
    codes.dedup();
    let mut units = Vec::with_capacity(codes.len());
    for code in codes {
        let quota = quota_of(conn, round, &code).await?;
        let h = held.get(&code).copied().unwrap_or(0);
        units.push(TakeoverUnit {
            unit_code: RegionCode::from_trusted(code.clone()).dotted(),
            unit_label: unit_label(&code),
            quota,
            held: h,
            seats_left: crate::domain::seat_holder::seats_left(quota, h),
            kept: kept.remove(&code).unwrap_or_default(),
            candidates: candidates.remove(&code).unwrap_or_default(),
        });
    }
    Ok(Takeover {
        open: round.current_stage == Stage::Pendaftaran,
        sources,
        from_round_id,
        units,
    })
}

/// The takeover screen of a round: earlier rounds to choose from, and with
/// one chosen, its members unit by unit beside the seats of this round.
/// Any logged-in role.
pub async fn view(
    db: &Db,
    session: &Session,
    round_id: i64,
    from_round_id: Option<i64>,
) -> Result<Takeover> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    view_in(&mut conn, &round, from_round_id).await
}

/// Keeps members of an earlier round in this round, all or none. Pimpinan;
/// while this round takes registrations. Refused: a person who is not a
/// member of the earlier round now, who already applies or holds a seat
/// here, or more members than a unit's seats.
pub async fn keep(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &KeepInput,
    now: DateTime<Utc>,
) -> Result<Takeover> {
    session.require(Operation::PlenaryDecisions)?;
    if input.members.is_empty() {
        return Err(Error::validation(
            "anggota",
            "Pilih paling sedikit satu anggota yang dilanjutkan.",
        ));
    }
    let decision = crate::service::written_text(
        &input.decision,
        "keputusan",
        3,
        "Tuliskan nomor atau rujukan keputusan KPU yang melanjutkan anggota ini.",
    )?;
    let reason = crate::service::written_text(
        &input.reason,
        "alasan",
        10,
        "Tuliskan alasan melanjutkan anggota (mis. hasil evaluasi kinerja), paling sedikit 10 karakter.",
    )?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    let from = rounds::get(&mut tx, input.from_round_id).await?;
    continuity::ensure_takeover_window(&round, &from)?;
    let earlier: HashMap<MemberRef, (Member, store::MemberRow)> = members_in(&mut tx, from.id)
        .await?
        .into_iter()
        .map(|(m, r)| (m.member, (m, r)))
        .collect();
    let holding: HashSet<String> = holders::of_round(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|h| h.nik)
        .collect();
    let mut chosen: Vec<(&Member, &store::MemberRow, Evaluation)> = Vec::new();
    let mut niks = HashSet::new();
    for k in &input.members {
        let who = k.member.check()?;
        let Some((m, row)) = earlier.get(&who) else {
            return Err(Error::validation(
                "anggota",
                format!(
                    "{} bukan anggota {} yang masih menjabat (mungkin sudah berhenti/PAW atau mengundurkan diri); hanya anggota yang menjabat yang dapat dilanjutkan.",
                    who.key(),
                    from.name
                ),
            ));
        };
        if !niks.insert(row.nik.clone()) || holding.contains(&row.nik) {
            return Err(Error::validation(
                "anggota",
                format!("{} sudah memegang kursi pada {}.", m.full_name, round.name),
            ));
        }
        if store::applies_in(&mut tx, round_id, &row.nik).await? {
            return Err(Error::validation(
                "anggota",
                format!(
                    "{} sudah mendaftar pada {}; tarik dulu pendaftarannya bila ia dilanjutkan tanpa seleksi.",
                    m.full_name, round.name
                ),
            ));
        }
        let evaluation = if k.evaluation.is_empty() {
            m.evaluation
                .as_ref()
                .map(|e| e.evaluation.clone())
                .ok_or_else(|| {
                    Error::validation(
                        "nilai",
                        format!(
                            "{} belum memiliki evaluasi akhir masa kerja di {}; isi nilai atau predikat dan catatan evaluasinya.",
                            m.full_name, from.name
                        ),
                    )
                })?
        } else {
            k.evaluation.clone()
        };
        let evaluation = evaluation.validated()?;
        chosen.push((m, row, evaluation));
    }
    let mut adding: HashMap<&str, u32> = HashMap::new();
    for (_, row, _) in &chosen {
        *adding.entry(row.unit_code.as_str()).or_default() += 1;
    }
    let held: HashMap<String, u32> = holders::held_per_unit(&mut tx, round_id)
        .await?
        .into_iter()
        .collect();
    for (unit, n) in &adding {
        let quota = quota_of(&mut tx, &round, unit).await?;
        continuity::ensure_seats(
            &unit_label(unit),
            quota,
            held.get(*unit).copied().unwrap_or(0),
            *n,
        )?;
    }
    let at = now.to_rfc3339();
    let mut ids = Vec::new();
    for (m, row, e) in &chosen {
        let id = holders::insert(
            &mut tx,
            &HolderRow {
                id: 0,
                round_id,
                unit_code: row.unit_code.clone(),
                source: HolderSource::Dilanjutkan.as_str().to_string(),
                nik: row.nik.clone(),
                full_name: row.full_name.clone(),
                sex: row.sex.clone(),
                birth_date: row.birth_date.clone(),
                address: row.address.clone(),
                phone: row.phone.clone(),
                education: row.education.clone(),
                proposer_kind: None,
                proposer_name: None,
                from_round_id: Some(from.id),
                from_applicant_id: row.applicant_id,
                from_holder_id: row.holder_id,
                evaluation_grade: e.grade.clone(),
                evaluation_score: e.score.map(i64::from),
                evaluation_notes: Some(e.notes.clone()),
                decision: decision.clone(),
                reason: reason.clone(),
                decided_at: at.clone(),
                decided_by_name: None,
                cancelled_at: None,
                cancelled_reason: None,
            },
            session.user_id,
        )
        .await?;
        ids.push(id);
        let change = Change::new("seat_holder.keep", "seat_holder", id).after(json!({
            "round": round_id,
            "from_round": from.id,
            "from_member": m.key,
            "unit": row.unit_code,
            "nik": row.nik,
            "score": e.score,
            "grade": e.grade,
            "notes": e.notes,
            "decision": decision,
            "reason": reason,
        }));
        audit::record(&mut tx, session, now, change).await?;
    }
    let view = view_in(&mut tx, &round, Some(from.id)).await?;
    tx.commit().await?;
    Ok(view)
}

/// Cancels keeping a member (a wrong entry), with a reason; the seat
/// returns to the selection. Pimpinan; while the round takes
/// registrations.
pub async fn cancel(
    db: &Db,
    session: &Session,
    holder_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Takeover> {
    session.require(Operation::PlenaryDecisions)?;
    let reason = crate::service::written_text(
        reason,
        "alasan",
        10,
        "Tuliskan alasan pembatalan, paling sedikit 10 karakter.",
    )?;
    let mut tx = db.begin_write().await?;
    let h = holders::get(&mut tx, holder_id)
        .await?
        .filter(|h| h.source == HolderSource::Dilanjutkan.as_str() && h.cancelled_at.is_none())
        .ok_or_else(|| {
            Error::validation(
                "anggota",
                "Tidak ada anggota lanjutan aktif dengan nomor ini (mungkin sudah dibatalkan).",
            )
        })?;
    let round = rounds::get(&mut tx, h.round_id).await?;
    if round.current_stage != Stage::Pendaftaran {
        return Err(Error::stage(format!(
            "Anggota lanjutan hanya dapat dibatalkan sebelum pendaftaran {} ditutup.",
            round.name
        )));
    }
    holders::cancel(
        &mut tx,
        holder_id,
        &reason,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("seat_holder.cancel", "seat_holder", holder_id)
        .before(json!({ "nik": h.nik, "unit": h.unit_code, "source": h.source }))
        .after(json!({ "cancelled_reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    let view = view_in(&mut tx, &round, h.from_round_id).await?;
    tx.commit().await?;
    Ok(view)
}
