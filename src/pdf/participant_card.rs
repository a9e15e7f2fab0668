//! Participant cards of the written test (kartu peserta): 90 × 60 mm, eight
//! on an A4 sheet (two columns, four rows, with cut marks) or one on a
//! page. Each card carries the commission, the round, the participant
//! number in large type and as a QR code, the name, the unit, where and
//! when the participant sits, the photo (or a box to glue one in) and the
//! chair's signature line. Never a NIK, birth date, phone or address: the
//! data given here has none.

use qrcode::{Color, EcLevel, QrCode};

use super::layout::{mm, Align, Document, Fonts, Margins, Page, Paper, Style};
use super::writer::ImageData;
use crate::error::{Error, Result};

/// Card width.
pub const CARD_W: f32 = 90.0;
/// Card height.
pub const CARD_H: f32 = 60.0;

/// What every card of a file shares.
#[derive(Debug, Clone)]
pub struct CardHeader {
    /// "KPU KABUPATEN PASURUAN".
    pub commission: String,
    /// The round as staff name it.
    pub round_name: String,
    /// The chair's name; a dotted line when empty.
    pub chair: String,
}

/// One participant's card.
#[derive(Debug, Clone)]
pub struct Card {
    pub number: String,
    pub name: String,
    /// "Desa Sumberejo, Kec. Bangil".
    pub unit: String,
    pub venue: String,
    pub room: String,
    pub seat: u32,
    /// "Sesi 1, Senin, 14 Desember 2026".
    pub session: String,
    /// "08:00–10:00".
    pub time: String,
    /// The 3 × 4 photo ([`super::photo::card_photo`]), if any.
    pub photo: Option<ImageData>,
}

/// How cards are laid on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CardLayout {
    /// Eight cards on an A4 sheet, with cut marks.
    #[default]
    Sheet,
    /// One card at the top of each A4 page.
    Single,
}

const COLUMNS: usize = 2;
const ROWS: usize = 4;

/// The cards as a PDF.
pub fn render(head: &CardHeader, cards: Vec<Card>, layout: CardLayout) -> Result<Vec<u8>> {
    if cards.is_empty() {
        return Err(Error::Internal("kartu peserta tanpa peserta".into()));
    }
    let mut doc = Document::new(
        &format!("Kartu peserta tes tertulis, {}", head.round_name),
        Paper::A4,
        Margins::uniform(0.0),
    )?;
    let (pw, ph) = Paper::A4.size();
    let per_page = match layout {
        CardLayout::Sheet => COLUMNS * ROWS,
        CardLayout::Single => 1,
    };
    let (left, top) = match layout {
        CardLayout::Sheet => (
            (pw - mm(CARD_W) * COLUMNS as f32) / 2.0,
            (ph - mm(CARD_H) * ROWS as f32) / 2.0,
        ),
        CardLayout::Single => ((pw - mm(CARD_W)) / 2.0, mm(25.0)),
    };
    let mut cards = cards.into_iter().peekable();
    while cards.peek().is_some() {
        let mut page = doc.page();
        let mut placed = 0;
        for (i, mut card) in cards.by_ref().take(per_page).enumerate() {
            let (col, row) = (i % COLUMNS, i / COLUMNS);
            let origin = match layout {
                CardLayout::Sheet => (
                    left + col as f32 * mm(CARD_W),
                    top + row as f32 * mm(CARD_H),
                ),
                CardLayout::Single => (left, top),
            };
            let photo = card.photo.take().map(|p| doc.add_image(p));
            draw_card(&mut page, head, &card, photo, origin);
            placed += 1;
        }
        if layout == CardLayout::Sheet {
            cut_marks(&mut page, (left, top), placed);
        } else {
            cut_marks_one(&mut page, (left, top));
        }
        doc.add(page);
    }
    doc.finish()
}

/// Short lines outside the grid where the cutter goes.
fn cut_marks(page: &mut Page, (left, top): (f32, f32), placed: usize) {
    let rows = placed.div_ceil(COLUMNS);
    let (right, bottom) = (
        left + mm(CARD_W) * COLUMNS as f32,
        top + mm(CARD_H) * rows as f32,
    );
    let (gap, len) = (mm(2.0), mm(6.0));
    for c in 0..=COLUMNS {
        let x = left + c as f32 * mm(CARD_W);
        page.line((x, top - gap - len), (x, top - gap), 0.3);
        page.line((x, bottom + gap), (x, bottom + gap + len), 0.3);
    }
    for r in 0..=rows {
        let y = top + r as f32 * mm(CARD_H);
        page.line((left - gap - len, y), (left - gap, y), 0.3);
        page.line((right + gap, y), (right + gap + len, y), 0.3);
    }
}

