//! An announcement (pengumuman) of a stage's results, laid out as the
//! commission publishes them (DOMAIN.md): the kop, "PENGUMUMAN", the
//! number, "TENTANG ...", the opening text, a table grouped by kecamatan
//! (and desa for PPS) whose heading row is repeated on every page, the
//! closing text, place and date, and the Ketua's signature block; every
//! page says "Halaman X dari Y".
//!
//! Data in, bytes out: the caller decides what is public. Only names, sex,
//! the unit and the result are printed (never a NIK, birth date, phone,
//! e-mail or street address: there is no field for them).

use chrono::NaiveDate;

use super::layout::{mm, Align, Document, Margins, Page, Paper, Style};
use super::tanggal;
use crate::error::Result;

/// What an announcement says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub commission: String,
    /// The office's address and contacts under the name (may be empty).
    pub address: String,
    /// The number, e.g. "01/PP.04.1-Pu/3514/2022".
    pub number: String,
    /// What it is about, e.g. "HASIL AKHIR SELEKSI CALON ANGGOTA PPK ...".
    pub about: String,
    pub opening: String,
    /// Whether the table has a Desa/Kelurahan column (PPS).
    pub with_desa: bool,
    pub groups: Vec<Group>,
    pub closing: String,
    /// Town of the place-and-date line, e.g. "Pasuruan".
    pub place: String,
    pub date: NaiveDate,
    /// "KETUA KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub signer_title: String,
    pub signer_name: String,
}

/// The rows of one kecamatan (or one desa).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// e.g. "Kecamatan Purwodadi".
    pub heading: String,
    pub rows: Vec<Row>,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    /// `L` or `P`.
    pub sex: String,
    pub desa: String,
    pub kecamatan: String,
    /// MS/TMS, Lulus, "Terpilih (peringkat 1)", "Cadangan 2", ...
    pub note: String,
}

const KOP: Style = Style::bold(13.0);
const KOP_SMALL: Style = Style::regular(9.0);
const TITLE: Style = Style::bold(14.0);
const BODY: Style = Style::regular(11.0);
const BODY_BOLD: Style = Style::bold(11.0);
const TABLE: Style = Style::regular(9.5);
const TABLE_HEAD: Style = Style::bold(9.5);
const SMALL: Style = Style::regular(9.0);
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const RULE: f32 = 0.6;
const SIGNATURE_WIDTH: f32 = 230.0;
const SIGNATURE_SPACE: f32 = 60.0;

/// Renders the announcement on `paper`.
pub fn announcement(a: &Announcement, paper: Paper) -> Result<Vec<u8>> {
    let title = format!("Pengumuman {}", a.number);
    let mut margins = Margins::uniform(mm(20.0));
    margins.bottom = mm(22.0);
    let mut doc = Document::new(&title, paper, margins)?;
    let mut page = doc.page();
    kop(&mut page, a);
    page.flow(TITLE, Align::Center, "PENGUMUMAN");
    page.flow(BODY, Align::Center, &format!("Nomor: {}", a.number));
    page.advance(6.0);
    page.flow(BODY_BOLD, Align::Center, "TENTANG");
    page.flow(BODY_BOLD, Align::Center, &a.about);
    page.advance(10.0);
    page.flow(BODY, Align::Left, &a.opening);
    page.advance(8.0);
    page = table(&mut doc, page, a);
    page.advance(10.0);
    page = text_block(&mut doc, page, &a.closing);
    page = signature(&mut doc, page, a);
    doc.add(page);
    doc.number_pages(SMALL);
    doc.finish()
}

/// The letterhead: the commission's name, its address, a double rule.
fn kop(page: &mut Page, a: &Announcement) {
    page.flow(KOP, Align::Center, &a.commission);
    if !a.address.trim().is_empty() {
        page.flow(KOP_SMALL, Align::Center, &a.address);
    }
    page.advance(3.0);
    let y = page.cursor();
    page.hline(page.left(), page.right(), y, 1.5);
    page.hline(page.left(), page.right(), y + 2.5, 0.5);
    page.advance(14.0);
}

/// A paragraph that may continue on a new page, line by line.
fn text_block(doc: &mut Document, mut page: Page, text: &str) -> Page {
    for paragraph in text.split('\n') {
        let lines = page.fonts().wrap(BODY, paragraph, page.content_width());
        for line in lines {
            if !page.fits(BODY.leading()) {
                doc.add(std::mem::replace(&mut page, doc.page()));
            }
            let (x, top) = (page.left(), page.cursor());
            page.text(x, top, BODY, Align::Left, &line);
            page.advance(BODY.leading());
        }
    }
    page
}

