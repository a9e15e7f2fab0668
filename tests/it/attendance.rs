//! Attendance at the written test (issue 17 item 4): numbers typed or
//! scanned (unknown, twice, another round's refused with a reason), a
//! participant marked absent by hand, a wrong record undone, closing a
//! session makes the rest absent with the written mark `absen` and is
//! refused while one of them already has a score (never overridden); the
//! daftar hadir and the Berita Acara pass `qpdf --check` and print names
//! and numbers but no NIK, birth date, phone or address.

use crate::common;
use crate::publications::{flat, text_of, tool};

use adhoc::domain::account::Role;
use adhoc::domain::ranking::Mark;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::pdf::Paper;
use adhoc::service::seating::{self, RoomInput, SessionInput, VenueInput};
use adhoc::service::stages::open;
use adhoc::store::selection::{marks_of, upsert_marks, NewMark};
use common::{as_role, close_administration, decide_admin, now, ready_db, small_ppk_round};

#[tokio::test]
async fn attendance_is_recorded_closed_and_printed() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    // Attendance sets written marks: those who enter scores record it.
    let desk = as_role(&admin, Role::Verifikator);
    let helpdesk = as_role(&admin, Role::Operator);
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 6).await;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    sqlx::query("UPDATE applicants SET phone = '081234567890'")
        .execute(t.db.pool())
        .await
        .unwrap();
    close_administration(&t.db, &admin, round).await;
    let venue = VenueInput {
        name: "SMA Negeri 1 Bangil".into(),
        address: "Jl. Raya Bangil 1".into(),
    };
    let v = seating::add_venue(&t.db, &admin, round, &venue, now())
        .await
        .unwrap()
        .id;
    for name in ["Ruang 1", "Ruang 2"] {
        let room = RoomInput {
            name: name.into(),
            capacity: 2,
            ground_floor: false,
            note: String::new(),
        };
        seating::add_room(&t.db, &admin, v, &room, now())
            .await
            .unwrap();
    }
    let mut ids = Vec::new();
    for (label, starts, ends) in [("Sesi 1", "08:00", "10:00"), ("Sesi 2", "10:30", "12:00")] {
        let s = SessionInput {
            label: label.into(),
            date: "14-12-2026".into(),
            starts_at: starts.into(),
            ends_at: ends.into(),
        };
        ids.push(
            seating::add_session(&t.db, &admin, round, &s, now())
                .await
                .unwrap()
                .id,
        );
    }
    let (s1, s2) = (ids[0], ids[1]);

    // Before the test opens nothing is recorded.
    let e = seating::record_present(&t.db, &desk, round, "PPK-3514-T0001", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak dapat diubah"), "{e}");
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap();
    let list = seating::participants(&t.db, &admin, round, None)
        .await
        .unwrap();
    let num = |i: usize| list[i].number.clone().unwrap();
    let in_s1: Vec<usize> = (0..list.len())
        .filter(|&i| list[i].session_id == Some(s1))
        .collect();
    assert_eq!(in_s1.len(), 4);

    // Staff without score entry may not record; scanning answers with
    // name, room and seat, or a refusal.
    let e = seating::record_present(&t.db, &helpdesk, round, &num(0), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert!(
        seating::record_present(&t.db, &desk, round, &num(0), now())
            .await
            .unwrap()
            .accepted
    );
    let again = seating::record_present(&t.db, &desk, round, &num(0), now())
        .await
        .unwrap();
    assert!(!again.accepted);
    assert!(
        again.message.contains("sudah tercatat hadir pukul"),
        "{}",
        again.message
    );
    let ok = seating::record_present(&t.db, &desk, round, &num(in_s1[1]).to_lowercase(), now())
        .await
        .unwrap();
    assert!(ok.accepted, "{}", ok.message);
    let p = ok.participant.unwrap();
    assert_eq!(p.full_name, list[in_s1[1]].full_name);
    assert!(ok.message.contains("Ruang"), "{}", ok.message);
    let unknown = seating::record_present(&t.db, &desk, round, "PPK-3514-T9999", now())
        .await
        .unwrap();
    assert!(!unknown.accepted && unknown.message.contains("tidak dikenal"));

    // A number of another round.
    let other = adhoc::service::rounds::create_from_preset(
        &t.db,
        &admin,
        adhoc::domain::round::Preset::Pilkada2024,
        adhoc::domain::round::Body::Ppk,
        None,
        now(),
    )
    .await
    .unwrap()
    .id;
    let others = common::register_many(
        &t.db,
        &as_role(&admin, Role::Operator),
        other,
        "35.14.01",
        50,
        1,
        now(),
    )
    .await;
    sqlx::query(
        "INSERT INTO participant_numbers (applicant_id, round_id, seq, number, given_at)
         VALUES (?, ?, 1, 'PPK-3514-X0001', '2026-11-23T08:00:00Z')",
    )
    .bind(others[0].0)
    .bind(other)
    .execute(t.db.pool())
    .await
    .unwrap();
    let elsewhere = seating::record_present(&t.db, &desk, round, "PPK-3514-X0001", now())
        .await
        .unwrap();
    assert!(
        !elsewhere.accepted && elsewhere.message.contains("seleksi lain"),
        "{}",
        elsewhere.message
    );

    // Marked absent by hand (a reason), then undone (a longer reason).
    let third = num(in_s1[2]);
    let e = seating::mark_absent(&t.db, &desk, round, &third, "", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "validation");
    seating::mark_absent(&t.db, &desk, round, &third, "tidak datang", now())
        .await
        .unwrap();
    let id3 = list[in_s1[2]].applicant_id;
    let mut conn = t.db.pool().acquire().await.unwrap();
    assert_eq!(
        marks_of(&mut conn, id3).await.unwrap().0,
        Some(Mark::Absent)
    );
    seating::undo_attendance(&t.db, &desk, round, &third, "salah pindai nomor", now())
        .await
        .unwrap();
    assert_eq!(marks_of(&mut conn, id3).await.unwrap().0, None);

    // The fourth of session 1 has a score entered but no record: closing
    // refuses and names them; recorded present, closing goes on.
    let fourth = list[in_s1[3]].applicant_id;
    upsert_marks(
        &mut conn,
        Stage::Tertulis,
        &[NewMark {
            applicant_id: fourth,
            mark: Some(Mark::Score(7000)),
        }],
        None,
        now(),
    )
    .await
    .unwrap();
    drop(conn);
    let preview = seating::closing_preview(&t.db, &desk, round, Some(s1))
        .await
        .unwrap();
    assert_eq!(preview.becomes_absent.len(), 1);
    assert_eq!(preview.scored.len(), 1);
    let e = seating::close_attendance(&t.db, &desk, round, Some(s1), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains(&num(in_s1[3])), "{e}");
    assert!(
        seating::record_present(&t.db, &desk, round, &num(in_s1[3]), now())
            .await
            .unwrap()
            .accepted
    );
    let closed = seating::close_attendance(&t.db, &desk, round, Some(s1), now())
        .await
        .unwrap();
    assert_eq!(closed.absent, 1);
    let mut conn = t.db.pool().acquire().await.unwrap();
    assert_eq!(
        marks_of(&mut conn, id3).await.unwrap().0,
        Some(Mark::Absent)
    );
    assert_eq!(
        marks_of(&mut conn, fourth).await.unwrap().0,
        Some(Mark::Score(7000)),
        "a score entered is never overridden"
    );
    drop(conn);

    // Absent on the list: no mark can be typed or imported for them; a
    // CAT export naming the others by participant number is read.
    use adhoc::service::scores::{import_marks, record_mark};
    let e = record_mark(&t.db, &desk, round, Stage::Tertulis, id3, "80", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tercatat tidak hadir"), "{e}");
    let csv = format!(
        "nomor_pendaftaran,nilai\n{},80\n{},75\n",
        list[in_s1[2]].reg_number,
        num(in_s1[3]).to_lowercase()
    );
    let r = import_marks(&t.db, &desk, round, Stage::Tertulis, csv.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(r.problems.total(), 1, "{:?}", r.problems);
    assert!(
        r.problems.listed[0].reason.contains("tercatat tidak hadir"),
        "{:?}",
        r.problems
    );
    let csv = format!("nomor_pendaftaran,nilai\n{},75\n", num(in_s1[3]));
    let r = import_marks(&t.db, &desk, round, Stage::Tertulis, csv.as_bytes(), now())
        .await
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.stored, 1);

    // Counts per room and totals.
    let view = seating::attendance(&t.db, &admin, round).await.unwrap();
    assert_eq!(
        (
            view.totals.seated,
            view.totals.present,
            view.totals.absent,
            view.totals.open
        ),
        (6, 3, 1, 2)
    );
    assert!(view
        .rooms
        .iter()
        .all(|r| r.session_id != Some(s1) || r.open == 0));

    // The daftar hadir of session 2 and the Berita Acara.
    let lists = seating::attendance_list_pdf(&t.db, &admin, round, None, Some(s2), Paper::A4)
        .await
        .unwrap();
    let report = seating::attendance_report_pdf(&t.db, &admin, round, Paper::F4, None, now())
        .await
        .unwrap();
    let all = seating::attendance_list_pdf(&t.db, &admin, round, None, None, Paper::A4)
        .await
        .unwrap();
    for (doc, must) in [
        (
            &lists,
            vec![
                "DAFTAR HADIR PESERTA TES TERTULIS",
                "Sesi 2",
                "Tanda Tangan",
                "Pengawas II",
            ],
        ),
        (&all, vec!["Tidak hadir", "Ruang 2"]),
        (
            &report,
            vec![
                "BERITA ACARA",
                "PELAKSANAAN TES TERTULIS",
                "Jumlah peserta 6 orang: hadir 3 orang, tidak hadir 1 orang",
                "DRAF",
            ],
        ),
    ] {
        let pdf = t.dir.path().join(&doc.file);
        std::fs::write(&pdf, &doc.bytes).unwrap();
        let check = String::from_utf8(tool("qpdf", &["--check", pdf.to_str().unwrap()])).unwrap();
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        let text = flat(&text_of(&pdf));
        for m in must {
            assert!(text.contains(m), "{m} missing: {text}");
        }
        for private in [
            "35140112089",
            "12-08-1990",
            "1990",
            "081234567890",
            "Dusun Krajan",
        ] {
            assert!(!text.contains(private), "{private} printed: {text}");
        }
    }
    let text = flat(&text_of(&t.dir.path().join(&all.file)));
    for p in &list {
        assert!(text.contains(p.number.as_deref().unwrap()), "{text}");
        assert!(text.contains(&p.full_name), "{text}");
    }

    // The whole test closed: the rest absent; then nothing more is open.
    let closed = seating::close_attendance(&t.db, &desk, round, None, now())
        .await
        .unwrap();
    assert_eq!(closed.absent, 2);
    let view = seating::attendance(&t.db, &admin, round).await.unwrap();
    assert_eq!((view.totals.absent, view.totals.open), (3, 0));
}
