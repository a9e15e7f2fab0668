//! An official document of the commission, laid out as it publishes them
//! (DOMAIN.md): the kop (logo, name, address and contacts, a double rule),
//! the title ("PENGUMUMAN", "BERITA ACARA", ...), the number, "TENTANG ...",
//! the opening text, a table grouped by kecamatan (and desa for PPS) whose
//! heading row is repeated on every page, the closing text, place and date,
//! and the signatures; every page says "Halaman X dari Y", and the last
//! one, in small type at its foot, the head of the audit chain.
//!
//! Data in, bytes out: the caller decides what is public. The table prints
//! the cells it is given, so services only ever pass names, sex, units,
//! scores and results (never a NIK, birth date, phone, e-mail or street
//! address).

use chrono::NaiveDate;

use super::layout::{mm, Align, Document, Fonts, Margins, Page, Paper, Style};
use super::logo::Logo;
use super::tanggal;
use crate::error::Result;

/// What a document says.
#[derive(Debug, Clone)]
pub struct Official {
    /// The kop; `None` for a lampiran, which follows its decision.
    pub letterhead: Option<Letterhead>,
    /// "PENGUMUMAN", "BERITA ACARA", "LAMPIRAN KEPUTUSAN ...".
    pub title: String,
    /// The number, e.g. "01/PP.04.1-Pu/3514/2022".
    pub number: String,
    /// Printed at the top of every page when there is one: a draft says so.
    pub mark: Option<String>,
    /// What it is about, printed under "TENTANG".
    pub about: String,
    /// The legal instruments it rests on, printed numbered under "Dasar:"
    /// between TENTANG and the opening text; nothing when empty (a
    /// lampiran follows its decision, which cites them).
    pub legal_basis: Vec<String>,
    pub opening: String,
    pub table: Table,
    /// Paragraphs, one per line.
    pub closing: String,
    /// Town of the place-and-date line, e.g. "Pasuruan".
    pub place: String,
    pub date: NaiveDate,
    pub signature: Signature,
    /// The head of the audit chain when the document was made, in words:
    /// printed small at the foot of the last page, under the signatures,
    /// so a paper copy anchors the chain outside the database.
    pub audit_head: Option<String>,
}

/// The letterhead.
#[derive(Debug, Clone)]
pub struct Letterhead {
    /// "KOMISI PEMILIHAN UMUM", "KABUPATEN PASURUAN" (one line each).
    pub name: Vec<String>,
    /// Address and contacts, one line each (may be empty).
    pub lines: Vec<String>,
    pub logo: Option<Logo>,
}

/// Who signs.
#[derive(Debug, Clone)]
pub enum Signature {
    /// The Ketua alone, under place and date (announcements, lampiran).
    Ketua { title: String, name: String },
    /// Every member present at the plenary, in a table (Berita Acara).
    Plenary {
        /// "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
        heading: String,
        /// (name, position) pairs.
        members: Vec<(String, String)>,
    },
}

/// The table: columns, and rows grouped under headings. A "No" column
/// numbering every row comes first.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    /// Printed when there are no rows at all.
    pub empty: String,
}

/// A column: its heading and its share of the width left after "No".
#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub fn new(label: &str, share: f32) -> Self {
        Column {
            label: label.into(),
            share,
            align: Align::Left,
        }
    }

    /// A narrow column of figures, aligned right.
    pub fn figure(label: &str, share: f32) -> Self {
        Column {
            align: Align::Right,
            ..Column::new(label, share)
        }
    }

    /// A narrow centred column (L/P).
    pub fn centred(label: &str, share: f32) -> Self {
        Column {
            align: Align::Center,
            ..Column::new(label, share)
        }
    }
}

/// The rows under one heading (a kecamatan, or a desa).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub heading: String,
    /// One cell per column (without "No").
    pub rows: Vec<Vec<String>>,
}

const KOP: Style = Style::bold(14.0);
const KOP_SMALL: Style = Style::regular(9.0);
const TITLE: Style = Style::bold(14.0);
const BODY: Style = Style::regular(11.0);
const BODY_BOLD: Style = Style::bold(11.0);
const TABLE: Style = Style::regular(9.5);
const TABLE_HEAD: Style = Style::bold(9.5);
const SMALL: Style = Style::regular(9.0);
const FOOT: Style = Style::regular(7.0);
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const RULE: f32 = 0.6;
const NO_WIDTH: f32 = 28.0;
const LOGO_HEIGHT: f32 = 62.0;
const SIGNATURE_WIDTH: f32 = 230.0;
const SIGNATURE_SPACE: f32 = 60.0;

