//! The interview scoring form (formulir penilaian wawancara) of one
//! candidate: the round's aspects with their weights, each interviewer's
//! score per aspect and weighted sum, the candidate's interview score
//! (the mean) with how it was reached, and a signature line for every
//! interviewer. A form without scores is printed blank, to fill by hand.
//!
//! It names the candidate by registration number, name and unit only: no
//! NIK, birth date, phone or address.

use super::layout::{mm, Align, Document, Margins, Page, Paper, Style};
use crate::error::Result;

/// What the form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewForm {
    /// "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub commission: String,
    pub round_name: String,
    pub reg_number: String,
    pub full_name: String,
    /// "35.14.01 Purwodadi".
    pub unit: String,
    /// "Panel 1 (Ruang Rapat Utama)".
    pub panel: String,
    /// (name, weight) in the form's order.
    pub aspects: Vec<(String, String)>,
    pub interviewers: Vec<FormInterviewer>,
    /// The interview score, or empty.
    pub mark: String,
    /// How it was reached, in words.
    pub explanation: String,
    /// Place and date line, e.g. "Pasuruan, 23 November 2026".
    pub place_date: String,
}

/// One interviewer's column and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInterviewer {
    pub name: String,
    pub nip: String,
    /// One per aspect (may be empty).
    pub scores: Vec<String>,
    pub weighted: String,
}

const COMMISSION: Style = Style::bold(12.0);
const TITLE: Style = Style::bold(13.0);
const BODY: Style = Style::regular(10.5);
const BODY_BOLD: Style = Style::bold(10.5);
const TABLE: Style = Style::regular(9.5);
const TABLE_HEAD: Style = Style::bold(9.5);
const SMALL: Style = Style::regular(8.5);
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.5;
const RULE: f32 = 0.6;
const NO_WIDTH: f32 = 24.0;
const WEIGHT_WIDTH: f32 = 40.0;
const LABEL_WIDTH: f32 = 110.0;
const SIGN_SPACE: f32 = 44.0;

/// Renders the form on `paper`.
pub fn render(d: &InterviewForm, paper: Paper) -> Result<Vec<u8>> {
    let title = format!("Formulir penilaian wawancara {}", d.reg_number);
    let mut doc = Document::new(&title, paper, Margins::uniform(mm(18.0)))?;
    let mut page = doc.page();
    page.flow(COMMISSION, Align::Center, &d.commission);
    page.advance(3.0);
    let y = page.cursor();
    page.hline(page.left(), page.right(), y, 1.2);
    page.advance(10.0);
    page.flow(TITLE, Align::Center, "FORMULIR PENILAIAN WAWANCARA");
    page.flow(BODY, Align::Center, &d.round_name);
    page.advance(10.0);
    let details = [
        ("Nomor pendaftaran", d.reg_number.as_str()),
        ("Nama", d.full_name.as_str()),
        ("Wilayah tugas", d.unit.as_str()),
        ("Panel", d.panel.as_str()),
    ];
    let value_x = page.left() + LABEL_WIDTH + 10.0;
    let value_width = page.right() - value_x;
    for (label, value) in details {
        let top = page.cursor();
        page.text(page.left(), top, BODY, Align::Left, label);
        page.text(page.left() + LABEL_WIDTH, top, BODY, Align::Left, ":");
        let h = page.paragraph(value_x, top, value_width, BODY, Align::Left, value);
        page.advance(h.max(BODY.leading()) + 2.0);
    }
    page.advance(8.0);
    page = table(&mut doc, page, d);
    page.advance(8.0);
    let mark = if d.mark.is_empty() {
        "Nilai wawancara (rata-rata nilai berbobot): ..........".to_string()
    } else {
        format!("Nilai wawancara (rata-rata nilai berbobot): {}", d.mark)
    };
    page.flow(BODY_BOLD, Align::Left, &mark);
    if !d.explanation.is_empty() {
        page.flow(SMALL, Align::Left, &d.explanation);
    }
    page.flow(
        SMALL,
        Align::Left,
        "Setiap aspek dinilai 0–100. Nilai berbobot pewawancara = jumlah (bobot × nilai) dibagi jumlah bobot.",
    );
    page = signatures(&mut doc, page, d);
    doc.add(page);
    if doc.page_count() > 1 {
        doc.number_pages(SMALL);
    }
    doc.finish()
}

/// Column geometry: No, Aspek, Bobot, one per interviewer.
struct Columns {
    x: Vec<f32>,
    width: Vec<f32>,
}

