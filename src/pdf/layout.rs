//! A small page-layout toolkit on top of printpdf's operation lists.
//!
//! printpdf 0.12 only knows PDF operations (origin bottom-left, no wrapping,
//! no tables), so this module adds what the documents of the application
//! need: paper sizes, the embedded fonts, text measurement, word wrapping and
//! a [`Page`] that places text, lines and boxes using coordinates measured
//! from the top-left corner, in points (1/72 inch).
//!
//! A [`Document`] owns the fonts and the finished pages; [`Document::page`]
//! starts a page with its cursor at the top margin, [`Document::add`] keeps
//! it, [`Document::number_pages`] can stamp "Halaman X dari Y" once all pages
//! are known, and [`Document::finish`] serialises everything (fonts subset to
//! the glyphs used) to PDF bytes.

use std::sync::OnceLock;

use printpdf::{
    FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

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

/// The embedded fonts, parsed once per process.
#[derive(Debug)]
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    /// The fonts, parsed on first use.
    pub fn get() -> Result<&'static Fonts> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Some(Fonts {
                    regular: parse_font(REGULAR_TTF)?,
                    bold: parse_font(BOLD_TTF)?,
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

    /// Advance width of `text` in points, as printpdf lays it out (glyph
    /// advances, no kerning).
    pub fn width(&self, style: Style, text: &str) -> f32 {
        text.chars().map(|c| self.char_width(style, c)).sum()
    }

    fn char_width(&self, style: Style, c: char) -> f32 {
        let font = self.font(style.face);
        // Characters missing from the font are shown as glyph 0 (.notdef).
        let glyph = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        f32::from(font.get_horizontal_advance(glyph)) * style.size / units_per_em
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

/// A PDF under construction: fonts registered once, pages added in order.
pub struct Document {
    pdf: PdfDocument,
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
    paper: Paper,
    margins: Margins,
    pages: Vec<Page>,
}

impl Document {
    /// An empty document titled `title` (shown by PDF viewers) whose pages
    /// are `paper` with `margins`.
    pub fn new(title: &str, paper: Paper, margins: Margins) -> Result<Self> {
        let fonts = Fonts::get()?;
        let mut pdf = PdfDocument::new(title);
        pdf.metadata.info.creator = "Seleksi Ad Hoc".into();
        let regular = pdf.add_font(&fonts.regular);
        let bold = pdf.add_font(&fonts.bold);
        Ok(Document {
            pdf,
            fonts,
            regular,
            bold,
            paper,
            margins,
            pages: Vec::new(),
        })
    }

    /// Registers an image once; pages place it with [`Page::image`].
    pub fn add_image(&mut self, image: &XObject) -> XObjectId {
        match image {
            XObject::Image(raw) => self.pdf.add_image(raw),
            XObject::External(external) => self.pdf.add_xobject(external),
            XObject::Form(_) => {
                let id = XObjectId::new();
                self.pdf
                    .resources
                    .xobjects
                    .map
                    .insert(id.clone(), image.clone());
                id
            }
        }
    }

    /// A blank page with its cursor at the top margin.
    pub fn page(&self) -> Page {
        let (width, height) = self.paper.size();
        Page {
            fonts: self.fonts,
            regular: self.regular.clone(),
            bold: self.bold.clone(),
            width,
            height,
            margins: self.margins,
            cursor: self.margins.top,
            graphics: Vec::new(),
            text: Vec::new(),
            current_style: None,
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
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(Page::into_pdf_page)
            .collect();
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        // printpdf reports problems as warnings rather than errors. With the
        // fonts and operations this module produces the only one that can
        // occur is a failed subsetting, after which printpdf embeds the whole
        // font: a larger but correct file, so the warnings are not fatal.
        Ok(self.pdf.with_pages(pages).save(&options, &mut Vec::new()))
    }
}

/// One page being laid out.
///
/// Positions are in points from the top-left corner of the paper. The
/// cursor is the top of the next thing to place; the caller moves it with
/// [`Page::advance`] (the drawing methods never move it on their own, except
/// [`Page::flow`]).
pub struct Page {
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
    width: f32,
    height: f32,
    margins: Margins,
    cursor: f32,
    /// Path operations, painted first.
    graphics: Vec<Op>,
    /// Text operations, painted over the graphics in one text section.
    text: Vec<Op>,
    current_style: Option<Style>,
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
        if self.current_style != Some(style) {
            let id = match style.face {
                Face::Regular => self.regular.clone(),
                Face::Bold => self.bold.clone(),
            };
            self.text.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(style.size),
            });
            self.current_style = Some(style);
        }
        self.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(self.height - baseline)),
        });
        self.text.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
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

    /// A horizontal line from `x1` to `x2` at `y`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.stroke(thickness, vec![(x1, y), (x2, y)]);
    }

    /// The outline of a rectangle whose top-left corner is (`x`, `top`).
    pub fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, thickness: f32) {
        self.graphics
            .push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.graphics.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Stroke),
                ..Rect::from_xywh(Pt(x), Pt(self.height - top - height), Pt(width), Pt(height))
            },
        });
    }

    /// An image registered with [`Document::add_image`], `pixels` wide and
    /// high, scaled into the box at (`x`, `top`) of `width` × `height`
    /// points.
    pub fn image(
        &mut self,
        id: &XObjectId,
        pixels: (u32, u32),
        (x, top): (f32, f32),
        (width, height): (f32, f32),
    ) {
        // printpdf sizes an image as its pixels at `dpi`; pick the dpi that
        // makes it `height` points high and stretch the width to match.
        let dpi = pixels.1.max(1) as f32 * 72.0 / height;
        let natural_width = pixels.0 as f32 * 72.0 / dpi;
        self.graphics.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(self.height - top - height)),
                scale_x: Some(width / natural_width),
                dpi: Some(dpi),
                ..XObjectTransform::default()
            },
        });
    }

    /// A square checkbox of side `size` at (`x`, `top`), with a tick when
    /// `checked`.
    pub fn checkbox(&mut self, x: f32, top: f32, size: f32, checked: bool) {
        self.rect(x, top, size, size, 0.75);
        if checked {
            let tick = vec![
                (x + size * 0.2, top + size * 0.55),
                (x + size * 0.42, top + size * 0.78),
                (x + size * 0.82, top + size * 0.22),
            ];
            self.stroke(size * 0.14, tick);
        }
    }

    /// An open polyline through `points`.
    fn stroke(&mut self, thickness: f32, points: Vec<(f32, f32)>) {
        let points = points
            .into_iter()
            .map(|(x, y)| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(self.height - y),
                },
                bezier: false,
            })
            .collect();
        self.graphics
            .push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.graphics.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    fn into_pdf_page(self) -> PdfPage {
        let mut ops = self.graphics;
        if !self.text.is_empty() {
            ops.push(Op::StartTextSection);
            ops.extend(self.text);
            ops.push(Op::EndTextSection);
        }
        let size = Rect::from_wh(Pt(self.width), Pt(self.height));
        PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops,
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
