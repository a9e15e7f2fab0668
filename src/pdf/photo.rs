//! The photo on a participant card: a PNG or JPEG scan (a pas foto, or a
//! DRH scanned as an image) cropped to 3 × 4 about its centre, shrunk to
//! [`WIDTH`] × [`HEIGHT`] pixels and embedded again as a small JPEG, so
//! that thousands of cards stay a file of sane size whatever was scanned.
//!
//! A scan comes from outside: its size is bounded before it is decoded
//! (bytes, and pixels through the decoders' limits) and anything broken is
//! refused with an error, for the caller to print an empty photo box.

use std::io::Cursor;

use super::writer::ImageData;
use crate::error::{Error, Result};

/// Width of the embedded photo in pixels (about 200 dpi on a 3 cm box).
pub const WIDTH: u32 = 240;
/// Height of the embedded photo in pixels (3 × 4).
pub const HEIGHT: u32 = 320;
/// Largest side of a scan decoded for its photo, in pixels.
const MAX_SIDE: u32 = 12_000;
/// Largest scan read for a photo.
pub const MAX_BYTES: usize = crate::domain::scan::MAX_BYTES;

fn broken(reason: impl std::fmt::Display) -> Error {
    Error::validation("foto", format!("Foto tidak dapat dibaca: {reason}."))
}

/// Reads a PNG or JPEG and makes the card's photo of it.
pub fn card_photo(bytes: &[u8]) -> Result<ImageData> {
    if bytes.len() > MAX_BYTES {
        return Err(broken("berkas terlalu besar"));
    }
    let (pixels, w, h, channels) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)?
    } else {
        return Err(broken("bukan gambar PNG atau JPEG"));
    };
    if w < 8 || h < 8 {
        return Err(broken("gambar terlalu kecil"));
    }
    let rgb = to_rgb(&pixels, channels);
    let (cropped, cw, ch) = crop_3x4(&rgb, w, h);
    let small = resample(&cropped, cw, ch, WIDTH, HEIGHT);
    let mut out = Vec::with_capacity(24 * 1024);
    jpeg_encoder::Encoder::new(&mut out, 82)
        .encode(
            &small,
            WIDTH as u16,
            HEIGHT as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| Error::Internal(format!("foto JPEG: {e}")))?;
    Ok(ImageData::Jpeg {
        width: WIDTH,
        height: HEIGHT,
        components: 3,
        bytes: out,
    })
}

/// Decoded 8-bit samples, width, height, channels (1 to 4).
type Decoded = (Vec<u8>, u32, u32, usize);

fn png(bytes: &[u8]) -> Result<Decoded> {
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: 256 * 1024 * 1024,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(broken)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(broken("gambar terlalu besar"));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| broken("gambar terlalu besar"))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(broken)?;
    buf.truncate(info.buffer_size());
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(broken("warna berindeks")),
    };
    Ok((buf, info.width, info.height, channels))
}

