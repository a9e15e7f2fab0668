//! Every list exported as an Excel workbook and read back with calamine,
//! as a spreadsheet would read it: the header the CSV has, one row per
//! line, NIKs and numbers that name something as text, scores and counts
//! as numbers, dates and times as dates, formula-looking text as text. The
//! CSV of the same list keeps the bytes it always had.

use chrono::{Local, NaiveDate};

use crate::common;

use adhoc::docs::lists::ExportFormat;
use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::applicants::{export_csv, import};
use adhoc::service::audit::{self, AuditQuery};
use adhoc::service::auth::Session;
use adhoc::service::exports::{prepare, save, ListRequest};
use adhoc::service::rounds::create_from_preset;
use adhoc::service::scores::record_mark;
use adhoc::service::stages::{close, open};
use adhoc::store::Db;
use common::workbook::{sheet_xml, Sheet};
use common::{as_role, decide_admin, go_on_without_extensions, now, ready_db, small_ppk_round};

/// The list as a workbook's bytes, and how many rows were written.
async fn xlsx(db: &Db, session: &Session, request: ListRequest) -> (Vec<u8>, usize) {
    let export = prepare(db, session, request, ExportFormat::Xlsx, now())
        .await
        .unwrap();
    assert!(
        export.file_name().ends_with(".xlsx"),
        "{}",
        export.file_name()
    );
    let mut out = Vec::new();
    let n = save(db, session, &export, &mut out, now()).await.unwrap();
    (out, n)
}

/// The same list as CSV text.
async fn csv(db: &Db, session: &Session, request: ListRequest) -> String {
    let export = prepare(db, session, request, ExportFormat::Csv, now())
        .await
        .unwrap();
    let mut out = Vec::new();
    save(db, session, &export, &mut out, now()).await.unwrap();
    String::from_utf8(out).unwrap()
}

const HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas,pekerjaan";