/// Renders the document on `paper`.
pub fn render(d: &Official, paper: Paper) -> Result<Vec<u8>> {
    let title = format!("{} {}", d.title, d.number);
    let mut margins = Margins::uniform(mm(20.0));
    margins.bottom = mm(22.0);
    let mut doc = Document::new(&title, paper, margins)?;
    let mut page = doc.page();
    if let Some(kop) = &d.letterhead {
        letterhead(&mut doc, &mut page, kop);
    }
    page.flow(TITLE, Align::Center, &d.title);
    page.flow(BODY, Align::Center, &format!("Nomor: {}", d.number));
    page.advance(6.0);
    page.flow(BODY_BOLD, Align::Center, "TENTANG");
    page.flow(BODY_BOLD, Align::Center, &d.about);
    page.advance(10.0);
    if !d.legal_basis.is_empty() {
        page = legal_basis(&mut doc, page, &d.legal_basis);
        page.advance(6.0);
    }
    if !d.opening.trim().is_empty() {
        page = text_block(&mut doc, page, &d.opening);
        page.advance(8.0);
    }
    page = table(&mut doc, page, &d.table);
    page.advance(10.0);
    page = text_block(&mut doc, page, &d.closing);
    page = match &d.signature {
        Signature::Ketua { title, name } => ketua(&mut doc, page, d, title, name),
        Signature::Plenary { heading, members } => plenary(&mut doc, page, d, heading, members),
    };
    if let Some(head) = &d.audit_head {
        // In the bottom margin, above the page number: it needs no room
        // of its own, so it never pushes the signatures to a new page.
        let (x, top, width) = (page.left(), page.bottom() + 4.0, page.content_width());
        page.paragraph(x, top, width, FOOT, Align::Center, head);
    }
    doc.add(page);
    doc.number_pages(SMALL);
    if let Some(mark) = &d.mark {
        doc.running_head(BODY_BOLD, mark);
    }
    doc.finish()
}

/// The kop: the logo on the left, the name and address centred in the
/// space beside it, a thick and a thin rule.
fn letterhead(doc: &mut Document, page: &mut Page, kop: &Letterhead) {
    let top = page.cursor();
    let mut text_left = page.left();
    if let Some(logo) = &kop.logo {
        let id = doc.add_image(logo.image().clone());
        let height = LOGO_HEIGHT;
        let width = height * logo.width as f32 / logo.height.max(1) as f32;
        page.image(
            id,
            (page.left(), top),
            (width.min(LOGO_HEIGHT * 1.6), height),
        );
        text_left += width.min(LOGO_HEIGHT * 1.6) + 8.0;
    }
    // Centre the text in the space right of the logo, but keep it centred
    // on the page when there is no logo.
    let width = page.right() - text_left;
    let mut y = top;
    for line in &kop.name {
        y += page.paragraph(text_left, y, width, KOP, Align::Center, line);
    }
    for line in kop.lines.iter().filter(|l| !l.trim().is_empty()) {
        y += page.paragraph(text_left, y, width, KOP_SMALL, Align::Center, line);
    }
    let bottom = if kop.logo.is_some() {
        y.max(top + LOGO_HEIGHT)
    } else {
        y
    };
    page.advance(bottom - top + 4.0);
    let rule = page.cursor();
    page.hline(page.left(), page.right(), rule, 1.5);
    page.hline(page.left(), page.right(), rule + 2.5, 0.5);
    page.advance(14.0);
}

/// A paragraph that may continue on a new page, line by line.
fn text_block(doc: &mut Document, mut page: Page, text: &str) -> Page {
    for paragraph in text.split('\n').filter(|p| !p.trim().is_empty()) {
        let lines = page.fonts().wrap(BODY, paragraph, page.content_width());
        for line in lines {
            if !page.fits(BODY.leading()) {
                doc.add(std::mem::replace(&mut page, doc.page()));
            }
            let (x, top) = (page.left(), page.cursor());
            page.text(x, top, BODY, Align::Left, &line);
            page.advance(BODY.leading());
        }
        page.advance(3.0);
    }
    page
}