fn jpeg(bytes: &[u8]) -> Result<Decoded> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(256 * 1024 * 1024);
    decoder.read_info().map_err(broken)?;
    let info = decoder
        .info()
        .ok_or_else(|| broken("ukuran tidak terbaca"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(broken("gambar terlalu besar"));
    }
    if w < 8 || h < 8 {
        return Err(broken("gambar terlalu kecil"));
    }
    // Decode at the smallest scale whose 3 × 4 crop still covers the photo.
    let (cw, ch) = crop_size(w, h);
    let f = (WIDTH as f32 / cw as f32).max(HEIGHT as f32 / ch as f32);
    let want = |side: u32| (side as f32 * f).ceil().clamp(1.0, f32::from(u16::MAX)) as u16;
    decoder.scale(want(w), want(h)).map_err(broken)?;
    let pixels = decoder.decode().map_err(broken)?;
    let info = decoder
        .info()
        .ok_or_else(|| broken("ukuran tidak terbaca"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let (pixels, channels) = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => (pixels, 1),
        jpeg_decoder::PixelFormat::RGB24 => (pixels, 3),
        jpeg_decoder::PixelFormat::L16 => (pixels.chunks_exact(2).map(|p| p[0]).collect(), 1),
        jpeg_decoder::PixelFormat::CMYK32 => return Err(broken("warna CMYK")),
    };
    if pixels.len() != w as usize * h as usize * channels {
        return Err(broken("data gambar tidak lengkap"));
    }
    Ok((pixels, w, h, channels))
}

/// RGB samples; transparency is laid on white paper.
fn to_rgb(pixels: &[u8], channels: usize) -> Vec<u8> {
    if channels == 3 {
        return pixels.to_vec();
    }
    let mut out = Vec::with_capacity(pixels.len() / channels * 3);
    for px in pixels.chunks_exact(channels) {
        let (colour, alpha) = match channels {
            1 => ([px[0]; 3], 255),
            2 => ([px[0]; 3], px[1]),
            _ => ([px[0], px[1], px[2]], px[3]),
        };
        for c in colour {
            let a = u32::from(alpha);
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

/// The size of the largest 3 × 4 rectangle in `w` × `h`.
fn crop_size(w: u32, h: u32) -> (u32, u32) {
    if u64::from(w) * 4 > u64::from(h) * 3 {
        ((h * 3 / 4).max(1), h)
    } else {
        (w, (w * 4 / 3).max(1).min(h))
    }
}

/// The largest 3 × 4 rectangle about the centre.
fn crop_3x4(rgb: &[u8], w: u32, h: u32) -> (Vec<u8>, u32, u32) {
    let (cw, ch) = crop_size(w, h);
    let (x0, y0) = ((w - cw) / 2, (h - ch) / 2);
    let mut out = Vec::with_capacity(cw as usize * ch as usize * 3);
    for y in y0..y0 + ch {
        let at = (y as usize * w as usize + x0 as usize) * 3;
        out.extend_from_slice(&rgb[at..at + cw as usize * 3]);
    }
    (out, cw, ch)
}

/// Resamples to `nw` × `nh` by averaging the source pixels each target
/// pixel covers (or repeating them when enlarging).
fn resample(rgb: &[u8], w: u32, h: u32, nw: u32, nh: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(nw as usize * nh as usize * 3);
    for ty in 0..nh {
        let y0 = ty * h / nh;
        let y1 = ((ty + 1) * h / nh).max(y0 + 1).min(h);
        for tx in 0..nw {
            let x0 = tx * w / nw;
            let x1 = ((tx + 1) * w / nw).max(x0 + 1).min(w);
            let mut sum = [0u32; 3];
            for y in y0..y1 {
                let row = y as usize * w as usize;
                for x in x0..x1 {
                    let at = (row + x as usize) * 3;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u32::from(rgb[at + c]);
                    }
                }
            }
            let n = (y1 - y0) * (x1 - x0);
            for s in sum {
                out.push(((s + n / 2) / n) as u8);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::logo::tests::sample_png;

    #[test]
    fn a_wide_png_is_cropped_about_its_centre_to_3x4() {
        let photo = card_photo(&sample_png(800, 400)).unwrap();
        let ImageData::Jpeg {
            width,
            height,
            bytes,
            ..
        } = photo
        else {
            panic!("JPEG expected");
        };
        assert_eq!((width, height), (WIDTH, HEIGHT));
        assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.len() < 60_000);
        // Cropping 300 × 400 from the centre of 800 × 400, then shrinking.
        let (cropped, cw, ch) = crop_3x4(&vec![0; 800 * 400 * 3], 800, 400);
        assert_eq!((cw, ch, cropped.len()), (300, 400, 300 * 400 * 3));
        let (_, cw, ch) = crop_3x4(&vec![0; 300 * 900 * 3], 300, 900);
        assert_eq!((cw, ch), (300, 400));
    }

    #[test]
    fn a_jpeg_is_decoded_and_anything_else_refused() {
        let mut jpeg = Vec::new();
        let rgb: Vec<u8> = (0..600 * 800)
            .flat_map(|i| [(i % 251) as u8, 90, 200])
            .collect();
        jpeg_encoder::Encoder::new(&mut jpeg, 90)
            .encode(&rgb, 600, 800, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        assert!(matches!(
            card_photo(&jpeg).unwrap(),
            ImageData::Jpeg { width: 240, .. }
        ));
        // Decoded at half size (300 × 400), still covering the photo.
        let (_, w, h, _) = super::jpeg(&jpeg).unwrap();
        assert_eq!((w, h), (300, 400));
        for bad in [
            b"%PDF-1.7".to_vec(),
            vec![0xFF, 0xD8, 0xFF, 0x00],
            b"\x89PNG\r\n\x1a\nrusak".to_vec(),
        ] {
            let e = card_photo(&bad).unwrap_err();
            assert!(e.to_string().contains("Foto tidak dapat dibaca"), "{e}");
        }
    }

    #[test]
    fn transparency_is_laid_on_white() {
        assert_eq!(
            to_rgb(&[10, 20, 30, 0, 10, 20, 30, 255], 4),
            [255, 255, 255, 10, 20, 30]
        );
        assert_eq!(to_rgb(&[7], 1), [7, 7, 7]);
    }
}
