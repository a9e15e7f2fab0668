//! The commission's official documents of a round as PDF, made from the
//! frozen results of closed stages: the announcements (pengumuman) of the
//! administrative check, the written test and the final result; the Berita
//! Acara of every closed stage; the lampiran of the SK penetapan. For the
//! whole kabupaten or one kecamatan/desa (to post at that office).
//!
//! What they say comes from the installation's settings: the kop (address,
//! contacts, logo), who signs, the numbering templates (one sequence per
//! series and year; a document keeps its number however often it is
//! printed) and the texts of every kind (editable, with defaults). Only
//! names, sex, units, scores and results are printed.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::extension::ExtensionState;
use crate::domain::permission::{Operation, Session};
use crate::domain::publication::{
    self, check_numbering, check_template, fill, PublicationKind, Series, Texts, PLACEHOLDERS,
};
use crate::domain::ranking::Status;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::{Body, Stage};
use crate::error::{Error, Result};
use crate::pdf::logo::Logo;
use crate::pdf::official::{render, Column, Group, Letterhead, Official, Signature, Table};
use crate::pdf::{hari, tanggal, tanggal_huruf, Paper};
use crate::service::audit::{self, Change};
use crate::service::extensions::{self, ExtensionUnit};
use crate::service::{quota, selection, setup, verification};
use crate::store::{meta, publications as store, rounds, stages as stage_store, Db};

// ---- settings ----------------------------------------------------------------

const ADDRESS: &str = "publication.address";
const CONTACTS: &str = "publication.contacts";
const CHAIR: &str = "publication.chair";
const MEMBERS: &str = "publication.members";
const NUMBERING: &str = "publication.numbering.";

/// The kop, the signatories and the numbering templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PublicationSettings {
    /// The office's street address, printed under the name in the kop.
    pub address: String,
    /// Telephone, e-mail, website: one line under the address.
    pub contacts: String,
    /// The Ketua's name (blank: signed by hand).
    pub chair: String,
    /// The other members of the commission, for the Berita Acara.
    pub members: Vec<String>,
    /// One numbering template per series.
    pub numbering: Vec<NumberingTemplate>,
}

/// The numbering template of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NumberingTemplate {
    pub series: Series,
    pub label: String,
    pub template: String,
}

/// The settings as they are now (defaults where none were saved). Any
/// logged-in role.
pub async fn settings(db: &Db, session: &Session) -> Result<PublicationSettings> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let get = |v: Option<String>| v.unwrap_or_default();
    let members: Vec<String> = meta::get(&mut *conn, MEMBERS)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default();
    let mut numbering = Vec::new();
    for series in Series::ALL {
        let key = format!("{NUMBERING}{}", series.as_str());
        numbering.push(NumberingTemplate {
            series,
            label: series.label().into(),
            template: meta::get(&mut *conn, &key)
                .await?
                .unwrap_or_else(|| series.default_template().into()),
        });
    }
    Ok(PublicationSettings {
        address: get(meta::get(&mut *conn, ADDRESS).await?),
        contacts: get(meta::get(&mut *conn, CONTACTS).await?),
        chair: get(meta::get(&mut *conn, CHAIR).await?),
        members,
        numbering,
    })
}

fn one_line(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > max {
        return Err(Error::validation(
            field,
            format!(
                "Paling banyak {max} karakter (sekarang {}).",
                v.chars().count()
            ),
        ));
    }
    Ok(v)
}

