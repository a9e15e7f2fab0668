//! Interim replacement (PAW, pengganti antar waktu) during the term of
//! office: a member who dies, resigns, is permanently unable or is
//! dismissed is replaced by the best-ranked reserve (Cadangan) of the same
//! unit who is still available, by decision of the commission. Members
//! who hold a seat without this round's selection (appointed or kept from
//! an earlier round, [`crate::domain::seat_holder`]) are listed beside the
//! selected ones, marked, and leave and are replaced the same way.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::membership::{self, Departure, Member, MembershipFacts};
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::Status;
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::domain::seat_holder::HolderSource;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::evaluation;
use crate::store::responses::{self as store, NewLeave, PawRow};
use crate::store::seat_holders::{self, HolderRow};
use crate::store::{selection as sel_store, Db};

/// Why a member leaves (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LeaveCause {
    Meninggal,
    MengundurkanDiri,
    BerhalanganTetap,
    Diberhentikan,
}

impl LeaveCause {
    pub fn as_str(self) -> &'static str {
        match self {
            LeaveCause::Meninggal => "meninggal",
            LeaveCause::MengundurkanDiri => "mengundurkan_diri",
            LeaveCause::BerhalanganTetap => "berhalangan_tetap",
            LeaveCause::Diberhentikan => "diberhentikan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LeaveCause::Meninggal => "Meninggal dunia",
            LeaveCause::MengundurkanDiri => "Mengundurkan diri",
            LeaveCause::BerhalanganTetap => "Berhalangan tetap",
            LeaveCause::Diberhentikan => "Diberhentikan",
        }
    }

    pub fn parse(s: &str) -> Result<LeaveCause> {
        [
            LeaveCause::Meninggal,
            LeaveCause::MengundurkanDiri,
            LeaveCause::BerhalanganTetap,
            LeaveCause::Diberhentikan,
        ]
        .into_iter()
        .find(|c| c.as_str() == s.trim())
        .ok_or_else(|| {
            Error::validation(
                "sebab",
                format!(
                    "Sebab \"{s}\" tidak dikenal; pilih meninggal, mengundurkan_diri, berhalangan_tetap atau diberhentikan."
                ),
            )
        })
    }
}

/// A person in a unit's membership view.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub sex: String,
    /// Place in the final ranking.
    pub position: Option<u32>,
    /// Set when the member holds the seat without this round's selection
    /// (appointed or kept); `applicant_id` is then 0.
    #[ts(type = "number | null")]
    pub holder_id: Option<i64>,
    /// How a seat holder came to the seat; none for a selected member.
    pub source: Option<HolderSource>,
    /// The mark lists show ("Penunjukan", …); none for a selected member.
    pub source_label: Option<String>,
}

impl Person {
    fn holder(h: &HolderRow) -> Person {
        let source = HolderSource::parse(&h.source).ok();
        Person {
            applicant_id: 0,
            reg_number: String::new(),
            full_name: h.full_name.clone(),
            sex: h.sex.clone(),
            position: None,
            holder_id: Some(h.id),
            source,
            source_label: source.map(|s| s.label().to_string()),
        }
    }
}

/// One recorded departure and its replacement.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PawEvent {
    #[ts(type = "number")]
    pub id: i64,
    pub member: Person,
    pub cause: LeaveCause,
    pub cause_label: String,
    #[ts(type = "string")]
    pub left_on: NaiveDate,
    pub reason: String,
    /// The reserve who took the seat, once confirmed.
    pub replacement: Option<Person>,
    pub decision_note: Option<String>,
}

/// A unit's members now, its reserves still available (best first) and
/// the history of replacements.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitMembers {
    /// Dotted unit code.
    pub unit_code: String,
    pub unit_name: String,
    pub quota: u32,
    pub members: Vec<Person>,
    pub reserves: Vec<Person>,
    pub history: Vec<PawEvent>,
    /// A departure waiting for its replacement to be confirmed.
    #[ts(type = "number | null")]
    pub pending: Option<i64>,
    /// The reserve proposed for the pending departure (none when no reserve remains).
    pub proposed: Option<Person>,
}

