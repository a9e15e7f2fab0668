//! Registration extensions (perpanjangan) unit by unit: the units that
//! registration left short and where each stands, extending registration
//! for some of them, and the Pimpinan's decision that a unit goes on
//! without (another) extension. Where a unit stands is derived by
//! [`crate::domain::extension::state`]; the registration and administrative
//! stages do not close over a unit that still needs an extension or a
//! decision.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::domain::extension::{self, ExtensionState, UnitRegistration};
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::{RoundSettings, Stage};
use crate::domain::seat_holder::seats_left;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::local_time;
use crate::store::extensions::{self as store, Decision, Extension};
use crate::store::selection as sel_store;
use crate::store::{rounds, Db};

/// A unit that registration left short, and where its extension stands.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExtensionUnit {
    /// Dotted code.
    pub unit_code: String,
    pub unit_label: String,
    pub quota: u32,
    /// Seats held by appointed or kept members.
    pub held: u32,
    /// The seats the selection fills (quota less held); the extension
    /// need is measured on them.
    pub seats_left: u32,
    pub registered: u32,
    /// threshold × seats left: fewer than this calls for an extension.
    pub needed: u32,
    /// Extensions so far.
    pub extensions: u32,
    /// End of the latest extension.
    #[ts(type = "string | null")]
    pub extended_until: Option<NaiveDate>,
    pub state: ExtensionState,
    /// What the office does next ([`ExtensionState::next_step`]).
    pub next_step: String,
    /// Extensions the round allows in all.
    pub allowed: u32,
    /// The Pimpinan's decision that speaks for the unit now: who, when and
    /// why ("Diputuskan oleh X pada 03-12-2026 10:00: …").
    pub decision: Option<String>,
    /// Whether it can be extended, or decided to go on, now.
    pub can_extend: bool,
}

/// What a unit's extensions and decisions come to: read once per round,
/// by [`short_units`] and the quota dashboard alike.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct UnitHistory<'a> {
    pub extensions: u32,
    /// End of the latest extension.
    pub until: Option<NaiveDate>,
    /// The latest decision to go on without (another) extension.
    pub decision: Option<&'a Decision>,
}

impl UnitHistory<'_> {
    /// The facts [`extension::state`] decides from; `seats` are the seats
    /// the selection fills (quota less seats held).
    pub fn facts(&self, registered: u32, seats: u32, settings: &RoundSettings) -> UnitRegistration {
        UnitRegistration {
            registered,
            quota: seats,
            threshold: settings.extension_threshold,
            allowed: settings.extensions_allowed,
            extensions: self.extensions,
            extended_until: self.until,
            decided_after: self.decision.map(|d| d.extensions),
        }
    }
}

/// Each unit's history (keyed by digits) from a round's extensions and
/// decisions, both oldest first.
pub(crate) fn histories<'a>(
    extensions: &'a [Extension],
    decisions: &'a [Decision],
) -> HashMap<&'a str, UnitHistory<'a>> {
    let mut out: HashMap<&str, UnitHistory> = HashMap::new();
    for e in extensions {
        let h = out.entry(e.unit_code.as_str()).or_default();
        h.extensions += 1;
        h.until = Some(e.ends_on);
    }
    for d in decisions {
        out.entry(d.unit_code.as_str()).or_default().decision = Some(d);
    }
    out
}

/// The units of a round that registration left short, in code order, on
/// `today`. `can_extend` holds only in the window for extensions (after
/// registration closed, before the administrative stage closes).
pub(crate) async fn short_units(
    conn: &mut SqliteConnection,
    round: &rounds::Round,
    today: NaiveDate,
) -> Result<Vec<ExtensionUnit>> {
    let units = rounds::unit_quota_rows(conn, round.id, round.body).await?;
    let registered: HashMap<String, u32> = sel_store::registered_per_unit(conn, round.id)
        .await?
        .into_iter()
        .collect();
    let extensions = store::extensions(conn, round.id).await?;
    let decisions = store::decisions(conn, round.id).await?;
    let history = histories(&extensions, &decisions);
    let held: HashMap<String, u32> = crate::store::seat_holders::held_per_unit(conn, round.id)
        .await?
        .into_iter()
        .collect();
    let window = round.current_stage == Stage::Administrasi;
    let mut out = Vec::new();
    for u in units {
        let quota = u.quota.unwrap_or(round.settings.quota_per_unit);
        let held = held.get(&u.code).copied().unwrap_or(0);
        let h = history.get(u.code.as_str()).copied().unwrap_or_default();
        let facts = h.facts(
            registered.get(&u.code).copied().unwrap_or(0),
            seats_left(quota, held),
            &round.settings,
        );
        let Some(state) = extension::state(&facts, today) else {
            continue;
        };
        // A decision speaks for the unit only as it stood when taken.
        let decision = h.decision.filter(|d| d.extensions == h.extensions);
        let code = RegionCode::from_trusted(u.code.clone());
        out.push(ExtensionUnit {
            unit_code: code.dotted(),
            unit_label: atlas().unit_label(&code),
            quota,
            held,
            seats_left: facts.quota,
            registered: facts.registered,
            needed: facts.threshold * facts.quota,
            extensions: h.extensions,
            extended_until: facts.extended_until,
            state,
            next_step: state.next_step(round.settings.extension_days),
            allowed: facts.allowed,
            decision: decision.map(|d| {
                format!(
                    "Diputuskan lanjut oleh {} pada {}: {}",
                    d.username,
                    local_time(&d.at),
                    d.reason
                )
            }),
            can_extend: window && state.needs_action(),
        });
    }
    Ok(out)
}