fn cut_marks_one(page: &mut Page, (left, top): (f32, f32)) {
    cut_marks(page, (left, top), 1);
}

/// `text` cut to one line of `width`, with an ellipsis when cut.
fn fit(fonts: &Fonts, style: Style, text: &str, width: f32) -> String {
    if fonts.width(style, text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if fonts.width(style, &format!("{out}…")) > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

fn draw_card(
    page: &mut Page,
    head: &CardHeader,
    card: &Card,
    photo: Option<super::layout::ImageId>,
    (x, y): (f32, f32),
) {
    let fonts = page.fonts();
    let (w, h) = (mm(CARD_W), mm(CARD_H));
    page.rect(x, y, w, h, 0.5);
    let centre = x + w / 2.0;
    let inner = w - mm(6.0);
    let small = Style::regular(6.0);
    page.text(
        centre,
        y + mm(2.5),
        Style::bold(7.0),
        Align::Center,
        &fit(
            fonts,
            Style::bold(7.0),
            &head.commission.to_uppercase(),
            inner,
        ),
    );
    page.text(
        centre,
        y + mm(5.9),
        Style::bold(8.5),
        Align::Center,
        "KARTU PESERTA TES TERTULIS",
    );
    page.text(
        centre,
        y + mm(9.8),
        Style::regular(6.5),
        Align::Center,
        &fit(fonts, Style::regular(6.5), &head.round_name, inner),
    );
    page.hline(x + mm(3.0), x + w - mm(3.0), y + mm(13.2), 0.6);

    // The photo, 3 × 4.
    let (px, py, pw, ph) = (x + mm(4.0), y + mm(16.0), mm(21.0), mm(28.0));
    match photo {
        Some(id) => page.image(id, (px, py), (pw, ph)),
        None => {
            page.paragraph(
                px,
                py + ph / 2.0 - small.leading(),
                pw,
                small,
                Align::Center,
                "Tempel pas foto 3×4",
            );
        }
    }
    page.rect(px, py, pw, ph, 0.5);

    // The QR code of the number, top right.
    let qr_side = mm(15.0);
    qr(page, &card.number, (x + w - mm(3.0) - qr_side, py), qr_side);

    let fx = x + mm(28.0);
    let beside_qr = x + w - mm(4.0) - qr_side - fx;
    let full = x + w - mm(3.0) - fx;
    page.text(fx, py, small, Align::Left, "Nomor Peserta");
    page.text(
        fx,
        py + mm(2.3),
        Style::bold(11.0),
        Align::Left,
        &fit(fonts, Style::bold(11.0), &card.number, beside_qr),
    );
    let label = Style::regular(6.5);
    let value = Style::bold(7.0);
    let rows: [(&str, String, f32); 6] = [
        ("Nama", card.name.clone(), beside_qr),
        ("Wilayah", card.unit.clone(), beside_qr),
        ("Tempat", card.venue.clone(), full),
        ("Ruang", format!("{}, kursi {}", card.room, card.seat), full),
        ("Sesi", card.session.clone(), full),
        ("Pukul", card.time.clone(), full),
    ];
    let label_w = mm(10.5);
    for (i, (name, text, width)) in rows.iter().enumerate() {
        let top = py + mm(7.6) + i as f32 * mm(3.3);
        page.text(fx, top, label, Align::Left, name);
        page.text(
            fx + label_w,
            top,
            value,
            Align::Left,
            &fit(fonts, value, text, width - label_w),
        );
    }

    // Below the photo: what to bring; right: the chair's signature.
    let note = Style::regular(5.5);
    page.paragraph(
        px - mm(1.0),
        y + mm(45.0),
        mm(40.0),
        note,
        Align::Left,
        "Bawa kartu ini dan KTP-el; hadir 30 menit sebelum sesi dimulai.",
    );
    let sx = x + mm(50.0);
    let sw = w - mm(53.0);
    page.paragraph(
        sx,
        y + mm(45.0),
        sw,
        small,
        Align::Center,
        &format!("Ketua {},", head.commission),
    );
    let chair = if head.chair.trim().is_empty() {
        "(.................................)".to_string()
    } else {
        fit(fonts, Style::bold(6.5), &head.chair, sw)
    };
    page.text(
        sx + sw / 2.0,
        y + mm(55.5),
        Style::bold(6.5),
        Align::Center,
        &chair,
    );
}

/// The QR code of `text` as filled squares, `side` wide, at (`x`, `top`);
/// each run of dark modules in a row is one rectangle.
fn qr(page: &mut Page, text: &str, (x, top): (f32, f32), side: f32) {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return;
    };
    let n = code.width();
    let colors = code.to_colors();
    let m = side / n as f32;
    let mut rects = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                rects.push((
                    x + start as f32 * m,
                    top + row as f32 * m,
                    (col - start) as f32 * m,
                    m,
                ));
            } else {
                col += 1;
            }
        }
    }
    page.fill_rects(&rects);
}

