//! The interview by panels, end to end in the core and through the CLI:
//! aspects and weights, panels, assignment, scores typed and imported, the
//! derived interview mark checked against a hand computation, the refusal
//! of a typed mark over panel scores, and the scoring form as PDF.

use std::process::Command;

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::interview::Aspect;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::pdf::Paper;
use adhoc::service::auth::Session;
use adhoc::service::interview::assign::{assign_automatically, schedule};
use adhoc::service::interview::form::scoring_form_pdf;
use adhoc::service::interview::import::import_scores;
use adhoc::service::interview::marks::{card, record_scores, InterviewCard, ScoreCell};
use adhoc::service::interview::{add_panel, set_aspects, setup, NewInterviewer};
use adhoc::service::scores::{import_marks, record_mark, score_sheet};
use adhoc::service::stages::{close, open};
use common::cli::{adhoc, stderr, stdout};
use common::{as_role, close_administration, decide_admin, now, ready_db, small_ppk_round, TestDb};

/// A PPK round whose written test is closed (quota 1: the best 3 of 4 go
/// on to the interview) and whose interview is not opened yet.
async fn round_before_interview() -> (TestDb, Session, i64, Vec<(i64, String)>) {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, people) = small_ppk_round(&t.db, &admin, 1, 4).await;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close_administration(&t.db, &admin, round).await;
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    for (i, s) in ["90", "80", "70", "60"].iter().enumerate() {
        record_mark(
            &t.db,
            &verifier,
            round,
            Stage::Tertulis,
            people[i].0,
            s,
            now(),
        )
        .await
        .unwrap();
    }
    close(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    (t, admin, round, people)
}

fn interviewer(name: &str) -> NewInterviewer {
    NewInterviewer {
        name: name.into(),
        nip: format!("19800101 200501 1 00{}", name.len()),
        jabatan: "Anggota".into(),
    }
}

/// The cells of one interviewer's row, by aspect order.
fn row(card: &InterviewCard, who: usize, scores: &[&str]) -> Vec<ScoreCell> {
    card.aspects
        .iter()
        .zip(scores)
        .map(|(a, s)| ScoreCell {
            interviewer_id: card.interviewers[who].interviewer_id,
            aspect_id: a.id,
            score: s.to_string(),
        })
        .collect()
}

