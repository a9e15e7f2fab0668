//! The commission's logo for the letterhead (kop): a PNG or JPEG file the
//! administrator uploads, checked once when it is saved and placed in the
//! PDF at print time.
//!
//! A PNG is decoded (any colour type, with transparency kept as a soft mask)
//! and shrunk to at most [`MAX_SIDE`] pixels, since the kop prints it about
//! 2 cm high. A JPEG goes into the PDF as it is (PDF reads JPEG natively),
//! so it is limited in bytes instead.

use std::io::Cursor;

use super::writer::ImageData;
use crate::domain::size_limit::SizeLimit;
use crate::error::{Error, Result};

/// Longest side of a PNG logo as printed, in pixels (enough for 2 cm at
/// 600 dpi).
pub const MAX_SIDE: u32 = 480;
/// Largest file accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The logo file's limit as it is read from outside
/// ([`crate::bounded_read::read_file`]).
pub const LIMIT: SizeLimit = SizeLimit {
    bytes: MAX_BYTES as u64,
    field: "logo",
    what: "Berkas logo",
    hint: "Kecilkan gambarnya lalu unggah lagi.",
};
/// Largest JPEG accepted (it is embedded as it is, in every document).
pub const MAX_JPEG_BYTES: usize = 512 * 1024;

/// A checked logo, ready to embed.
#[derive(Debug, Clone)]
pub struct Logo {
    /// `image/png` or `image/jpeg`.
    pub media_type: &'static str,
    /// Size in pixels as printed.
    pub width: u32,
    pub height: u32,
    image: ImageData,
}

impl Logo {
    /// Reads a PNG or JPEG file; anything else, or a broken or too large
    /// file, is refused with a message that says what to do.
    pub fn read(bytes: &[u8]) -> Result<Logo> {
        if bytes.len() > MAX_BYTES {
            return Err(invalid(format!(
                "Berkas logo terlalu besar ({} KB); paling besar {} KB. Kecilkan gambarnya lalu unggah lagi.",
                bytes.len() / 1024,
                MAX_BYTES / 1024
            )));
        }
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(bytes)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else {
            Err(invalid(
                "Berkas logo harus berupa gambar PNG atau JPEG.".to_string(),
            ))
        }
    }

    /// The image as the PDF writer embeds it.
    pub fn image(&self) -> &ImageData {
        &self.image
    }
}

fn invalid(message: String) -> Error {
    Error::validation("logo", message)
}

fn png(bytes: &[u8]) -> Result<Logo> {
    let broken = |e: png::DecodingError| {
        invalid(format!(
            "Berkas PNG tidak dapat dibaca ({e}). Simpan ulang gambarnya sebagai PNG lalu unggah lagi."
        ))
    };
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: 256 * 1024 * 1024,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(broken)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| invalid("Gambar PNG terlalu besar.".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(broken)?;
    buf.truncate(info.buffer_size());
    let channels: u8 = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => {
            return Err(invalid("Warna PNG berindeks tidak didukung.".into()))
        }
    };
    let (w, h) = (info.width, info.height);
    check_size(w, h)?;
    let (pixels, w, h) = shrink(&buf, w, h, usize::from(channels), MAX_SIDE);
    Ok(Logo {
        media_type: "image/png",
        width: w,
        height: h,
        image: ImageData::Raw {
            width: w,
            height: h,
            channels,
            pixels,
        },
    })
}

fn check_size(w: u32, h: u32) -> Result<()> {
    if w < 16 || h < 16 {
        return Err(invalid(format!(
            "Gambar logo terlalu kecil ({w} × {h} piksel); paling kecil 16 × 16."
        )));
    }
    if w > 20 * h || h > 20 * w {
        return Err(invalid(format!(
            "Bentuk gambar logo tidak wajar ({w} × {h} piksel)."
        )));
    }
    Ok(())
}

/// Shrinks an image by a whole factor (averaging each block of pixels) so
/// that its longest side is at most `max`.
fn shrink(pixels: &[u8], w: u32, h: u32, channels: usize, max: u32) -> (Vec<u8>, u32, u32) {
    let factor = w.max(h).div_ceil(max).max(1);
    if factor == 1 {
        return (pixels.to_vec(), w, h);
    }
    let (nw, nh) = (w.div_ceil(factor), h.div_ceil(factor));
    let mut out = Vec::with_capacity(nw as usize * nh as usize * channels);
    for by in 0..nh {
        for bx in 0..nw {
            let mut sum = [0u32; 4];
            let mut count = 0u32;
            for y in by * factor..((by + 1) * factor).min(h) {
                for x in bx * factor..((bx + 1) * factor).min(w) {
                    let at = (y as usize * w as usize + x as usize) * channels;
                    for (c, s) in sum.iter_mut().enumerate().take(channels) {
                        *s += u32::from(pixels[at + c]);
                    }
                    count += 1;
                }
            }
            for s in sum.iter().take(channels) {
                out.push(((s + count / 2) / count) as u8);
            }
        }
    }
    (out, nw, nh)
}