/// The modules of the QR code a card prints for `number` (dark = true),
/// row by row, and the side in modules.
pub fn qr_modules(number: &str) -> Option<(Vec<bool>, usize)> {
    let code = QrCode::with_error_correction_level(number.as_bytes(), EcLevel::M).ok()?;
    let n = code.width();
    Some((
        code.to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
        n,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(i: usize, photo: bool) -> Card {
        Card {
            number: format!("PPK-3514-T{i:04}"),
            name: format!("Peserta Nomor {i} dengan Nama yang Cukup Panjang Sekali"),
            unit: "Kecamatan Bangil".into(),
            venue: "SMA Negeri 1 Bangil".into(),
            room: "Ruang 1".into(),
            seat: i as u32,
            session: "Sesi 1, Senin, 14 Desember 2026".into(),
            time: "08:00–10:00".into(),
            photo: photo.then(|| {
                crate::pdf::photo::card_photo(&crate::pdf::logo::tests::sample_png(300, 400))
                    .unwrap()
            }),
        }
    }

    fn head() -> CardHeader {
        CardHeader {
            commission: "KPU Kabupaten Pasuruan".into(),
            round_name: "Seleksi PPK Pemilu 2029".into(),
            chair: String::new(),
        }
    }

    #[test]
    fn eight_cards_go_on_a_sheet_and_one_on_a_page() {
        let cards: Vec<Card> = (1..=9).map(|i| card(i, i % 2 == 0)).collect();
        let sheet = render(&head(), cards.clone(), CardLayout::Sheet).unwrap();
        let text = String::from_utf8_lossy(&sheet);
        assert!(text.contains("/Count 2 "), "two sheets");
        assert_eq!(text.matches("/Subtype /Image").count(), 4);
        let single = render(&head(), cards, CardLayout::Single).unwrap();
        assert!(String::from_utf8_lossy(&single).contains("/Count 9 "));
        assert!(render(&head(), Vec::new(), CardLayout::Sheet).is_err());
    }

    #[test]
    fn the_qr_code_holds_the_number_in_a_small_version() {
        let (modules, side) = qr_modules("PPK-3514-T0001").unwrap();
        // 14 characters of the alphanumeric set (capitals, digits, `-`) fit
        // version 1 at level M (21 modules a side; up to 20 characters).
        assert_eq!(side, 21);
        assert_eq!(modules.len(), 21 * 21);
        // The three finder patterns' corners are dark.
        for at in [0, 20, 20 * 21] {
            assert!(modules[at]);
        }
        let (_, side) = qr_modules(&"PPS-3514-T".repeat(5)).unwrap();
        assert!(side > 21, "a longer text needs a larger version");
        // The QR content is the number as printed, and nothing else.
        let code = QrCode::with_error_correction_level(b"PPK-3514-T0001", EcLevel::M).unwrap();
        assert_eq!(code.version(), qrcode::Version::Normal(1));
    }

    #[test]
    fn long_text_is_cut_to_one_line() {
        let fonts = Fonts::get().unwrap();
        let s = Style::regular(7.0);
        let cut = fit(fonts, s, &"panjang ".repeat(40), 100.0);
        assert!(cut.ends_with('…') && fonts.width(s, &cut) <= 100.0);
        assert_eq!(fit(fonts, s, "pendek", 100.0), "pendek");
    }
}
