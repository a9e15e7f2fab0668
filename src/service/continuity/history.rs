//! A person's history by NIK across rounds and elections: every
//! application (round, body, unit, how far it went, PAW), every seat held
//! without selection (appointed or kept), and the evaluation of each term
//! (monthly reports, end-of-term evaluation). The periods-served rule reads
//! the same records through [`recorded_service`].

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::{unit_label, EvaluationView};
use crate::domain::continuity::source_label;
use crate::domain::nik::Nik;
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::paw::LeaveCause;
use crate::store::continuity as store;
use crate::store::seat_holders as holders;
use crate::store::Db;

/// One entry of a person's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub election: String,
    pub body: String,
    pub unit_label: String,
    /// "Pendaftar (PPK-0012)", "Penunjukan", "Dilanjutkan (evaluasi kinerja)".
    pub role: String,
    /// How far it went: "Terpilih (peringkat 2)", "Cadangan", "TMS",
    /// "Mengundurkan diri", "Pengganti antar waktu", ...
    pub outcome: String,
    /// A departure by PAW: cause and date.
    pub left: Option<String>,
    /// For a seat held without selection: the decision and its reason.
    pub decision: Option<String>,
    pub reports: u32,
    pub evaluation: Option<EvaluationView>,
}

/// Everything recorded of a NIK, oldest first.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonHistory {
    pub nik: String,
    pub full_name: String,
    pub entries: Vec<HistoryEntry>,
}

fn outcome(a: &store::ApplicationRow) -> String {
    if a.status == "mundur" {
        return "Mengundurkan diri".into();
    }
    match (a.final_result.as_deref(), a.final_position) {
        (Some("terpilih"), Some(p)) => return format!("Terpilih (peringkat {p})"),
        (Some("terpilih"), None) => return "Terpilih".into(),
        (Some("cadangan"), Some(p)) => return format!("Cadangan (peringkat {p})"),
        (Some("cadangan"), None) => return "Cadangan".into(),
        (Some(_), _) => return "Tidak terpilih".into(),
        _ => {}
    }
    match (a.written_result.as_deref(), a.admin_result.as_deref()) {
        (Some("lulus"), _) => "Lulus tes tertulis".into(),
        (Some("tidak_hadir"), _) => "Tidak hadir tes tertulis".into(),
        (Some(_), _) => "Tidak lulus tes tertulis".into(),
        (None, Some("TMS")) => "TMS".into(),
        (None, Some(_)) => "MS".into(),
        (None, None) if a.current_stage == Stage::Pendaftaran.as_str() => "Terdaftar".into(),
        (None, None) => "Dalam seleksi".into(),
    }
}

fn leave_label(cause: &str, left_on: &str) -> String {
    // The cause as the PAW screen words it.
    let cause = LeaveCause::parse(cause).map_or("Berhenti", LeaveCause::label);
    format!("Berhenti (PAW): {cause}, {left_on}")
}

/// A person's history by NIK. Any logged-in role.
pub async fn person(db: &Db, session: &Session, nik: &str) -> Result<PersonHistory> {
    session.require(Operation::Read)?;
    let nik = Nik::parse(nik)
        .map_err(|e| Error::validation("nik", e.to_string()))?
        .as_str()
        .to_string();
    let mut conn = db.pool().acquire().await?;
    let applications = store::applications_of_nik(&mut conn, &nik).await?;
    let seats = holders::by_nik(&mut conn, &nik).await?;
    let paw = store::paw_of_nik(&mut conn, &nik).await?;
    let (counts, evaluations) = store::evaluation_of_nik(&mut conn, &nik).await?;
    let mut evaluations: HashMap<(Option<i64>, Option<i64>), EvaluationView> = evaluations
        .into_iter()
        .map(|e| ((e.applicant_id, e.holder_id), EvaluationView::from(e)))
        .collect();
    let rounds: HashMap<i64, (String, String, String)> = crate::store::rounds::list(&mut conn)
        .await?
        .into_iter()
        .map(|r| (r.id, (r.name, r.election, r.body.as_str().to_string())))
        .collect();
    let mut full_name = String::new();
    let mut entries = Vec::new();
    for a in &applications {
        full_name.clone_from(&a.full_name);
        let key = (Some(a.id), None);
        let replaced = paw.iter().any(|p| p.replacement_id == Some(a.id));
        let mut out = outcome(a);
        if replaced {
            out = format!("{out}; pengganti antar waktu");
        }
        entries.push(HistoryEntry {
            round_id: a.round_id,
            round_name: a.round_name.clone(),
            election: a.election.clone(),
            body: a.body.clone(),
            unit_label: unit_label(&a.unit_code),
            role: format!("Pendaftar ({})", a.reg_number),
            outcome: out,
            left: paw
                .iter()
                .find(|p| p.member_id == Some(a.id))
                .map(|p| leave_label(&p.cause, &p.left_on)),
            decision: None,
            reports: counts.get(&key).copied().unwrap_or(0) as u32,
            evaluation: evaluations.remove(&key),
        });
    }
    for h in &seats {
        full_name.clone_from(&h.full_name);
        let key = (None, Some(h.id));
        let (round_name, election, body) = rounds.get(&h.round_id).cloned().unwrap_or_default();
        entries.push(HistoryEntry {
            round_id: h.round_id,
            round_name,
            election,
            body,
            unit_label: unit_label(&h.unit_code),
            role: source_label(&h.source).to_string(),
            outcome: "Anggota".into(),
            left: paw
                .iter()
                .find(|p| p.member_holder_id == Some(h.id))
                .map(|p| leave_label(&p.cause, &p.left_on)),
            decision: Some(format!("{} — {}", h.decision, h.reason)),
            reports: counts.get(&key).copied().unwrap_or(0) as u32,
            evaluation: evaluations.remove(&key),
        });
    }
    entries.sort_by_key(|e| e.round_id);
    Ok(PersonHistory {
        nik,
        full_name,
        entries,
    })
}