#[tokio::test]
async fn three_interviewers_on_five_weighted_aspects_match_the_hand_computation() {
    let (t, admin, round, people) = round_before_interview().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);

    // The defaults: five aspects of 20, editable.
    let s = setup(&t.db, &verifier, round).await.unwrap();
    assert_eq!((s.aspects.len(), s.weight_total), (5, 100));
    assert!(s.aspects_editable && !s.scoring);
    let weights = [
        ("Pengetahuan kepemiluan", 30),
        ("Integritas dan netralitas", 25),
        ("Kerja sama dan kepemimpinan", 20),
        ("Komunikasi", 15),
        ("Motivasi dan komitmen", 10),
    ];
    let aspects: Vec<Aspect> = weights
        .iter()
        .map(|(n, w)| Aspect {
            name: n.to_string(),
            weight: *w,
        })
        .collect();
    set_aspects(&t.db, &verifier, round, &aspects, now())
        .await
        .unwrap();
    add_panel(
        &t.db,
        &verifier,
        round,
        "Panel 1",
        "Ruang Rapat",
        &[
            interviewer("Ani"),
            interviewer("Budi"),
            interviewer("Citra"),
        ],
        now(),
    )
    .await
    .unwrap();
    add_panel(
        &t.db,
        &verifier,
        round,
        "Panel 2",
        "",
        &[interviewer("Dedi")],
        now(),
    )
    .await
    .unwrap();
    // One unit: all three interviewees go whole to the first panel.
    assert_eq!(
        assign_automatically(&t.db, &verifier, round, now())
            .await
            .unwrap(),
        3
    );
    let plan = schedule(&t.db, &verifier, round).await.unwrap();
    assert_eq!(plan[0].rows.len(), 3);
    assert_eq!(plan[0].rows[0].reg_number, people[0].1);
    assert!(plan[1].rows.is_empty());

    // Scores wait for the interview to be opened.
    let first = people[0].0;
    let c = card(&t.db, &verifier, round, first).await.unwrap();
    let e = record_scores(
        &t.db,
        &verifier,
        round,
        first,
        &row(&c, 0, &["80"; 5]),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("belum dibuka"), "{e}");
    open(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();

    // Two interviewers in: no mark yet (a mean of some would change the
    // panel's judgement).
    let a = ["80", "75", "90", "85", "70"];
    let b = ["78,5", "82", "88", "79", "91"];
    let cc = ["85", "79,25", "84", "90", "66.5"];
    record_scores(&t.db, &verifier, round, first, &row(&c, 0, &a), now())
        .await
        .unwrap();
    let partial = record_scores(&t.db, &verifier, round, first, &row(&c, 1, &b), now())
        .await
        .unwrap();
    assert_eq!(partial.mark, "");
    assert!(
        partial.explanation.contains("masih kosong 5"),
        "{}",
        partial.explanation
    );

    // The aspects are frozen by the first score.
    let e = set_aspects(&t.db, &verifier, round, &aspects, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak dapat diubah"), "{e}");

    let done = record_scores(&t.db, &verifier, round, first, &row(&c, 2, &cc), now())
        .await
        .unwrap();
    // By hand, in hundredths, weights 30/25/20/15/10 (sum 100):
    //   Ani   30×8000 + 25×7500 + 20×9000 + 15×8500 + 10×7000 = 805 000 → 80,50
    //   Budi  30×7850 + 25×8200 + 20×8800 + 15×7900 + 10×9100 = 826 000 → 82,60
    //   Citra 30×8500 + 25×7925 + 20×8400 + 15×9000 + 10×6650 = 822 625 → 82,2625 (shown 82,26)
    //   mean  (805 000 + 826 000 + 822 625) / (3 × 100) = 2 453 625 / 300
    //         = 8 178,75 hundredths = 81,7875 → half up, once → 81,79
    let weighted: Vec<&str> = done
        .interviewers
        .iter()
        .map(|i| i.weighted.as_str())
        .collect();
    assert_eq!(weighted, ["80,50", "82,60", "82,26"]);
    assert_eq!(done.mark, "81,79");
    assert_eq!(done.interviewers[1].scores[0], "78,50");
    assert!(
        done.explanation
            .contains("(80,50 + 82,60 + 82,26) / 3 = 81,79"),
        "{}",
        done.explanation
    );
    // The ranking reads the same interview mark.
    let sheet = score_sheet(&t.db, &verifier, round, Stage::Wawancara, None)
        .await
        .unwrap();
    let mine = sheet.rows.iter().find(|r| r.applicant_id == first).unwrap();
    assert_eq!(mine.mark, "81,79");

    // A typed or imported single mark is refused over panel scores; an
    // absence is still typed for someone without them.
    let e = record_mark(
        &t.db,
        &verifier,
        round,
        Stage::Wawancara,
        first,
        "90",
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("dihitung dari nilai panel"), "{e}");
    let csv = format!("nomor_pendaftaran,nilai\n{},90\n", people[0].1);
    let report = import_marks(
        &t.db,
        &verifier,
        round,
        Stage::Wawancara,
        csv.as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(report.stored, 0);
    assert!(report.problems.listed[0].reason.contains("nilai panel"));
    record_mark(
        &t.db,
        &verifier,
        round,
        Stage::Wawancara,
        people[2].0,
        "absen",
        now(),
    )
    .await
    .unwrap();

    // Every change is audited.
    let mut conn = t.db.pool().acquire().await.unwrap();
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'interview.%' ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "interview.aspects",
            "interview.panel_add",
            "interview.panel_add",
            "interview.assign_auto",
            "interview.score",
            "interview.score",
            "interview.score"
        ]
    );
}