/// Column widths (points) for the content width: No, Nama, L/P, [Desa],
/// Kecamatan, Keterangan.
fn columns(width: f32, with_desa: bool) -> Vec<(&'static str, f32)> {
    let no = 26.0;
    let sex = 26.0;
    let rest = width - no - sex;
    if with_desa {
        vec![
            ("No", no),
            ("Nama", rest * 0.32),
            ("L/P", sex),
            ("Desa/Kelurahan", rest * 0.22),
            ("Kecamatan", rest * 0.2),
            ("Keterangan", rest * 0.26),
        ]
    } else {
        vec![
            ("No", no),
            ("Nama", rest * 0.42),
            ("L/P", sex),
            ("Kecamatan", rest * 0.26),
            ("Keterangan", rest * 0.32),
        ]
    }
}

fn header_row(page: &mut Page, cols: &[(&str, f32)]) {
    let top = page.cursor();
    let height = TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let mut x = page.left();
    for (label, w) in cols {
        page.rect(x, top, *w, height, RULE);
        page.text(x + PAD_X, top + PAD_Y, TABLE_HEAD, Align::Left, label);
        x += w;
    }
    page.advance(height);
}

/// The table, one group after another; a row that does not fit goes to a
/// new page, which starts with the heading row again (and the group's
/// heading, "(lanjutan)").
fn table(doc: &mut Document, mut page: Page, a: &Announcement) -> Page {
    let cols = columns(page.content_width(), a.with_desa);
    let width: f32 = cols.iter().map(|c| c.1).sum();
    let head_height = TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let group_height = TABLE_HEAD.leading() + 2.0 * PAD_Y;
    let min_row = TABLE.leading() + 2.0 * PAD_Y;
    if !page.fits(head_height + group_height + min_row) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    header_row(&mut page, &cols);
    let mut number = 0;
    for g in &a.groups {
        let group_row = |page: &mut Page, heading: &str| {
            let top = page.cursor();
            page.rect(page.left(), top, width, group_height, RULE);
            let x = page.left() + PAD_X;
            page.text(x, top + PAD_Y, TABLE_HEAD, Align::Left, heading);
            page.advance(group_height);
        };
        if !page.fits(group_height + min_row) {
            doc.add(std::mem::replace(&mut page, doc.page()));
            header_row(&mut page, &cols);
        }
        group_row(&mut page, &g.heading);
        for r in &g.rows {
            number += 1;
            let no = number.to_string();
            let mut cells: Vec<&str> = vec![&no, &r.name, &r.sex];
            if a.with_desa {
                cells.push(&r.desa);
            }
            cells.push(&r.kecamatan);
            cells.push(&r.note);
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&cols)
                .map(|(text, (_, w))| page.fonts().wrap(TABLE, text, w - 2.0 * PAD_X))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * TABLE.leading() + 2.0 * PAD_Y;
            if !page.fits(height) {
                doc.add(std::mem::replace(&mut page, doc.page()));
                header_row(&mut page, &cols);
                group_row(&mut page, &format!("{} (lanjutan)", g.heading));
            }
            let top = page.cursor();
            let mut x = page.left();
            for (cell, (_, w)) in wrapped.iter().zip(&cols) {
                page.rect(x, top, *w, height, RULE);
                for (i, line) in cell.iter().enumerate() {
                    let y = top + PAD_Y + i as f32 * TABLE.leading();
                    page.text(x + PAD_X, y, TABLE, Align::Left, line);
                }
                x += w;
            }
            page.advance(height);
        }
    }
    if a.groups.iter().all(|g| g.rows.is_empty()) {
        page.advance(4.0);
        page.flow(TABLE, Align::Left, "Tidak ada nama yang diumumkan.");
    }
    page
}

/// Place and date, the Ketua's title, room to sign, the name.
fn signature(doc: &mut Document, mut page: Page, a: &Announcement) -> Page {
    let lines_title = page
        .fonts()
        .wrap(BODY, &a.signer_title, SIGNATURE_WIDTH)
        .len() as f32;
    let needed = 14.0 + BODY.leading() * (2.0 + lines_title) + SIGNATURE_SPACE;
    if !page.fits(needed) {
        doc.add(std::mem::replace(&mut page, doc.page()));
    }
    page.advance(14.0);
    let x = page.right() - SIGNATURE_WIDTH;
    let mut top = page.cursor();
    let place = format!("{}, {}", a.place, tanggal(a.date));
    top += page.paragraph(x, top, SIGNATURE_WIDTH, BODY, Align::Center, &place);
    top += page.paragraph(
        x,
        top,
        SIGNATURE_WIDTH,
        BODY,
        Align::Center,
        &a.signer_title,
    );
    top += SIGNATURE_SPACE;
    top += page.paragraph(
        x,
        top,
        SIGNATURE_WIDTH,
        BODY_BOLD,
        Align::Center,
        &a.signer_name,
    );
    let used = top - page.cursor();
    page.advance(used);
    page
}