/// The memberships of every unit (or one unit) of a round whose final
/// results are settled. Any logged-in role.
pub async fn members(
    db: &Db,
    session: &Session,
    round_id: i64,
    unit: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<UnitMembers>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    members_in(&mut conn, round_id, unit, now).await
}

/// [`members`] on a connection the caller holds (e.g. a write transaction).
pub(crate) async fn members_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    unit: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<UnitMembers>> {
    let unit = unit.map(RegionCode::parse).transpose()?;
    let c = evaluation::ranking_in(conn, round_id, now, false).await?;
    if c.round.current_stage <= Stage::Akhir {
        return Err(Error::stage(
            "Keanggotaan tersedia setelah hasil akhir ditetapkan (tahap hasil akhir ditutup).",
        ));
    }
    let names: HashMap<i64, (String, String)> = sel_store::names(conn, round_id)
        .await?
        .into_iter()
        .map(|n| (n.id, (n.reg_number, n.full_name)))
        .collect();
    let events = store::paw_events(conn, round_id).await?;
    let holders = seat_holders::of_round(conn, round_id).await?;
    let mut out = Vec::new();
    for u in &c.units {
        if unit.as_ref().is_some_and(|x| x.digits() != u.code) {
            continue;
        }
        let none = crate::domain::ranking::UnitRanking::default();
        let r = match c.rankings.get(&u.code) {
            Some(r) => r,
            // No applicant, but seats may be held.
            None if holders.iter().any(|h| h.unit_code == u.code) => &none,
            None => continue,
        };
        let person = |id: i64, position: Option<u32>| {
            let (reg_number, full_name) = names.get(&id).cloned().unwrap_or_default();
            Person {
                applicant_id: id,
                reg_number,
                full_name,
                sex: c.row(id).map(|r| r.sex()).unwrap_or_default().to_string(),
                position,
                holder_id: None,
                source: None,
                source_label: None,
            }
        };
        let unit_holders: Vec<&HolderRow> =
            holders.iter().filter(|h| h.unit_code == u.code).collect();
        let holder_person = |id: i64| {
            unit_holders
                .iter()
                .find(|h| h.id == id)
                .map(|h| Person::holder(h))
        };
        let position: HashMap<i64, Option<u32>> =
            r.final_.iter().map(|p| (p.id, p.position)).collect();
        let mine: Vec<&PawRow> = events.iter().filter(|e| e.unit_code == u.code).collect();
        let left: HashSet<i64> = mine.iter().filter_map(|e| e.member_id).collect();
        let used: HashSet<i64> = mine.iter().filter_map(|e| e.replacement_id).collect();
        let terpilih: Vec<i64> = r
            .final_
            .iter()
            .filter(|p| p.status == Status::Terpilih)
            .map(|p| p.id)
            .collect();
        let departures: Vec<Departure> = mine
            .iter()
            .filter_map(|e| {
                let member = match (e.member_id, e.member_holder_id) {
                    (Some(id), _) => Member::Applicant(id),
                    (None, Some(h)) => Member::Holder(h),
                    (None, None) => return None,
                };
                Some(Departure {
                    member,
                    replacement_id: e.replacement_id,
                })
            })
            .collect();
        let held: Vec<i64> = unit_holders.iter().map(|h| h.id).collect();
        let serving = membership::serving(&MembershipFacts {
            terpilih: &terpilih,
            holders: &held,
            departures: &departures,
        });
        let mut members: Vec<Person> = serving
            .iter()
            .filter_map(|m| match *m {
                Member::Applicant(id) => Some(person(id, position.get(&id).copied().flatten())),
                Member::Holder(_) => None,
            })
            .collect();
        members.sort_by_key(|p| p.position);
        // Seat holders after the selected members, in the order recorded.
        members.extend(serving.iter().filter_map(|m| match *m {
            Member::Holder(id) => holder_person(id),
            Member::Applicant(_) => None,
        }));
        let reserves: Vec<Person> = r
            .final_
            .iter()
            .filter(|p| {
                p.status == Status::Cadangan && !used.contains(&p.id) && !left.contains(&p.id)
            })
            .map(|p| person(p.id, p.position))
            .collect();
        // Waiting: no replacement yet, and not settled by an appointment.
        let pending = mine
            .iter()
            .find(|e| e.replacement_id.is_none() && e.confirmed_at.is_none())
            .map(|e| e.id);
        let history = mine
            .iter()
            .map(|e| PawEvent {
                id: e.id,
                member: match (e.member_id, e.member_holder_id) {
                    (Some(id), _) => person(id, position.get(&id).copied().flatten()),
                    (None, Some(h)) => holder_person(h).unwrap_or_else(|| person(0, None)),
                    (None, None) => person(0, None),
                },
                cause: LeaveCause::parse(&e.cause).unwrap_or(LeaveCause::Diberhentikan),
                cause_label: LeaveCause::parse(&e.cause)
                    .map(|c| c.label())
                    .unwrap_or_default()
                    .to_string(),
                left_on: e.left_on,
                reason: e.reason.clone(),
                replacement: e
                    .replacement_id
                    .map(|id| person(id, position.get(&id).copied().flatten())),
                decision_note: e.decision_note.clone(),
            })
            .collect();
        out.push(UnitMembers {
            unit_code: RegionCode::from_trusted(u.code.clone()).dotted(),
            unit_name: u.name.clone(),
            quota: u.quota,
            proposed: pending.and(reserves.first().cloned()),
            pending,
            members,
            reserves,
            history,
        });
    }
    Ok(out)
}