/// Saves the settings. Administrators only.
pub async fn save_settings(
    db: &Db,
    session: &Session,
    input: &PublicationSettings,
    now: DateTime<Utc>,
) -> Result<PublicationSettings> {
    session.require(Operation::ManageRounds)?;
    let mut members = Vec::new();
    for (i, m) in input.members.iter().enumerate() {
        let m = one_line(&format!("anggota.{i}"), m, 120)?;
        if !m.is_empty() {
            members.push(m);
        }
    }
    if members.len() > 8 {
        return Err(Error::validation(
            "anggota",
            "Paling banyak 8 anggota selain Ketua.",
        ));
    }
    let clean = PublicationSettings {
        address: one_line("alamat", &input.address, 200)?,
        contacts: one_line("kontak", &input.contacts, 200)?,
        chair: one_line("ketua", &input.chair, 120)?,
        members,
        numbering: Series::ALL
            .into_iter()
            .map(|series| {
                let template = input
                    .numbering
                    .iter()
                    .find(|n| n.series == series)
                    .map(|n| n.template.trim().to_string())
                    .unwrap_or_else(|| series.default_template().into());
                check_numbering(&template).map_err(|e| match e {
                    Error::Validation { message, .. } => Error::validation(
                        format!("nomor.{}", series.as_str()),
                        format!("{}: {message}", series.label()),
                    ),
                    other => other,
                })?;
                Ok(NumberingTemplate {
                    series,
                    label: series.label().into(),
                    template,
                })
            })
            .collect::<Result<_>>()?,
    };
    let before = settings(db, session).await?;
    let mut tx = db.begin_write().await?;
    meta::set(&mut *tx, ADDRESS, &clean.address).await?;
    meta::set(&mut *tx, CONTACTS, &clean.contacts).await?;
    meta::set(&mut *tx, CHAIR, &clean.chair).await?;
    meta::set(&mut *tx, MEMBERS, &json!(clean.members).to_string()).await?;
    for n in &clean.numbering {
        meta::set(
            &mut *tx,
            &format!("{NUMBERING}{}", n.series.as_str()),
            &n.template,
        )
        .await?;
    }
    let change = Change::new("publication.settings", "settings", "publication")
        .before(json!(before))
        .after(json!(clean));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(clean)
}

/// The logo file (media type and bytes), if one was uploaded.
pub async fn logo(db: &Db, session: &Session) -> Result<Option<(String, Vec<u8>)>> {
    session.require(Operation::Read)?;
    store::logo(db.pool()).await
}

