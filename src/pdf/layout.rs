//! A small page-layout toolkit that writes PDF content directly.
//!
//! PDF only knows drawing operations (origin bottom-left, no wrapping, no
//! tables), so this module adds what the documents of the application
//! need: paper sizes, the embedded fonts, text measurement, word wrapping and
//! a [`Page`] that places text, lines and boxes using coordinates measured
//! from the top-left corner, in points (1/72 inch).
//!
//! A [`Document`] owns the fonts and the finished pages; [`Document::page`]
//! starts a page with its cursor at the top margin, [`Document::add`] keeps
//! it, [`Document::number_pages`] can stamp "Halaman X dari Y" once all pages
//! are known, and [`Document::finish`] serialises everything (fonts subset to
//! the glyphs used) to PDF bytes through [`super::writer`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::writer::{self, FontProgram, ImageData, PageContent};
use crate::error::{Error, Result};

/// Liberation Sans 2.x, SIL OFL 1.1 (see `assets/fonts/`).
const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.25;

/// Converts millimetres to points.
pub fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

/// Paper sizes the application prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// F4 (folio), 215 × 330 mm, common in Indonesian offices.
    F4,
}

impl Paper {
    /// `a4` or `f4`, in any case.
    pub fn parse(s: &str) -> Result<Paper> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "f4" => Ok(Paper::F4),
            other => Err(Error::validation(
                "kertas",
                format!("Ukuran kertas \"{other}\" tidak dikenal; pilih a4 atau f4."),
            )),
        }
    }

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (mm(210.0), mm(297.0)),
            Paper::F4 => (mm(215.0), mm(330.0)),
        }
    }
}

/// The embedded typefaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// A face at a size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
}

impl Style {
    /// Regular text at `size` points.
    pub const fn regular(size: f32) -> Self {
        Style {
            face: Face::Regular,
            size,
        }
    }

    /// Bold text at `size` points.
    pub const fn bold(size: f32) -> Self {
        Style {
            face: Face::Bold,
            size,
        }
    }

    /// Distance between the baselines of two consecutive lines.
    pub fn leading(self) -> f32 {
        self.size * LEADING
    }
}

/// Horizontal alignment of a line of text relative to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The anchor is the left edge of the text.
    Left,
    /// The anchor is the centre of the text.
    Center,
    /// The anchor is the right edge of the text.
    Right,
}

/// The embedded fonts, parsed once per process, with a table of the glyph
/// and advance of every character of the Latin, punctuation and symbol
/// blocks (the rest is looked up in the font).
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    /// Per face, indexed by code point below [`TABLE`]: glyph id, advance
    /// in font units.
    table: [Vec<(u16, u16)>; 2],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts")
    }
}

/// Code points with a precomputed glyph: up to the end of General
/// Punctuation and the currency and letterlike symbols.
const TABLE: usize = 0x2200;

