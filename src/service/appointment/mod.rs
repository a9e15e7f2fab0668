//! Appointment (penunjukan): the commission fills the seats of a unit that
//! is still short after the extensions the round allows, with people that a
//! school, a university or the village government proposed, and records
//! the decision with its reason (DOMAIN.md "Stages" 2).
//!
//! The window ([`crate::domain::appointment`]): from the moment the unit's
//! extensions are used up — every extension the round allows is over, or
//! the administrative stage has closed so no more can be given — until the
//! end of the term, since a seat can fall empty during the term when a
//! member leaves and no reserve is left. Before that the appointment is
//! refused with the step that must come first. Never more than the seats
//! no candidate can still win ([`situations`]). An appointed member holds a
//! seat ([`crate::domain::seat_holder`]): the selection ranks only the
//! seats left, the quota counts it, and the members list, PAW and the SK
//! lampiran show the member marked "Penunjukan". A wrong entry is
//! cancelled with a reason, never deleted. Pimpinan; audited; one write
//! transaction each.

mod situations;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

pub use situations::{unit_situations, UnitSituation};

use crate::domain::applicant::{Education, Sex};
use crate::domain::appointment;
use crate::domain::nik::Nik;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Stage;
use crate::domain::seat_holder::{HolderSource, ProposerKind};
use crate::domain::text::{check, Lines};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::{local_time, written_text};
use crate::store::seat_holders::{self as store, HolderRow};
use crate::store::{applicants, rounds, Db};

/// A person the commission appoints, as staff type it in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppointmentInput {
    /// The unit (dotted or digit code).
    pub unit_code: String,
    pub nik: String,
    pub full_name: String,
    pub sex: Sex,
    #[ts(type = "string")]
    pub birth_date: NaiveDate,
    pub address: String,
    pub phone: Option<String>,
    pub education: Education,
    pub proposer_kind: ProposerKind,
    /// Who proposed, e.g. "SMA Negeri 1 Bangil" or "Pemerintah Desa Wonorejo".
    pub proposer_name: String,
    /// The commission's decision: number or reference of the Keputusan or
    /// the Berita Acara of the plenary.
    pub decision: String,
    /// Why this person (at least 10 characters).
    pub reason: String,
    /// Staff checked the KTP-el although the sex or birth date entered
    /// differs from what the NIK says.
    #[serde(default)]
    pub acknowledge_nik_warnings: bool,
}

/// A seat holder as lists show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeatHolderView {
    #[ts(type = "number")]
    pub id: i64,
    /// Dotted code.
    pub unit_code: String,
    pub unit_label: String,
    pub source: HolderSource,
    pub source_label: String,
    pub nik: String,
    pub full_name: String,
    pub sex: String,
    pub education: Option<String>,
    pub proposer_kind: Option<ProposerKind>,
    /// "Sekolah: SMA Negeri 1 Bangil".
    pub proposer: Option<String>,
    pub decision: String,
    pub reason: String,
    /// Local time of the decision.
    pub decided_at: String,
    pub decided_by: Option<String>,
}

impl SeatHolderView {
    fn of(h: HolderRow) -> SeatHolderView {
        let code = RegionCode::from_trusted(h.unit_code.clone());
        let source = HolderSource::parse(&h.source).unwrap_or(HolderSource::Penunjukan);
        let kind = h
            .proposer_kind
            .as_deref()
            .and_then(|k| ProposerKind::parse(k).ok());
        SeatHolderView {
            id: h.id,
            unit_code: code.dotted(),
            unit_label: atlas().unit_label(&code),
            source,
            source_label: source.label().to_string(),
            nik: h.nik,
            full_name: h.full_name,
            sex: h.sex,
            education: h.education,
            proposer_kind: kind,
            proposer: kind.map(|k| match &h.proposer_name {
                Some(n) => format!("{}: {n}", k.label()),
                None => k.label().to_string(),
            }),
            decision: h.decision,
            reason: h.reason,
            decided_at: local_time(&h.decided_at),
            decided_by: h.decided_by_name,
        }
    }
}

/// The seat holders of a round (appointed and kept), by unit. Any
/// logged-in role.
pub async fn seat_holders(
    db: &Db,
    session: &Session,
    round_id: i64,
) -> Result<Vec<SeatHolderView>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    rounds::get(&mut conn, round_id).await?;
    Ok(store::of_round(&mut conn, round_id)
        .await?
        .into_iter()
        .map(SeatHolderView::of)
        .collect())
}

