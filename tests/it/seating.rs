//! The written test's logistics in the core (issue 17): participant
//! numbers given when the test opens, venues, rooms and sessions, the
//! automatic seating with the ground floor first, a shortage refused,
//! manual moves, and the public schedule as PDF (valid, and without a
//! participant's NIK, birth date, phone or address); once published,
//! numbers and seats stay and a new participant gets the next ones.

use crate::common;
use crate::publications::{flat, text_of, tool};

use adhoc::domain::account::Role;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::pdf::Paper;
use adhoc::service::seating::{self, RoomInput, SeatMove, SessionInput, VenueInput};
use adhoc::service::stages::{close, open, reopen};
use common::{
    as_role, close_administration, decide_admin, go_on_without_extensions, now, ready_db,
    small_ppk_round,
};

fn room(name: &str, capacity: u32, ground_floor: bool) -> RoomInput {
    RoomInput {
        name: name.into(),
        capacity,
        ground_floor,
        note: String::new(),
    }
}

fn sesi(label: &str, starts: &str, ends: &str) -> SessionInput {
    SessionInput {
        label: label.into(),
        date: "14-12-2026".into(),
        starts_at: starts.into(),
        ends_at: ends.into(),
    }
}

#[tokio::test]
async fn participants_are_numbered_seated_moved_and_announced() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 8).await;
    decide_admin(
        &t.db,
        &admin,
        people[..7].iter().map(|p| p.0),
        AdminVerdict::MS,
    )
    .await;
    decide_admin(&t.db, &admin, [people[7].0], AdminVerdict::TMS).await;
    // The fifth uses a wheelchair; everyone left a phone number.
    sqlx::query("UPDATE applicants SET disability = 'Pengguna kursi roda' WHERE id = ?")
        .bind(people[4].0)
        .execute(t.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE applicants SET phone = '081234567890'")
        .execute(t.db.pool())
        .await
        .unwrap();
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(&t.db, &admin, round).await;

    // Numbers wait for the administrative check to close.
    let e = seating::give_numbers(&t.db, &admin, round, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("setelah penelitian administrasi"),
        "{e}"
    );
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();

    // Venues are prepared before the test opens; only by an Administrator.
    let venue = VenueInput {
        name: "SMA Negeri 1 Bangil".into(),
        address: "Jl. Raya Bangil 1".into(),
    };
    let e = seating::add_venue(&t.db, &desk, round, &venue, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let v = seating::add_venue(&t.db, &admin, round, &venue, now())
        .await
        .unwrap()
        .id;
    let e = seating::add_venue(&t.db, &admin, round, &venue, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ada"), "{e}");
    let r1 = seating::add_room(&t.db, &admin, v, &room("Ruang 1", 2, false), now())
        .await
        .unwrap()
        .id;
    let r2 = seating::add_room(&t.db, &admin, v, &room("Ruang 2", 2, true), now())
        .await
        .unwrap()
        .id;
    let e = seating::add_room(&t.db, &admin, v, &room("Ruang 3", 0, false), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("Kapasitas"), "{e}");
    let s1 = seating::add_session(
        &t.db,
        &admin,
        round,
        &sesi("Sesi 1", "08:00", "10:00"),
        now(),
    )
    .await
    .unwrap()
    .id;
    let e = seating::add_session(
        &t.db,
        &admin,
        round,
        &sesi("Sesi 2", "10:00", "09:00"),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("setelah jam mulai"), "{e}");

    // Opening the written test numbers every MS applicant, by unit then name.
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    let list = seating::participants(&t.db, &admin, round, None)
        .await
        .unwrap();
    assert_eq!(list.len(), 7, "the TMS applicant is no participant");
    let numbers: Vec<&str> = list.iter().map(|p| p.number.as_deref().unwrap()).collect();
    assert_eq!(numbers[0], "PPK-3514-T0001");
    assert_eq!(numbers[6], "PPK-3514-T0007");
    assert_eq!(list[0].full_name, "Calon 01");

    // One session of 4 seats is short of 3; nothing is stored.
    let e = seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("kurang 3 kursi"), "{e}");
    let s2 = seating::add_session(
        &t.db,
        &admin,
        round,
        &sesi("Sesi 2", "10:30", "12:00"),
        now(),
    )
    .await
    .unwrap()
    .id;
    let done = seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap();
    assert_eq!((done.placed, done.kept), (7, 0));
    let list = seating::participants(&t.db, &admin, round, None)
        .await
        .unwrap();
    let wheelchair = list.iter().find(|p| p.applicant_id == people[4].0).unwrap();
    assert_eq!(
        (wheelchair.room_id, wheelchair.session_id, wheelchair.seat),
        (Some(r2), Some(s1), Some(1)),
        "the ground floor first"
    );
    let overview = seating::overview(&t.db, &admin, round).await.unwrap();
    assert_eq!(
        (
            overview.numbered,
            overview.seated,
            overview.seats_per_session
        ),
        (7, 7, 4)
    );
    assert_eq!(overview.sessions[0].date_text, "Senin, 14 Desember 2026");

    // Moves: an occupied seat, a seat beyond the room, then the free one.
    let free = (s2, r2, 2);
    let first = list[0].number.clone().unwrap();
    let mv = |session_id, room_id, seat, reason: &str| SeatMove {
        number: first.clone(),
        session_id,
        room_id,
        seat,
        reason: reason.into(),
    };
    let e = seating::move_participant(&t.db, &admin, round, &mv(s1, r2, 1, ""), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ditempati"), "{e}");
    let e = seating::move_participant(&t.db, &admin, round, &mv(s1, r1, 3, ""), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("kapasitasnya 2"), "{e}");
    seating::move_participant(&t.db, &admin, round, &mv(free.0, free.1, free.2, ""), now())
        .await
        .unwrap();

    // The announcement: valid PDF, numbers and names, nothing private.
    let doc = seating::schedule_pdf(&t.db, &desk, round, Paper::A4, None, now())
        .await
        .unwrap();
    assert!(doc.published_now);
    let pdf = t.dir.path().join(&doc.file);
    std::fs::write(&pdf, &doc.bytes).unwrap();
    let check = String::from_utf8(tool("qpdf", &["--check", pdf.to_str().unwrap()])).unwrap();
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let text = flat(&text_of(&pdf));
    for p in &list {
        assert!(text.contains(p.number.as_deref().unwrap()), "{text}");
        assert!(text.contains(&p.full_name), "{text}");
    }
    assert!(text.contains("JADWAL DAN TEMPAT TES TERTULIS"), "{text}");
    assert!(
        text.contains("Jl. Raya Bangil 1"),
        "the venue's address: {text}"
    );
    for private in [
        "35140112089",
        "12-08-1990",
        "1990",
        "081234567890",
        "Dusun Krajan",
    ] {
        assert!(!text.contains(private), "{private} printed: {text}");
    }

    // Published: moves need a reason, rooms in use stay, numbers stay.
    let e = seating::move_participant(&t.db, &admin, round, &mv(s1, r1, 1, ""), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("alasan"), "{e}");
    seating::move_participant(
        &t.db,
        &admin,
        round,
        &mv(s1, r1, 1, "Peserta meminta ruang dekat pintu"),
        now(),
    )
    .await
    .unwrap();
    let e = seating::delete_room(&t.db, &admin, r2, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah diumumkan"), "{e}");
    let e = seating::set_number_format(&t.db, &admin, round, "TES-{NNNN}", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah diumumkan"), "{e}");

    // The eighth becomes MS after a reopened check: the next number, a free
    // seat, and everyone else keeps theirs.
    let before = seating::participants(&t.db, &admin, round, None)
        .await
        .unwrap();
    reopen(
        &t.db,
        &admin,
        round,
        Stage::Administrasi,
        "Sanggahan diterima pleno",
        now(),
    )
    .await
    .unwrap();
    decide_admin(&t.db, &admin, [people[7].0], AdminVerdict::MS).await;
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    let done = seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap();
    assert_eq!((done.placed, done.kept), (1, 7));
    let after = seating::participants(&t.db, &admin, round, None)
        .await
        .unwrap();
    for b in &before {
        let a = after
            .iter()
            .find(|a| a.applicant_id == b.applicant_id)
            .unwrap();
        assert_eq!(
            (&a.number, a.session_id, a.room_id, a.seat),
            (&b.number, b.session_id, b.room_id, b.seat)
        );
    }
    let eighth = after
        .iter()
        .find(|a| a.applicant_id == people[7].0)
        .unwrap();
    assert_eq!(eighth.number.as_deref(), Some("PPK-3514-T0008"));
    assert!(eighth.seat.is_some());

    // Every change is in the audit trail.
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'seating.%' OR action LIKE 'test_%' ORDER BY id",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    for a in [
        "test_venue.add",
        "test_room.add",
        "test_session.add",
        "seating.numbers",
        "seating.assign",
        "seating.move",
        "seating.publish",
    ] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} not audited: {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_deleted_session_clears_the_unpublished_seating() {
    let (t, admin) = ready_db().await;
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 3).await;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close_administration(&t.db, &admin, round).await;
    let venue = VenueInput {
        name: "Aula Kecamatan".into(),
        address: String::new(),
    };
    let v = seating::add_venue(&t.db, &admin, round, &venue, now())
        .await
        .unwrap()
        .id;
    seating::add_room(&t.db, &admin, v, &room("Aula", 3, false), now())
        .await
        .unwrap();
    let s = seating::add_session(
        &t.db,
        &admin,
        round,
        &sesi("Sesi 1", "08:00", "10:00"),
        now(),
    )
    .await
    .unwrap()
    .id;
    let given = seating::give_numbers(&t.db, &admin, round, now())
        .await
        .unwrap();
    assert_eq!((given.given, given.renumbered), (3, true));
    seating::auto_assign(&t.db, &admin, round, now())
        .await
        .unwrap();
    let change = seating::delete_session(&t.db, &admin, s, now())
        .await
        .unwrap();
    assert_eq!(change.seats_cleared, 3);
    let e = seating::schedule_pdf(&t.db, &admin, round, Paper::A4, None, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("belum mendapat nomor atau tempat duduk"),
        "{e}"
    );
}
