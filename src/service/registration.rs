//! The help desk: checking a registration while it is typed, registering,
//! editing and withdrawing one applicant, finding applicants, and the
//! registration receipt.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::applicant::{registration_number, ApplicationStatus, Sex};
use crate::domain::nik::Nik;
use crate::domain::permission::{Operation, Session};
use crate::domain::personal_data;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::registration::{PartyStatus, RegistrationDraft};
use crate::domain::registration_check::{self, NikRecords};
pub use crate::domain::registration_check::{
    DocumentItem, ExistingApplication, NikInfo, RegistrationCheck,
};
use crate::domain::round::Stage;
use crate::domain::standing::Standing;
use crate::error::{Error, Result};
use crate::pdf::{receipt, Paper, ReceiptData, ReceiptDocument};
use crate::service::applicants::new_applicant;
use crate::service::audit::{self, Change};
use crate::service::continuity::SeatGate;
pub use crate::service::evaluation::ApplicantDetail;
use crate::service::evaluation::{self, detail_from, draft_from, Context};
use crate::service::setup;
use crate::service::standing::{standing_detail, ClosedLists};
use crate::store::applicants::{self as store, NewApplicant, StoredApplicant};
use crate::store::continuity as continuity_store;
use crate::store::extensions as ext_store;
use crate::store::rounds;
use crate::store::{parties as party_store, Db};

/// A saved application.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedApplicant {
    #[ts(type = "number")]
    pub id: i64,
    pub reg_number: String,
}

/// The outcome of saving: saved, or refused with the check that says why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RegistrationResult {
    pub saved: Option<SavedApplicant>,
    pub check: RegistrationCheck,
}

