//! Participant cards (issue 17): refused until everyone chosen has a number
//! and a seat; then a valid PDF (qpdf) with number, name, unit, venue and
//! session, nothing private (NIK, birth date, phone, address), the photo
//! from a DRH scanned as PNG (pdfimages) and a box to glue one in for the
//! others; one applicant's card, a unit's, a session's; the number shown
//! in the applicant's detail; the CLI's `tes kartu`.

use std::path::Path;

use crate::common;
use crate::publications::{flat, text_of, tool};

use adhoc::domain::account::Role;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::pdf::participant_card::CardLayout;
use adhoc::service::registration;
use adhoc::service::scans::{attach, attach_photo};
use adhoc::service::seating::{self, CardFilter, RoomInput, SessionInput, VenueInput};
use adhoc::service::stages::open;
use common::{as_role, close_administration, decide_admin, now, ready_db, small_ppk_round};

/// A 600 × 800 PNG, as a scanner makes of a DRH page.
pub(crate) fn scan_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 600, 800);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    let data: Vec<u8> = (0..600 * 800)
        .flat_map(|i: u32| [(i % 600 / 3) as u8, (i / 600 / 4) as u8, 120])
        .collect();
    w.write_image_data(&data).unwrap();
    drop(w);
    out
}

fn check_pdf(pdf: &Path) {
    let check = String::from_utf8(tool("qpdf", &["--check", pdf.to_str().unwrap()])).unwrap();
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

/// Images listed by `pdfimages -list` (after its two heading lines).
fn images(pdf: &Path) -> usize {
    let list = String::from_utf8(tool("pdfimages", &["-list", pdf.to_str().unwrap()])).unwrap();
    list.lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[tokio::test]
async fn cards_carry_number_seat_and_photo_and_nothing_private() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 4).await;
    // The first handed in a DRH scanned as PNG, the second as PDF.
    attach(
        &t.db,
        &desk,
        people[0].0,
        "drh",
        "drh.png",
        &scan_png(),
        now(),
    )
    .await
    .unwrap();
    attach(
        &t.db,
        &desk,
        people[1].0,
        "drh",
        "drh.pdf",
        b"%PDF-1.4\n% a DRH\n",
        now(),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE applicants SET phone = '081234567890'")
        .execute(t.db.pool())
        .await
        .unwrap();
    decide_admin(
        &t.db,
        &admin,
        people[..3].iter().map(|p| p.0),
        AdminVerdict::MS,
    )
    .await;
    decide_admin(&t.db, &admin, [people[3].0], AdminVerdict::TMS).await;
    close_administration(&t.db, &admin, round).await;
    let venue = VenueInput {
        name: "SMA Negeri 1 Bangil".into(),
        address: "Jl. Raya Bangil 1".into(),
    };
    let v = seating::add_venue(&t.db, &admin, round, &venue, now())
        .await
        .unwrap()
        .id;
    let room = RoomInput {
        name: "Ruang 1".into(),
        capacity: 10,
        ground_floor: true,
        note: String::new(),
    };
    seating::add_room(&t.db, &admin, v, &room, now())
        .await
        .unwrap();
    let session = SessionInput {
        label: "Sesi 1".into(),
        date: "14-12-2026".into(),
        starts_at: "08:00".into(),
        ends_at: "10:00".into(),
    };
    let s1 = seating::add_session(&t.db, &admin, round, &session, now())
        .await
        .unwrap()
        .id;
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();

    // Numbered but not seated yet: no cards.
    let all = CardFilter::default();
    let e = seating::cards_pdf(&t.db, &desk, round, &all, CardLayout::Sheet)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tempat duduk"), "{e}");
    seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap();

    // Every card, by the help desk: valid, public data only, one photo.
    let doc = seating::cards_pdf(&t.db, &desk, round, &all, CardLayout::Sheet)
        .await
        .unwrap();
    assert_eq!((doc.cards, doc.without_photo), (3, 2));
    let pdf = t.dir.path().join(&doc.file);
    std::fs::write(&pdf, &doc.bytes).unwrap();
    check_pdf(&pdf);
    let text = flat(&text_of(&pdf));
    for needle in [
        "KARTU PESERTA TES TERTULIS",
        "PPK-3514-T0001",
        "PPK-3514-T0003",
        "Calon 01",
        "Kecamatan Purwodadi",
        "SMA Negeri 1 Bangil",
        "Ruang 1, kursi 1",
        "Senin, 14 Desember 2026",
        "08:00–10:00",
        "Tempel pas foto 3×4",
    ] {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }
    assert!(!text.contains("Calon 04"), "the TMS applicant has no card");
    for private in [
        "35140112089",
        "12-08-1990",
        "1990",
        "081234567890",
        "Dusun Krajan",
    ] {
        assert!(!text.contains(private), "{private} printed: {text}");
    }
    assert_eq!(images(&pdf), 1, "the DRH scanned as PNG gives the photo");
    let bytes = String::from_utf8_lossy(&doc.bytes);
    assert!(bytes.contains("/Width 240 /Height 320"), "cropped 3 × 4");

    // One applicant's card, one page: without a photo for the PDF DRH.
    let one = CardFilter {
        applicant_id: Some(people[1].0),
        ..CardFilter::default()
    };
    let doc = seating::cards_pdf(&t.db, &desk, round, &one, CardLayout::Single)
        .await
        .unwrap();
    assert_eq!(doc.cards, 1);
    assert!(
        doc.file.starts_with("kartu-peserta-PPK-3514-T"),
        "{}",
        doc.file
    );
    let pdf = t.dir.path().join("satu.pdf");
    std::fs::write(&pdf, &doc.bytes).unwrap();
    check_pdf(&pdf);
    assert_eq!(images(&pdf), 0);
    assert!(flat(&text_of(&pdf)).contains("Calon 02"));

    // A photo uploaded for the card after the administrative check: the
    // card carries it; a PDF is no photo.
    let e = attach_photo(&t.db, &desk, people[1].0, "foto.pdf", b"%PDF-1.4\n", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("JPG atau PNG"), "{e}");
    attach_photo(&t.db, &desk, people[1].0, "foto.png", &scan_png(), now())
        .await
        .unwrap();
    let doc = seating::cards_pdf(&t.db, &desk, round, &one, CardLayout::Single)
        .await
        .unwrap();
    assert_eq!(doc.without_photo, 0);
    std::fs::write(&pdf, &doc.bytes).unwrap();
    check_pdf(&pdf);
    assert_eq!(images(&pdf), 1, "the uploaded photo is on the card");

    // A unit's and a session's cards; a TMS applicant gets none.
    for filter in [
        CardFilter {
            unit: Some("35.14.01".into()),
            ..CardFilter::default()
        },
        CardFilter {
            session_id: Some(s1),
            ..CardFilter::default()
        },
    ] {
        let doc = seating::cards_pdf(&t.db, &desk, round, &filter, CardLayout::Sheet)
            .await
            .unwrap();
        assert_eq!(doc.cards, 3);
    }
    let e = seating::cards_pdf(
        &t.db,
        &desk,
        round,
        &CardFilter {
            unit: Some("35.14.02".into()),
            ..CardFilter::default()
        },
        CardLayout::Sheet,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("Tidak ada peserta"), "{e}");
    let e = seating::cards_pdf(
        &t.db,
        &desk,
        round,
        &CardFilter {
            applicant_id: Some(people[3].0),
            ..CardFilter::default()
        },
        CardLayout::Sheet,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("bukan peserta"), "{e}");

    // The detail screen knows the number (and offers the card).
    let d = registration::detail(&t.db, &desk, people[0].0, now())
        .await
        .unwrap();
    assert_eq!(d.participant_number.as_deref(), Some("PPK-3514-T0001"));
    let d = registration::detail(&t.db, &desk, people[3].0, now())
        .await
        .unwrap();
    assert_eq!(d.participant_number, None);
}
