//! The printed side of the attendance: the daftar hadir per room and
//! session (to sign on paper), and the Berita Acara Pelaksanaan Tes
//! Tertulis with the counts per room (seats given, present, absent) and the
//! totals. Both name participants by number, name and unit only: never a
//! NIK, birth date, phone or address. Any logged-in role; printing writes
//! nothing.

use chrono::{DateTime, Local, Utc};

use super::attendance::{load, room_counts};
use super::schedule::date_text;
use crate::domain::permission::{Operation, Session};
use crate::error::{Error, Result};
use crate::pdf::attendance_list::{self, AttendanceList, Row, Sheet};
use crate::pdf::official::{
    render, Column, Group, Letterhead, Official, Signature, Table as PdfTable,
};
use crate::pdf::Paper;
use crate::service::audit;
use crate::service::{publications, setup};
use crate::store::{publications as pub_store, rounds, test_sites, Db};

/// A document made.
#[derive(Debug, Clone)]
pub struct AttendanceDoc {
    pub file: String,
    pub bytes: Vec<u8>,
}

fn session_text(s: &test_sites::SessionRow) -> String {
    format!(
        "{} — {}, pukul {}–{}",
        s.label,
        date_text(&s.date),
        s.starts_at,
        s.ends_at
    )
}

/// The daftar hadir: one sheet per room and session with participants,
/// keeping one room and/or one session when given.
pub async fn attendance_list_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    room: Option<i64>,
    test_session: Option<i64>,
    paper: Paper,
) -> Result<AttendanceDoc> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let l = load(&mut conn, round_id).await?;
    let sessions = test_sites::sessions(&mut conn, round_id).await?;
    let units = rounds::unit_quota_rows(&mut conn, round_id, round.body).await?;
    let unit = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let (per_room, _) = room_counts(&l);
    let mut sheets = Vec::new();
    for c in per_room.iter().filter(|c| {
        c.room_id.is_some()
            && (room.is_none() || c.room_id == room)
            && (test_session.is_none() || c.session_id == test_session)
    }) {
        let mut people: Vec<_> = l
            .people
            .iter()
            .filter(|p| p.session_id == c.session_id && p.room_id == c.room_id)
            .collect();
        people.sort_by_key(|p| (p.seat, p.seq));
        let rows = people
            .iter()
            .map(|p| Row {
                number: p.number.clone().unwrap_or_default(),
                name: p.full_name.clone(),
                unit: unit(&p.unit_code),
                seat: p.seat.map(|s| s.to_string()).unwrap_or_default(),
                note: match l.records.get(&p.applicant_id) {
                    Some(r) if !r.present => "Tidak hadir".into(),
                    _ => String::new(),
                },
            })
            .collect();
        let sess = sessions.iter().find(|s| Some(s.id) == c.session_id);
        sheets.push(Sheet {
            venue: c.venue_name.clone(),
            room: c.room_name.clone(),
            session: sess.map(session_text).unwrap_or_default(),
            rows,
        });
    }
    if sheets.is_empty() {
        return Err(Error::stage(
            "Tidak ada peserta yang mendapat tempat duduk pada ruang atau sesi itu. Atur tempat \
             duduk dahulu.",
        ));
    }
    let kabupaten = setup::kabupaten(db).await?;
    let doc = AttendanceList {
        commission: kabupaten.commission(),
        round_name: round.name.clone(),
        sheets,
        place_date: format!("{}, ..............................", kabupaten.town()),
    };
    let bytes = tokio::task::spawn_blocking(move || attendance_list::render(&doc, paper))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    let part = match (room, test_session) {
        (None, None) => String::new(),
        (r, s) => format!(
            "{}{}",
            r.map(|r| format!("-ruang-{r}")).unwrap_or_default(),
            s.map(|s| format!("-sesi-{s}")).unwrap_or_default()
        ),
    };
    Ok(AttendanceDoc {
        file: format!("daftar-hadir-tes-seleksi-{round_id}{part}.pdf"),
        bytes,
    })
}

