//! Tests of the layout toolkit: paper sizes, font metrics, wrapping, and a
//! document serialised to PDF. In their own file, next to the three files
//! they test.

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