/// Refuses to close `stage` while a unit still needs an extension or a
/// decision, or an extension is running; the message names the units and
/// says what to do.
pub(crate) async fn ensure_settled(
    conn: &mut SqliteConnection,
    round: &rounds::Round,
    stage: Stage,
    today: NaiveDate,
) -> Result<()> {
    let units = short_units(conn, round, today).await?;
    let names = |pick: fn(ExtensionState) -> bool| -> Vec<String> {
        units
            .iter()
            .filter(|u| pick(u.state))
            .map(|u| u.unit_label.clone())
            .collect()
    };
    let listed = |v: &[String]| {
        let mut text = v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        if v.len() > 5 {
            text.push_str(&format!(" dan {} lainnya", v.len() - 5));
        }
        text
    };
    let running = names(|s| s == ExtensionState::Diperpanjang);
    if !running.is_empty() {
        return Err(Error::stage(format!(
            "{} belum dapat ditutup: pendaftaran masih diperpanjang di {} wilayah ({}).",
            stage.label(),
            running.len(),
            listed(&running)
        )));
    }
    let waiting = names(ExtensionState::needs_action);
    if !waiting.is_empty() {
        return Err(Error::stage(format!(
                "{} belum dapat ditutup: {} wilayah masih perlu perpanjangan pendaftaran menurut aturan seleksi ini ({}). \
                 Perpanjang pendaftarannya, atau pimpinan mencatat keputusan melanjutkan tanpa perpanjangan beserta alasannya \
                 (halaman Seleksi, bagian Perpanjangan pendaftaran).",
                stage.label(),
                waiting.len(),
                listed(&waiting)
            ),
        ));
    }
    Ok(())
}

/// The units registration left short (fewer than threshold × quota active
/// applicants), with their extensions and decisions. Empty while
/// registration is open. Any logged-in role.
pub async fn extension_list(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<ExtensionUnit>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    if round.current_stage == Stage::Pendaftaran {
        return Ok(Vec::new());
    }
    short_units(&mut conn, &round, now.date_naive()).await
}

/// The unit named by `code` among the short ones, if it can be acted on now.
fn actionable<'a>(
    units: &'a [ExtensionUnit],
    code: &str,
    round: &rounds::Round,
    what: &str,
) -> Result<&'a ExtensionUnit> {
    let code = RegionCode::parse(code)?;
    let Some(u) = units.iter().find(|u| u.unit_code == code.dotted()) else {
        return Err(Error::validation(
            "wilayah",
            format!(
                "{} tidak perlu {what}: pendaftarnya sudah mencapai {} × kuota.",
                code.dotted(),
                round.settings.extension_threshold
            ),
        ));
    };
    if u.state == ExtensionState::PerluPenunjukan {
        return Err(Error::validation(
            "wilayah",
            format!(
                "{} sudah diperpanjang {} kali, sebanyak yang dibolehkan seleksi ini, dan pendaftarnya masih kurang dari kursi yang diisi seleksi ({} dari {}). \
                 Langkah berikutnya: isi kursi yang kosong dengan penunjukan (usulan sekolah, perguruan tinggi atau pemerintah desa).",
                u.unit_label, u.extensions, u.registered, u.seats_left
            ),
        ));
    }
    if !u.can_extend {
        return Err(Error::validation(
            "wilayah",
            format!(
                "{} tidak dapat {what} sekarang ({}).",
                u.unit_label,
                u.state.label()
            ),
        ));
    }
    Ok(u)
}

