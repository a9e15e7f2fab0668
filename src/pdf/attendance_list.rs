//! The attendance list (daftar hadir) of the written test: one sheet per
//! room and session, each starting on a new page with the venue, room and
//! session; a row per participant (number, name, unit, seat) with a column
//! to sign in, and signature lines for the room's supervisors (pengawas).
//! A participant already recorded absent says so in the last column.
//!
//! It names participants by number, name and unit only: no NIK, birth
//! date, phone or address.

use super::layout::{mm, Align, Document, Margins, Page, Paper, Style};
use crate::error::Result;

/// What the lists show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceList {
    /// "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub commission: String,
    /// "Seleksi Calon Anggota PPK Pemilu 2029".
    pub round_name: String,
    pub sheets: Vec<Sheet>,
    /// "Pasuruan, ....................".
    pub place_date: String,
}

/// One room in one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub venue: String,
    pub room: String,
    /// "Sesi 1 — Senin, 14 Desember 2026, pukul 08:00–10:00".
    pub session: String,
    pub rows: Vec<Row>,
}

/// One participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: String,
    pub name: String,
    /// The unit's name.
    pub unit: String,
    pub seat: String,
    /// "Tidak hadir" once recorded absent, else empty.
    pub note: String,
}

const COMMISSION: Style = Style::bold(12.0);
const TITLE: Style = Style::bold(13.0);
const BODY: Style = Style::regular(10.5);
const BODY_BOLD: Style = Style::bold(10.5);
const TABLE: Style = Style::regular(9.5);
const TABLE_HEAD: Style = Style::bold(9.5);
const SMALL: Style = Style::regular(8.5);
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const RULE: f32 = 0.6;
/// Room to sign in.
const ROW_MIN: f32 = 24.0;
const LABEL_WIDTH: f32 = 60.0;
const SIGN_SPACE: f32 = 48.0;
/// Shares of the width: No, number, name, unit, seat, signature, note.
const SHARES: [f32; 7] = [0.5, 2.0, 2.8, 1.6, 0.8, 2.0, 1.1];

/// Renders every sheet on `paper`; an empty list of sheets is refused by
/// the caller.
pub fn render(d: &AttendanceList, paper: Paper) -> Result<Vec<u8>> {
    let mut doc = Document::new(
        "Daftar hadir tes tertulis",
        paper,
        Margins::uniform(mm(15.0)),
    )?;
    for sheet in &d.sheets {
        let mut page = doc.page();
        head(&mut page, d, sheet);
        page = table(&mut doc, page, d, sheet);
        page = signatures(&mut doc, page, d, sheet);
        doc.add(page);
    }
    doc.number_pages(SMALL);
    doc.finish()
}

fn head(page: &mut Page, d: &AttendanceList, s: &Sheet) {
    page.flow(COMMISSION, Align::Center, &d.commission);
    page.advance(3.0);
    let y = page.cursor();
    page.hline(page.left(), page.right(), y, 1.2);
    page.advance(8.0);
    page.flow(TITLE, Align::Center, "DAFTAR HADIR PESERTA TES TERTULIS");
    page.flow(BODY, Align::Center, &d.round_name);
    page.advance(8.0);
    let value_x = page.left() + LABEL_WIDTH + 10.0;
    let value_width = page.right() - value_x;
    for (label, value) in [
        ("Tempat", s.venue.as_str()),
        ("Ruang", s.room.as_str()),
        ("Sesi", s.session.as_str()),
    ] {
        let top = page.cursor();
        page.text(page.left(), top, BODY, Align::Left, label);
        page.text(page.left() + LABEL_WIDTH, top, BODY, Align::Left, ":");
        let h = page.paragraph(value_x, top, value_width, BODY_BOLD, Align::Left, value);
        page.advance(h.max(BODY.leading()) + 1.5);
    }
    page.advance(6.0);
}

fn columns(page: &Page) -> (Vec<f32>, Vec<f32>) {
    let total: f32 = SHARES.iter().sum();
    let width: Vec<f32> = SHARES
        .iter()
        .map(|s| page.content_width() * s / total)
        .collect();
    let mut x = Vec::with_capacity(width.len());
    let mut at = page.left();
    for w in &width {
        x.push(at);
        at += w;
    }
    (x, width)
}