/// Checks and saves the kop's logo (PNG or JPEG). Administrators only.
pub async fn set_logo(db: &Db, session: &Session, bytes: &[u8], now: DateTime<Utc>) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let logo = Logo::read(bytes)?;
    let mut tx = db.begin_write().await?;
    store::set_logo(
        &mut tx,
        logo.media_type,
        bytes,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("publication.logo", "settings", "logo").after(json!({
        "media_type": logo.media_type,
        "bytes": bytes.len(),
        "width": logo.width,
        "height": logo.height,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the logo: the kop is printed as text. Administrators only.
pub async fn remove_logo(db: &Db, session: &Session, now: DateTime<Utc>) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    if store::remove_logo(&mut tx).await? {
        audit::record(
            &mut tx,
            session,
            now,
            Change::new("publication.logo_removed", "settings", "logo"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---- texts -------------------------------------------------------------------

/// The texts of one kind, with its defaults.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KindTexts {
    pub kind: PublicationKind,
    pub key: String,
    pub label: String,
    pub texts: Texts,
    pub defaults: Texts,
    /// Whether the texts differ from the defaults (were saved).
    pub edited: bool,
}

/// A placeholder the texts may use.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Placeholder {
    pub name: String,
    pub meaning: String,
}

/// The placeholders the texts may use.
pub fn placeholders() -> Vec<Placeholder> {
    PLACEHOLDERS
        .iter()
        .map(|(name, meaning)| Placeholder {
            name: format!("{{{name}}}"),
            meaning: (*meaning).into(),
        })
        .collect()
}

/// The texts of every kind. Any logged-in role.
pub async fn texts(db: &Db, session: &Session) -> Result<Vec<KindTexts>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let mut out = Vec::new();
    for kind in PublicationKind::all() {
        let saved = store::texts(&mut *conn, &kind.key()).await?;
        let defaults = kind.default_texts();
        out.push(KindTexts {
            kind,
            key: kind.key(),
            label: kind.label(),
            edited: saved.is_some(),
            texts: saved.unwrap_or_else(|| defaults.clone()),
            defaults,
        });
    }
    Ok(out)
}

/// Saves the texts of a kind. Administrators only.
pub async fn save_texts(
    db: &Db,
    session: &Session,
    kind: PublicationKind,
    input: &Texts,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    if !kind.is_valid() {
        return Err(Error::validation("jenis", "Jenis dokumen ini tidak ada."));
    }
    let about = one_line("tentang", &input.about, 400)?;
    if about.is_empty() {
        return Err(Error::validation(
            "tentang",
            "Isi bagian TENTANG tidak boleh kosong.",
        ));
    }
    let paragraphs = |field: &str, text: &str| -> Result<String> {
        let t: Vec<String> = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        let t = t.join("\n");
        if t.chars().count() > 4000 {
            return Err(Error::validation(field, "Paling banyak 4000 karakter."));
        }
        Ok(t)
    };
    let texts = Texts {
        about,
        opening: paragraphs("pembuka", &input.opening)?,
        closing: paragraphs("penutup", &input.closing)?,
    };
    check_template("tentang", &texts.about)?;
    check_template("pembuka", &texts.opening)?;
    check_template("penutup", &texts.closing)?;
    let mut tx = db.begin_write().await?;
    let before = store::texts(&mut *tx, &kind.key()).await?;
    store::set_texts(
        &mut tx,
        &kind.key(),
        &texts,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("publication.texts", "publication", kind.key())
        .before(json!(before.unwrap_or_else(|| kind.default_texts())))
        .after(json!(texts));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Back to the default texts of a kind. Administrators only.
pub async fn reset_texts(
    db: &Db,
    session: &Session,
    kind: PublicationKind,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    if store::reset_texts(&mut tx, &kind.key()).await? {
        let change = Change::new("publication.texts_reset", "publication", kind.key());
        audit::record(&mut tx, session, now, change).await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---- which documents a round has ---------------------------------------------

/// A document of a round and whether it can be made now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PublicationItem {
    pub kind: PublicationKind,
    pub key: String,
    pub label: String,
    pub stage: Stage,
    /// The stage is closed: the document can be made.
    pub ready: bool,
    /// The number it was given when first made.
    pub number: Option<String>,
}

/// Every document kind of a round, in stage order. Any logged-in role.
pub async fn list(db: &Db, session: &Session, round_id: i64) -> Result<Vec<PublicationItem>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let mut out = Vec::new();
    for kind in PublicationKind::all() {
        out.push(PublicationItem {
            kind,
            key: kind.key(),
            label: kind.label(),
            stage: kind.stage(),
            ready: round.current_stage > kind.stage(),
            number: store::number_of(&mut conn, round_id, &kind.key()).await?,
        });
    }
    Ok(out)
}

// ---- making a document --------------------------------------------------------

/// What the caller chooses.
#[derive(Debug, Clone)]
pub struct PublicationRequest {
    pub kind: PublicationKind,
    /// One kecamatan or desa (dotted or digits), or the whole kabupaten.
    pub unit: Option<String>,
    pub paper: Paper,
    /// A number typed by hand, printed instead of the next one of the
    /// series (and not recorded).
    pub number: Option<String>,
    /// The Ketua's name instead of the one in the settings.
    pub signer: Option<String>,
}

/// A document made: file name, PDF bytes, the number printed.
#[derive(Debug, Clone)]
pub struct Made {
    pub file: String,
    pub bytes: Vec<u8>,
    pub number: String,
}

fn name_of(code: &str) -> String {
    RegionCode::parse(code)
        .ok()
        .and_then(|c| atlas().get(&c).map(|r| r.name.clone()))
        .unwrap_or_else(|| code.to_string())
}

/// One line of a table before grouping: the dotted unit code, the cells
/// after the name columns.
struct Line {
    unit: String,
    name: String,
    sex: String,
    rest: Vec<String>,
}

/// Makes a document of a round. Its stage must be closed (its results
/// frozen). Any logged-in role; the first time a document is made it gets
/// the next number of its series for the year, recorded in the audit trail.
pub async fn make(
    db: &Db,
    session: &Session,
    round_id: i64,
    req: &PublicationRequest,
    now: DateTime<Utc>,
) -> Result<Made> {
    session.require(Operation::Read)?;
    let kind = req.kind;
    if !kind.is_valid() {
        return Err(Error::stage(
            "Pengumuman dibuat untuk tahap administrasi, tertulis, atau akhir.",
        ));
    }
    let (round, events) = {
        let mut conn = db.pool().acquire().await?;
        let round = rounds::get(&mut conn, round_id).await?;
        let events = stage_store::events(&mut conn, round_id).await?;
        (round, events)
    };
    let stage = kind.stage();
    if round.current_stage <= stage {
        return Err(Error::stage(format!(
            "Tahap {} belum ditutup; {} dibuat dari hasil yang sudah ditetapkan.",
            stage.label().to_lowercase(),
            kind.label().to_lowercase()
        )));
    }
    let unit = req.unit.as_deref().map(RegionCode::parse).transpose()?;
    let within = |code: &str| {
        unit.as_ref().is_none_or(|u| {
            RegionCode::parse(code).is_ok_and(|c| u.contains(&c) || c.digits() == u.digits())
        })
    };
    let pps = round.body == Body::Pps;
    // The day the stage was closed (the plenary), or today.
    let closed_on = |s: Stage| {
        events
            .iter()
            .rev()
            .find(|e| e.stage == s.as_str() && e.action == "close")
            .and_then(|e| DateTime::parse_from_rfc3339(&e.at).ok())
            .map(|t| t.with_timezone(&Local).date_naive())
    };
    let today = now.with_timezone(&Local).date_naive();
    let date = match kind {
        PublicationKind::LampiranSk => closed_on(Stage::Penetapan).unwrap_or(today),
        _ => closed_on(stage).unwrap_or(today),
    };

    let (columns, lines, empty) = table_of(db, session, &round, kind, now, &within).await?;
    let count = lines.len();
    let table = group(pps, columns, lines, empty, kind);

    let kabupaten = setup::kabupaten(db).await?;
    let s = settings(db, session).await?;
    let number = match req
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(n) => n.to_string(),
        None => {
            let template = s
                .numbering
                .iter()
                .find(|n| n.series == kind.series())
                .map(|n| n.template.clone())
                .unwrap_or_else(|| kind.series().default_template().into());
            issue_number(
                db,
                session,
                round_id,
                kind,
                &template,
                &kabupaten.code,
                date,
                now,
            )
            .await?
        }
    };
    let texts = {
        let mut conn = db.pool().acquire().await?;
        store::texts(&mut *conn, &kind.key())
            .await?
            .unwrap_or_else(|| kind.default_texts())
    };
    let body_name = match round.body {
        Body::Ppk => "Panitia Pemilihan Kecamatan (PPK)",
        Body::Pps => "Panitia Pemungutan Suara (PPS)",
    };
    let commission = kabupaten.commission();
    let komisi = format!("Komisi Pemilihan Umum {}", kabupaten.name);
    let day = tanggal(date);
    let day_words = tanggal_huruf(date);
    let closed = closed_on(stage).map(tanggal).unwrap_or_else(|| day.clone());
    let count_text = count.to_string();
    let stage_label = stage.label().to_string();
    let office = if s.address.is_empty() {
        String::new()
    } else {
        format!(", {}", s.address)
    };
    let values = [
        ("badan", body_name),
        ("pemilihan", round.election.as_str()),
        ("kabupaten", kabupaten.name.as_str()),
        ("komisi", komisi.as_str()),
        ("tahap", stage_label.as_str()),
        ("tanggal", day.as_str()),
        ("hari", hari(date)),
        ("tanggal_huruf", day_words.as_str()),
        ("tanggal_tutup", closed.as_str()),
        ("jumlah", count_text.as_str()),
        ("alamat_kantor", office.as_str()),
    ];
    let logo = match store::logo(db.pool()).await? {
        Some((_, bytes)) => Some(Logo::read(&bytes)?),
        None => None,
    };
    let chair = req
        .signer
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&s.chair)
        .to_string();
    let dots = "(.................................)".to_string();
    let signature = match kind {
        PublicationKind::BeritaAcara(_) => {
            let mut members = vec![(
                if chair.is_empty() {
                    dots.clone()
                } else {
                    chair
                },
                "Ketua".to_string(),
            )];
            if s.members.is_empty() {
                members.extend((0..4).map(|_| (dots.clone(), "Anggota".to_string())));
            } else {
                members.extend(s.members.iter().map(|m| (m.clone(), "Anggota".to_string())));
            }
            Signature::Plenary {
                heading: commission.clone(),
                members,
            }
        }
        _ => Signature::Ketua {
            title: format!("KETUA {commission}"),
            name: if chair.is_empty() { dots } else { chair },
        },
    };
    let mut name_lines = vec![
        "KOMISI PEMILIHAN UMUM".to_string(),
        kabupaten.name.to_uppercase(),
    ];
    if commission.len() < 40 {
        name_lines = vec![commission.clone()];
    }
    let title = match kind {
        PublicationKind::LampiranSk => format!("LAMPIRAN KEPUTUSAN {commission}"),
        _ => kind.title().to_string(),
    };
    let doc = Official {
        letterhead: (kind != PublicationKind::LampiranSk).then(|| Letterhead {
            name: name_lines,
            lines: vec![s.address.clone(), s.contacts.clone()],
            logo,
        }),
        title,
        number: number.clone(),
        about: fill(&texts.about, &values),
        opening: fill(&texts.opening, &values),
        table,
        closing: fill(&texts.closing, &values),
        place: kabupaten.town().to_string(),
        date,
        signature,
    };
    let bytes = tokio::task::spawn_blocking({
        let paper = req.paper;
        move || render(&doc, paper)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    let file = format!(
        "{}-{}{}.pdf",
        kind.key().replace('_', "-"),
        round.body.as_str().to_lowercase(),
        unit.map(|u| format!("-{}", u.digits())).unwrap_or_default()
    );
    Ok(Made {
        file,
        bytes,
        number,
    })
}

/// The number of a round's document: the one it got before, or the next of
/// its series in the document's year (recorded, with an audit entry).
#[allow(clippy::too_many_arguments)]
async fn issue_number(
    db: &Db,
    session: &Session,
    round_id: i64,
    kind: PublicationKind,
    template: &str,
    kode: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String> {
    let key = kind.key();
    let mut tx = db.begin_write().await?;
    if let Some(n) = store::number_of(&mut tx, round_id, &key).await? {
        return Ok(n);
    }
    let series = kind.series().as_str();
    let seq = store::next_seq(&mut tx, series, date.year()).await?;
    let kode = kode.replace('.', "");
    let number = publication::number(template, seq, &kode, date.year(), date.month());
    store::insert_number(
        &mut tx,
        &store::NewNumber {
            series,
            year: date.year(),
            seq,
            number: &number,
            round_id,
            kind: &key,
            at: &now.to_rfc3339(),
            by: session.user_id,
        },
    )
    .await?;
    let change = Change::new("publication.number", "round", round_id)
        .after(json!({ "kind": key, "number": number }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(number)
}

/// The table's columns after "No", its lines, and what it says when empty.
async fn table_of(
    db: &Db,
    session: &Session,
    round: &rounds::Round,
    kind: PublicationKind,
    now: DateTime<Utc>,
    within: &(dyn Fn(&str) -> bool + Sync),
) -> Result<(Vec<Column>, Vec<Line>, String)> {
    let person = |extra: &[Column]| {
        let mut c = vec![Column::new("Nama", 0.34), Column::centred("L/P", 0.06)];
        c.extend_from_slice(extra);
        c
    };
    let empty = "Tidak ada nama yang tercantum.".to_string();
    let mut lines = Vec::new();
    let cols = match kind {
        PublicationKind::Pengumuman(Stage::Administrasi)
        | PublicationKind::BeritaAcara(Stage::Administrasi) => {
            let minutes = matches!(kind, PublicationKind::BeritaAcara(_));
            for r in verification::results(db, session, round.id, now).await? {
                if within(&r.unit_code) {
                    let mut rest = vec![r.result];
                    if minutes {
                        rest.push(r.reasons);
                    }
                    lines.push(Line {
                        unit: r.unit_code,
                        name: r.full_name,
                        sex: r.sex,
                        rest,
                    });
                }
            }
            if minutes {
                person(&[
                    Column::centred("Hasil", 0.08),
                    Column::new("Keterangan", 0.3),
                ])
            } else {
                person(&[Column::new("Keterangan", 0.2)])
            }
        }
        PublicationKind::BeritaAcara(Stage::Pendaftaran) => {
            let board = quota::quota(db, session, round.id, now).await?;
            let short: HashMap<String, ExtensionUnit> = {
                let mut conn = db.pool().acquire().await?;
                extensions::short_units(&mut conn, round, now.date_naive())
                    .await?
                    .into_iter()
                    .map(|u| (u.unit_code.clone(), u))
                    .collect()
            };
            for u in board.units.iter().filter(|u| within(&u.unit_code)) {
                // Only what registration decided: enough applicants, or an
                // extension (and whether it was enough), or the Pimpinan's
                // decision to go on without one.
                let mut note: Vec<String> = Vec::new();
                if let Some(x) = short.get(&u.unit_code) {
                    if let Some(until) = x.extended_until {
                        note.push(format!(
                            "Diperpanjang {} kali, sampai {}",
                            x.extensions,
                            tanggal(until)
                        ));
                    }
                    match (x.state, &x.decision) {
                        (ExtensionState::LanjutKeputusan, Some(d)) => note.push(d.clone()),
                        (ExtensionState::BolehLanjut | ExtensionState::Diperpanjang, _) => {}
                        (state, _) => note.push(format!(
                            "Pendaftar kurang dari {}× kuota; {}",
                            round.settings.extension_threshold,
                            state.label()
                        )),
                    }
                }
                if u.registered < u.quota {
                    note.push("Kurang dari kuota".into());
                }
                lines.push(Line {
                    unit: u.unit_code.clone(),
                    name: u.unit_name.clone(),
                    sex: String::new(),
                    rest: vec![
                        u.quota.to_string(),
                        u.registered.to_string(),
                        if note.is_empty() {
                            "Cukup".into()
                        } else {
                            note.join("; ")
                        },
                    ],
                });
            }
            return Ok((
                vec![
                    Column::new("Wilayah", 0.34),
                    Column::figure("Kuota", 0.1),
                    Column::figure("Pendaftar", 0.13),
                    Column::new("Keterangan", 0.43),
                ],
                lines,
                "Tidak ada wilayah.".into(),
            ));
        }
        kind => {
            let stage = match kind {
                PublicationKind::Pengumuman(Stage::Tertulis)
                | PublicationKind::BeritaAcara(Stage::Tertulis) => Stage::Tertulis,
                _ => Stage::Akhir,
            };
            // The places without their explanations: nothing here prints them.
            let c = selection::compute(db, session, round.id, now, false).await?;
            for r in selection::listed(db, &c, stage, None).await? {
                if !within(&r.unit_code) || r.status == Status::Tms {
                    continue;
                }
                let place = match r.status {
                    Status::Terpilih => {
                        format!("Terpilih (peringkat {})", r.position.unwrap_or_default())
                    }
                    Status::Cadangan => format!("Cadangan {}", r.reserve.unwrap_or_default()),
                    s => s.label().to_string(),
                };
                let rest = match kind {
                    PublicationKind::Pengumuman(Stage::Tertulis) => vec![place],
                    PublicationKind::Pengumuman(_) => {
                        if !matches!(r.status, Status::Terpilih | Status::Cadangan) {
                            continue;
                        }
                        vec![place]
                    }
                    PublicationKind::BeritaAcara(Stage::Tertulis) => vec![r.written, place],
                    PublicationKind::BeritaAcara(Stage::Wawancara) => {
                        let note = if r.interview == "absen" {
                            "Tidak hadir"
                        } else {
                            "Hadir"
                        };
                        vec![r.written, r.interview, note.into()]
                    }
                    PublicationKind::BeritaAcara(Stage::Akhir) => {
                        vec![r.written, r.interview, r.final_score, place]
                    }
                    // Penetapan and the lampiran: the members appointed.
                    _ => {
                        if r.status != Status::Terpilih {
                            continue;
                        }
                        vec![if kind == PublicationKind::LampiranSk {
                            "Anggota".into()
                        } else {
                            place
                        }]
                    }
                };
                lines.push(Line {
                    unit: r.unit_code,
                    name: r.full_name,
                    sex: r.sex,
                    rest,
                });
            }
            match kind {
                PublicationKind::Pengumuman(_) | PublicationKind::BeritaAcara(Stage::Penetapan) => {
                    person(&[Column::new("Keterangan", 0.22)])
                }
                PublicationKind::LampiranSk => person(&[Column::new("Jabatan", 0.14)]),
                PublicationKind::BeritaAcara(Stage::Tertulis) => person(&[
                    Column::figure("Nilai", 0.1),
                    Column::new("Keterangan", 0.18),
                ]),
                PublicationKind::BeritaAcara(Stage::Wawancara) => person(&[
                    Column::figure("Nilai tertulis", 0.1),
                    Column::figure("Nilai wawancara", 0.12),
                    Column::new("Keterangan", 0.12),
                ]),
                _ => person(&[
                    Column::figure("Tertulis", 0.09),
                    Column::figure("Wawancara", 0.1),
                    Column::figure("Akhir", 0.08),
                    Column::new("Keterangan", 0.2),
                ]),
            }
        }
    };
    Ok((cols, lines, empty))
}

/// Groups the lines by kecamatan (PPK) or desa (PPS), in code order,
/// keeping their order within a group, and adds the unit columns.
fn group(
    pps: bool,
    mut columns: Vec<Column>,
    lines: Vec<Line>,
    empty: String,
    kind: PublicationKind,
) -> Table {
    let recap = kind == PublicationKind::BeritaAcara(Stage::Pendaftaran);
    if !recap {
        // Desa (PPS) and kecamatan after the name and sex.
        let mut unit_cols = vec![Column::new("Kecamatan", 0.16)];
        if pps {
            unit_cols.insert(0, Column::new("Desa/Kelurahan", 0.16));
        }
        columns.splice(2..2, unit_cols);
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for l in lines {
        let Ok(code) = RegionCode::parse(&l.unit) else {
            continue;
        };
        let kecamatan = RegionCode::parse(&code.digits()[..6.min(code.digits().len())])
            .map(|k| name_of(&k.dotted()))
            .unwrap_or_default();
        // A recap of PPS lists the desa under their kecamatan; a recap of
        // PPK lists the kecamatan without headings.
        let (key, heading) = if recap {
            if pps {
                (
                    code.digits()[..6].to_string(),
                    format!("Kecamatan {kecamatan}"),
                )
            } else {
                (String::new(), String::new())
            }
        } else if pps {
            (code.digits().to_string(), atlas().unit_label(&code))
        } else {
            (code.digits().to_string(), format!("Kecamatan {kecamatan}"))
        };
        let mut cells = if recap {
            vec![l.name]
        } else {
            let mut c = vec![l.name, l.sex];
            if pps {
                c.push(name_of(&l.unit));
            }
            c.push(kecamatan);
            c
        };
        cells.extend(l.rest);
        groups
            .entry(key)
            .or_insert_with(|| Group {
                heading,
                rows: Vec::new(),
            })
            .rows
            .push(cells);
    }
    Table {
        columns,
        groups: groups.into_values().collect(),
        empty,
    }
}