/// One line of text: trimmed, within `max` characters, not empty.
fn line(field: &str, label: &str, text: &str, max: usize) -> Result<String> {
    check(label, text, max, Lines::One).map_err(|m| Error::validation(field, m))?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(Error::validation(field, format!("{label} wajib diisi.")));
    }
    Ok(text)
}

/// Appoints a person to a seat of a unit that is still short after its
/// extensions. Refused before the extensions are used up (saying what must
/// happen first), beyond the seats no candidate can still win, and for a
/// NIK that already applies in the election or holds a seat in it.
/// Pimpinan; audited; all or nothing.
pub async fn appoint(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &AppointmentInput,
    now: DateTime<Utc>,
) -> Result<SeatHolderView> {
    session.require(Operation::PlenaryDecisions)?;
    let today = now.date_naive();
    let unit = RegionCode::parse(&input.unit_code)?;
    let nik = Nik::parse(&input.nik).map_err(|e| Error::validation("nik", e.to_string()))?;
    let full_name = line("nama", "Nama lengkap", &input.full_name, 150)?;
    let address = line("alamat", "Alamat", &input.address, 300)?;
    let phone = match input.phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => Some(line("telepon", "Nomor telepon", p, 30)?),
        _ => None,
    };
    let proposer_name = line("pengusul", "Nama pengusul", &input.proposer_name, 200)?;
    let decision = line("keputusan", "Nomor keputusan", &input.decision, 200)?;
    let reason = written_text(
        &input.reason,
        "alasan",
        10,
        "Tuliskan alasan penunjukan (paling sedikit 10 karakter), mis. pendaftar tetap kurang sesudah dua kali perpanjangan.",
    )?;
    if input.birth_date > today {
        return Err(Error::validation(
            "tanggal_lahir",
            "Tanggal lahir tidak boleh setelah hari ini.",
        ));
    }
    let warnings = nik.warnings(input.sex, input.birth_date, today);
    if !warnings.is_empty() && !input.acknowledge_nik_warnings {
        let text: Vec<String> = warnings.iter().map(|w| w.message()).collect();
        return Err(Error::validation(
            warnings[0].field(),
            format!(
                "{} Bila KTP-el sudah diperiksa, centang konfirmasi lalu simpan lagi.",
                text.join(" ")
            ),
        ));
    }

    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    appointment::check_person(
        input.birth_date,
        input.education,
        round.settings.min_age,
        round.settings.reference_date,
    )?;
    if round.current_stage == Stage::Pendaftaran {
        return Err(Error::stage(
            "Penunjukan dicatat setelah pendaftaran ditutup dan perpanjangan pendaftaran wilayah itu habis.",
        ));
    }
    let units = situations::situations_in(&mut tx, round_id, now).await?;
    let Some(u) = units.iter().find(|u| u.unit_code == unit.dotted()) else {
        return Err(Error::validation(
            "wilayah",
            format!(
                "{} bukan wilayah tugas {} pada seleksi ini.",
                unit.dotted(),
                round.body
            ),
        ));
    };
    if !u.extensions_used_up {
        return Err(Error::stage(format!(
            "{} belum dapat diisi dengan penunjukan: perpanjangan pendaftarannya belum habis ({} dari {} perpanjangan, {}). \
             Langkah dulu: {}. Penunjukan dicatat bila wilayah itu masih kurang sesudah perpanjangan terakhir berakhir.",
            u.unit_label,
            u.extensions,
            u.allowed,
            u.extension_state.map_or("pendaftar cukup", |s| s.label()),
            u.next_step.to_lowercase(),
        )));
    }
    if u.appointable == 0 {
        return Err(Error::validation(
            "wilayah",
            format!(
                "{} tidak punya kursi yang dapat diisi dengan penunjukan: kuota {}, {} kursi sudah dipegang anggota penunjukan atau lanjutan, \
                 dan {} calon masih dapat terpilih atau menggantikan.",
                u.unit_label, u.quota, u.held, u.candidates
            ),
        ));
    }
    if let Some(a) = applicants::active_holder(&mut tx, &round.election, nik.as_str(), None).await?
    {
        return Err(Error::validation(
            "nik",
            format!(
                "NIK ini terdaftar sebagai pendaftar {} ({}) pada {}; orang yang sedang mendaftar tidak dapat ditunjuk.",
                a.full_name, a.reg_number, a.round_name
            ),
        ));
    }
    for h in store::by_nik(&mut tx, nik.as_str()).await? {
        let other = rounds::get(&mut tx, h.round_id).await?;
        if h.round_id == round_id || other.election == round.election {
            return Err(Error::validation(
                "nik",
                format!(
                    "NIK ini sudah memegang kursi ({}) pada {}.",
                    HolderSource::parse(&h.source).map_or("", |s| s.label()),
                    other.name
                ),
            ));
        }
    }
    let row = HolderRow {
        id: 0,
        round_id,
        unit_code: unit.digits().to_string(),
        source: HolderSource::Penunjukan.as_str().into(),
        nik: nik.as_str().into(),
        full_name,
        sex: input.sex.as_str().into(),
        birth_date: Some(input.birth_date.to_string()),
        address: Some(address),
        phone,
        education: Some(input.education.as_str().into()),
        proposer_kind: Some(input.proposer_kind.as_str().into()),
        proposer_name: Some(proposer_name),
        from_round_id: None,
        from_applicant_id: None,
        from_holder_id: None,
        evaluation_grade: None,
        evaluation_score: None,
        evaluation_notes: None,
        decision,
        reason,
        decided_at: now.to_rfc3339(),
        decided_by_name: None,
        cancelled_at: None,
        cancelled_reason: None,
    };
    let id = store::insert(&mut tx, &row, session.user_id).await?;
    // During the term the seat may be one a member left with no reserve to
    // replace them: the appointment settles that departure.
    let settled = if round.current_stage == Stage::MasaKerja {
        crate::store::responses::settle_by_appointment(
            &mut tx,
            round_id,
            unit.digits(),
            &format!(
                "Kursi diisi dengan penunjukan {}: {}",
                row.full_name, row.decision
            ),
            session.user_id,
            now,
        )
        .await?
    } else {
        None
    };
    let change = Change::new("seat_holder.appoint", "seat_holder", id).after(json!({
        "settles_paw": settled,
        "unit": unit.dotted(),
        "name": row.full_name,
        "proposer_kind": row.proposer_kind,
        "proposer_name": row.proposer_name,
        "decision": row.decision,
        "reason": row.reason,
        "seats_appointable_before": u.appointable,
    }));
    audit::record(&mut tx, session, now, change).await?;
    let stored = store::get(&mut tx, id)
        .await?
        .ok_or_else(|| Error::Internal("penunjukan tidak terbaca".into()))?;
    tx.commit().await?;
    Ok(SeatHolderView::of(stored))
}

