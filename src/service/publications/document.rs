//! Making one document: the checks (its stage closed), its date and
//! number, the kop, the filled-in texts and who signs, rendered to PDF.
//! The same for every kind; what differs by kind, the table, comes from
//! `tables.rs`.

use chrono::{DateTime, Datelike, Local, NaiveDate, Utc};
use serde_json::json;

use super::settings::settings;
use super::tables::{group, table_of};
use crate::domain::audit::ChainHead;
use crate::domain::permission::{Operation, Session};
use crate::domain::publication::{self, fill, PublicationKind};
use crate::domain::region::RegionCode;
use crate::domain::round::{Body, Stage};
use crate::domain::round_rules::legal_basis_lines;
use crate::error::{Error, Result};
use crate::pdf::logo::Logo;
use crate::pdf::official::{render, Letterhead, Official, Signature};
use crate::pdf::{hari, tanggal, tanggal_huruf, Paper};
use crate::service::audit::{self, Change};
use crate::service::setup;
use crate::store::{publications as store, rounds, stages as stage_store, Db};

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
    /// A draft (konsep): no number yet, and the session may not give one.
    pub draft: bool,
}

/// Makes a document of a round. Its stage must be closed (its results
/// frozen). Any logged-in role may make it; numbering it is signing it
/// off ([`Operation::SignAnnouncements`], the Pimpinan): the first time a
/// signer makes it, it gets the next number of its series for the year,
/// recorded in the audit trail, or a number the signer typed (printed, not
/// recorded). Once numbered, anyone prints it with its number. Before that,
/// anyone else gets a draft: [`publication::DRAFT_NUMBER`] for the number,
/// [`publication::DRAFT_MARK`] on every page, "-konsep" in the file name,
/// and nothing issued; a number they type is refused.
///
/// Every document, Berita Acara and announcement alike (a draft too),
/// prints at the foot of its last page the head of the audit chain
/// ([`ChainHead::text`]) as read with its number: for the print that
/// numbers it, after its own `publication.number` entry ([`issue_number`]).
pub async fn make(
    db: &Db,
    session: &Session,
    round_id: i64,
    req: &PublicationRequest,
    now: DateTime<Utc>,
) -> Result<Made> {
    session.require(Operation::Read)?;
    let signer = session.may(Operation::SignAnnouncements);
    let typed = req
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if typed.is_some() && !signer {
        return Err(Error::Forbidden {
            role: session.role.label().to_string(),
            action: "memberi nomor pada dokumen resmi; kosongkan nomor manual untuk membuat \
                     konsep tanpa nomor"
                .to_string(),
        });
    }
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
    // The number, and the audit chain's head read with it to print at the
    // foot (see `issue_number`).
    let (number, head) = match typed {
        // Printed, not recorded: the head as it is.
        Some(n) => {
            let mut conn = db.pool().acquire().await?;
            (Some(n.to_string()), audit::head_on(&mut conn).await?)
        }
        None if signer => {
            let template = s
                .numbering
                .iter()
                .find(|n| n.series == kind.series())
                .map(|n| n.template.clone())
                .unwrap_or_else(|| kind.series().default_template().into());
            let (number, head) = issue_number(
                db,
                session,
                round_id,
                kind,
                &template,
                &kabupaten.code,
                date,
                now,
            )
            .await?;
            (Some(number), head)
        }
        // Not a signer: the number given before, if any; nothing is issued.
        None => {
            let mut conn = db.pool().acquire().await?;
            let number = store::number_of(&mut conn, round_id, &kind.key()).await?;
            (number, audit::head_on(&mut conn).await?)
        }
    };
    let draft = number.is_none();
    let number = number.unwrap_or_else(|| publication::DRAFT_NUMBER.to_string());
    let texts = {
        let mut conn = db.pool().acquire().await?;
        store::texts(&mut *conn, &kind.key())
            .await?
            .unwrap_or_else(|| kind.default_texts())
    };
    let body_name = round.body.full_name();
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
        mark: draft.then(|| publication::DRAFT_MARK.to_string()),
        about: fill(&texts.about, &values),
        // A lampiran follows its decision, which cites the basis itself.
        legal_basis: match kind {
            PublicationKind::LampiranSk => Vec::new(),
            _ => legal_basis_lines(&round.settings.legal_basis),
        },
        opening: fill(&texts.opening, &values),
        table,
        closing: fill(&texts.closing, &values),
        place: kabupaten.town().to_string(),
        date,
        signature,
        audit_head: Some(format!("Jejak audit saat dokumen dibuat: {}", head.text)),
    };
    let bytes = tokio::task::spawn_blocking({
        let paper = req.paper;
        move || render(&doc, paper)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    let file = format!(
        "{}-{}{}{}.pdf",
        kind.key().replace('_', "-"),
        round.body.as_str().to_lowercase(),
        unit.map(|u| format!("-{}", u.digits())).unwrap_or_default(),
        if draft { "-konsep" } else { "" }
    );
    Ok(Made {
        file,
        bytes,
        number,
        draft,
    })
}

/// The number of a round's document: the one it got before, or the next of
/// its series in the document's year (recorded, with an audit entry); and
/// the audit chain's head read in the same transaction, after that entry.
///
/// So the head a document prints is the chain as it stood once its number
/// was recorded: on the print that numbers it, the last entry counted is
/// its own `publication.number` entry, whose hash is the one printed (the
/// audit screen shows that entry, with this number, at that position).
/// Printing records nothing else, so a later copy prints the head as it is
/// then, and a copy made with no change in between prints the same head.
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
) -> Result<(String, ChainHead)> {
    let key = kind.key();
    let mut tx = db.begin_write().await?;
    if let Some(n) = store::number_of(&mut tx, round_id, &key).await? {
        return Ok((n, audit::head_on(&mut tx).await?));
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
    let head = audit::head_on(&mut tx).await?;
    tx.commit().await?;
    Ok((number, head))
}