impl Fonts {
    /// The fonts, parsed on first use.
    pub fn get() -> Result<&'static Fonts> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let regular = parse_font(REGULAR_TTF)?;
                let bold = parse_font(BOLD_TTF)?;
                let table = |f: &ParsedFont| -> Vec<(u16, u16)> {
                    (0..TABLE as u32)
                        .map(|c| {
                            let g = f.lookup_glyph_index(c).unwrap_or(0);
                            (g, f.get_horizontal_advance(g))
                        })
                        .collect()
                };
                let table = [table(&regular), table(&bold)];
                Some(Fonts {
                    regular,
                    bold,
                    table,
                })
            })
            .as_ref()
            .ok_or_else(|| Error::Internal("font PDF bawaan tidak dapat dibaca".into()))
    }

    fn font(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The glyph of `c` and its advance in font units; characters missing
    /// from the font are shown as glyph 0 (.notdef).
    fn glyph(&self, face: Face, c: char) -> (u16, u16) {
        let i = face as usize;
        match self.table[i].get(c as usize) {
            Some(g) => *g,
            None => {
                let f = self.font(face);
                let g = f.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                (g, f.get_horizontal_advance(g))
            }
        }
    }

    fn units_per_em(&self, face: Face) -> f32 {
        f32::from(self.font(face).pdf_font_metrics.units_per_em.max(1))
    }

    /// Advance width of `text` in points (glyph advances, no kerning).
    pub fn width(&self, style: Style, text: &str) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.glyph(style.face, c).1))
            .sum();
        units as f32 * style.size / self.units_per_em(style.face)
    }

    fn char_width(&self, style: Style, c: char) -> f32 {
        f32::from(self.glyph(style.face, c).1) * style.size / self.units_per_em(style.face)
    }

    /// Distance from the top of a line box of `style.leading()` to the
    /// baseline, centring the font's ascent and descent in the box.
    fn baseline_offset(&self, style: Style) -> f32 {
        let metrics = &self.font(style.face).pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let ascent = f32::from(metrics.ascender) / units_per_em * style.size;
        let descent = f32::from(metrics.descender).abs() / units_per_em * style.size;
        (style.leading() - ascent - descent) / 2.0 + ascent
    }

    /// Breaks `text` into lines no wider than `width` points. Words are
    /// separated by any whitespace (collapsed to one space); a word longer
    /// than a line is split between characters. Always at least one line
    /// (empty when the text is blank).
    pub fn wrap(&self, style: Style, text: &str, width: f32) -> Vec<String> {
        let space = self.char_width(style, ' ');
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split_whitespace() {
            let word_width = self.width(style, word);
            if !line.is_empty() {
                if line_width + space + word_width <= width {
                    line.push(' ');
                    line.push_str(word);
                    line_width += space + word_width;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            for c in word.chars() {
                let char_width = self.char_width(style, c);
                if !line.is_empty() && line_width + char_width > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += char_width;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

fn parse_font(bytes: &[u8]) -> Option<ParsedFont> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    /// The same margin on every side.
    pub const fn uniform(value: f32) -> Self {
        Margins {
            top: value,
            right: value,
            bottom: value,
            left: value,
        }
    }
}

/// An image registered with a document, to place on its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageId(usize);

/// The glyphs a document's pages used, per face, indexed by original glyph
/// id: the character it shows, `'\0'` when unused (for the subset and for
/// text extraction).
type Used = Rc<RefCell<[Vec<char>; 2]>>;

/// A PDF under construction: fonts registered once, pages added in order.
pub struct Document {
    title: String,
    fonts: &'static Fonts,
    paper: Paper,
    margins: Margins,
    pages: Vec<Page>,
    images: Vec<ImageData>,
    used: Used,
}

impl Document {
    /// An empty document titled `title` (shown by PDF viewers) whose pages
    /// are `paper` with `margins`.
    pub fn new(title: &str, paper: Paper, margins: Margins) -> Result<Self> {
        Ok(Document {
            title: title.to_string(),
            fonts: Fonts::get()?,
            paper,
            margins,
            pages: Vec::new(),
            images: Vec::new(),
            used: Rc::default(),
        })
    }

    /// Registers an image once; pages place it with [`Page::image`].
    pub fn add_image(&mut self, image: ImageData) -> ImageId {
        self.images.push(image);
        ImageId(self.images.len() - 1)
    }

    /// A blank page with its cursor at the top margin.
    pub fn page(&self) -> Page {
        let (width, height) = self.paper.size();
        Page {
            fonts: self.fonts,
            used: self.used.clone(),
            width,
            height,
            margins: self.margins,
            cursor: self.margins.top,
            graphics: String::new(),
            text: String::new(),
            images: Vec::new(),
            current_style: None,
            line_width: None,
        }
    }

    /// Appends a finished page.
    pub fn add(&mut self, page: Page) {
        self.pages.push(page);
    }

    /// Number of pages added so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Writes "Halaman X dari Y" centred in the bottom margin of every page
    /// added so far.
    pub fn number_pages(&mut self, style: Style) {
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let top = page.height - (page.margins.bottom + style.leading()) / 2.0;
            let centre = page.left() + page.content_width() / 2.0;
            let label = format!("Halaman {} dari {}", i + 1, total);
            page.text(centre, top, style, Align::Center, &label);
        }
    }

    /// Serialises the document, embedding only the glyphs it uses.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.pages.is_empty() {
            return Err(Error::Internal("dokumen PDF tanpa halaman".into()));
        }
        let pages: Vec<PageContent> = std::mem::take(&mut self.pages)
            .into_iter()
            .map(Page::into_content)
            .collect();
        let [regular, bold] = std::mem::take(&mut *self.used.borrow_mut()).map(|glyphs| {
            glyphs
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c != '\0')
                .map(|(g, c)| (g as u16, c))
                .collect::<BTreeMap<u16, char>>()
        });
        let fonts = [
            FontProgram {
                base_name: "LiberationSans",
                parsed: &self.fonts.regular,
                used: regular,
            },
            FontProgram {
                base_name: "LiberationSans-Bold",
                parsed: &self.fonts.bold,
                used: bold,
            },
        ];
        writer::write(&self.title, &pages, &fonts, &self.images)
    }
}

