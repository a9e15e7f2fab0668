//! Public responses (tanggapan masyarakat) about a candidate: recorded by a
//! Verifikator with who sent them, what they say and an optional
//! attachment, clarified, and decided by the commission's plenary. A
//! founded response drops the candidate: from then on the ranking leaves
//! them out and the next reserve moves up. Responses are taken until the
//! end the round's settings give ([`ResponseWindow`]): before the
//! interviews, or until the swearing in.
//!
//! [`ResponseWindow`]: crate::domain::round_rules::ResponseWindow

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::applicant_input::parse_date;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::scans;
use crate::store::responses::{self as store, NewResponse, ResponseRow};
use crate::store::{applicants, rounds, Db};

/// A response as staff type it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResponseInput {
    #[ts(type = "number")]
    pub applicant_id: i64,
    /// `YYYY-MM-DD`, `DD-MM-YYYY` or `DD/MM/YYYY`.
    pub received_on: String,
    pub sender: String,
    pub contact: String,
    pub content: String,
}

/// How the plenary found a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Proses,
    TidakTerbukti,
    Terbukti,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Proses => "proses",
            Outcome::TidakTerbukti => "tidak_terbukti",
            Outcome::Terbukti => "terbukti",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Proses => "Dalam proses",
            Outcome::TidakTerbukti => "Tidak terbukti",
            Outcome::Terbukti => "Terbukti – calon gugur",
        }
    }

    fn parse(s: &str) -> Outcome {
        match s {
            "tidak_terbukti" => Outcome::TidakTerbukti,
            "terbukti" => Outcome::Terbukti,
            _ => Outcome::Proses,
        }
    }
}

/// A recorded response.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ResponseView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub unit_label: String,
    #[ts(type = "string")]
    pub received_on: NaiveDate,
    pub sender: String,
    pub contact: Option<String>,
    pub content: String,
    /// SHA-256 of the attached file (open it like a scan).
    pub attachment_sha256: Option<String>,
    pub attachment_name: Option<String>,
    pub clarification: Option<String>,
    pub outcome: Outcome,
    pub outcome_label: String,
    pub outcome_reason: Option<String>,
    pub decided_at: Option<String>,
}

impl From<ResponseRow> for ResponseView {
    fn from(r: ResponseRow) -> Self {
        let outcome = Outcome::parse(&r.outcome);
        ResponseView {
            id: r.id,
            applicant_id: r.applicant_id,
            reg_number: r.reg_number,
            full_name: r.full_name,
            unit_label: RegionCode::parse(&r.unit_code)
                .map(|c| atlas().unit_label(&c))
                .unwrap_or(r.unit_code),
            received_on: r.received_on,
            sender: r.sender,
            contact: r.contact,
            content: r.content,
            attachment_sha256: r.attachment_sha256,
            attachment_name: r.attachment_name,
            clarification: r.clarification,
            outcome,
            outcome_label: outcome.label().to_string(),
            outcome_reason: r.outcome_reason,
            decided_at: r.decided_at,
        }
    }
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_day(s: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| {
        Error::validation(
            "tanggal_diterima",
            format!(
                "Tanggal \"{}\" tidak dapat dibaca; tulis seperti 23-11-2026.",
                s.trim()
            ),
        )
    })
}

/// Refuses once the round is in its term of office: a member who must go
/// is then replaced by PAW.
async fn ensure_before_term(conn: &mut sqlx::SqliteConnection, round_id: i64) -> Result<()> {
    let round = rounds::get(conn, round_id).await?;
    if round.current_stage == Stage::MasaKerja {
        return Err(before_term_refusal());
    }
    Ok(())
}

fn before_term_refusal() -> Error {
    Error::stage(
        "Seleksi sudah memasuki masa kerja; anggota yang diberhentikan diganti melalui PAW.",
    )
}

/// Refuses a new response once the round's response window has closed
/// (its setting "tanggapan masyarakat diterima sampai"): before the
/// interviews, or until the swearing in. In the term of office a member is
/// replaced by PAW whatever the setting.
async fn ensure_window_open(conn: &mut sqlx::SqliteConnection, round_id: i64) -> Result<()> {
    let round = rounds::get(conn, round_id).await?;
    let window = round.settings.responses_until;
    if round.current_stage == Stage::MasaKerja {
        return Err(before_term_refusal());
    }
    if !window.is_open(round.current_stage) {
        return Err(Error::stage(format!(
            "Masa tanggapan masyarakat {} sudah berakhir: menurut pengaturan seleksi \
             \"Tanggapan masyarakat diterima sampai\" ({}), tanggapan dicatat hanya sampai \
             sebelum tahap {} (sekarang tahap {}). Tanggapan yang sudah dicatat tetap dapat \
             diklarifikasi dan diputuskan.",
            round.name,
            window.label(),
            window.closes_at().label().to_lowercase(),
            round.current_stage.label().to_lowercase()
        )));
    }
    Ok(())
}

