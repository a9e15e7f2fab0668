//! Creating and listing selection rounds, and per-unit quota overrides.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use serde_json::json;

use crate::domain::applicant_input::FieldProblem;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{RegionCode, RegionLevel};
use crate::domain::round::{Body, Preset, RoundDraft, RoundSettings, Stage, StageDates};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::setup;
use crate::store::{applicants, regions, rounds, Db};

/// A round as listed on the home screen and by `adhoc rounds list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RoundSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub election: String,
    pub body: Body,
    pub current_stage: Stage,
    pub current_stage_label: String,
    /// The stages already closed (their results frozen), in order.
    pub closed_stages: Vec<Stage>,
    /// The stage that follows the current one (none after the last).
    pub next_stage: Option<Stage>,
    /// Whether the current stage has been opened.
    pub stage_open: bool,
    pub settings: RoundSettings,
    pub schedule: Vec<StageDates>,
    /// Applicants registered so far.
    pub applicants: u32,
    /// Whether a public response may be recorded now (the round's window,
    /// [`crate::domain::round_rules::ResponseWindow`]).
    pub responses_open: bool,
    /// What staff read about the response window now.
    pub responses_note: String,
    /// Whether the rule settings may still be changed ([`update_settings`]).
    pub settings_editable: bool,
}

/// The rules an applicant was registered under never change under them:
/// settings change only during registration and before anyone registers.
fn settings_editable(stage: Stage, registered: u32) -> bool {
    stage == Stage::Pendaftaran && registered == 0
}

fn summary(round: rounds::Round, applicants: u32) -> RoundSummary {
    let window = round.settings.responses_until;
    RoundSummary {
        responses_open: window.is_open(round.current_stage),
        responses_note: window.note(round.current_stage),
        settings_editable: settings_editable(round.current_stage, applicants),
        id: round.id,
        name: round.name,
        election: round.election,
        body: round.body,
        current_stage: round.current_stage,
        current_stage_label: round.current_stage.label().to_string(),
        closed_stages: Stage::ALL
            .into_iter()
            .take_while(|s| *s < round.current_stage)
            .collect(),
        next_stage: round.current_stage.next(),
        stage_open: round.stage_open,
        settings: round.settings,
        schedule: round.schedule,
        applicants,
    }
}

/// Creates a round from a draft. Administrators only.
pub async fn create_round(
    db: &Db,
    session: &Session,
    draft: &RoundDraft,
    now: DateTime<Utc>,
) -> Result<RoundSummary> {
    session.require(Operation::ManageRounds)?;
    setup::kabupaten(db).await?;
    let draft = &RoundDraft {
        settings: draft.settings.clone().tidied(),
        ..draft.clone()
    };
    draft.validate()?;
    let mut tx = db.begin_write().await?;
    let id = rounds::insert(&mut tx, draft, session.user_id, now).await?;
    crate::store::verification::seed_requirements(&mut tx, id).await?;
    let round = rounds::get(&mut tx, id).await?;
    let after = serde_json::to_value(draft).map_err(|e| Error::Internal(e.to_string()))?;
    audit::record(
        &mut tx,
        session,
        now,
        Change::new("round.create", "round", id).after(after),
    )
    .await?;
    tx.commit().await?;
    Ok(summary(round, 0))
}

/// Creates a round from a preset, optionally under another name.
pub async fn create_from_preset(
    db: &Db,
    session: &Session,
    preset: Preset,
    body: Body,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<RoundSummary> {
    let mut draft = preset.draft(body);
    if let Some(name) = name {
        draft.name = name.trim().to_string();
    }
    create_round(db, session, &draft, now).await
}

/// Replaces the rule settings of a round before anyone is registered in
/// it (the rules an applicant was registered under never change under
/// them). Administrators only; audited with the settings before and after.
pub async fn update_settings(
    db: &Db,
    session: &Session,
    round_id: i64,
    settings: &RoundSettings,
    now: DateTime<Utc>,
) -> Result<RoundSummary> {
    session.require(Operation::ManageRounds)?;
    let settings = &settings.clone().tidied();
    settings.validate()?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    let registered = applicants::next_seq(&mut tx, round_id).await? - 1;
    if !settings_editable(round.current_stage, registered as u32) {
        return Err(Error::validation(
            "settings",
            format!(
                "Aturan {} hanya dapat diubah sebelum ada pendaftar (sudah {registered} pendaftar, tahap {}).",
                round.name,
                round.current_stage.label().to_lowercase()
            ),
        ));
    }
    rounds::update_settings(&mut tx, round_id, settings).await?;
    let as_json =
        |s: &RoundSettings| serde_json::to_value(s).map_err(|e| Error::Internal(e.to_string()));
    let change = Change::new("round.settings", "round", round_id)
        .before(as_json(&round.settings)?)
        .after(as_json(settings)?);
    audit::record(&mut tx, session, now, change).await?;
    let updated = rounds::get(&mut tx, round_id).await?;
    tx.commit().await?;
    Ok(summary(updated, 0))
}

/// One round with its applicant count. Any logged-in role.
pub async fn get_round(db: &Db, session: &Session, round_id: i64) -> Result<RoundSummary> {
    session.require(Operation::Read)?;
    list_rounds(db)
        .await?
        .into_iter()
        .find(|r| r.id == round_id)
        .ok_or_else(|| Error::NotFound(format!("Seleksi dengan nomor {round_id}")))
}

/// Every round, oldest first, with its applicant count.
pub async fn list_rounds(db: &Db) -> Result<Vec<RoundSummary>> {
    let mut conn = db.pool().acquire().await?;
    let all = rounds::list(&mut conn).await?;
    let counts = applicants::counts_by_round(&mut conn).await?;
    Ok(all
        .into_iter()
        .map(|r| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == r.id)
                .map_or(0, |(_, n)| *n);
            summary(r, n as u32)
        })
        .collect())
}

