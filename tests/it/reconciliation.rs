//! Online registrations and paper files: a SIAKBA export imported as the
//! online list (over a desk registration and over itself), the help desk
//! receiving files against it, the two lists staff chase, the exported
//! list and the CLI.

use crate::common::cli::{stderr, stdout, CliDb};
use crate::common::workbook::Sheet;
use crate::common::{as_role, now, ppk_draft, ready_db};
use crate::spreadsheets::{xlsx, C};
use adhoc::docs::lists::ExportFormat;
use adhoc::domain::account::Role;
use adhoc::domain::reconciliation::FileStanding;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::applicant_sheets::{self, SheetChoice};
use adhoc::service::exports::{self, ListRequest};
use adhoc::service::{reconciliation, registration, rounds};

/// An online list of three PPK applicants; the first, Budi, also comes to
/// the desk in the tests (his NIK is `ppk_draft`'s).
fn online_list() -> Vec<u8> {
    use C::*;
    let row = |nik, name, jk, born, kec, desa| {
        vec![
            S(nik),
            S(name),
            S(jk),
            S("Pasuruan"),
            S(born),
            S("Dusun Krajan"),
            S(kec),
            S(desa),
            S("SLTA"),
        ]
    };
    xlsx(
        "SIAKBA",
        &[
            vec![
                S("NIK"),
                S("Nama Lengkap"),
                S("JK"),
                S("Tempat Lahir"),
                S("Tgl Lahir"),
                S("Alamat"),
                S("Kecamatan"),
                S("Desa/Kel"),
                S("Pendidikan Terakhir"),
            ],
            row(
                "3514011208900001",
                "Budi Santoso",
                "L",
                "12/08/1990",
                "Purwodadi",
                "Gerbo",
            ),
            row(
                "3514025503920002",
                "Siti Aminah",
                "P",
                "15/03/1992",
                "Tutur",
                "Blarang",
            ),
            row(
                "3514080101850003",
                "Ahmad Fauzi",
                "L",
                "01/01/1985",
                "Purwosari",
                "Karangrejo",
            ),
        ],
    )
}

fn online() -> SheetChoice {
    SheetChoice {
        online: true,
        ..SheetChoice::default()
    }
}

