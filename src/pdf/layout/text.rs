//! Text: the embedded fonts, faces and sizes, measuring and word wrapping.
//! Kept apart from the page builder (`page.rs`), which draws what is
//! measured here, because measuring needs no page: the official documents
//! size their table columns and rows with [`Fonts`] before drawing.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{Error, Result};

/// Liberation Sans 2.x, SIL OFL 1.1 (see `assets/fonts/`).
const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.25;

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
    pub(super) regular: ParsedFont,
    pub(super) bold: ParsedFont,
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
    pub(super) fn glyph(&self, face: Face, c: char) -> (u16, u16) {
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
    pub(super) fn baseline_offset(&self, style: Style) -> f32 {
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
