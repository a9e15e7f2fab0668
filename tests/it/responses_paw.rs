//! Public responses that drop a candidate (the next reserve moves up) and
//! interim replacements (PAW) during the term, in the order of the ranking.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::ranking::Status;
use adhoc::domain::round::Stage;
use adhoc::domain::round::{Preset, ResponseWindow};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::paw::{self, LeaveCause, LeaveInput};
use adhoc::service::responses::{self, Outcome, ResponseInput};
use adhoc::service::scores::record_mark;
use adhoc::service::selection::results;
use adhoc::service::stages::{close, open};
use common::{
    as_role, decide_admin, go_on_without_extensions, now, ready_db, small_ppk_round_with,
};

/// Smallest JPEG the sniffer accepts.
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
];

#[tokio::test]
async fn a_founded_response_moves_the_reserve_up_and_paw_follows_the_ranking() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    // Quota 2: positions 1–2 Terpilih, 3–4 Cadangan, 5–6 not listed. This
    // office takes responses until the swearing in (recorded during Akhir).
    let (round, people) = small_ppk_round_with(&t.db, &admin, Preset::Pemilu2024, 2, 6, |s| {
        s.responses_until = ResponseWindow::Pelantikan
    })
    .await;
    let id = |i: usize| people[i].0;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(&t.db, &admin, round).await;
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    for (stage, base) in [(Stage::Tertulis, 80), (Stage::Wawancara, 90)] {
        open(&t.db, &chair, round, stage, now()).await.unwrap();
        for i in 0..6 {
            let mark = (base - 5 * i as u32).to_string();
            record_mark(&t.db, &verifier, round, stage, id(i), &mark, now())
                .await
                .unwrap();
        }
        close(&t.db, &chair, round, stage, now()).await.unwrap();
    }
    open(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();

    // A response about the first-ranked candidate, with a scan.
    let input = ResponseInput {
        applicant_id: id(0),
        received_on: "20-11-2026".into(),
        sender: "Warga Desa Purwodadi".into(),
        contact: "0812 0000 0000".into(),
        content: "Calon ini masih tercatat sebagai pengurus partai di desa kami.".into(),
    };
    let e = responses::record(&t.db, &desk, &input, None, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = responses::record(
        &t.db,
        &verifier,
        &ResponseInput {
            content: "pendek".into(),
            ..input.clone()
        },
        None,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("isi"));
    let founded = responses::record(
        &t.db,
        &verifier,
        &input,
        Some(("/tmp/surat warga.jpg", JPEG)),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(founded.outcome, Outcome::Proses);
    assert_eq!(founded.attachment_name.as_deref(), Some("surat warga.jpg"));
    let unfounded = responses::record(
        &t.db,
        &verifier,
        &ResponseInput {
            applicant_id: id(1),
            ..input.clone()
        },
        None,
        now(),
    )
    .await
    .unwrap();
    responses::clarify(
        &t.db,
        &verifier,
        founded.id,
        "Calon mengakui masih menjadi pengurus ranting partai.",
        now(),
    )
    .await
    .unwrap();

    // Only the Pimpinan decides; an unfounded one changes nothing.
    let e = responses::decide(
        &t.db,
        &verifier,
        founded.id,
        Outcome::Terbukti,
        "BA pleno 14/2026 terbukti",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    responses::decide(
        &t.db,
        &chair,
        unfounded.id,
        Outcome::TidakTerbukti,
        "Klarifikasi: tuduhan tidak benar",
        now(),
    )
    .await
    .unwrap();
    let before = results(&t.db, &chair, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    assert_eq!(before[0].applicant_id, id(0));
    assert_eq!(before[0].status, Status::Terpilih);
    close(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();

    // Founded after the final announcement: the candidate is out, the first
    // reserve becomes Terpilih, and nobody outside the announced list moves in.
    let decided = responses::decide(
        &t.db,
        &chair,
        founded.id,
        Outcome::Terbukti,
        "Berita Acara pleno 14/2026: terbukti pengurus partai",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(decided.outcome, Outcome::Terbukti);
    let e = responses::decide(
        &t.db,
        &chair,
        founded.id,
        Outcome::TidakTerbukti,
        "Berubah pikiran setelah itu",
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sudah diputuskan"), "{e}");
    let after = results(&t.db, &chair, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    let status = |i: usize| {
        after
            .iter()
            .find(|r| r.applicant_id == id(i))
            .unwrap()
            .status
    };
    assert_eq!(status(0), Status::Gugur);
    assert_eq!((status(1), status(2)), (Status::Terpilih, Status::Terpilih));
    assert_eq!(status(3), Status::Cadangan);
    assert_eq!(
        (status(4), status(5)),
        (Status::TidakTerpilih, Status::TidakTerpilih)
    );

    // PAW only during the term.
    let leave = |member: i64| LeaveInput {
        member_id: member,
        cause: LeaveCause::MengundurkanDiri,
        left_on: now().date_naive(),
        reason: "Surat pengunduran diri tertanggal hari ini".into(),
    };
    let e = paw::record_leave(&t.db, &chair, round, &leave(id(1)), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("masa kerja"), "{e}");
    close(&t.db, &chair, round, Stage::Penetapan, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::MasaKerja, now())
        .await
        .unwrap();
    let e = responses::record(&t.db, &verifier, &input, None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("PAW"), "{e}");

    let units = paw::members(&t.db, &chair, round, Some("35.14.01"), now())
        .await
        .unwrap();
    let unit = &units[0];
    let ids = |ps: &[paw::Person]| ps.iter().map(|p| p.applicant_id).collect::<Vec<_>>();
    assert_eq!(ids(&unit.members), vec![id(1), id(2)]);
    assert_eq!(ids(&unit.reserves), vec![id(3)]);

    // A non-member cannot leave; a member's departure proposes the first reserve.
    let e = paw::record_leave(&t.db, &chair, round, &leave(id(4)), now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("anggota"));
    let unit = paw::record_leave(&t.db, &chair, round, &leave(id(1)), now())
        .await
        .unwrap();
    let pending = unit.pending.unwrap();
    assert_eq!(unit.proposed.as_ref().unwrap().applicant_id, id(3));
    assert_eq!(ids(&unit.members), vec![id(2)]);
    let e = paw::confirm(
        &t.db,
        &chair,
        round,
        pending,
        id(4),
        "Keputusan KPU 99/2026 PAW",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("pengganti"));
    let unit = paw::confirm(
        &t.db,
        &chair,
        round,
        pending,
        id(3),
        "Keputusan KPU 99/2026 PAW",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(ids(&unit.members), vec![id(2), id(3)]);
    assert!(unit.reserves.is_empty());
    // The list, the detail and the final results say it too.
    let listed = adhoc::service::registration::list(
        &t.db,
        &desk,
        &adhoc::service::registration::ApplicantQuery {
            round_id: round,
            limit: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let standing = |i: usize| listed.rows.iter().find(|r| r.id == id(i)).unwrap().standing;
    use adhoc::domain::standing::Standing;
    assert_eq!(
        [
            standing(0),
            standing(1),
            standing(2),
            standing(3),
            standing(4)
        ],
        [
            Standing::Gugur,
            Standing::Berhenti,
            Standing::Terpilih,
            Standing::Pengganti,
            Standing::TidakTerpilih
        ]
    );
    let final_list = results(&t.db, &chair, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    let note = |i: usize| {
        final_list
            .iter()
            .find(|r| r.applicant_id == id(i))
            .and_then(|r| r.paw_note.clone())
    };
    assert!(
        note(1).unwrap().contains("diganti melalui PAW"),
        "{:?}",
        note(1)
    );
    assert!(
        note(3).unwrap().starts_with("Pengganti antarwaktu"),
        "{:?}",
        note(3)
    );
    assert_eq!(note(2), None);
    assert_eq!(unit.history.len(), 1);
    assert_eq!(
        unit.history[0].replacement.as_ref().unwrap().applicant_id,
        id(3)
    );

    // With no reserve left, the app says so and nobody is appointed.
    let unit = paw::record_leave(
        &t.db,
        &chair,
        round,
        &LeaveInput {
            cause: LeaveCause::Meninggal,
            ..leave(id(2))
        },
        now(),
    )
    .await
    .unwrap();
    assert!(unit.proposed.is_none());
    let e = paw::confirm(
        &t.db,
        &chair,
        round,
        unit.pending.unwrap(),
        id(4),
        "Keputusan KPU 100/2026",
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("Tidak ada calon cadangan"), "{e}");
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'paw.%' OR action LIKE 'response.%' ORDER BY id",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "response.record",
            "response.record",
            "response.clarify",
            "response.decide",
            "response.decide",
            "paw.leave",
            "paw.confirm",
            "paw.leave"
        ]
    );
}