/// "Dasar:" and the instruments numbered 1., 2., …, each wrapped with a
/// hanging indent so that its number stands alone in the margin.
fn legal_basis(doc: &mut Document, mut page: Page, items: &[String]) -> Page {
    if !page.fits(BODY.leading() * 2.0) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    let (x, top) = (page.left(), page.cursor());
    page.text(x, top, BODY_BOLD, Align::Left, "Dasar:");
    page.advance(BODY.leading());
    let indent = page.fonts().width(BODY, &format!("{}.", items.len())) + 6.0;
    for (i, item) in items.iter().enumerate() {
        let lines = page.fonts().wrap(BODY, item, page.content_width() - indent);
        for (j, line) in lines.iter().enumerate() {
            if !page.fits(BODY.leading()) {
                doc.add(std::mem::replace(&mut page, doc.page()));
            }
            let (x, top) = (page.left(), page.cursor());
            if j == 0 {
                page.text(x, top, BODY, Align::Left, &format!("{}.", i + 1));
            }
            page.text(x + indent, top, BODY, Align::Left, line);
            page.advance(BODY.leading());
        }
    }
    page
}

/// Column widths in points, "No" first, wide enough for the last number;
/// a column narrower than the longest word of its heading takes the room
/// from the wider ones, so headings never break inside a word.
fn widths(fonts: &Fonts, width: f32, table: &Table) -> Vec<f32> {
    let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(0.01);
    let rows: usize = table.groups.iter().map(|g| g.rows.len()).sum();
    let widest = fonts.width(TABLE, &"8".repeat(rows.max(1).to_string().len()));
    let no = NO_WIDTH.max(widest + 2.0 * PAD_X + 1.0);
    let rest = width - no;
    let mut w: Vec<f32> = table
        .columns
        .iter()
        .map(|c| rest * c.share / total)
        .collect();
    let min: Vec<f32> = table
        .columns
        .iter()
        .map(|c| {
            c.label
                .split_whitespace()
                .map(|word| fonts.width(TABLE_HEAD, word))
                .fold(0.0, f32::max)
                + 2.0 * PAD_X
                + 1.0
        })
        .collect();
    let short: f32 = w.iter().zip(&min).map(|(w, m)| (m - w).max(0.0)).sum();
    let spare: f32 = w.iter().zip(&min).map(|(w, m)| (w - m).max(0.0)).sum();
    if short > 0.0 && spare > short {
        for (x, m) in w.iter_mut().zip(&min) {
            if *x < *m {
                *x = *m;
            } else {
                *x -= (*x - m) * short / spare;
            }
        }
    }
    std::iter::once(no).chain(w).collect()
}

fn header_row(page: &mut Page, table: &Table, widths: &[f32]) {
    let labels: Vec<&str> = std::iter::once("No")
        .chain(table.columns.iter().map(|c| c.label.as_str()))
        .collect();
    let wrapped: Vec<Vec<String>> = labels
        .iter()
        .zip(widths)
        .map(|(l, w)| page.fonts().wrap(TABLE_HEAD, l, w - 2.0 * PAD_X))
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let height = lines as f32 * TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let top = page.cursor();
    let mut x = page.left();
    for (cell, w) in wrapped.iter().zip(widths) {
        page.rect(x, top, *w, height, RULE);
        for (i, line) in cell.iter().enumerate() {
            let y = top + PAD_Y + i as f32 * TABLE_HEAD.leading();
            page.text(x + w / 2.0, y, TABLE_HEAD, Align::Center, line);
        }
        x += w;
    }
    page.advance(height);
}

