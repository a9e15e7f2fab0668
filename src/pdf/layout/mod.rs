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
//!
//! In three files by use case: this one (paper, margins, the document),
//! `text.rs` (fonts, measuring, wrapping) and `page.rs` (drawing on a page).

mod page;
mod text;

pub use page::Page;
pub use text::{Align, Face, Fonts, Style};

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::writer::{self, FontProgram, ImageData, PageContent};
use crate::error::{Error, Result};

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

    /// Writes `text` centred in the top margin of every page added so far
    /// (e.g. that the document is a draft).
    pub fn running_head(&mut self, style: Style, text: &str) {
        for page in &mut self.pages {
            let top = (page.margins.top - style.leading()) / 2.0;
            let centre = page.left() + page.content_width() / 2.0;
            page.text(centre, top, style, Align::Center, text);
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

#[cfg(test)]
mod tests;