#[tokio::test]
async fn the_online_list_meets_the_desk() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round =
        rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
            .await
            .unwrap()
            .id;
    // Budi brought his file to the desk before the list was exported.
    let budi = registration::register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900001", "Budi Santoso"),
        now(),
    )
    .await
    .unwrap()
    .saved
    .unwrap();
    let bytes = online_list();

    // As a plain list, Budi's row is a second application and refused.
    let plain =
        applicant_sheets::preview(&t.db, &desk, round, &bytes, &SheetChoice::default(), now())
            .await
            .unwrap();
    assert_eq!(plain.problems.total(), 1, "{:?}", plain.problems);
    assert!(plain.problems.listed[0].reason.contains("sudah terdaftar"));

    // As the online list, his application is marked online instead.
    let p = applicant_sheets::preview(&t.db, &desk, round, &bytes, &online(), now())
        .await
        .unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!((p.valid, p.matched), (2, 1));
    let r = applicant_sheets::import(&t.db, &desk, round, &bytes, &online(), now(), &mut |_| {})
        .await
        .unwrap();
    assert!(r.is_stored(), "{:?}", r.problems);
    assert_eq!((r.stored, r.marked_online), (2, 1));

    let rec = reconciliation::reconciliation(&t.db, &desk, round, None)
        .await
        .unwrap();
    assert!(rec.has_online_list && rec.can_receive);
    let c = rec.counts;
    assert_eq!(
        (c.online, c.lengkap, c.menunggu_berkas, c.tanpa_daring),
        (3, 1, 2, 0)
    );
    let awaiting: Vec<&str> = rec.awaiting.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(awaiting, ["Siti Aminah", "Ahmad Fauzi"]);
    let lengkap = rec.all.iter().find(|r| r.applicant_id == budi.id).unwrap();
    assert_eq!(lengkap.standing, FileStanding::Lengkap);
    assert!(rec.awaiting.iter().all(|r| r.files_received_at.is_empty()));

    // Siti comes to the desk: typing her NIK finds her online application.
    let mut siti = ppk_draft("3514025503920002", "Siti Aminah");
    siti.fields.jenis_kelamin = "P".into();
    let check = registration::check(&t.db, &desk, round, &siti, None, now())
        .await
        .unwrap();
    let found = check.duplicate.expect("her online application");
    assert!(found.awaiting_files);
    assert!(!check.can_save, "she is not registered twice");
    let receipt = reconciliation::receive_files(&t.db, &desk, found.id, now())
        .await
        .unwrap();
    assert_eq!(receipt.full_name, "Siti Aminah");
    let again = reconciliation::receive_files(&t.db, &desk, found.id, now())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        again.contains("sudah diterima pada") && again.contains(" oleh "),
        "{again}"
    );
    let check = registration::check(&t.db, &desk, round, &siti, None, now())
        .await
        .unwrap();
    assert!(!check.duplicate.unwrap().awaiting_files);

    // Someone not on the list brings a file: a desk registration.
    registration::register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900009", "Joko Susilo"),
        now(),
    )
    .await
    .unwrap()
    .saved
    .unwrap();
    let rec = reconciliation::reconciliation(&t.db, &desk, round, None)
        .await
        .unwrap();
    let c = rec.counts;
    assert_eq!(
        (
            c.online,
            c.received,
            c.lengkap,
            c.menunggu_berkas,
            c.tanpa_daring
        ),
        (3, 3, 2, 1, 1)
    );
    assert_eq!(rec.desk_only[0].full_name, "Joko Susilo");
    // Narrowed to Kecamatan Tutur: Siti only.
    let tutur = reconciliation::reconciliation(&t.db, &desk, round, Some("35.14.02"))
        .await
        .unwrap();
    assert_eq!(tutur.all.len(), 1);
    assert_eq!(tutur.counts.lengkap, 1);

    // A desk registration keeps its file; a receipt by mistake is undone.
    let joko = rec.desk_only[0].applicant_id;
    let err = reconciliation::cancel_receipt(&t.db, &desk, joko, now())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("didaftarkan di loket"), "{err}");
    reconciliation::cancel_receipt(&t.db, &desk, found.id, now())
        .await
        .unwrap();
    let c = reconciliation::reconciliation(&t.db, &desk, round, None)
        .await
        .unwrap()
        .counts;
    assert_eq!(c.menunggu_berkas, 2);
    // The Verifikator may look but not receive.
    let verifier = as_role(&admin, Role::Verifikator);
    assert!(
        reconciliation::receive_files(&t.db, &verifier, found.id, now())
            .await
            .is_err()
    );

    // A newer export imported over the old one adds nobody twice.
    let r = applicant_sheets::import(&t.db, &desk, round, &bytes, &online(), now(), &mut |_| {})
        .await
        .unwrap();
    assert_eq!((r.stored, r.marked_online), (0, 3));
    let c = reconciliation::reconciliation(&t.db, &desk, round, None)
        .await
        .unwrap()
        .counts;
    assert_eq!((c.online, c.tanpa_daring), (3, 1));

    // The exported list: those awaiting their file first, as text codes.
    let request = ListRequest::Reconciliation { round_id: round };
    let export = exports::prepare(&t.db, &desk, request, ExportFormat::Xlsx, now())
        .await
        .unwrap();
    assert!(export
        .file_name()
        .starts_with("rekonsiliasi-berkas-seleksi-"));
    let mut out = Vec::new();
    exports::save(&t.db, &desk, &export, &mut out, now())
        .await
        .unwrap();
    let sheet = Sheet::read(&out);
    assert_eq!(sheet.len(), 4);
    assert_eq!(sheet.text(0, "keterangan"), "Daring, berkas belum diterima");
    assert_eq!(
        sheet.text(2, "keterangan"),
        "Berkas tanpa pendaftaran daring"
    );
    assert_eq!(sheet.text(2, "nama"), "Joko Susilo");
    assert_eq!(sheet.text(3, "keterangan"), "Daring, berkas diterima");
}

#[test]
fn the_cli_imports_the_online_list_and_receives_files() {
    let t = CliDb::with_round();
    let file = t.dir.path().join("siakba.xlsx");
    std::fs::write(&file, online_list()).unwrap();
    let path = file.to_str().unwrap();
    let o = t.run(&["applicants", "import", "--round", "1", "--daring", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("berkas fisiknya menunggu diterima di loket"),
        "{}",
        stderr(&o)
    );

    let o = t.run(&[
        "applicants",
        "terima-berkas",
        "--round",
        "1",
        "3514080101850003",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("(Ahmad Fauzi) diterima pada"),
        "{}",
        stderr(&o)
    );
    let err = t.refused(&[
        "applicants",
        "terima-berkas",
        "--round",
        "1",
        "3514080101850003",
    ]);
    assert!(err.contains("sudah diterima"), "{err}");
    let err = t.refused(&[
        "applicants",
        "terima-berkas",
        "--round",
        "1",
        "PPK-9999-0001",
    ]);
    assert!(err.contains("PPK-9999-0001"), "{err}");

    let o = t.run(&["applicants", "rekonsiliasi", "--round", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "Daring 3: berkas diterima 1, belum diterima 2. Berkas tanpa pendaftaran daring: 0."
        ),
        "{}",
        stderr(&o)
    );
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("keterangan,nomor_pendaftaran,nama,"),
        "{csv}"
    );
    assert!(
        lines[1].starts_with("\"Daring, berkas belum diterima\""),
        "{csv}"
    );
    assert!(
        lines[3].contains("Ahmad Fauzi") && lines[3].starts_with("\"Daring, berkas diterima\""),
        "{csv}"
    );
}