/// One page being laid out.
///
/// Positions are in points from the top-left corner of the paper. The
/// cursor is the top of the next thing to place; the caller moves it with
/// [`Page::advance`] (the drawing methods never move it on their own, except
/// [`Page::flow`]). What is drawn is written straight away as PDF content:
/// lines and boxes first, the text over them in one text object.
pub struct Page {
    fonts: &'static Fonts,
    used: Used,
    width: f32,
    height: f32,
    margins: Margins,
    cursor: f32,
    graphics: String,
    text: String,
    images: Vec<usize>,
    current_style: Option<Style>,
    line_width: Option<f32>,
}

impl Page {
    /// The fonts, for measuring and wrapping.
    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    /// Left edge of the content area.
    pub fn left(&self) -> f32 {
        self.margins.left
    }

    /// Right edge of the content area.
    pub fn right(&self) -> f32 {
        self.width - self.margins.right
    }

    /// Width of the content area.
    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Distance of the cursor from the top of the paper.
    pub fn cursor(&self) -> f32 {
        self.cursor
    }

    /// Moves the cursor down by `dy` points.
    pub fn advance(&mut self, dy: f32) {
        self.cursor += dy;
    }

    /// Whether `height` points still fit between the cursor and the bottom
    /// margin.
    pub fn fits(&self, height: f32) -> bool {
        self.cursor + height <= self.height - self.margins.bottom
    }

    /// One line of text whose line box (of `style.leading()`) starts at
    /// `top`; `x` is the left edge, centre or right edge per `align`.
    pub fn text(&mut self, x: f32, top: f32, style: Style, align: Align, text: &str) {
        let x = match align {
            Align::Left => x,
            Align::Center => x - self.fonts.width(style, text) / 2.0,
            Align::Right => x - self.fonts.width(style, text),
        };
        let baseline = top + self.fonts.baseline_offset(style);
        let t = &mut self.text;
        if self.current_style != Some(style) {
            t.push_str(if style.face == Face::Regular {
                "/F1 "
            } else {
                "/F2 "
            });
            writer::push_number(t, style.size);
            t.push_str(" Tf\n");
            self.current_style = Some(style);
        }
        t.push_str("1 0 0 1 ");
        writer::push_number(t, x);
        t.push(' ');
        writer::push_number(t, self.height - baseline);
        t.push_str(" Tm <");
        let mut used = self.used.borrow_mut();
        let used = &mut used[style.face as usize];
        for c in text.chars() {
            let (g, _) = self.fonts.glyph(style.face, c);
            let at = usize::from(g);
            if at >= used.len() {
                used.resize(at + 1, '\0');
            }
            if used[at] == '\0' {
                used[at] = c;
            }
            writer::push_glyph(t, g);
        }
        t.push_str("> Tj\n");
    }

    /// Wraps `text` to `width` and draws the lines from `top` down, each
    /// aligned within the column that starts at `x`. Returns the height used.
    pub fn paragraph(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        style: Style,
        align: Align,
        text: &str,
    ) -> f32 {
        let anchor = match align {
            Align::Left => x,
            Align::Center => x + width / 2.0,
            Align::Right => x + width,
        };
        let lines = self.fonts.wrap(style, text, width);
        for (i, line) in lines.iter().enumerate() {
            self.text(anchor, top + i as f32 * style.leading(), style, align, line);
        }
        lines.len() as f32 * style.leading()
    }

    /// A paragraph across the content area at the cursor; moves the cursor
    /// below it.
    pub fn flow(&mut self, style: Style, align: Align, text: &str) {
        let height = self.paragraph(
            self.left(),
            self.cursor,
            self.content_width(),
            style,
            align,
            text,
        );
        self.cursor += height;
    }

    fn set_line_width(&mut self, thickness: f32) {
        if self.line_width != Some(thickness) {
            writer::push_number(&mut self.graphics, thickness);
            self.graphics.push_str(" w\n");
            self.line_width = Some(thickness);
        }
    }