#[tokio::test]
async fn a_recap_sheet_is_imported_all_or_nothing_and_the_form_prints_no_personal_data() {
    let (t, admin, round, people) = round_before_interview().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    add_panel(
        &t.db,
        &verifier,
        round,
        "Panel A",
        "",
        &[interviewer("Ani"), interviewer("Budi")],
        now(),
    )
    .await
    .unwrap();
    assign_automatically(&t.db, &verifier, round, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    let head = "nomor_pendaftaran;pewawancara;Pengetahuan kepemiluan;Integritas dan netralitas;Kemampuan kerja sama dan kepemimpinan;Komunikasi;Motivasi dan komitmen\n";
    let n = |i: usize| people[i].1.clone();
    // Line 3: an unknown interviewer; line 4: a score above 100; line 5:
    // the same interviewer again; line 6: not an interviewee.
    let bad = format!(
        "{head}{0};Ani;80;80;80;80;80\n{0};Eko;80;80;80;80;80\n{1};Ani;80;101;80;80;80\n{0};ani;70;70;70;70;70\n{2};Ani;1;1;1;1;1\n",
        n(0),
        n(1),
        n(3)
    );
    let report = import_scores(&t.db, &verifier, round, bad.as_bytes(), None, now())
        .await
        .unwrap();
    assert_eq!(report.candidates, 0);
    let found: Vec<(u64, &str)> = report
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "pewawancara"),
            (4, "Integritas dan netralitas"),
            (5, "pewawancara"),
            (6, "nomor_pendaftaran")
        ]
    );
    assert_eq!(
        card(&t.db, &verifier, round, people[0].0)
            .await
            .unwrap()
            .mark,
        ""
    );

    let good = format!(
        "{head}{0};Ani;80;80;80;80;80\n{0};Budi;90;90;90;90;85\n{1};Ani;70;70;70;70;70\n",
        n(0),
        n(1)
    );
    let report = import_scores(&t.db, &verifier, round, good.as_bytes(), None, now())
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.candidates, report.scores, report.marks), (2, 15, 1));
    // Ani 80; Budi (4 × 90 + 85) / 5 = 89; mean 84,50.
    assert_eq!(
        card(&t.db, &verifier, round, people[0].0)
            .await
            .unwrap()
            .mark,
        "84,50"
    );

    // The signed form: a valid PDF without NIK, birth date or address.
    let (name, bytes) = scoring_form_pdf(&t.db, &verifier, round, people[0].0, Paper::A4, now())
        .await
        .unwrap();
    assert!(name.ends_with(".pdf"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains("No syntax or stream encoding errors found"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("FORMULIR PENILAIAN WAWANCARA"), "{text}");
    assert!(
        text.contains("84,50") && text.contains("Ani") && text.contains("NIP."),
        "{text}"
    );
    for private in ["3514011208900001", "12-08-1990", "1990", "Krajan"] {
        assert!(!text.contains(private), "{private} in {text}");
    }

    // The same through the CLI, on the same database file.
    let db = t.path();
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let o = adhoc(&[&["--db", db], args].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let plan = run(&["wawancara", "jadwal", "--round", &round.to_string()]);
    assert!(plan.contains(&format!("Panel A,,1,,{}", n(0))), "{plan}");
    let out = run(&[
        "wawancara",
        "nilai",
        "--round",
        &round.to_string(),
        &n(1),
        "--pewawancara",
        "Budi",
        "--aspek",
        "Pengetahuan kepemiluan=71",
        "--aspek",
        "Integritas dan netralitas=71",
        "--aspek",
        "Kemampuan kerja sama dan kepemimpinan=71",
        "--aspek",
        "Komunikasi=71",
        "--aspek",
        "motivasi dan komitmen=72,5",
    ]);
    // Ani 70; Budi (4 × 71 + 72,5) / 5 = 71,30; mean 70,65.
    assert!(
        out.contains(r#"Budi,"71,00","71,00","71,00","71,00","72,50","71,30""#),
        "{out}"
    );
    assert!(out.contains(r#"rata-rata,,,,,,"70,65""#), "{out}");
    let pdf = dir.path().join("cli.pdf");
    run(&[
        "wawancara",
        "formulir",
        "--round",
        &round.to_string(),
        &n(1),
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}
