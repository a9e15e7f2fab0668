//! Writes a PDF file from finished pages: their content streams (already
//! PDF operators), the glyphs each face used, and the images.
//!
//! printpdf serialised a 10,000-row announcement in about half a second,
//! mostly turning its operation lists into lopdf objects and formatting
//! them; the pages here are written as content streams while they are laid
//! out, so this only wraps them in objects: a Type 0 font per face
//! (Identity-H, its TrueType program subset to the glyphs used by printpdf's
//! subsetter, a CIDToGIDMap because the content keeps the font's original
//! glyph ids, the widths, and a ToUnicode map so that text can be copied
//! and extracted), the images, the page tree, the cross-reference table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use flate2::{Compress, Compression, FlushCompress, Status};
use printpdf::ParsedFont;

use crate::error::{Error, Result};

/// A face as the writer embeds it.
pub struct FontProgram<'a> {
    pub base_name: &'a str,
    pub parsed: &'a ParsedFont,
    /// Original glyph id → the text it stands for.
    pub used: BTreeMap<u16, char>,
}

/// An image: raw 8-bit samples (1 to 4 channels; with 2 or 4 the last one is
/// alpha) or a JPEG file as it is.
#[derive(Debug, Clone)]
pub enum ImageData {
    Raw {
        width: u32,
        height: u32,
        channels: u8,
        pixels: Vec<u8>,
    },
    Jpeg {
        width: u32,
        height: u32,
        components: u8,
        bytes: Vec<u8>,
    },
}

/// A finished page.
pub struct PageContent {
    pub width: f32,
    pub height: f32,
    pub content: Vec<u8>,
    /// Indices into the document's images used on the page.
    pub images: Vec<usize>,
}

struct Out {
    buf: Vec<u8>,
    offsets: Vec<usize>,
    /// One compressor for every stream: making one costs more than a page.
    deflater: Compress,
}

impl Out {
    fn reserve_id(&mut self) -> usize {
        self.offsets.push(0);
        self.offsets.len()
    }

    fn begin(&mut self, id: usize) {
        self.offsets[id - 1] = self.buf.len();
        let _ = writeln!(self.buf, "{id} 0 obj");
    }

    fn object(&mut self, id: usize, dict: &str) {
        self.begin(id);
        self.buf.extend_from_slice(dict.as_bytes());
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    /// A stream object; `dict` holds the entries other than the length and
    /// filter. Compressed unless `raw_filter` names the data's own filter.
    fn stream(
        &mut self,
        id: usize,
        dict: &str,
        data: &[u8],
        raw_filter: Option<&str>,
    ) -> Result<()> {
        let (filter, data) = match raw_filter {
            Some(f) => (f.to_string(), std::borrow::Cow::Borrowed(data)),
            None => (
                "FlateDecode".to_string(),
                std::borrow::Cow::Owned(deflate(&mut self.deflater, data)?),
            ),
        };
        self.begin(id);
        let _ = write!(
            self.buf,
            "<< {dict} /Filter /{filter} /Length {} >>\nstream\n",
            data.len()
        );
        self.buf.extend_from_slice(&data);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
        Ok(())
    }
}

/// `data` as a zlib stream (FlateDecode).
fn deflate(z: &mut Compress, data: &[u8]) -> Result<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let done = z.total_in() as usize;
        let status = z
            .compress_vec(&data[done..], &mut out, FlushCompress::Finish)
            .map_err(|e| Error::Internal(format!("kompresi PDF gagal: {e}")))?;
        match status {
            Status::StreamEnd => return Ok(out),
            _ => out.reserve(out.capacity().max(1024)),
        }
    }
}

/// A PDF text string: UTF-16BE with its byte order mark, in hex.
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