#[tokio::test]
async fn applicants_keep_nik_and_telephone_as_text_and_birth_dates_as_dates() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let file = format!(
        "{HEADER}\n\
         3514011208900001,\"=HYPERLINK(\"\"http://contoh.invalid\"\";\"\"Klik\"\")\",L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,081234567890,,35.14.01,-\n\
         3514015203950002,Siti Nur'aini,P,Pasuruan,12-03-1995,\"Jl. Contoh 1, RT 2\",35.14.01.2002,S1,+6281234567890,siti@contoh.invalid,35.14.01,@Guru\n"
    );
    let report = import(&t.db, &desk, round, file.as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);

    let (bytes, n) = xlsx(&t.db, &desk, ListRequest::Applicants { round_id: round }).await;
    assert_eq!(n, 2);
    let sheet = Sheet::read(&bytes);
    assert_eq!(sheet.name, "Pendaftar");
    let mut legacy = Vec::new();
    export_csv(&t.db, &admin, round, &mut legacy, now())
        .await
        .unwrap();
    let legacy = String::from_utf8(legacy).unwrap();
    assert_eq!(
        sheet.header().join(","),
        legacy.lines().next().unwrap(),
        "the header a CSV export has, so an export imports again"
    );
    assert_eq!(sheet.len(), 2);
    assert_eq!(sheet.text(0, "nomor_pendaftaran"), "PPK-3514-0001");
    assert_eq!(sheet.text(0, "nik"), "3514011208900001");
    assert_eq!(sheet.text(1, "nik"), "3514015203950002");
    // Text as typed, never a formula: no quote in front, none needed.
    assert_eq!(
        sheet.text(0, "nama"),
        "=HYPERLINK(\"http://contoh.invalid\";\"Klik\")"
    );
    assert_eq!(sheet.text(1, "pekerjaan"), "@Guru");
    assert_eq!(sheet.text(0, "pekerjaan"), "-");
    assert!(!sheet_xml(&bytes).contains("<f>"), "no formulas");
    // The leading zero of a telephone number survives; so does the plus.
    assert_eq!(sheet.text(0, "telepon"), "081234567890");
    assert_eq!(sheet.text(1, "telepon"), "+6281234567890");
    assert_eq!(sheet.text(1, "kode_wilayah_tugas"), "35.14.01");
    assert_eq!(
        sheet.datetime(0, "tanggal_lahir"),
        NaiveDate::from_ymd_opt(1990, 8, 12)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    );
    assert_eq!(sheet.cell(0, "email"), &calamine::Data::Empty);

    // Header in bold and kept in view, a filter over the list, widths set.
    let xml = sheet_xml(&bytes);
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml}"
    );
    assert!(xml.contains(r#"<autoFilter ref="A1:O3"/>"#), "{xml}");
    assert!(xml.contains(r#"customWidth="1""#), "{xml}");
    assert!(
        xml.contains(r#"<ignoredError sqref="A2:O3" numberStoredAsText="1"/>"#),
        "{xml}"
    );

    // The same list as CSV is the export CSV staff have always had.
    let again = csv(&t.db, &desk, ListRequest::Applicants { round_id: round }).await;
    assert_eq!(again, legacy);
    assert!(
        legacy.contains(r#","'=HYPERLINK("#) && legacy.contains(",'@Guru,"),
        "CSV still neutralises: {legacy}"
    );

    // Each export is recorded, with its format.
    let page = audit::list(&t.db, &admin, &AuditQuery::default())
        .await
        .unwrap();
    let exports: Vec<&str> = page
        .entries
        .iter()
        .filter(|e| e.action == "applicants.export")
        .map(|e| e.after.as_deref().unwrap())
        .collect();
    assert_eq!(exports.len(), 3, "{exports:?}");
    assert!(
        exports.iter().any(|a| a.contains(r#""format":"xlsx""#)),
        "{exports:?}"
    );
}

/// A PPK round with quota 1 in Purwodadi: three applicants MS, one TMS;
/// written 78,5 / 64,25 / absent; interview 88 and 70,5; the final stage
/// open. Returns the round.
async fn ranked_round(db: &Db, admin: &Session) -> i64 {
    let verifier = as_role(admin, Role::Verifikator);
    let chair = as_role(admin, Role::Pimpinan);
    let (round, people) = small_ppk_round(db, admin, 1, 4).await;
    decide_admin(db, admin, people[..3].iter().map(|p| p.0), AdminVerdict::MS).await;
    decide_admin(db, admin, [people[3].0], AdminVerdict::TMS).await;
    close(db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(db, admin, round).await;
    close(db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    open(db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    for (i, mark) in ["78,5", "64,25", "absen"].iter().enumerate() {
        record_mark(
            db,
            &verifier,
            round,
            Stage::Tertulis,
            people[i].0,
            mark,
            now(),
        )
        .await
        .unwrap();
    }
    close(db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    open(db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    for (i, mark) in ["88", "70,5"].iter().enumerate() {
        record_mark(
            db,
            &verifier,
            round,
            Stage::Wawancara,
            people[i].0,
            mark,
            now(),
        )
        .await
        .unwrap();
    }
    close(db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    open(db, &chair, round, Stage::Akhir, now()).await.unwrap();
    round
}

/// The workbook's styles (number formats).
fn adhoc_styles(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn results(round_id: i64, stage: Stage) -> ListRequest {
    ListRequest::Results {
        round_id,
        stage,
        unit: None,
    }
}

#[tokio::test]
async fn results_have_scores_and_ranks_as_numbers() {
    let (t, admin) = ready_db().await;
    let round = ranked_round(&t.db, &admin).await;
    let reader = as_role(&admin, Role::Operator);

    let (bytes, n) = xlsx(&t.db, &reader, results(round, Stage::Administrasi)).await;
    let admin_sheet = Sheet::read(&bytes);
    assert_eq!((n, admin_sheet.len()), (4, 4));
    assert_eq!(admin_sheet.name, "Hasil administrasi");
    assert_eq!(
        admin_sheet.header(),
        [
            "nomor_pendaftaran",
            "nama",
            "kode_wilayah_tugas",
            "hasil",
            "alasan"
        ]
    );
    assert_eq!(admin_sheet.text(0, "hasil"), "MS");
    assert_eq!(admin_sheet.text(3, "hasil"), "TMS");
    assert_eq!(admin_sheet.text(3, "nomor_pendaftaran"), "PPK-3514-0004");
    // Narrowed to a unit of another kecamatan: nothing.
    let other = ListRequest::Results {
        round_id: round,
        stage: Stage::Administrasi,
        unit: Some("35.14.02".into()),
    };
    assert_eq!(Sheet::read(&xlsx(&t.db, &reader, other).await.0).len(), 0);

    let (bytes, _) = xlsx(&t.db, &reader, results(round, Stage::Tertulis)).await;
    let written = Sheet::read(&bytes);
    assert_eq!(written.name, "Hasil tes tertulis");
    assert_eq!(
        written.header()[4..8],
        [
            "nilai_tertulis",
            "nilai_wawancara",
            "nilai_akhir",
            "peringkat"
        ]
    );
    assert_eq!(written.text(0, "nomor_pendaftaran"), "PPK-3514-0001");
    assert_eq!(written.number(0, "nilai_tertulis"), 78.5);
    assert_eq!(written.number(1, "nilai_tertulis"), 64.25);
    assert_eq!(written.number(0, "peringkat"), 1.0);
    let absent = (0..written.len())
        .find(|&r| written.text(r, "nomor_pendaftaran") == "PPK-3514-0003")
        .unwrap();
    assert_eq!(written.text(absent, "nilai_tertulis"), "absen");
    assert!(
        written.text(0, "status").starts_with("lulus"),
        "{}",
        written.text(0, "status")
    );

    let (bytes, _) = xlsx(&t.db, &reader, results(round, Stage::Akhir)).await;
    let finals = Sheet::read(&bytes);
    assert_eq!(finals.name, "Hasil akhir");
    assert_eq!(finals.len(), 2);
    assert_eq!(finals.number(0, "nilai_wawancara"), 88.0);
    assert_eq!(finals.number(0, "nilai_akhir"), 88.0);
    assert_eq!(finals.number(1, "nilai_akhir"), 70.5);
    assert_eq!(finals.text(1, "status"), "cadangan 1");
    // Scores shown with the places the app writes them with.
    assert!(
        adhoc_styles(&bytes).contains(r#"formatCode="0.00""#),
        "two decimal places"
    );

    // The CSV of the same list: the scores as staff read them.
    let text = csv(&t.db, &reader, results(round, Stage::Akhir)).await;
    assert!(
        text.contains(r#","78,50","88,00","88,00",1,terpilih"#),
        "{text}"
    );

    // Results of a stage without such a list are refused.
    let e = prepare(
        &t.db,
        &reader,
        results(round, Stage::Wawancara),
        ExportFormat::Xlsx,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "stage");
}

#[tokio::test]
async fn the_quota_recap_has_counts_as_numbers_and_the_total_last() {
    let (t, admin) = ready_db().await;
    let round = ranked_round(&t.db, &admin).await;
    let (bytes, n) = xlsx(&t.db, &admin, ListRequest::Quota { round_id: round }).await;
    let sheet = Sheet::read(&bytes);
    assert_eq!(sheet.name, "Rekap kuota");
    assert_eq!(
        sheet.header()[..4],
        ["kode_wilayah", "wilayah", "kecamatan", "kuota"]
    );
    assert_eq!(sheet.len(), n);
    let purwodadi = (0..sheet.len())
        .find(|&r| sheet.cell(r, "kode_wilayah") == &calamine::Data::String("35.14.01".into()))
        .unwrap();
    assert_eq!(sheet.number(purwodadi, "kuota"), 1.0);
    // No seat is held by an appointed or kept member in this round.
    assert_eq!(sheet.number(purwodadi, "kursi_dipegang"), 0.0);
    assert_eq!(sheet.number(purwodadi, "pendaftar"), 4.0);
    assert_eq!(sheet.number(purwodadi, "ms"), 3.0);
    let total = sheet.len() - 1;
    assert_eq!(sheet.cell(total, "kode_wilayah"), &calamine::Data::Empty);
    assert!(sheet.number(total, "pendaftar") >= 4.0);
}

#[tokio::test]
async fn the_womens_list_has_every_stage_as_numbers_and_leaves_stages_not_reached_empty() {
    let (t, admin) = ready_db().await;
    let round = ranked_round(&t.db, &admin).await;
    let export = prepare(
        &t.db,
        &admin,
        ListRequest::Women { round_id: round },
        ExportFormat::Xlsx,
        now(),
    )
    .await
    .unwrap();
    assert!(
        export
            .file_name()
            .starts_with("keterwakilan-perempuan-seleksi-"),
        "{}",
        export.file_name()
    );
    let (bytes, _) = xlsx(&t.db, &admin, ListRequest::Women { round_id: round }).await;
    let sheet = Sheet::read(&bytes);
    assert_eq!(sheet.name, "Keterwakilan perempuan");
    let purwodadi = (0..sheet.len())
        .find(|&r| sheet.cell(r, "kode_wilayah") == &calamine::Data::String("35.14.01".into()))
        .unwrap();
    // Four men registered, three MS, two passed (one absent), two listed.
    for (column, n) in [
        ("pendaftar", 4.0),
        ("ms", 3.0),
        ("lulus_tertulis", 2.0),
        ("daftar_akhir", 2.0),
        ("daftar_akhir_p", 0.0),
        ("daftar_akhir_persen_p", 0.0),
    ] {
        assert_eq!(sheet.number(purwodadi, column), n, "{column}");
    }
    // The final list is open, the members are not there yet.
    assert_eq!(sheet.cell(purwodadi, "anggota"), &calamine::Data::Empty);
    assert_eq!(
        sheet.text(purwodadi, "catatan"),
        "perempuan < 30%: Pendaftar, MS, Lulus tes tertulis, Daftar akhir"
    );
    let total = sheet.len() - 1;
    assert_eq!(sheet.text(total, "wilayah"), "Jumlah");
    assert_eq!(sheet.number(total, "pendaftar"), 4.0);
}

#[tokio::test]
async fn the_audit_trail_has_times_as_local_dates_and_stays_for_those_who_may_read_it() {
    let (t, admin) = ready_db().await;
    let request = || ListRequest::Audit {
        query: AuditQuery::default(),
    };
    let e = prepare(
        &t.db,
        &as_role(&admin, Role::Operator),
        request(),
        ExportFormat::Xlsx,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");

    let before = audit::list(&t.db, &admin, &AuditQuery::default())
        .await
        .unwrap()
        .total;
    let (bytes, n) = xlsx(&t.db, &as_role(&admin, Role::Pimpinan), request()).await;
    assert_eq!(n as i64, before);
    let sheet = Sheet::read(&bytes);
    assert_eq!(sheet.name, "Jejak audit");
    assert_eq!(
        sheet.header(),
        ["id", "waktu", "pengguna", "aksi", "objek", "id_objek", "sebelum", "sesudah", "hash"]
    );
    assert_eq!(sheet.len() as i64, before);
    assert_eq!(sheet.number(0, "id"), 1.0);
    assert_eq!(
        sheet.datetime(0, "waktu"),
        now().with_timezone(&Local).naive_local(),
        "the time staff read on screen, not UTC"
    );
    assert_eq!(sheet.text(0, "hash").len(), 64);

    // The export is recorded, with its format.
    let page = audit::list(&t.db, &admin, &AuditQuery::default())
        .await
        .unwrap();
    assert_eq!(page.entries[0].action, "audit.export");
    assert!(page.entries[0]
        .after
        .as_deref()
        .unwrap()
        .contains(r#""format":"xlsx""#));
}

#[tokio::test]
async fn party_list_hits_name_applicants_with_their_number_as_text() {
    let (t, admin) = ready_db().await;
    let (_, people) = small_ppk_round(&t.db, &admin, 2, 2).await;
    let file = "nik,partai\n3514011208900002,=Partai Contoh\n";
    let report = adhoc::service::parties::import(&t.db, &admin, file.as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    let (bytes, n) = xlsx(&t.db, &admin, ListRequest::PartyHits).await;
    assert_eq!(n, 1);
    let sheet = Sheet::read(&bytes);
    assert_eq!(
        sheet.header(),
        ["nomor_pendaftaran", "nama", "seleksi", "partai"]
    );
    assert_eq!(sheet.text(0, "nomor_pendaftaran"), people[1].1);
    assert_eq!(sheet.text(0, "nama"), "Calon 02");
    assert_eq!(sheet.text(0, "partai"), "=Partai Contoh");
    let text = csv(&t.db, &admin, ListRequest::PartyHits).await;
    assert!(text.ends_with(",'=Partai Contoh\n"), "{text}");
}