fn row(page: &mut Page, cells: &[(String, Style, Align)], min: f32) {
    let (x, width) = columns(page);
    let height = cells
        .iter()
        .zip(&width)
        .map(|((t, s, _), w)| {
            page.fonts().wrap(*s, t, w - 2.0 * PAD_X).len().max(1) as f32 * s.leading()
        })
        .fold(0.0, f32::max)
        .max(min - 2.0 * PAD_Y)
        + 2.0 * PAD_Y;
    let top = page.cursor();
    for (i, (text, style, align)) in cells.iter().enumerate() {
        page.rect(x[i], top, width[i], height, RULE);
        page.paragraph(
            x[i] + PAD_X,
            top + PAD_Y,
            width[i] - 2.0 * PAD_X,
            *style,
            *align,
            text,
        );
    }
    page.advance(height);
}

fn header_row(page: &mut Page) {
    let cells: Vec<(String, Style, Align)> = [
        "No",
        "Nomor Peserta",
        "Nama",
        "Wilayah",
        "Kursi",
        "Tanda Tangan",
        "Ket.",
    ]
    .iter()
    .map(|l| (l.to_string(), TABLE_HEAD, Align::Center))
    .collect();
    row(page, &cells, 0.0);
}

fn table(doc: &mut Document, mut page: Page, d: &AttendanceList, s: &Sheet) -> Page {
    header_row(&mut page);
    for (i, r) in s.rows.iter().enumerate() {
        if !page.fits(ROW_MIN + 2.0 * TABLE.leading()) {
            doc.add(page);
            page = doc.page();
            page.flow(
                SMALL,
                Align::Left,
                &format!("{} — {}, {} (lanjutan)", d.round_name, s.venue, s.room),
            );
            page.advance(4.0);
            header_row(&mut page);
        }
        // The signature column alternates left and right, as paper lists
        // do, so neighbours do not sign over each other.
        let n = i + 1;
        let sign = if n % 2 == 1 {
            format!("{n}. ........")
        } else {
            format!("........ {n}.")
        };
        let cells = [
            (format!("{n}."), TABLE, Align::Center),
            (r.number.clone(), TABLE, Align::Left),
            (r.name.clone(), TABLE, Align::Left),
            (r.unit.clone(), TABLE, Align::Left),
            (r.seat.clone(), TABLE, Align::Center),
            (
                sign,
                SMALL,
                if n % 2 == 1 {
                    Align::Left
                } else {
                    Align::Right
                },
            ),
            (r.note.clone(), SMALL, Align::Left),
        ];
        row(&mut page, &cells, ROW_MIN);
    }
    page.advance(6.0);
    page.flow(
        BODY,
        Align::Left,
        &format!(
            "Jumlah peserta: {} orang; hadir: ........ orang; tidak hadir: ........ orang.",
            s.rows.len()
        ),
    );
    page
}

/// Place and date, then two supervisors' signature blocks side by side.
fn signatures(doc: &mut Document, mut page: Page, d: &AttendanceList, _s: &Sheet) -> Page {
    let block = 4.0 * BODY.leading() + SIGN_SPACE + 12.0;
    if !page.fits(block) {
        doc.add(page);
        page = doc.page();
    }
    page.advance(10.0);
    page.flow(BODY, Align::Right, &d.place_date);
    page.advance(4.0);
    let width = page.content_width() / 2.0;
    let top = page.cursor();
    for (k, who) in ["Pengawas I,", "Pengawas II,"].iter().enumerate() {
        let x = page.left() + width * k as f32;
        page.paragraph(x, top, width, BODY, Align::Center, who);
        let y = top + BODY.leading() + SIGN_SPACE;
        page.paragraph(
            x,
            y,
            width,
            BODY,
            Align::Center,
            "(.................................)",
        );
    }
    page.advance(2.0 * BODY.leading() + SIGN_SPACE);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sheet_per_room_and_session_renders() {
        let row = |n: u32| Row {
            number: format!("PPK-3514-{n:04}"),
            name: format!("Peserta {n}"),
            unit: "Purwodadi".into(),
            seat: n.to_string(),
            note: String::new(),
        };
        let d = AttendanceList {
            commission: "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".into(),
            round_name: "Seleksi PPK".into(),
            sheets: vec![
                Sheet {
                    venue: "SMA 1".into(),
                    room: "Ruang 1".into(),
                    session: "Sesi 1".into(),
                    rows: (1..=40).map(row).collect(),
                },
                Sheet {
                    venue: "SMA 1".into(),
                    room: "Ruang 2".into(),
                    session: "Sesi 1".into(),
                    rows: vec![row(41)],
                },
            ],
            place_date: "Pasuruan, 14 Desember 2026".into(),
        };
        let pdf = render(&d, Paper::A4).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