/// The Berita Acara Pelaksanaan Tes Tertulis: counts per room in each
/// session and the totals, signed by the commission. While some
/// participants are not recorded yet, every page says it is a draft.
/// `number` as typed, dotted for filling in by hand when none.
pub async fn attendance_report_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    paper: Paper,
    number: Option<&str>,
    now: DateTime<Utc>,
) -> Result<AttendanceDoc> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let l = load(&mut conn, round_id).await?;
    if l.people.is_empty() {
        return Err(Error::stage(
            "Belum ada peserta tes tertulis (pendaftar MS) pada seleksi ini.",
        ));
    }
    let sessions = test_sites::sessions(&mut conn, round_id).await?;
    let head = audit::head_on(&mut conn).await?;
    drop(conn);
    let (per_room, total) = room_counts(&l);
    let mut groups: Vec<Group> = Vec::new();
    for c in &per_room {
        let heading = match sessions.iter().find(|s| Some(s.id) == c.session_id) {
            Some(s) => session_text(s),
            None => c.session_label.clone(),
        };
        let row = vec![
            c.venue_name.clone(),
            c.room_name.clone(),
            c.seated.to_string(),
            c.present.to_string(),
            c.absent.to_string(),
            c.open.to_string(),
        ];
        match groups.iter_mut().find(|g| g.heading == heading) {
            Some(g) => g.rows.push(row),
            None => groups.push(Group {
                heading,
                rows: vec![row],
            }),
        }
    }
    let kabupaten = setup::kabupaten(db).await?;
    let s = publications::settings(db, session).await?;
    let logo = match pub_store::logo(db.pool()).await? {
        Some((_, bytes)) => Some(crate::pdf::logo::Logo::read(&bytes)?),
        None => None,
    };
    let commission = kabupaten.commission();
    let body = round.body.full_name();
    let dots = "(.................................)".to_string();
    let mut members = vec![(
        if s.chair.is_empty() {
            dots.clone()
        } else {
            s.chair.clone()
        },
        "Ketua".to_string(),
    )];
    if s.members.is_empty() {
        members.extend((0..4).map(|_| (dots.clone(), "Anggota".to_string())));
    } else {
        members.extend(s.members.iter().map(|m| (m.clone(), "Anggota".to_string())));
    }
    let open_note = if total.open > 0 {
        format!(
            " Sebanyak {} peserta belum tercatat hadir atau tidak hadir.",
            total.open
        )
    } else {
        String::new()
    };
    let doc = Official {
        letterhead: Some(Letterhead {
            name: vec![commission.clone()],
            lines: vec![s.address.clone(), s.contacts.clone()],
            logo,
        }),
        title: "BERITA ACARA".into(),
        number: number
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("........................................")
            .to_string(),
        mark: (total.open > 0).then(|| "DRAF — DAFTAR HADIR BELUM DITUTUP".to_string()),
        // Minutes of how the test went, not a decision: no legal basis.
        legal_basis: Vec::new(),
        about: format!(
            "PELAKSANAAN TES TERTULIS CALON ANGGOTA {} {}",
            body.to_uppercase(),
            round.election.to_uppercase()
        ),
        opening: format!(
            "{commission} telah melaksanakan tes tertulis calon anggota {body} pada tempat, \
             ruang dan sesi berikut, dengan kehadiran peserta menurut daftar hadir sebagai \
             berikut."
        ),
        table: PdfTable {
            columns: vec![
                Column::new("Tempat", 2.0),
                Column::new("Ruang", 1.2),
                Column::figure("Peserta", 0.8),
                Column::figure("Hadir", 0.7),
                Column::figure("Tidak Hadir", 0.8),
                Column::figure("Belum Dicatat", 0.8),
            ],
            groups,
            empty: "Tidak ada peserta.".into(),
        },
        closing: format!(
            "Jumlah peserta {} orang: hadir {} orang, tidak hadir {} orang.{open_note}\n\
             Peserta yang tidak hadir dinyatakan gugur; tidak ada tes susulan.\n\
             Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.",
            total.seated, total.present, total.absent
        ),
        place: kabupaten.town().to_string(),
        date: now.with_timezone(&Local).date_naive(),
        signature: Signature::Plenary {
            heading: commission,
            members,
        },
        audit_head: Some(format!("Jejak audit saat dokumen dibuat: {}", head.text)),
    };
    let bytes = tokio::task::spawn_blocking(move || render(&doc, paper))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    Ok(AttendanceDoc {
        file: format!(
            "berita-acara-pelaksanaan-tes-{}-seleksi-{round_id}.pdf",
            round.body.as_str().to_lowercase()
        ),
        bytes,
    })
}