/// Cancels a wrong appointment with a reason (the entry stays, marked
/// cancelled, and the seat is free again). Refused once the member has
/// left through PAW: the departure is the record then. Pimpinan; audited.
pub async fn cancel_appointment(
    db: &Db,
    session: &Session,
    round_id: i64,
    holder_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::PlenaryDecisions)?;
    let reason = written_text(
        reason,
        "alasan",
        10,
        "Tuliskan alasan pembatalan (paling sedikit 10 karakter), mis. salah memasukkan orang.",
    )?;
    let mut tx = db.begin_write().await?;
    let h = store::get(&mut tx, holder_id)
        .await?
        .filter(|h| h.round_id == round_id && h.source == HolderSource::Penunjukan.as_str())
        .ok_or_else(|| {
            Error::validation(
                "penunjukan",
                format!("Tidak ada penunjukan nomor {holder_id} pada seleksi ini."),
            )
        })?;
    if h.cancelled_at.is_some() {
        return Err(Error::validation(
            "penunjukan",
            format!("Penunjukan {} sudah dibatalkan.", h.full_name),
        ));
    }
    let left = crate::store::responses::paw_events(&mut tx, round_id)
        .await?
        .iter()
        .any(|e| e.member_holder_id == Some(holder_id));
    if left {
        return Err(Error::validation(
            "penunjukan",
            format!(
                "{} sudah berhenti melalui PAW; penunjukannya tidak dapat dibatalkan lagi.",
                h.full_name
            ),
        ));
    }
    store::cancel(
        &mut tx,
        holder_id,
        &reason,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("seat_holder.cancel", "seat_holder", holder_id)
        .before(
            json!({ "unit": RegionCode::from_trusted(h.unit_code).dotted(), "name": h.full_name }),
        )
        .after(json!({ "cancelled": true, "reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