    /// A horizontal line from `x1` to `x2` at `y`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.stroke(thickness, &[(x1, y), (x2, y)]);
    }

    /// The outline of a rectangle whose top-left corner is (`x`, `top`).
    pub fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, thickness: f32) {
        self.set_line_width(thickness);
        let bottom = self.height - top - height;
        let g = &mut self.graphics;
        for (i, v) in [x, bottom, width, height].into_iter().enumerate() {
            if i > 0 {
                g.push(' ');
            }
            writer::push_number(g, v);
        }
        g.push_str(" re S\n");
    }

    /// An image registered with [`Document::add_image`], `pixels` wide and
    /// high, scaled into the box at (`x`, `top`) of `width` × `height`
    /// points.
    pub fn image(&mut self, id: ImageId, (x, top): (f32, f32), (width, height): (f32, f32)) {
        if !self.images.contains(&id.0) {
            self.images.push(id.0);
        }
        let g = &mut self.graphics;
        g.push_str("q ");
        for v in [width, 0.0, 0.0, height, x, self.height - top - height] {
            writer::push_number(g, v);
            g.push(' ');
        }
        let _ = writeln!(g, "cm /Im{} Do Q", id.0);
    }

    /// A square checkbox of side `size` at (`x`, `top`), with a tick when
    /// `checked`.
    pub fn checkbox(&mut self, x: f32, top: f32, size: f32, checked: bool) {
        self.rect(x, top, size, size, 0.75);
        if checked {
            let tick = [
                (x + size * 0.2, top + size * 0.55),
                (x + size * 0.42, top + size * 0.78),
                (x + size * 0.82, top + size * 0.22),
            ];
            self.stroke(size * 0.14, &tick);
        }
    }

    /// An open polyline through `points`.
    fn stroke(&mut self, thickness: f32, points: &[(f32, f32)]) {
        self.set_line_width(thickness);
        let height = self.height;
        let g = &mut self.graphics;
        for (i, (x, y)) in points.iter().enumerate() {
            writer::push_number(g, *x);
            g.push(' ');
            writer::push_number(g, height - y);
            g.push_str(if i == 0 { " m\n" } else { " l\n" });
        }
        g.push_str("S\n");
    }

    fn into_content(self) -> PageContent {
        let mut content = self.graphics.into_bytes();
        if !self.text.is_empty() {
            content.extend_from_slice(b"BT\n");
            content.extend_from_slice(self.text.as_bytes());
            content.extend_from_slice(b"ET\n");
        }
        PageContent {
            width: self.width,
            height: self.height,
            content,
            images: self.images,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_sizes_in_points() {
        let (w, h) = Paper::A4.size();
        assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01);
        let (w, h) = Paper::F4.size();
        assert!((w - 609.45).abs() < 0.01 && (h - 935.43).abs() < 0.01);
    }

    #[test]
    fn widths_follow_the_font_metrics() {
        let fonts = Fonts::get().unwrap();
        let style = Style::regular(10.0);
        // Liberation Sans has Arial's metrics: "0" is 556/1000 em.
        assert!((fonts.width(style, "0") - 5.56).abs() < 0.01);
        assert!((fonts.width(style, "00") - 11.12).abs() < 0.01);
        assert!(fonts.width(Style::bold(10.0), "m") > fonts.width(style, "m"));
        assert_eq!(fonts.width(style, ""), 0.0);
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let fonts = Fonts::get().unwrap();
        let style = Style::regular(11.0);
        let text = "Daftar riwayat hidup dengan pas foto 4x6 berwarna dan \
                    Supercalifragilisticexpialidociousnamayangsangatpanjang";
        let lines = fonts.wrap(style, text, 80.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(style, line) <= 80.0, "{line:?}");
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        // Nothing is lost: only the spaces at the breaks between words go.
        let rejoined: String = lines.concat();
        let original: String = text.split_whitespace().collect();
        assert_eq!(rejoined.replace(' ', ""), original);
    }

    #[test]
    fn a_document_needs_a_page_and_serialises_to_pdf() {
        let margins = Margins::uniform(mm(15.0));
        let empty = Document::new("Kosong", Paper::F4, margins).unwrap();
        assert!(matches!(empty.finish(), Err(Error::Internal(_))));

        let mut doc = Document::new("Uji", Paper::F4, margins).unwrap();
        let mut page = doc.page();
        assert!((page.cursor() - mm(15.0)).abs() < 0.01);
        assert!((page.content_width() - (mm(215.0) - 2.0 * mm(15.0))).abs() < 0.01);
        let right = page.right();
        page.text(
            right,
            page.cursor(),
            Style::bold(12.0),
            Align::Right,
            "Kanan",
        );
        page.advance(Style::bold(12.0).leading());
        page.flow(Style::regular(10.0), Align::Left, "Paragraf biasa.");
        page.hline(page.left(), page.right(), page.cursor(), 0.5);
        page.checkbox(page.left(), page.cursor() + 4.0, 9.0, true);
        assert!(page.fits(100.0));
        assert!(!page.fits(mm(330.0)));
        doc.add(page);
        doc.number_pages(Style::regular(9.0));
        assert_eq!(doc.page_count(), 1);
        let bytes = doc.finish().unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }

    #[test]
    fn wrapping_short_and_blank_text() {
        let fonts = Fonts::get().unwrap();
        let style = Style::regular(11.0);
        assert_eq!(
            fonts.wrap(style, "  Siti   Nur'aini ", 500.0),
            ["Siti Nur'aini"]
        );
        assert_eq!(fonts.wrap(style, "   ", 500.0), [""]);
        // A column narrower than one character still makes progress.
        assert_eq!(fonts.wrap(style, "abc", 1.0), ["a", "b", "c"]);
    }
}