/// The table, one group after another; a row that does not fit goes to a
/// new page, which starts with the heading row again (and the group's
/// heading, "(lanjutan)").
fn table(doc: &mut Document, mut page: Page, t: &Table) -> Page {
    let widths = widths(page.fonts(), page.content_width(), t);
    let width: f32 = widths.iter().sum();
    let group_height = TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let min_row = TABLE.leading() + 2.0 * PAD_Y;
    if t.groups.iter().all(|g| g.rows.is_empty()) {
        page.flow(TABLE, Align::Left, &t.empty);
        return page;
    }
    if !page.fits(3.0 * group_height + min_row) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    header_row(&mut page, t, &widths);
    let group_row = |page: &mut Page, heading: &str| {
        let top = page.cursor();
        page.rect(page.left(), top, width, group_height, RULE);
        let x = page.left() + PAD_X;
        page.text(x, top + PAD_Y, TABLE_HEAD, Align::Left, heading);
        page.advance(group_height);
    };
    let mut number = 0;
    for g in t.groups.iter().filter(|g| !g.rows.is_empty()) {
        if !g.heading.is_empty() {
            if !page.fits(group_height + min_row) {
                doc.add(std::mem::replace(&mut page, doc.page()));
                header_row(&mut page, t, &widths);
            }
            group_row(&mut page, &g.heading);
        }
        for r in &g.rows {
            number += 1;
            let no = number.to_string();
            let cells = std::iter::once(no.as_str()).chain(r.iter().map(String::as_str));
            let wrapped: Vec<Vec<String>> = cells
                .zip(&widths)
                .map(|(text, w)| page.fonts().wrap(TABLE, text, w - 2.0 * PAD_X))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * TABLE.leading() + 2.0 * PAD_Y;
            if !page.fits(height) {
                doc.add(std::mem::replace(&mut page, doc.page()));
                header_row(&mut page, t, &widths);
                if !g.heading.is_empty() {
                    group_row(&mut page, &format!("{} (lanjutan)", g.heading));
                }
            }
            let top = page.cursor();
            let mut x = page.left();
            let aligns = std::iter::once(Align::Right).chain(t.columns.iter().map(|c| c.align));
            for ((cell, w), align) in wrapped.iter().zip(&widths).zip(aligns) {
                page.rect(x, top, *w, height, RULE);
                let anchor = match align {
                    Align::Left => x + PAD_X,
                    Align::Center => x + w / 2.0,
                    Align::Right => x + w - PAD_X,
                };
                for (i, line) in cell.iter().enumerate() {
                    let y = top + PAD_Y + i as f32 * TABLE.leading();
                    page.text(anchor, y, TABLE, align, line);
                }
                x += w;
            }
            page.advance(height);
        }
    }
    page
}

/// Place and date, the Ketua's title, room to sign, the name.
fn ketua(doc: &mut Document, mut page: Page, d: &Official, title: &str, name: &str) -> Page {
    let lines_title = page.fonts().wrap(BODY, title, SIGNATURE_WIDTH).len() as f32;
    let needed = 14.0 + BODY.leading() * (2.0 + lines_title) + SIGNATURE_SPACE;
    if !page.fits(needed) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    page.advance(14.0);
    let x = page.right() - SIGNATURE_WIDTH;
    let mut top = page.cursor();
    let place = format!("{}, {}", d.place, tanggal(d.date));
    top += page.paragraph(x, top, SIGNATURE_WIDTH, BODY, Align::Center, &place);
    top += page.paragraph(x, top, SIGNATURE_WIDTH, BODY, Align::Center, title);
    top += SIGNATURE_SPACE;
    top += page.paragraph(x, top, SIGNATURE_WIDTH, BODY_BOLD, Align::Center, name);
    let used = top - page.cursor();
    page.advance(used);
    page
}

