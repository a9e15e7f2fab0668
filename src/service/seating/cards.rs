//! Participant cards (kartu peserta) of the written test as one PDF: one
//! applicant's, a unit's (kecamatan or desa code prefix), a session's, a
//! venue's, or everyone's. Only numbered and seated participants get a
//! card; the cards carry no NIK, birth date, phone or address.
//!
//! The photo is the applicant's latest `pas_foto` scan if it is a PNG or
//! JPEG, else the latest DRH scanned as an image; a scan that cannot be
//! read leaves the box for a photo to glue in (counted in
//! [`CardsDoc::without_photo`]). Scans come from the scans folder, checked
//! against their hash, decoded with bounds, on blocking threads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use ts_rs::TS;

use super::schedule::date_text;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::scan::ScanKind;
use crate::error::{Error, Result};
use crate::pdf::participant_card::{render, Card, CardHeader, CardLayout};
use crate::pdf::photo::card_photo;
use crate::service::{publications, scans, setup};
use crate::store::seating::{self as store, ParticipantRow, PhotoScan};
use crate::store::{rounds, Db};

/// Which participants get a card; the conditions given all apply.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct CardFilter {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub applicant_id: Option<i64>,
    /// A participant number.
    #[serde(default)]
    pub number: Option<String>,
    /// A kecamatan or desa code (dots allowed): the unit codes it starts.
    #[serde(default)]
    pub unit: Option<String>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub venue_id: Option<i64>,
}

impl CardFilter {
    fn keeps(&self, p: &ParticipantRow) -> bool {
        let unit = self
            .unit
            .as_deref()
            .map(|u| u.replace('.', "").trim().to_string());
        self.applicant_id.is_none_or(|id| p.applicant_id == id)
            && self.number.as_deref().is_none_or(|n| {
                p.number
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(n.trim()))
            })
            && unit.is_none_or(|u| p.unit_code.starts_with(&u))
            && self.session_id.is_none_or(|s| p.session_id == Some(s))
            && self.venue_id.is_none_or(|v| p.venue_id == Some(v))
    }
}

/// The cards as made.
#[derive(Debug, Clone)]
pub struct CardsDoc {
    pub file: String,
    pub bytes: Vec<u8>,
    pub cards: u32,
    /// Cards printed with an empty photo box.
    pub without_photo: u32,
}