/// Checks a draft: field validity, NIK, duplicate, eligibility, documents
/// ([`registration_check::judge`], after looking up what the store knows of
/// the NIK). Also returns the record to write when it can be saved.
async fn evaluate(
    conn: &mut sqlx::SqliteConnection,
    ctx: &Context,
    draft: &RegistrationDraft,
    editing: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(RegistrationCheck, Option<NewApplicant>)> {
    let nik = Nik::parse(&draft.fields.nik).ok();
    let mut known = NikRecords::default();
    if let Some(n) = &nik {
        known.duplicate = store::active_holder(conn, &ctx.round.election, n.as_str(), editing)
            .await?
            .map(|h| ExistingApplication {
                id: h.id,
                reg_number: h.reg_number,
                full_name: h.full_name,
                round_name: h.round_name,
                awaiting_files: h.awaiting_files,
            });
        if ctx.party_list_imported {
            known.parties = party_store::parties_of(conn, n.as_str()).await?;
        }
        known.recorded_service =
            continuity_store::service_of_nik(conn, ctx.round.id, n.as_str()).await?;
    }
    let mut judged = registration_check::judge(&ctx.desk(), draft, known, now.date_naive());
    // A new application to a unit whose seats are all held, or of someone
    // holding a seat in the round, is refused (issue 18).
    if editing.is_none() {
        let unit = RegionCode::parse(&draft.fields.kode_wilayah_tugas).ok();
        let seats = SeatGate::load(conn, &ctx.round)
            .await?
            .problems(unit.as_ref(), &draft.fields.nik);
        if !seats.is_empty() {
            judged.check.problems.extend(seats);
            judged.check.can_save = false;
            judged.valid = None;
        }
    }
    // A valid draft has a party statement (its absence is a problem); the
    // record is made only with one.
    let record = judged.valid.and_then(|(a, warnings)| {
        let status = draft.party_status?;
        Some(NewApplicant {
            party_status: status.as_str(),
            party_left_year: draft
                .party_left_year
                .filter(|_| status == PartyStatus::Mantan),
            misuse_statement: draft.misuse_statement,
            disability: draft.disability(),
            ..new_applicant(a, &ctx.round.election, &warnings, true)
        })
    });
    Ok((judged.check, record))
}

/// Checks a draft for the live panel of the form; writes nothing.
pub async fn check(
    db: &Db,
    session: &Session,
    round_id: i64,
    draft: &RegistrationDraft,
    editing: Option<i64>,
    now: DateTime<Utc>,
) -> Result<RegistrationCheck> {
    session.require(Operation::RegisterApplicants)?;
    let ctx = context(db, round_id).await?;
    let mut conn = db.pool().acquire().await?;
    Ok(evaluate(&mut conn, &ctx, draft, editing, now).await?.0)
}

fn service_rows(draft: &RegistrationDraft) -> Vec<(String, String, i32)> {
    draft
        .previous_service
        .iter()
        .map(|s| {
            (
                s.body.trim().to_uppercase(),
                s.election.split_whitespace().collect::<Vec<_>>().join(" "),
                s.year,
            )
        })
        .collect()
}

/// Registers one applicant: a number is issued only when every field is
/// valid, the NIK holds no other active application in the election, and
/// any NIK warning was acknowledged. Otherwise nothing is written and the
/// check says why.
pub async fn register(
    db: &Db,
    session: &Session,
    round_id: i64,
    draft: &RegistrationDraft,
    now: DateTime<Utc>,
) -> Result<RegistrationResult> {
    session.require(Operation::RegisterApplicants)?;
    let ctx = context(db, round_id).await?;
    let today = now.date_naive();
    // Refused before anything is checked when no unit takes applicants.
    if let Err(r) = ctx.round.registration_gate(None, today) {
        if r.whole_round() {
            return Err(Error::validation("round", r.message(&ctx.round.name)));
        }
    }
    let mut tx = db.begin_write().await?;
    let (check, record) = evaluate(&mut tx, &ctx, draft, None, now).await?;
    let Some(mut record) = record else {
        return Ok(RegistrationResult { saved: None, check });
    };
    let extension = ext_store::latest_extension(&mut tx, round_id, &record.unit_code).await?;
    ctx.round
        .registration_gate(extension.map(|e| e.ends_on), today)
        .map_err(|r| Error::validation("kode_wilayah_tugas", r.message(&ctx.round.name)))?;
    let seq = store::next_seq(&mut tx, round_id).await?;
    record.reg_seq = seq;
    record.reg_number = registration_number(ctx.round.body, ctx.kabupaten.digits(), seq);
    store::insert_many(
        &mut tx,
        round_id,
        std::slice::from_ref(&record),
        session.user_id,
        now,
    )
    .await?;
    let id = store::id_of(&mut tx, round_id, seq).await?;
    store::replace_service(&mut tx, id, &service_rows(draft)).await?;
    store::set_documents(&mut tx, id, &draft.documents, session.user_id, now).await?;
    let change = Change::new("applicant.register", "applicant", id).after(json!({
        "round": round_id,
        "reg_number": record.reg_number,
        "unit": record.unit_code,
        "nik_warnings_acknowledged": record.nik_warnings.is_some(),
        "documents": draft.documents,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(RegistrationResult {
        saved: Some(SavedApplicant {
            id,
            reg_number: record.reg_number,
        }),
        check,
    })
}

/// A round's [`Context`], on a connection of its own.
async fn context(db: &Db, round_id: i64) -> Result<Context> {
    let mut conn = db.pool().acquire().await?;
    evaluation::context_in(&mut conn, round_id).await
}

/// The stored application as the form edits it.
async fn draft_of(
    conn: &mut sqlx::SqliteConnection,
    a: &StoredApplicant,
) -> Result<RegistrationDraft> {
    let service = store::service_of(conn, a.id).await?;
    let documents = store::documents_of(conn, a.id).await?;
    Ok(draft_from(
        a,
        service,
        documents.into_iter().map(|(code, _)| code).collect(),
    ))
}

async fn stored(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<StoredApplicant> {
    store::get(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Pendaftar dengan nomor data {id}")))
}

/// Changes an application (not its number or round); audited with the
/// fields that changed, before and after.
pub async fn update(
    db: &Db,
    session: &Session,
    id: i64,
    draft: &RegistrationDraft,
    now: DateTime<Utc>,
) -> Result<RegistrationResult> {
    session.require(Operation::RegisterApplicants)?;
    let round_id = {
        let mut conn = db.pool().acquire().await?;
        stored(&mut conn, id).await?.round_id
    };
    let ctx = context(db, round_id).await?;
    let mut tx = db.begin_write().await?;
    let before = stored(&mut tx, id).await?;
    rounds::get(&mut tx, before.round_id)
        .await?
        .ensure_unfrozen(Stage::Administrasi)?;
    if before.status == ApplicationStatus::Mundur {
        return Err(Error::validation(
            "status",
            format!(
                "Pendaftaran {} sudah ditarik (mundur) dan tidak dapat diubah.",
                before.reg_number
            ),
        ));
    }
    let before_draft = draft_of(&mut tx, &before).await?;
    let (check, record) = evaluate(&mut tx, &ctx, draft, Some(id), now).await?;
    let Some(record) = record else {
        return Ok(RegistrationResult { saved: None, check });
    };
    store::update(&mut tx, id, &record, now).await?;
    store::replace_service(&mut tx, id, &service_rows(draft)).await?;
    store::set_documents(&mut tx, id, &draft.documents, session.user_id, now).await?;
    let now_stored = stored(&mut tx, id).await?;
    let after = draft_of(&mut tx, &now_stored).await?;
    let (b, a) = changed_fields(&before_draft, &after);
    let change = Change::new("applicant.update", "applicant", id)
        .before(b)
        .after(a);
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(RegistrationResult {
        saved: Some(SavedApplicant {
            id,
            reg_number: before.reg_number,
        }),
        check,
    })
}

/// The fields that differ between two drafts, as (before, after) objects;
/// a personal field ([`personal_data::PERSONAL_FIELDS`]) is named with a
/// marker instead of its values, so the trail shows that it changed and
/// never what it held.
fn changed_fields(
    before: &RegistrationDraft,
    after: &RegistrationDraft,
) -> (serde_json::Value, serde_json::Value) {
    let (b, a) = (json!(before), json!(after));
    let mut out_b = serde_json::Map::new();
    let mut out_a = serde_json::Map::new();
    let flat = |v: &serde_json::Value| -> serde_json::Map<String, serde_json::Value> {
        let mut m = v["fields"].as_object().cloned().unwrap_or_default();
        if let Some(rest) = v.as_object() {
            for (k, x) in rest {
                if k != "fields" && k != "acknowledge_nik_warnings" {
                    m.insert(k.clone(), x.clone());
                }
            }
        }
        m
    };
    let (fb, fa) = (flat(&b), flat(&a));
    for (k, vb) in &fb {
        let va = fa.get(k).cloned().unwrap_or(serde_json::Value::Null);
        if *vb != va {
            out_b.insert(k.clone(), vb.clone());
            out_a.insert(k.clone(), va);
        }
    }
    personal_data::mask_fields(&mut out_b, personal_data::MASKED);
    personal_data::mask_fields(&mut out_a, personal_data::CHANGED);
    (out_b.into(), out_a.into())
}

/// Withdraws an application (the applicant steps back); the number stays
/// used and the NIK may apply again in the same election. Audited.
pub async fn withdraw(
    db: &Db,
    session: &Session,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::RegisterApplicants)?;
    let reason = super::written_text(
        reason,
        "alasan",
        5,
        "Tuliskan alasan pengunduran diri (paling sedikit 5 karakter).",
    )?;
    let mut tx = db.begin_write().await?;
    let a = stored(&mut tx, id).await?;
    if a.status == ApplicationStatus::Mundur {
        return Err(Error::validation(
            "status",
            format!("Pendaftaran {} sudah ditarik sebelumnya.", a.reg_number),
        ));
    }
    store::withdraw(&mut tx, id, &reason, session.user_id, now).await?;
    let change = Change::new("applicant.withdraw", "applicant", id)
        .before(json!({ "status": a.status }))
        .after(json!({ "status": ApplicationStatus::Mundur, "reason": reason, "reg_number": a.reg_number }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The id of the application with this registration number in a round.
pub async fn id_by_number(db: &Db, round_id: i64, reg_number: &str) -> Result<i64> {
    let mut conn = db.pool().acquire().await?;
    store::id_by_number(&mut conn, round_id, reg_number.trim())
        .await?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Pendaftar dengan nomor {} pada seleksi {round_id}",
                reg_number.trim()
            ))
        })
}

/// Reads one application. Any logged-in role.
pub async fn detail(
    db: &Db,
    session: &Session,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ApplicantDetail> {
    session.require(Operation::Read)?;
    let a = {
        let mut conn = db.pool().acquire().await?;
        stored(&mut conn, id).await?
    };
    let ctx = context(db, a.round_id).await?;
    let mut conn = db.pool().acquire().await?;
    let draft = draft_of(&mut conn, &a).await?;
    let (check, _) = evaluate(&mut conn, &ctx, &draft, Some(a.id), now).await?;
    let standing = standing_detail(&mut conn, &ctx.round, a.id).await?;
    let participant_number = crate::store::seating::number_of(&mut conn, a.id).await?;
    let mut detail = detail_from(&ctx, a, draft, check);
    detail.standing = Some(standing);
    detail.participant_number = participant_number;
    Ok(detail)
}

/// Sort order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApplicantOrder {
    /// Registration order.
    #[default]
    Nomor,
    Nama,
}

/// A search of one round's applicants.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApplicantQuery {
    #[ts(type = "number")]
    pub round_id: i64,
    /// Start of a name, start of a NIK, a registration number or its
    /// sequence ("12" finds PPK-3514-0012).
    pub text: String,
    /// A kecamatan or desa code (dotted or digits); empty for all.
    pub unit: String,
    /// A [`Standing`] key (`ms`, `terpilih`, `mundur`, …), or empty for all.
    pub status: String,
    pub order: ApplicantOrder,
    pub offset: u32,
    pub limit: u32,
}

/// One row of the list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicantListRow {
    #[ts(type = "number")]
    pub id: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    pub sex: Sex,
    /// Dotted unit code.
    pub unit_code: String,
    pub unit_label: String,
    pub status: ApplicationStatus,
    /// Where the application stands (the results of closed stages, PAW).
    pub standing: Standing,
    pub standing_label: String,
    /// A NIK warning from an import that nobody acknowledged yet.
    pub nik_warning_pending: bool,
    /// The NIK is in the party-membership list.
    pub party_listed: bool,
}

/// One page of the list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicantPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ApplicantListRow>,
}

/// Most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// Finds applicants of a round: by the start of the name, the start of the
/// NIK, or the registration number; filtered by unit and status; one page
/// at a time. Uses indexes only, so it stays fast with 100,000 applicants.
pub async fn list(db: &Db, session: &Session, q: &ApplicantQuery) -> Result<ApplicantPage> {
    session.require(Operation::Read)?;
    let kabupaten = RegionCode::parse(&setup::kabupaten(db).await?.code)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, q.round_id).await?;
    let mut search = store::Search {
        round_id: q.round_id,
        order_by_name: q.order == ApplicantOrder::Nama,
        limit: i64::from(q.limit.clamp(1, MAX_PAGE)),
        offset: i64::from(q.offset),
        ..Default::default()
    };
    let text = q.text.trim();
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if text.is_empty() {
    } else if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
        if compact.len() >= 6 {
            search.nik_prefix = Some(compact);
        } else {
            let seq: i64 = compact.parse().unwrap_or(0);
            search.reg_number_prefix =
                Some(registration_number(round.body, kabupaten.digits(), seq));
        }
    } else if text.to_ascii_uppercase().starts_with("PP") && text.contains('-') {
        search.reg_number_prefix = Some(compact.to_ascii_uppercase());
    } else {
        search.name_prefix = Some(store::name_key(text));
    }
    if !q.unit.trim().is_empty() {
        let unit = RegionCode::parse(&q.unit).map_err(|_| {
            Error::validation(
                "unit",
                format!("Kode wilayah \"{}\" tidak dikenal.", q.unit.trim()),
            )
        })?;
        search.unit = Some(unit.digits().to_string());
    }
    // A standing is read from several columns, the PAW decisions and the
    // closed stages' lists: the matching applications are judged here, then
    // their page is read.
    let closed = ClosedLists::of(&mut conn, &round).await?;
    let mut filtered_total = None;
    if !q.status.trim().is_empty() {
        let wanted = Standing::parse(&q.status)?;
        let matching: Vec<i64> = store::standings(&mut conn, &search)
            .await?
            .into_iter()
            .filter(|(id, row)| closed.standing(*id, row) == wanted)
            .map(|(id, _)| id)
            .collect();
        filtered_total = Some(matching.len() as i64);
        let page: Vec<i64> = matching
            .into_iter()
            .skip(search.offset as usize)
            .take(search.limit as usize)
            .collect();
        search.ids = Some(page);
        search.offset = 0;
    }
    let (rows, total) = store::search(&mut conn, &search).await?;
    let total = filtered_total.unwrap_or(total);
    Ok(ApplicantPage {
        total: total as u32,
        offset: q.offset,
        rows: rows
            .into_iter()
            .map(|r| {
                let unit = RegionCode::from_trusted(r.unit_code);
                let standing = closed.standing(r.id, &r.standing);
                ApplicantListRow {
                    id: r.id,
                    reg_number: r.reg_number,
                    nik: r.nik,
                    full_name: r.full_name,
                    sex: r.sex,
                    unit_code: unit.dotted(),
                    unit_label: atlas().unit_label(&unit),
                    status: r.status,
                    standing,
                    standing_label: standing.label().to_string(),
                    nik_warning_pending: r.nik_warning_pending,
                    party_listed: r.party_listed,
                }
            })
            .collect(),
    })
}

/// The registration receipt (tanda terima) of an application as a PDF, and
/// a file name for it. Any logged-in role.
pub async fn receipt_pdf(
    db: &Db,
    session: &Session,
    id: i64,
    paper: Paper,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>)> {
    let d = detail(db, session, id, now).await?;
    let kabupaten = setup::kabupaten(db).await?;
    let registered_at = DateTime::parse_from_rfc3339(&d.registered_at)
        .map_err(|e| Error::Internal(format!("waktu pendaftaran tidak terbaca: {e}")))?
        .with_timezone(&chrono::Local)
        .naive_local();
    let place = kabupaten.town().to_string();
    let data = ReceiptData {
        commission: kabupaten.commission(),
        round_name: d.round_name,
        reg_number: d.reg_number.clone(),
        full_name: d.draft.fields.nama,
        unit: d.unit_label,
        registered_at,
        documents: d
            .check
            .documents
            .iter()
            .map(|x| ReceiptDocument {
                name: x.name.clone(),
                received: x.received,
            })
            .collect(),
        operator: d.registered_by.unwrap_or(session.full_name.clone()),
        place,
    };
    let bytes = receipt(&data, paper)?;
    Ok((format!("tanda-terima-{}.pdf", d.reg_number), bytes))
}