/// Refuses outside the window for extensions and decisions.
fn ensure_window(round: &rounds::Round) -> Result<()> {
    if round.current_stage != Stage::Administrasi {
        return Err(Error::stage("Perpanjangan pendaftaran (atau keputusan melanjutkan tanpa perpanjangan) dicatat setelah pendaftaran ditutup dan sebelum penelitian administrasi ditutup.",
        ));
    }
    Ok(())
}

/// Extends registration for the given units (dotted or digit codes) until
/// `ends_on` (default: today + the round's extension days). Only after
/// registration closed and before the administrative stage closes, and only
/// for units that call for it. Pimpinan; audited.
pub async fn extend(
    db: &Db,
    session: &Session,
    round_id: i64,
    units: &[String],
    ends_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<NaiveDate> {
    session.require(Operation::PlenaryDecisions)?;
    if units.is_empty() {
        return Err(Error::validation(
            "wilayah",
            "Pilih wilayah yang diperpanjang.",
        ));
    }
    let today = now.date_naive();
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_window(&round)?;
    let list = short_units(&mut tx, &round, today).await?;
    let ends_on = ends_on.unwrap_or(today + Days::new(u64::from(round.settings.extension_days)));
    if ends_on < today {
        return Err(Error::validation(
            "sampai",
            "Tanggal akhir perpanjangan tidak boleh sebelum hari ini.",
        ));
    }
    let mut done = Vec::new();
    for code in units {
        let u = actionable(&list, code, &round, "diperpanjang")?;
        if done.contains(&u.unit_code) {
            continue;
        }
        store::insert_extension(
            &mut tx,
            round_id,
            &Extension {
                unit_code: RegionCode::parse(&u.unit_code)?.digits().to_string(),
                ends_on,
                registered: u.registered,
                at: now.to_rfc3339(),
                username: session.username.clone(),
            },
            session.user_id,
        )
        .await?;
        done.push(u.unit_code.clone());
    }
    let change = Change::new("registration.extend", "round", round_id)
        .after(json!({ "units": done, "until": ends_on.to_string() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(ends_on)
}

/// Records the Pimpinan's decision that `units` (dotted or digit codes) go
/// on without (another) extension although the round's rule calls for one,
/// with one written reason. Same window as [`extend`]; all or nothing;
/// audited and printed in the Berita Acara of registration. Returns the
/// units as they now stand.
pub async fn decide_without_extension(
    db: &Db,
    session: &Session,
    round_id: i64,
    units: &[String],
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ExtensionUnit>> {
    session.require(Operation::PlenaryDecisions)?;
    if units.is_empty() {
        return Err(Error::validation(
            "wilayah",
            "Pilih wilayah yang lanjut tanpa perpanjangan.",
        ));
    }
    let reason = super::written_text(
        reason,
        "alasan",
        10,
        "Tuliskan alasan melanjutkan tanpa perpanjangan (paling sedikit 10 karakter), mis. tidak ada lagi warga yang dapat diharapkan mendaftar.",
    )?;
    let today = now.date_naive();
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_window(&round)?;
    let list = short_units(&mut tx, &round, today).await?;
    let mut done: Vec<&ExtensionUnit> = Vec::new();
    for code in units {
        let u = actionable(&list, code, &round, "diputuskan lanjut")?;
        if done.iter().any(|d| d.unit_code == u.unit_code) {
            continue;
        }
        store::insert_decision(
            &mut tx,
            round_id,
            &Decision {
                unit_code: RegionCode::parse(&u.unit_code)?.digits().to_string(),
                extensions: u.extensions,
                registered: u.registered,
                reason: reason.clone(),
                at: now.to_rfc3339(),
                username: session.username.clone(),
            },
            session.user_id,
        )
        .await?;
        done.push(u);
    }
    let change =
        Change::new("registration.decide_without_extension", "round", round_id).after(json!({
            "units": done
                .iter()
                .map(|u| json!({
                    "unit": u.unit_code,
                    "registered": u.registered,
                    "extensions": u.extensions,
                    "state": u.state,
                }))
                .collect::<Vec<_>>(),
            "reason": reason,
        }));
    audit::record(&mut tx, session, now, change).await?;
    let codes: Vec<String> = done.iter().map(|u| u.unit_code.clone()).collect();
    let now_stand = short_units(&mut tx, &round, today)
        .await?
        .into_iter()
        .filter(|x| codes.contains(&x.unit_code))
        .collect();
    tx.commit().await?;
    Ok(now_stand)
}