/// Reads a JPEG's size and colour components from its frame header.
fn jpeg(bytes: &[u8]) -> Result<Logo> {
    if bytes.len() > MAX_JPEG_BYTES {
        return Err(invalid(format!(
            "Logo JPEG paling besar {} KB (ini {} KB). Kecilkan gambarnya, atau simpan sebagai PNG.",
            MAX_JPEG_BYTES / 1024,
            bytes.len() / 1024
        )));
    }
    let broken = || {
        invalid("Berkas JPEG tidak dapat dibaca. Simpan ulang gambarnya lalu unggah lagi.".into())
    };
    let mut at = 2;
    let (w, h, components) = loop {
        // Each segment: FF, marker, 2-byte length (including itself).
        let marker = match bytes.get(at..at + 2) {
            Some([0xFF, m]) => *m,
            _ => return Err(broken()),
        };
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = bytes
            .get(at + 2..at + 4)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .ok_or_else(broken)?;
        // Start of frame (baseline, extended, progressive, lossless...),
        // not DHT (C4), JPG (C8) or DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let f = bytes.get(at + 4..at + 10).ok_or_else(broken)?;
            if f[0] != 8 {
                return Err(invalid("Logo JPEG harus 8 bit per warna.".into()));
            }
            let h = u32::from(u16::from_be_bytes([f[1], f[2]]));
            let w = u32::from(u16::from_be_bytes([f[3], f[4]]));
            break (w, h, f[5]);
        }
        if marker == 0xD9 || marker == 0xDA || len < 2 {
            return Err(broken());
        }
        at += 2 + len;
    };
    check_size(w, h)?;
    match components {
        1 | 3 => {}
        _ => {
            return Err(invalid(
                "Logo JPEG berwarna CMYK tidak didukung; simpan sebagai JPEG RGB atau PNG.".into(),
            ))
        }
    }
    Ok(Logo {
        media_type: "image/jpeg",
        width: w,
        height: h,
        image: ImageData::Jpeg {
            width: w,
            height: h,
            components,
            bytes: bytes.to_vec(),
        },
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG of `w` × `h` pixels: a dark disc on a transparent square.
    pub(crate) fn sample_png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().unwrap();
            let mut data = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    let (dx, dy) = (x as f32 - w as f32 / 2.0, y as f32 - h as f32 / 2.0);
                    let inside = dx * dx + dy * dy < (w.min(h) as f32 / 2.2).powi(2);
                    data.extend_from_slice(if inside {
                        &[150, 20, 30, 255]
                    } else {
                        &[0, 0, 0, 0]
                    });
                }
            }
            writer.write_image_data(&data).unwrap();
        }
        out
    }

    /// The smallest valid-looking JPEG header of `w` × `h` pixels.
    pub(crate) fn sample_jpeg(w: u16, h: u16, components: u8) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
        out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 8]);
        out.extend_from_slice(&h.to_be_bytes());
        out.extend_from_slice(&w.to_be_bytes());
        out.push(components);
        out.extend_from_slice(&[1, 0x11, 0]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    #[test]
    fn a_large_png_is_shrunk_and_keeps_its_transparency() {
        let logo = Logo::read(&sample_png(1200, 1000)).unwrap();
        assert_eq!(logo.media_type, "image/png");
        assert_eq!((logo.width, logo.height), (400, 334));
        let ImageData::Raw {
            channels,
            pixels: px,
            ..
        } = logo.image()
        else {
            panic!("raw image expected");
        };
        assert_eq!(*channels, 4);
        assert_eq!(px.len(), 400 * 334 * 4);
        // The corner stays transparent, the centre is the disc's colour.
        assert_eq!(px[3], 0);
        let centre = (167 * 400 + 200) * 4;
        assert_eq!(&px[centre..centre + 4], &[150, 20, 30, 255]);
        let small = Logo::read(&sample_png(64, 64)).unwrap();
        assert_eq!((small.width, small.height), (64, 64));
    }

    #[test]
    fn jpeg_size_comes_from_its_frame_header() {
        let logo = Logo::read(&sample_jpeg(300, 200, 3)).unwrap();
        assert_eq!(
            (logo.media_type, logo.width, logo.height),
            ("image/jpeg", 300, 200)
        );
        let e = Logo::read(&sample_jpeg(300, 200, 4)).unwrap_err();
        assert!(e.to_string().contains("CMYK"), "{e}");
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        for (bytes, expect) in [
            (b"GIF89a....".to_vec(), "PNG atau JPEG"),
            (b"\x89PNG\r\n\x1a\nrusak".to_vec(), "tidak dapat dibaca"),
            (vec![0xFF, 0xD8, 0x00], "tidak dapat dibaca"),
            (sample_png(8, 8), "terlalu kecil"),
            (vec![0xFF; MAX_BYTES + 1], "terlalu besar"),
            (sample_jpeg(2000, 20, 3), "tidak wajar"),
        ] {
            let e = Logo::read(&bytes).unwrap_err();
            assert!(e.to_string().contains(expect), "{e}");
        }
    }
}