fn ensure_term(stage: Stage) -> Result<()> {
    if stage != Stage::MasaKerja {
        return Err(Error::stage(
            "PAW dicatat pada masa kerja (setelah tahap penetapan ditutup dan masa kerja dibuka).",
        ));
    }
    Ok(())
}

/// A member's departure as staff record it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LeaveInput {
    #[ts(type = "number")]
    pub member_id: i64,
    pub cause: LeaveCause,
    #[ts(type = "string")]
    pub left_on: NaiveDate,
    pub reason: String,
}

/// Records that a member leaves the body. Pimpinan; during the term.
/// Returns the unit as it now stands, with the reserve proposed.
pub async fn record_leave(
    db: &Db,
    session: &Session,
    round_id: i64,
    leave: &LeaveInput,
    now: DateTime<Utc>,
) -> Result<UnitMembers> {
    let who = Departing::Selected(leave.member_id);
    let facts = (leave.cause, leave.left_on, leave.reason.as_str());
    leave_in(db, session, round_id, who, facts, now).await
}

/// A seat holder's departure (appointed or kept member), as staff record it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HolderLeaveInput {
    #[ts(type = "number")]
    pub holder_id: i64,
    pub cause: LeaveCause,
    #[ts(type = "string")]
    pub left_on: NaiveDate,
    pub reason: String,
}

/// Records that a seat holder (appointed or kept member) leaves the body;
/// the seat is then filled by the best reserve still available, like any
/// member's. Pimpinan; during the term.
pub async fn record_holder_leave(
    db: &Db,
    session: &Session,
    round_id: i64,
    leave: &HolderLeaveInput,
    now: DateTime<Utc>,
) -> Result<UnitMembers> {
    let who = Departing::Holder(leave.holder_id);
    let facts = (leave.cause, leave.left_on, leave.reason.as_str());
    leave_in(db, session, round_id, who, facts, now).await
}

/// Who leaves: a member chosen by the selection (applicant id) or a seat
/// holder (holder id).
#[derive(Debug, Clone, Copy)]
enum Departing {
    Selected(i64),
    Holder(i64),
}

impl Departing {
    fn is(self, p: &Person) -> bool {
        match self {
            Departing::Selected(id) => p.holder_id.is_none() && p.applicant_id == id,
            Departing::Holder(id) => p.holder_id == Some(id),
        }
    }
}