/// Six capital letters naming a subset, derived from what it holds.
fn subset_tag(base: &str, used: &BTreeMap<u16, char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in base
        .bytes()
        .chain(used.keys().flat_map(|g| g.to_be_bytes()))
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// Writes the font objects of one face; returns the id of its Type 0 font.
fn font(out: &mut Out, f: &FontProgram<'_>) -> Result<usize> {
    let glyphs: BTreeMap<u16, String> = f.used.iter().map(|(g, c)| (*g, c.to_string())).collect();
    let subset = printpdf::subset_font(f.parsed, &glyphs)
        .map_err(|e| Error::Internal(format!("subset font gagal: {e}")))?;
    let name = format!("{}+{}", subset_tag(f.base_name, &f.used), f.base_name);
    let m = &f.parsed.pdf_font_metrics;
    let upem = f32::from(m.units_per_em.max(1));
    let scale = |v: f32| (v * 1000.0 / upem).round() as i64;

    let (type0, cid, descriptor, program, map, unicode) = (
        out.reserve_id(),
        out.reserve_id(),
        out.reserve_id(),
        out.reserve_id(),
        out.reserve_id(),
        out.reserve_id(),
    );
    out.object(
        type0,
        &format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {unicode} 0 R >>"
        ),
    );
    let mut widths = String::new();
    for g in f.used.keys() {
        let w = scale(f32::from(f.parsed.get_horizontal_advance(*g)));
        let _ = write!(widths, "{g} [{w}] ");
    }
    out.object(
        cid,
        &format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] /CIDToGIDMap {map} 0 R >>"
        ),
    );
    let bold = f.base_name.contains("Bold");
    out.object(
        descriptor,
        &format!(
            "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV {} /FontFile2 {program} 0 R >>",
            scale(f32::from(m.x_min)),
            scale(f32::from(m.y_min)),
            scale(f32::from(m.x_max)),
            scale(f32::from(m.y_max)),
            scale(f32::from(m.ascender)),
            scale(f32::from(m.descender)),
            scale(f32::from(m.ascender)),
            if bold { 120 } else { 80 },
        ),
    );
    out.stream(
        program,
        &format!("/Length1 {}", subset.bytes.len()),
        &subset.bytes,
        None,
    )?;
    // CID (the original glyph id) → glyph id in the subset.
    let last = f.used.keys().next_back().copied().unwrap_or(0);
    let mut gids = vec![0u8; (usize::from(last) + 1) * 2];
    for (old, (new, _)) in &subset.glyph_mapping {
        let at = usize::from(*old) * 2;
        if at + 1 < gids.len() {
            gids[at..at + 2].copy_from_slice(&new.to_be_bytes());
        }
    }
    out.stream(map, "", &gids, None)?;
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(&u16, &char)> = f.used.iter().collect();
    for chunk in pairs.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (g, c) in chunk {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(cmap, "<{g:04X}> <{hex}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.stream(unicode, "", cmap.as_bytes(), None)?;
    Ok(type0)
}

fn image(out: &mut Out, img: &ImageData) -> Result<usize> {
    let id = out.reserve_id();
    match img {
        ImageData::Jpeg {
            width,
            height,
            components,
            bytes,
        } => {
            let space = if *components == 1 {
                "DeviceGray"
            } else {
                "DeviceRGB"
            };
            out.stream(
                id,
                &format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /{space} /BitsPerComponent 8"),
                bytes,
                Some("DCTDecode"),
            )?;
        }
        ImageData::Raw {
            width,
            height,
            channels,
            pixels,
        } => {
            let (colour, alpha) = match channels {
                2 | 4 => (usize::from(*channels) - 1, true),
                c => (usize::from(*c), false),
            };
            let stride = usize::from(*channels);
            let mut samples = Vec::with_capacity(pixels.len());
            let mut mask = Vec::new();
            for px in pixels.chunks_exact(stride) {
                samples.extend_from_slice(&px[..colour]);
                if alpha {
                    mask.push(px[stride - 1]);
                }
            }
            let space = if colour == 1 {
                "DeviceGray"
            } else {
                "DeviceRGB"
            };
            let smask = if alpha {
                let m = out.reserve_id();
                out.stream(
                    m,
                    &format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8"),
                    &mask,
                    None,
                )?;
                format!(" /SMask {m} 0 R")
            } else {
                String::new()
            };
            out.stream(
                id,
                &format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /{space} /BitsPerComponent 8{smask}"),
                &samples,
                None,
            )?;
        }
    }
    Ok(id)
}

/// The whole file.
pub fn write(
    title: &str,
    pages: &[PageContent],
    fonts: &[FontProgram<'_>; 2],
    images: &[ImageData],
) -> Result<Vec<u8>> {
    let mut out = Out {
        buf: Vec::with_capacity(
            64 * 1024 + pages.iter().map(|p| p.content.len() / 4).sum::<usize>(),
        ),
        offsets: Vec::new(),
        deflater: Compress::new(Compression::fast(), true),
    };
    out.buf.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let catalog = out.reserve_id();
    let tree = out.reserve_id();
    let info = out.reserve_id();
    let mut font_ids = Vec::new();
    for (i, f) in fonts.iter().enumerate() {
        if !f.used.is_empty() {
            font_ids.push((i + 1, font(&mut out, f)?));
        }
    }
    let mut image_ids = Vec::new();
    for img in images {
        image_ids.push(image(&mut out, img)?);
    }
    let font_resources: String = font_ids
        .iter()
        .map(|(n, id)| format!("/F{n} {id} 0 R "))
        .collect();
    let mut kids = Vec::with_capacity(pages.len());
    for p in pages {
        let (page, content) = (out.reserve_id(), out.reserve_id());
        let xobjects: String = p
            .images
            .iter()
            .map(|i| format!("/Im{i} {} 0 R ", image_ids[*i]))
            .collect();
        out.object(
            page,
            &format!(
                "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {} {}] /Resources << /Font << {font_resources}>> /XObject << {xobjects}>> >> /Contents {content} 0 R >>",
                number(p.width),
                number(p.height)
            ),
        );
        out.stream(content, "", &p.content, None)?;
        kids.push(format!("{page} 0 R"));
    }
    out.object(
        tree,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
    );
    out.object(catalog, &format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    out.object(
        info,
        &format!(
            "<< /Title {} /Creator {} /Producer {} >>",
            text_string(title),
            text_string("Seleksi Ad Hoc"),
            text_string("Seleksi Ad Hoc")
        ),
    );
    let xref = out.buf.len();
    let _ = write!(
        out.buf,
        "xref\n0 {}\n0000000000 65535 f \n",
        out.offsets.len() + 1
    );
    for o in &out.offsets {
        let _ = writeln!(out.buf, "{o:010} 00000 n ");
    }
    let _ = write!(
        out.buf,
        "trailer\n<< /Size {} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        out.offsets.len() + 1
    );
    Ok(out.buf)
}

/// A number as content streams write it: at most two decimals, no
/// trailing zeros.
pub fn number(v: f32) -> String {
    let mut s = String::new();
    push_number(&mut s, v);
    s
}

/// Appends [`number`] to `out` (by hand: `write!` was a third of the time
/// of a long document).
pub fn push_number(out: &mut String, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let a = hundredths.unsigned_abs();
    push_integer(out, a / 100);
    let frac = a % 100;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if !frac.is_multiple_of(10) {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

fn push_integer(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in &digits[i..] {
        out.push(char::from(*d));
    }
}

/// Appends a glyph id as four hex digits.
pub fn push_glyph(out: &mut String, g: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[usize::from((g >> shift) & 0xf)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_two_decimals() {
        for (v, s) in [
            (0.0, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (12.345, "12.35"),
            (-3.1, "-3.1"),
            (0.004, "0"),
            (595.2756, "595.28"),
            (100.05, "100.05"),
            (7.0, "7"),
        ] {
            assert_eq!(number(v), s, "{v}");
        }
        let mut hex = String::new();
        push_glyph(&mut hex, 0x0A3F);
        push_glyph(&mut hex, 7);
        assert_eq!(hex, "0A3F0007");
    }

    #[test]
    fn text_strings_are_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("Aé"), "<FEFF004100E9>");
    }
}