/// The participant cards chosen by `filter`, eight to an A4 sheet or one
/// to a page. Refused while a chosen participant has no number or seat.
/// Any logged-in role (like the schedule).
pub async fn cards_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    filter: &CardFilter,
    layout: CardLayout,
) -> Result<CardsDoc> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let people: Vec<ParticipantRow> = store::participants(&mut conn, round_id)
        .await?
        .into_iter()
        .filter(|p| filter.keeps(p))
        .collect();
    if people.is_empty() {
        return Err(
            if filter.applicant_id.is_some() || filter.number.is_some() {
                Error::stage(
                "Pendaftar ini bukan peserta tes tertulis: hanya pendaftar yang memenuhi syarat \
                 (MS) dan tidak mundur yang mendapat kartu peserta.",
            )
            } else {
                Error::stage("Tidak ada peserta tes tertulis yang cocok dengan pilihan ini.")
            },
        );
    }
    let waiting = people
        .iter()
        .filter(|p| p.number.is_none() || p.seat.is_none())
        .count();
    if waiting > 0 {
        return Err(Error::stage(format!(
            "{waiting} peserta belum mendapat nomor peserta atau tempat duduk. Beri nomor \
             peserta dan atur tempat duduk dahulu (tab Jadwal tes), lalu cetak kartunya."
        )));
    }
    let photos = photo_of(store::photo_scans(&mut conn, round_id).await?);
    drop(conn);

    let kabupaten = setup::kabupaten(db).await?;
    let settings = publications::settings(db, session).await?;
    let head = CardHeader {
        commission: format!("KPU {}", kabupaten.name),
        round_name: round.name.clone(),
        chair: settings.chair,
    };
    let dir = scans::folder(db);
    let work = people
        .into_iter()
        .map(|p| {
            let photo = photos.get(&p.applicant_id).cloned();
            (card_of(&p), photo)
        })
        .collect::<Vec<_>>();
    let one = work.len() == 1;
    let number = work
        .first()
        .map(|(c, _)| c.number.clone())
        .unwrap_or_default();
    let (bytes, cards, without_photo) = tokio::task::spawn_blocking(move || {
        let cards = with_photos(&dir, work)?;
        let missing = cards.iter().filter(|c| c.photo.is_none()).count() as u32;
        let n = cards.len() as u32;
        render(&head, cards, layout).map(|b| (b, n, missing))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    let file = if one {
        format!("kartu-peserta-{}.pdf", file_safe(&number))
    } else {
        format!(
            "kartu-peserta-{}-seleksi-{round_id}.pdf",
            round.body.as_str().to_lowercase()
        )
    };
    Ok(CardsDoc {
        file,
        bytes,
        cards,
        without_photo,
    })
}

fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Each applicant's photo scan: the latest `pas_foto`, else the latest DRH
/// (rows come oldest first).
fn photo_of(rows: Vec<PhotoScan>) -> HashMap<i64, (String, ScanKind)> {
    let mut best: HashMap<i64, (bool, String, ScanKind)> = HashMap::new();
    for r in rows {
        let Some(kind) = ScanKind::from_media_type(&r.media_type) else {
            continue;
        };
        let pas = r.code == "pas_foto";
        let keep = best
            .get(&r.applicant_id)
            .is_none_or(|(had_pas, ..)| pas || !had_pas);
        if keep {
            best.insert(r.applicant_id, (pas, r.sha256, kind));
        }
    }
    best.into_iter()
        .map(|(id, (_, sha, kind))| (id, (sha, kind)))
        .collect()
}

fn card_of(p: &ParticipantRow) -> Card {
    let session = match (&p.session_label, &p.session_date) {
        (Some(l), Some(d)) => format!("{l}, {}", date_text(d)),
        (Some(l), None) => l.clone(),
        (None, Some(d)) => date_text(d),
        (None, None) => String::new(),
    };
    Card {
        number: p.number.clone().unwrap_or_default(),
        name: p.full_name.clone(),
        unit: atlas().unit_label(&RegionCode::from_trusted(p.unit_code.clone())),
        venue: p.venue_name.clone().unwrap_or_default(),
        room: p.room_name.clone().unwrap_or_default(),
        seat: p.seat.unwrap_or_default() as u32,
        session,
        time: match (&p.starts_at, &p.ends_at) {
            (Some(s), Some(e)) => format!("{s}–{e}"),
            _ => String::new(),
        },
        photo: None,
    }
}

/// A card and the scan its photo comes from.
type Job = (Card, Option<(String, ScanKind)>);

/// Reads and shrinks the photos, on as many threads as there are cores.
fn with_photos(dir: &Path, work: Vec<Job>) -> Result<Vec<Card>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = work.len().div_ceil(threads).max(1);
    let mut work = work;
    let mut parts: Vec<Vec<Job>> = Vec::new();
    while !work.is_empty() {
        let rest = work.split_off(chunk.min(work.len()));
        parts.push(std::mem::replace(&mut work, rest));
    }
    let dir: PathBuf = dir.to_path_buf();
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                let dir = &dir;
                s.spawn(move || {
                    part.into_iter()
                        .map(|(mut card, scan)| {
                            card.photo = scan.and_then(|(sha, kind)| {
                                let (_, bytes) = scans::read_stored_in(dir, &sha, kind).ok()?;
                                card_photo(&bytes).ok()
                            });
                            card
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut cards = Vec::new();
        for h in handles {
            cards.extend(
                h.join()
                    .map_err(|_| Error::Internal("foto kartu peserta gagal dibuat".into()))?,
            );
        }
        Ok(cards)
    })
}