async fn leave_in(
    db: &Db,
    session: &Session,
    round_id: i64,
    who: Departing,
    (cause, left_on, reason): (LeaveCause, NaiveDate, &str),
    now: DateTime<Utc>,
) -> Result<UnitMembers> {
    session.require(Operation::PlenaryDecisions)?;
    let reason = crate::service::written_text(
        reason,
        "alasan",
        10,
        "Tuliskan keterangan (mis. nomor surat pengunduran diri atau akta kematian), paling sedikit 10 karakter.",
    )?;
    if left_on > now.date_naive() {
        return Err(Error::validation(
            "tanggal",
            "Tanggal berhenti tidak boleh sesudah hari ini.",
        ));
    }
    let mut tx = db.begin_write().await?;
    let all = members_in(&mut tx, round_id, None, now).await?;
    ensure_term(
        crate::store::rounds::get(&mut tx, round_id)
            .await?
            .current_stage,
    )?;
    let Some(unit) = all.iter().find(|u| u.members.iter().any(|m| who.is(m))) else {
        return Err(Error::validation(
            "anggota",
            "Orang ini bukan anggota yang sedang menjabat pada seleksi ini.",
        ));
    };
    if unit.pending.is_some() {
        return Err(Error::validation(
            "anggota",
            format!(
                "{} masih menunggu penetapan pengganti untuk anggota yang berhenti sebelumnya; tetapkan dulu penggantinya.",
                unit.unit_name
            ),
        ));
    }
    let code = RegionCode::parse(&unit.unit_code)?;
    let (member_id, member_holder_id) = match who {
        Departing::Selected(id) => (Some(id), None),
        Departing::Holder(id) => (None, Some(id)),
    };
    let id = store::insert_leave(
        &mut tx,
        &NewLeave {
            round_id,
            unit_code: code.digits(),
            member_id,
            member_holder_id,
            cause: cause.as_str(),
            left_on,
            reason: &reason,
        },
        session.user_id,
        now,
    )
    .await?;
    let change = match who {
        Departing::Selected(id) => Change::new("paw.leave", "applicant", id),
        Departing::Holder(id) => Change::new("paw.leave", "seat_holder", id),
    }
    .after(json!({
        "paw": id,
        "cause": cause.as_str(),
        "left_on": left_on.to_string(),
        "reason": reason,
    }));
    audit::record(&mut tx, session, now, change).await?;
    let unit_code = unit.unit_code.clone();
    let now_stands = members_in(&mut tx, round_id, Some(&unit_code), now)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("wilayah PAW tidak terbaca".into()))?;
    tx.commit().await?;
    Ok(now_stands)
}

/// Confirms the proposed reserve as the replacement of a departure (the
/// commission's decision, with its note). Pimpinan; during the term.
/// Refused, saying so, when no reserve remains.
pub async fn confirm(
    db: &Db,
    session: &Session,
    round_id: i64,
    paw_id: i64,
    replacement_id: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<UnitMembers> {
    session.require(Operation::PlenaryDecisions)?;
    let note = crate::service::written_text(
        note,
        "catatan",
        10,
        "Tuliskan dasar penetapan pengganti (mis. nomor Keputusan KPU), paling sedikit 10 karakter.",
    )?;
    let all = members(db, session, round_id, None, now).await?;
    let Some(unit) = all.iter().find(|u| u.pending == Some(paw_id)) else {
        return Err(Error::validation(
            "paw",
            "Tidak ada pemberhentian yang menunggu pengganti dengan nomor ini.",
        ));
    };
    let Some(proposed) = &unit.proposed else {
        return Err(Error::validation(
            "pengganti",
            format!(
                "Tidak ada calon cadangan yang tersisa di {}; pengisian harus diputuskan tersendiri oleh KPU.",
                unit.unit_name
            ),
        ));
    };
    if proposed.applicant_id != replacement_id {
        return Err(Error::validation(
            "pengganti",
            format!(
                "Pengganti adalah cadangan terbaik yang masih tersedia: {} ({}).",
                proposed.full_name, proposed.reg_number
            ),
        ));
    }
    let mut tx = db.begin_write().await?;
    ensure_term(
        crate::store::rounds::get(&mut tx, round_id)
            .await?
            .current_stage,
    )?;
    store::confirm_replacement(&mut tx, paw_id, replacement_id, &note, session.user_id, now)
        .await?;
    let change = Change::new("paw.confirm", "applicant", replacement_id)
        .after(json!({ "paw": paw_id, "replacement": replacement_id, "note": note }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    let unit_code = unit.unit_code.clone();
    members(db, session, round_id, Some(&unit_code), now)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("wilayah PAW tidak terbaca".into()))
}
