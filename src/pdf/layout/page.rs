//! The page builder: one page's cursor, and the text, lines, boxes and
//! images drawn on it, written straight away as PDF content. Kept apart
//! from the document (`mod.rs`), which only hands out pages, keeps the
//! finished ones and serialises them.

use std::fmt::Write as _;

use super::text::{Align, Face, Fonts, Style};
use super::{ImageId, Margins, Used};
use crate::pdf::writer::{self, PageContent};

/// One page being laid out.
///
/// Positions are in points from the top-left corner of the paper. The
/// cursor is the top of the next thing to place; the caller moves it with
/// [`Page::advance`] (the drawing methods never move it on their own, except
/// [`Page::flow`]). What is drawn is written straight away as PDF content:
/// lines and boxes first, the text over them in one text object.
pub struct Page {
    pub(super) fonts: &'static Fonts,
    pub(super) used: Used,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) margins: Margins,
    pub(super) cursor: f32,
    pub(super) graphics: String,
    pub(super) text: String,
    pub(super) images: Vec<usize>,
    pub(super) current_style: Option<Style>,
    pub(super) line_width: Option<f32>,
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

    /// Bottom edge of the content area (the bottom margin starts there).
    pub fn bottom(&self) -> f32 {
        self.height - self.margins.bottom
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

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`).
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), thickness: f32) {
        self.stroke(thickness, &[(x1, y1), (x2, y2)]);
    }

    /// Filled black rectangles, each (`x`, `top`, `width`, `height`), as
    /// one path (a QR code's modules).
    pub fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)]) {
        if rects.is_empty() {
            return;
        }
        let g = &mut self.graphics;
        for (x, top, width, height) in rects {
            for v in [*x, self.height - top - height, *width, *height] {
                writer::push_number(g, v);
                g.push(' ');
            }
            g.push_str("re\n");
        }
        g.push_str("f\n");
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

    pub(super) fn into_content(self) -> PageContent {
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