impl Columns {
    fn new(page: &Page, interviewers: usize) -> Self {
        let n = interviewers.max(1) as f32;
        let each = ((page.content_width() - NO_WIDTH - WEIGHT_WIDTH) * 0.55 / n).min(70.0);
        let name = page.content_width() - NO_WIDTH - WEIGHT_WIDTH - each * n;
        let mut width = vec![NO_WIDTH, name, WEIGHT_WIDTH];
        width.extend(std::iter::repeat_n(each, interviewers.max(1)));
        let mut x = Vec::with_capacity(width.len());
        let mut at = page.left();
        for w in &width {
            x.push(at);
            at += w;
        }
        Columns { x, width }
    }

    /// One row of cells: the texts with their style and alignment.
    fn row(&self, page: &mut Page, cells: &[(String, Style, Align)]) {
        let height = cells
            .iter()
            .zip(&self.width)
            .map(|((t, s, _), w)| {
                page.fonts().wrap(*s, t, w - 2.0 * PAD_X).len().max(1) as f32 * s.leading()
            })
            .fold(0.0, f32::max)
            + 2.0 * PAD_Y;
        let top = page.cursor();
        for (i, (text, style, align)) in cells.iter().enumerate() {
            page.rect(self.x[i], top, self.width[i], height, RULE);
            page.paragraph(
                self.x[i] + PAD_X,
                top + PAD_Y,
                self.width[i] - 2.0 * PAD_X,
                *style,
                *align,
                text,
            );
        }
        page.advance(height);
    }
}

fn table(doc: &mut Document, mut page: Page, d: &InterviewForm) -> Page {
    let cols = Columns::new(&page, d.interviewers.len());
    let head = |cols: &Columns, page: &mut Page| {
        let mut cells = vec![
            ("No".to_string(), TABLE_HEAD, Align::Center),
            ("Aspek yang dinilai".to_string(), TABLE_HEAD, Align::Left),
            ("Bobot".to_string(), TABLE_HEAD, Align::Center),
        ];
        for (i, _) in d.interviewers.iter().enumerate() {
            cells.push((format!("Pewawancara {}", i + 1), TABLE_HEAD, Align::Center));
        }
        if d.interviewers.is_empty() {
            cells.push(("Nilai".into(), TABLE_HEAD, Align::Center));
        }
        cols.row(page, &cells);
    };
    head(&cols, &mut page);
    for (i, (name, weight)) in d.aspects.iter().enumerate() {
        if !page.fits(3.0 * TABLE.leading() + 2.0 * PAD_Y) {
            doc.add(page);
            page = doc.page();
            head(&cols, &mut page);
        }
        let mut cells = vec![
            (format!("{}.", i + 1), TABLE, Align::Center),
            (name.clone(), TABLE, Align::Left),
            (weight.clone(), TABLE, Align::Center),
        ];
        for p in &d.interviewers {
            cells.push((
                p.scores.get(i).cloned().unwrap_or_default(),
                TABLE,
                Align::Center,
            ));
        }
        if d.interviewers.is_empty() {
            cells.push((String::new(), TABLE, Align::Center));
        }
        cols.row(&mut page, &cells);
    }
    let mut last = vec![
        (String::new(), TABLE_HEAD, Align::Center),
        ("Nilai berbobot".to_string(), TABLE_HEAD, Align::Left),
        (String::new(), TABLE_HEAD, Align::Center),
    ];
    for p in &d.interviewers {
        last.push((p.weighted.clone(), TABLE_HEAD, Align::Center));
    }
    if d.interviewers.is_empty() {
        last.push((String::new(), TABLE_HEAD, Align::Center));
    }
    cols.row(&mut page, &last);
    page
}

/// Place and date, then a signature block for each interviewer, three to
/// a row.
fn signatures(doc: &mut Document, mut page: Page, d: &InterviewForm) -> Page {
    page.advance(12.0);
    page.flow(BODY, Align::Right, &d.place_date);
    page.advance(6.0);
    let per_row = 3usize;
    let width = page.content_width() / per_row as f32;
    let block = 3.0 * BODY.leading() + SIGN_SPACE;
    for (r, chunk) in d.interviewers.chunks(per_row).enumerate() {
        if !page.fits(block) {
            doc.add(page);
            page = doc.page();
        }
        let top = page.cursor();
        for (k, p) in chunk.iter().enumerate() {
            let x = page.left() + width * k as f32;
            let n = r * per_row + k + 1;
            page.paragraph(
                x,
                top,
                width,
                BODY,
                Align::Center,
                &format!("Pewawancara {n},"),
            );
            let y = top + BODY.leading() + SIGN_SPACE;
            page.paragraph(x, y, width, BODY_BOLD, Align::Center, &p.name);
            if !p.nip.is_empty() {
                page.paragraph(
                    x,
                    y + BODY_BOLD.leading(),
                    width,
                    BODY,
                    Align::Center,
                    &format!("NIP. {}", p.nip),
                );
            }
        }
        page.advance(block + 8.0);
    }
    page
}
