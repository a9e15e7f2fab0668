//! The registration receipt (tanda terima pendaftaran) handed to an
//! applicant at the help desk: who registered, for which round and area,
//! when, which documents were received, and who received them.
//!
//! It carries no personal data beyond the name (no NIK, birth date, phone,
//! e-mail or address). One page; a very long document list continues on
//! further pages with the table header repeated and numbered pages.

use chrono::{NaiveDateTime, Timelike};

use super::layout::{mm, Align, Document, Margins, Page, Paper, Style};
use super::tanggal;
use crate::error::Result;

/// What the receipt shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptData {
    /// The office, e.g. "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub commission: String,
    /// The selection round, e.g. "Seleksi PPK Pemilu 2024".
    pub round_name: String,
    /// e.g. "PPK-3514-0001"; the applicant uses it to find announcements.
    pub reg_number: String,
    /// The applicant's name as registered (any Unicode).
    pub full_name: String,
    /// The area applied for, e.g. "Desa Sumberejo, Kecamatan Purwodadi".
    pub unit: String,
    /// When the registration was recorded, local time.
    pub registered_at: NaiveDateTime,
    /// Every document asked of the applicant, received or not.
    pub documents: Vec<ReceiptDocument>,
    /// Full name of the staff member who received the registration.
    pub operator: String,
    /// Town for the place-and-date line, e.g. "Pasuruan".
    pub place: String,
}

/// One document line of the receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    pub name: String,
    pub received: bool,
}

const COMMISSION: Style = Style::bold(13.0);
const TITLE: Style = Style::bold(14.0);
const BODY: Style = Style::regular(11.0);
const BODY_BOLD: Style = Style::bold(11.0);
const TABLE: Style = Style::regular(10.0);
const TABLE_HEAD: Style = Style::bold(10.0);
const SMALL: Style = Style::regular(9.0);

/// Width of the label column of the details block.
const LABEL_WIDTH: f32 = 120.0;
/// Width of the "No." and "Status" columns of the document table.
const NUMBER_WIDTH: f32 = 28.0;
const STATUS_WIDTH: f32 = 125.0;
/// Cell padding of the document table.
const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 4.0;
const CHECKBOX: f32 = 9.0;
/// Width of the signature block at the bottom right.
const SIGNATURE_WIDTH: f32 = 210.0;
/// Room left for the handwritten signature.
const SIGNATURE_SPACE: f32 = 56.0;
const RULE: f32 = 0.75;

/// Renders the receipt as a PDF on `paper`.
pub fn receipt(data: &ReceiptData, paper: Paper) -> Result<Vec<u8>> {
    let title = format!("Tanda terima pendaftaran {}", data.reg_number);
    let mut doc = Document::new(&title, paper, Margins::uniform(mm(20.0)))?;
    let mut page = doc.page();

    heading(&mut page, data);
    details(&mut page, data);

    page.advance(14.0);
    page.flow(BODY_BOLD, Align::Left, "Berkas yang diterima");
    page.advance(4.0);
    if data.documents.is_empty() {
        page.flow(TABLE, Align::Left, "Belum ada berkas yang diserahkan.");
    } else {
        page = documents(&mut doc, page, data);
    }

    page.advance(12.0);
    // Announcements list name, desa and kecamatan, not registration numbers
    // (the usual pengumuman: No, Nama, L/P, Desa, Kecamatan, Keterangan):
    // the receipt promises no more than they carry.
    page.flow(
        TABLE,
        Align::Left,
        "Simpan tanda terima ini sebagai bukti. Pengumuman memuat nama, desa dan kecamatan.",
    );

    page = signature(&mut doc, page, data);
    doc.add(page);
    if doc.page_count() > 1 {
        doc.number_pages(SMALL);
    }
    doc.finish()
}

/// Commission, a double rule, the title and the round.
fn heading(page: &mut Page, data: &ReceiptData) {
    page.flow(COMMISSION, Align::Center, &data.commission);
    page.advance(4.0);
    let y = page.cursor();
    page.hline(page.left(), page.right(), y, 1.5);
    page.hline(page.left(), page.right(), y + 2.5, 0.5);
    page.advance(14.0);
    page.flow(TITLE, Align::Center, "TANDA TERIMA PENDAFTARAN");
    page.flow(BODY, Align::Center, &data.round_name);
    page.advance(16.0);
}

/// The label / value block; long values wrap within their column.
fn details(page: &mut Page, data: &ReceiptData) {
    let registered = format!(
        "{} pukul {:02}.{:02}",
        tanggal(data.registered_at.date()),
        data.registered_at.hour(),
        data.registered_at.minute()
    );
    let rows = [
        ("Nomor pendaftaran", data.reg_number.as_str(), BODY_BOLD),
        ("Nama lengkap", data.full_name.as_str(), BODY),
        ("Wilayah tugas", data.unit.as_str(), BODY),
        ("Tanggal pendaftaran", registered.as_str(), BODY),
    ];
    let colon_x = page.left() + LABEL_WIDTH;
    let value_x = colon_x + 10.0;
    let value_width = page.right() - value_x;
    for (label, value, style) in rows {
        let top = page.cursor();
        page.text(page.left(), top, BODY, Align::Left, label);
        page.text(colon_x, top, BODY, Align::Left, ":");
        let height = page.paragraph(value_x, top, value_width, style, Align::Left, value);
        page.advance(height.max(BODY.leading()) + 3.0);
    }
}