/// Records a response about an applicant, with an optional attached file
/// (PDF, JPG or PNG). Verifikator; audited. Returns the new response.
pub async fn record(
    db: &Db,
    session: &Session,
    input: &ResponseInput,
    attachment: Option<(&str, &[u8])>,
    now: DateTime<Utc>,
) -> Result<ResponseView> {
    session.require(Operation::RecordResponses)?;
    let received_on = parse_day(&input.received_on)?;
    if received_on > now.date_naive() {
        return Err(Error::validation(
            "tanggal_diterima",
            "Tanggal diterima tidak boleh sesudah hari ini.",
        ));
    }
    let sender = tidy(&input.sender);
    if sender.is_empty() {
        return Err(Error::validation(
            "pengirim",
            "Tuliskan nama pengirim tanggapan (atau \"Anonim\" bila tidak disebutkan).",
        ));
    }
    let content = input.content.trim();
    if content.chars().count() < 10 {
        return Err(Error::validation(
            "isi",
            "Tuliskan isi tanggapan (paling sedikit 10 karakter).",
        ));
    }
    let contact = tidy(&input.contact);
    let attachment = match attachment {
        Some((name, bytes)) => {
            let (sha, kind) = scans::keep(db, bytes)?;
            Some((
                sha,
                scans::base_name(name).unwrap_or_else(|| format!("lampiran.{}", kind.extension())),
                kind.media_type().to_string(),
            ))
        }
        None => None,
    };
    let mut tx = db.begin_write().await?;
    let round_id = applicants::round_of(&mut tx, input.applicant_id).await?;
    ensure_window_open(&mut tx, round_id).await?;
    let id = store::insert_response(
        &mut tx,
        &NewResponse {
            round_id,
            applicant_id: input.applicant_id,
            received_on,
            sender: &sender,
            contact: Some(contact.as_str()).filter(|c| !c.is_empty()),
            content,
            attachment: attachment.clone(),
        },
        session.user_id,
        now,
    )
    .await?;
    let change = Change::new("response.record", "applicant", input.applicant_id).after(json!({
        "response": id,
        "received_on": received_on.to_string(),
        "sender": sender,
        "attachment": attachment.map(|a| a.0),
    }));
    audit::record(&mut tx, session, now, change).await?;
    let row = store::response(&mut tx, id)
        .await?
        .ok_or_else(|| Error::Internal("tanggapan baru tidak terbaca".into()))?;
    tx.commit().await?;
    Ok(row.into())
}

/// Every response of a round, oldest first. Any logged-in role.
pub async fn list(db: &Db, session: &Session, round_id: i64) -> Result<Vec<ResponseView>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    Ok(store::responses(&mut conn, round_id)
        .await?
        .into_iter()
        .map(ResponseView::from)
        .collect())
}

async fn existing(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<ResponseRow> {
    store::response(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Tanggapan nomor {id}")))
}

/// Records the clarification obtained (from the candidate, the sender or
/// others). Verifikator; only while the response is undecided.
pub async fn clarify(
    db: &Db,
    session: &Session,
    id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<ResponseView> {
    session.require(Operation::RecordResponses)?;
    let text = text.trim();
    if text.chars().count() < 10 {
        return Err(Error::validation(
            "klarifikasi",
            "Tuliskan hasil klarifikasi (paling sedikit 10 karakter).",
        ));
    }
    let mut tx = db.begin_write().await?;
    let before = existing(&mut tx, id).await?;
    if before.outcome != "proses" {
        return Err(Error::validation(
            "klarifikasi",
            "Tanggapan ini sudah diputuskan; klarifikasinya tidak diubah lagi.",
        ));
    }
    store::set_clarification(&mut tx, id, text).await?;
    let change = Change::new("response.clarify", "applicant", before.applicant_id)
        .before(json!({ "response": id, "clarification": before.clarification }))
        .after(json!({ "response": id, "clarification": text }));
    audit::record(&mut tx, session, now, change).await?;
    let row = existing(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row.into())
}

/// The plenary's finding on a response, with its reason. `Terbukti` drops
/// the candidate from the selection (the next reserve moves up). Pimpinan;
/// before the term of office begins; audited.
pub async fn decide(
    db: &Db,
    session: &Session,
    id: i64,
    outcome: Outcome,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<ResponseView> {
    session.require(Operation::PlenaryDecisions)?;
    if outcome == Outcome::Proses {
        return Err(Error::validation(
            "hasil",
            "Pilih hasilnya: terbukti atau tidak terbukti.",
        ));
    }
    let reason = crate::service::written_text(
        reason,
        "alasan",
        10,
        "Tuliskan dasar keputusan (mis. hasil klarifikasi dan nomor Berita Acara), paling sedikit 10 karakter.",
    )?;
    let mut tx = db.begin_write().await?;
    let before = existing(&mut tx, id).await?;
    ensure_before_term(&mut tx, before.round_id).await?;
    if before.outcome != "proses" {
        return Err(Error::validation(
            "hasil",
            format!(
                "Tanggapan ini sudah diputuskan ({}).",
                Outcome::parse(&before.outcome).label().to_lowercase()
            ),
        ));
    }
    store::set_outcome(&mut tx, id, outcome.as_str(), &reason, session.user_id, now).await?;
    let change = Change::new("response.decide", "applicant", before.applicant_id)
        .after(json!({ "response": id, "outcome": outcome.as_str(), "reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    let row = existing(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row.into())
}
