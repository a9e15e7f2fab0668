//! Announcements (pengumuman) of a closed stage's results as PDF: the
//! administrative check (MS/TMS), the written test (who goes on to the
//! interview) and the final result (Terpilih and Cadangan), for the whole
//! kabupaten or one kecamatan/desa (to post at that office).
//!
//! The texts are the defaults of DOMAIN.md's typical announcement; the
//! number and the Ketua's name are given by the caller. Only names, sex,
//! units and results are printed.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};

use crate::domain::permission::Operation;
use crate::domain::ranking::Status;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::{Body, Stage};
use crate::error::{Error, Result};
use crate::pdf::announcement::{announcement, Announcement, Group, Row};
use crate::pdf::Paper;
use crate::service::auth::Session;
use crate::service::{selection, setup, verification};
use crate::store::{rounds, Db};

/// What the caller chooses.
#[derive(Debug, Clone)]
pub struct AnnouncementRequest {
    pub stage: Stage,
    /// One kecamatan or desa (dotted or digits), or the whole kabupaten.
    pub unit: Option<String>,
    pub paper: Paper,
    /// The announcement's number; a blank one is printed to fill in by hand.
    pub number: Option<String>,
    /// The Ketua's name; blank to sign by hand.
    pub signer: Option<String>,
}

fn name_of(code: &str) -> String {
    RegionCode::parse(code)
        .ok()
        .and_then(|c| atlas().get(&c).map(|r| r.name.clone()))
        .unwrap_or_else(|| code.to_string())
}

/// The announcement of `req.stage` of a round as PDF bytes, with a file
/// name. The stage must be closed (its results frozen). Any logged-in role.
pub async fn announcement_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    req: &AnnouncementRequest,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>)> {
    session.require(Operation::Read)?;
    let round = {
        let mut conn = db.pool().acquire().await?;
        rounds::get(&mut conn, round_id).await?
    };
    if !matches!(
        req.stage,
        Stage::Administrasi | Stage::Tertulis | Stage::Akhir
    ) {
        return Err(Error::validation(
            "tahapan",
            "Pengumuman dibuat untuk tahap administrasi, tertulis, atau akhir.",
        ));
    }
    if round.current_stage <= req.stage {
        return Err(Error::validation(
            "tahapan",
            format!(
                "Tahap {} belum ditutup; pengumuman dibuat dari hasil yang sudah ditetapkan.",
                req.stage.label().to_lowercase()
            ),
        ));
    }
    let unit = req.unit.as_deref().map(RegionCode::parse).transpose()?;
    let within = |code: &str| {
        unit.as_ref().is_none_or(|u| {
            RegionCode::parse(code).is_ok_and(|c| u.contains(&c) || c.digits() == u.digits())
        })
    };
    // (dotted unit code, name, sex, note)
    let mut lines: Vec<(String, String, String, String)> = Vec::new();
    match req.stage {
        Stage::Administrasi => {
            for r in verification::results(db, session, round_id, now).await? {
                if within(&r.unit_code) {
                    lines.push((r.unit_code, r.full_name, r.sex, r.result));
                }
            }
        }
        stage => {
            // The places without their explanations: nothing here prints them.
            let c = selection::compute(db, session, round_id, now, false).await?;
            for r in selection::listed(db, &c, stage, None).await? {
                if !within(&r.unit_code) {
                    continue;
                }
                let note = match (stage, r.status) {
                    (Stage::Tertulis, Status::Tms) => continue,
                    (Stage::Akhir, Status::Terpilih) => {
                        format!("Terpilih (peringkat {})", r.position.unwrap_or_default())
                    }
                    (Stage::Akhir, Status::Cadangan) => {
                        format!("Cadangan {}", r.reserve.unwrap_or_default())
                    }
                    (Stage::Akhir, _) => continue,
                    (_, s) => s.label().to_string(),
                };
                lines.push((r.unit_code, r.full_name, r.sex, note));
            }
        }
    }
    // Grouped by kecamatan (PPK) or desa (PPS), in code order; within a
    // group in the order given (ranking or registration).
    let mut groups: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for (code, name, sex, note) in lines {
        let parsed = RegionCode::parse(&code)?;
        let kecamatan_code = RegionCode::parse(&parsed.digits()[..6])?;
        let (heading, desa) = match round.body {
            Body::Ppk => (format!("Kecamatan {}", name_of(&code)), String::new()),
            Body::Pps => (atlas().unit_label(&parsed), name_of(&code)),
        };
        groups
            .entry(format!("{}|{heading}", parsed.digits()))
            .or_default()
            .push(Row {
                name,
                sex,
                desa,
                kecamatan: name_of(&kecamatan_code.dotted()),
                note,
            });
    }
    let kabupaten = setup::kabupaten(db).await?;
    let place = kabupaten.town().to_string();
    let commission = kabupaten.commission();
    let body_name = match round.body {
        Body::Ppk => "Panitia Pemilihan Kecamatan (PPK)",
        Body::Pps => "Panitia Pemungutan Suara (PPS)",
    };
    let (about, opening, closing) = texts(req.stage, body_name, &round.election, &kabupaten.name);
    let date = now.with_timezone(&chrono::Local).date_naive();
    let data = Announcement {
        commission: commission.clone(),
        address: String::new(),
        number: req
            .number
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                format!(
                    "........./PP.04.1-Pu/{}/{}",
                    kabupaten.code.replace('.', ""),
                    date.year()
                )
            }),
        about,
        opening,
        with_desa: round.body == Body::Pps,
        groups: groups
            .into_iter()
            .map(|(key, rows)| Group {
                heading: key.split_once('|').map(|x| x.1).unwrap_or(&key).to_string(),
                rows,
            })
            .collect(),
        closing,
        place,
        date,
        signer_title: format!("KETUA {commission}"),
        signer_name: req
            .signer
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "(.................................)".into()),
    };
    let bytes = announcement(&data, req.paper)?;
    let file = format!(
        "pengumuman-{}-{}{}.pdf",
        req.stage.as_str(),
        round.body.as_str().to_lowercase(),
        unit.map(|u| format!("-{}", u.digits())).unwrap_or_default()
    );
    Ok((file, bytes))
}