/// The table of documents, continued on new pages as needed. Returns the
/// page the table ends on.
fn documents(doc: &mut Document, mut page: Page, data: &ReceiptData) -> Page {
    let table = Table::new(&page);
    table.header(&mut page);
    for (i, document) in data.documents.iter().enumerate() {
        let height = table.row_height(&page, &document.name);
        if !page.fits(height) {
            page = continuation(doc, page, data);
            table.header(&mut page);
        }
        table.row(&mut page, i + 1, document, height);
    }
    page
}

/// Place and date, "Petugas penerima,", room to sign, the operator's name;
/// on a new page when it does not fit.
fn signature(doc: &mut Document, mut page: Page, data: &ReceiptData) -> Page {
    let date = tanggal(data.registered_at.date());
    let place_date = if data.place.trim().is_empty() {
        date
    } else {
        format!("{}, {}", data.place.trim(), date)
    };
    let fonts = page.fonts();
    let lines = fonts.wrap(BODY, &place_date, SIGNATURE_WIDTH).len()
        + 1
        + fonts.wrap(BODY_BOLD, &data.operator, SIGNATURE_WIDTH).len();
    let gap = 24.0;
    if !page.fits(gap + lines as f32 * BODY.leading() + SIGNATURE_SPACE) {
        page = continuation(doc, page, data);
    }
    page.advance(gap);
    let x = page.right() - SIGNATURE_WIDTH;
    let mut top = page.cursor();
    top += page.paragraph(x, top, SIGNATURE_WIDTH, BODY, Align::Center, &place_date);
    top += page.paragraph(
        x,
        top,
        SIGNATURE_WIDTH,
        BODY,
        Align::Center,
        "Petugas penerima,",
    );
    top += SIGNATURE_SPACE;
    top += page.paragraph(
        x,
        top,
        SIGNATURE_WIDTH,
        BODY_BOLD,
        Align::Center,
        &data.operator,
    );
    page.advance(top - page.cursor());
    page
}

/// Closes `page` and starts the next one with a line saying whose receipt
/// it continues.
fn continuation(doc: &mut Document, page: Page, data: &ReceiptData) -> Page {
    doc.add(page);
    let mut page = doc.page();
    let label = format!("Tanda terima pendaftaran {} (lanjutan)", data.reg_number);
    page.flow(BODY_BOLD, Align::Left, &label);
    page.advance(8.0);
    page
}

/// Column geometry of the document table: number, name, status.
struct Table {
    x: [f32; 3],
    width: [f32; 3],
}

impl Table {
    fn new(page: &Page) -> Self {
        let name_width = page.content_width() - NUMBER_WIDTH - STATUS_WIDTH;
        let left = page.left();
        Table {
            x: [left, left + NUMBER_WIDTH, left + NUMBER_WIDTH + name_width],
            width: [NUMBER_WIDTH, name_width, STATUS_WIDTH],
        }
    }

    fn cells(&self, page: &mut Page, height: f32) {
        let top = page.cursor();
        for (x, width) in self.x.iter().zip(self.width) {
            page.rect(*x, top, width, height, RULE);
        }
    }

    fn header(&self, page: &mut Page) {
        let height = TABLE_HEAD.leading() + 2.0 * PAD_Y;
        self.cells(page, height);
        let top = page.cursor() + PAD_Y;
        let centre = self.x[0] + self.width[0] / 2.0;
        page.text(centre, top, TABLE_HEAD, Align::Center, "No.");
        page.text(
            self.x[1] + PAD_X,
            top,
            TABLE_HEAD,
            Align::Left,
            "Nama berkas",
        );
        page.text(self.x[2] + PAD_X, top, TABLE_HEAD, Align::Left, "Status");
        page.advance(height);
    }

    fn name_width(&self) -> f32 {
        self.width[1] - 2.0 * PAD_X
    }

    fn row_height(&self, page: &Page, name: &str) -> f32 {
        let lines = page.fonts().wrap(TABLE, name, self.name_width()).len();
        lines as f32 * TABLE.leading() + 2.0 * PAD_Y
    }

    fn row(&self, page: &mut Page, number: usize, document: &ReceiptDocument, height: f32) {
        self.cells(page, height);
        let top = page.cursor() + PAD_Y;
        let centre = self.x[0] + self.width[0] / 2.0;
        page.text(centre, top, TABLE, Align::Center, &format!("{number}."));
        page.paragraph(
            self.x[1] + PAD_X,
            top,
            self.name_width(),
            TABLE,
            Align::Left,
            &document.name,
        );
        let box_x = self.x[2] + PAD_X;
        let box_top = top + (TABLE.leading() - CHECKBOX) / 2.0;
        page.checkbox(box_x, box_top, CHECKBOX, document.received);
        let status = if document.received {
            "Diterima"
        } else {
            "Belum diserahkan"
        };
        page.text(box_x + CHECKBOX + 5.0, top, TABLE, Align::Left, status);
        page.advance(height);
    }
}