/// Sets one unit's quota in a round (e.g. a kecamatan that needs more
/// members), or clears the override with `quota = None`. Administrators only;
/// a reason is required when setting.
pub async fn set_unit_quota(
    db: &Db,
    session: &Session,
    round_id: i64,
    unit_code: &str,
    quota: Option<u32>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let code = RegionCode::parse(unit_code)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    let (level, table) = match round.body {
        Body::Ppk => (RegionLevel::Kecamatan, "kecamatan"),
        Body::Pps => (RegionLevel::Desa, "desa"),
    };
    if code.level() != level {
        return Err(Error::validation(
            "unit_code",
            format!(
                "Kuota seleksi {} diatur per {}; {} bukan kode {}.",
                round.body,
                round.body.unit_name(),
                code,
                table
            ),
        ));
    }
    if !regions::exists(&mut tx, &code).await? {
        return Err(Error::validation(
            "unit_code",
            format!("Wilayah {code} tidak termasuk kabupaten/kota ini."),
        ));
    }
    let before = rounds::unit_quota(&mut tx, round_id, code.digits()).await?;
    match quota {
        Some(q) => {
            if !(1..=50).contains(&q) {
                return Err(Error::validation(
                    "quota",
                    format!("Kuota harus antara 1 dan 50 (sekarang {q})."),
                ));
            }
            if reason.trim().is_empty() {
                return Err(Error::validation(
                    "reason",
                    "Alasan perubahan kuota wajib diisi.",
                ));
            }
            rounds::set_unit_quota(&mut tx, round_id, code.digits(), q, reason.trim()).await?;
        }
        None => {
            rounds::clear_unit_quota(&mut tx, round_id, code.digits()).await?;
        }
    }
    let as_json = |q: Option<&rounds::UnitQuota>| match q {
        Some(q) => json!({ "quota": q.quota, "reason": q.reason }),
        None => json!({ "quota": round.settings.quota_per_unit, "reason": null }),
    };
    let after = rounds::unit_quota(&mut tx, round_id, code.digits()).await?;
    let change = Change::new("round.unit_quota", "round", format!("{round_id}/{code}"))
        .before(as_json(before.as_ref()))
        .after(as_json(after.as_ref()));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// One ready-made round offered when creating a round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PresetChoice {
    pub preset: Preset,
    pub label: String,
    pub draft: RoundDraft,
}

/// Every preset for both bodies, to fill the "new round" form.
pub fn presets() -> Vec<PresetChoice> {
    Preset::ALL
        .into_iter()
        .flat_map(|p| {
            [Body::Ppk, Body::Pps].map(|b| {
                let draft = p.draft(b);
                PresetChoice {
                    preset: p,
                    label: draft.name.clone(),
                    draft,
                }
            })
        })
        .collect()
}

/// A draft round's schedule moved so registration starts on `first_day`,
/// every other date by the same number of days (see
/// [`RoundDraft::shifted_to`]). Writes nothing.
pub fn shift_schedule(draft: &RoundDraft, first_day: NaiveDate) -> Result<RoundDraft> {
    draft.shifted_to(first_day)
}

/// The dates of a draft round already past on `today`, each under its
/// field, for the form to warn about (not a refusal).
pub fn past_dates(draft: &RoundDraft, today: NaiveDate) -> Vec<FieldProblem> {
    draft.past_dates(today)
}

/// One unit's quota in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnitQuota {
    /// Dotted code of the kecamatan (PPK) or desa/kelurahan (PPS).
    pub code: String,
    pub name: String,
    pub kecamatan: String,
    /// The quota in force: the override, else the round's quota per unit.
    pub quota: u32,
    /// Whether `quota` is an override of the round's default.
    pub overridden: bool,
    pub reason: Option<String>,
}

/// A round's units and their quotas, for the quota screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnitQuotaList {
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub body: Body,
    pub default_quota: u32,
    pub total_quota: u32,
    pub units: Vec<UnitQuota>,
}

/// Every unit of a round with the quota in force. Any logged-in role may read it.
pub async fn unit_quotas(db: &Db, round_id: i64) -> Result<UnitQuotaList> {
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let default_quota = round.settings.quota_per_unit;
    let units: Vec<UnitQuota> = rounds::unit_quota_rows(&mut conn, round_id, round.body)
        .await?
        .into_iter()
        .map(|r| UnitQuota {
            code: RegionCode::from_trusted(r.code).dotted(),
            name: r.name,
            kecamatan: r.kecamatan_name,
            quota: r.quota.unwrap_or(default_quota),
            overridden: r.quota.is_some(),
            reason: r.reason,
        })
        .collect();
    Ok(UnitQuotaList {
        round_id,
        round_name: round.name,
        body: round.body,
        default_quota,
        total_quota: units.iter().map(|u| u.quota).sum(),
        units,
    })
}