/// The default texts: "TENTANG ...", the opening and the closing.
fn texts(stage: Stage, body: &str, election: &str, kabupaten: &str) -> (String, String, String) {
    let what = match stage {
        Stage::Administrasi => "HASIL PENELITIAN ADMINISTRASI",
        Stage::Tertulis => "HASIL TES TERTULIS",
        _ => "HASIL AKHIR",
    };
    let about = format!(
        "{what} CALON ANGGOTA {} {} DI {}",
        body.to_uppercase(),
        election.to_uppercase(),
        kabupaten.to_uppercase()
    );
    let opening = format!(
        "Berdasarkan Berita Acara rapat pleno Komisi Pemilihan Umum {kabupaten} tentang {} calon anggota {body} {election}, dengan ini diumumkan nama-nama sebagai berikut:",
        what.to_lowercase()
    );
    let next = match stage {
        Stage::Administrasi => "Calon yang dinyatakan Memenuhi Syarat (MS) mengikuti tes tertulis pada jadwal dan tempat yang akan diumumkan, dengan membawa KTP-el dan tanda terima pendaftaran.",
        Stage::Tertulis => "Calon yang dinyatakan Lulus mengikuti tes wawancara pada jadwal dan tempat yang akan diumumkan, dengan membawa KTP-el dan tanda terima pendaftaran.",
        _ => "Calon yang dinyatakan Terpilih akan ditetapkan dan dilantik sesuai jadwal. Calon Cadangan menjadi pengganti antarwaktu menurut urutannya.",
    };
    let closing = format!(
        "{next}\nMasyarakat dapat memberikan tanggapan atas calon yang namanya tercantum dalam pengumuman ini, secara tertulis dengan identitas yang jelas, kepada Komisi Pemilihan Umum {kabupaten}.\nDemikian pengumuman ini disampaikan untuk diketahui."
    );
    (about, opening, closing)
}