/// Place and date, then a table with a row to sign for every member.
fn plenary(
    doc: &mut Document,
    mut page: Page,
    d: &Official,
    heading: &str,
    members: &[(String, String)],
) -> Page {
    let row = 30.0;
    let head = TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let needed = 14.0 + 3.0 * BODY.leading() + head + row * members.len().min(5) as f32;
    if !page.fits(needed) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    page.advance(14.0);
    let place = format!("{}, {}", d.place, tanggal(d.date));
    let x = page.right() - SIGNATURE_WIDTH;
    let top = page.cursor();
    let used = page.paragraph(x, top, SIGNATURE_WIDTH, BODY, Align::Center, &place);
    page.advance(used + 6.0);
    page.flow(BODY_BOLD, Align::Center, heading);
    page.advance(6.0);
    let w = page.content_width();
    let cols = [
        ("No", 28.0),
        ("Nama", w * 0.42),
        ("Jabatan", w * 0.22),
        ("Tanda Tangan", w * 0.36 - 28.0),
    ];
    let draw_head = |page: &mut Page| {
        let top = page.cursor();
        let mut x = page.left();
        for (label, cw) in cols {
            page.rect(x, top, cw, head, RULE);
            page.text(x + cw / 2.0, top + PAD_Y, TABLE_HEAD, Align::Center, label);
            x += cw;
        }
        page.advance(head);
    };
    draw_head(&mut page);
    for (i, (name, position)) in members.iter().enumerate() {
        if !page.fits(row) {
            doc.add(std::mem::replace(&mut page, doc.page()));
            draw_head(&mut page);
        }
        let top = page.cursor();
        let mut x = page.left();
        let no = (i + 1).to_string();
        let sign = format!("{}. ...................", i + 1);
        for (j, ((_, cw), text)) in cols.iter().zip([&no, name, position, &sign]).enumerate() {
            page.rect(x, top, *cw, row, RULE);
            let y = top + (row - BODY.leading()) / 2.0;
            // Signatures alternate left and right, as on a signing sheet.
            let (anchor, align) = match j {
                0 => (x + cw - PAD_X, Align::Right),
                3 if i % 2 == 1 => (x + cw / 2.0, Align::Left),
                _ => (x + PAD_X, Align::Left),
            };
            let line = page.fonts().wrap(BODY, text, cw - 2.0 * PAD_X);
            page.text(anchor, y, BODY, align, &line[0]);
            x += cw;
        }
        page.advance(row);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(rows: usize) -> Official {
        Official {
            letterhead: Some(Letterhead {
                name: vec!["KOMISI PEMILIHAN UMUM".into(), "KABUPATEN PASURUAN".into()],
                lines: vec!["Jl. Contoh No. 1, Pasuruan".into()],
                logo: Some(Logo::read(&crate::pdf::logo::tests::sample_png(200, 200)).unwrap()),
            }),
            title: "PENGUMUMAN".into(),
            number: "01/PP.04.1-Pu/3514/2026".into(),
            mark: None,
            about: "HASIL AKHIR".into(),
            legal_basis: vec!["Undang-Undang Nomor 7 Tahun 2017".into()],
            opening: "Dengan ini diumumkan:".into(),
            table: Table {
                columns: vec![
                    Column::new("Nama", 0.5),
                    Column::centred("L/P", 0.1),
                    Column::new("Keterangan", 0.4),
                ],
                groups: vec![Group {
                    heading: "Kecamatan Tutur".into(),
                    rows: (0..rows)
                        .map(|i| vec![format!("Nama {i}"), "P".into(), "Terpilih".into()])
                        .collect(),
                }],
                empty: "Tidak ada nama.".into(),
            },
            closing: "Demikian.".into(),
            place: "Pasuruan".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            signature: Signature::Plenary {
                heading: "KOMISI".into(),
                members: vec![
                    ("Andi".into(), "Ketua".into()),
                    ("Budi".into(), "Anggota".into()),
                ],
            },
            audit_head: Some("Jejak audit saat dokumen dibuat: 3 catatan".into()),
        }
    }

    #[test]
    fn widths_fill_the_content_width_after_no() {
        let t = sample(1).table;
        let w = widths(Fonts::get().unwrap(), 500.0, &t);
        assert_eq!(w.len(), 4);
        assert!((w.iter().sum::<f32>() - 500.0).abs() < 0.01);
        assert_eq!(w[0], NO_WIDTH);
        let mut many = sample(12_000).table;
        many.groups[0].rows.truncate(10_000);
        let fonts = Fonts::get().unwrap();
        let w = widths(fonts, 500.0, &many);
        assert!(w[0] > fonts.width(TABLE, "10000") + 2.0 * PAD_X, "{}", w[0]);
        // A narrow column gets room for its heading's longest word.
        let mut narrow = sample(1).table;
        narrow.columns.push(Column::figure("Wawancara", 0.01));
        let w = widths(fonts, 500.0, &narrow);
        assert!((w.iter().sum::<f32>() - 500.0).abs() < 0.01);
        assert!(
            w[4] >= fonts.width(TABLE_HEAD, "Wawancara") + 2.0 * PAD_X,
            "{w:?}"
        );
    }

    #[test]
    fn a_document_with_a_logo_and_a_signing_table_renders() {
        for rows in [0, 3, 200] {
            let bytes = render(&sample(rows), Paper::A4).unwrap();
            assert!(bytes.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("/Subtype /Image") || text.contains("/Subtype/Image"));
        }
    }
}
