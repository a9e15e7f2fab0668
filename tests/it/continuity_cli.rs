//! `adhoc lanjutan`, `adhoc evaluasi` and `adhoc riwayat` on a database
//! whose earlier round is in its term of office.

use crate::common;
use crate::continuity::{into_term, pilkada_round, through_final};

use common::ready_db;

#[tokio::test]
async fn the_command_line_keeps_members_records_their_term_and_prints_a_history() {
    use common::cli::{adhoc, stderr, stdout};
    let (t, admin) = ready_db().await;
    let (earlier, people) = common::small_ppk_round(&t.db, &admin, 2, 3).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    through_final(&t.db, &admin, earlier, &ids).await;
    into_term(&t.db, &admin, earlier).await;
    let new = pilkada_round(&t.db, &admin, None).await;
    let common::TestDb { db, dir } = t;
    db.close().await;
    let path = dir.path().join("test.db").to_str().unwrap().to_string();
    let run = |args: &[&str]| adhoc(&[&["--db", path.as_str()][..], args].concat());
    let ok = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let (old, new) = (earlier.to_string(), new.to_string());
    let first = format!("A{}", ids[0]);

    let listed = ok(&["lanjutan", "daftar", "--round", &new, "--dari", &old]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.contains(&first), "{listed}");
    ok(&[
        "evaluasi",
        "bulanan",
        "--round",
        &old,
        "--anggota",
        &first,
        "--bulan",
        "2024-02",
        "--ringkasan",
        "Mengikuti rapat pleno dan bimtek",
    ]);
    let o = run(&[
        "evaluasi",
        "bulanan",
        "--round",
        &old,
        "--anggota",
        &first,
        "--bulan",
        "2024-13",
        "--ringkasan",
        "Mengikuti rapat pleno",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tahun-bulan"), "{}", stderr(&o));
    ok(&[
        "evaluasi",
        "akhir",
        "--round",
        &old,
        "--anggota",
        &first,
        "--nilai",
        "90",
        "--catatan",
        "Kinerja sangat baik selama Pemilu",
    ]);
    let members = ok(&["evaluasi", "anggota", "--round", &old]);
    assert!(members.contains(",1,90"), "{members}");

    let o = run(&[
        "lanjutan",
        "ambil",
        "--round",
        &new,
        "--dari",
        &old,
        "--anggota",
        "X1",
        "--keputusan",
        "Keputusan 1/2024",
        "--alasan",
        "Evaluasi kinerja baik",
    ]);
    assert!(!o.status.success());
    let kept = ok(&[
        "lanjutan",
        "ambil",
        "--round",
        &new,
        "--dari",
        &old,
        "--anggota",
        &first,
        "--keputusan",
        "Keputusan 1/2024",
        "--alasan",
        "Evaluasi kinerja baik",
    ]);
    let holder = kept
        .lines()
        .find_map(|l| {
            l.split(',')
                .find(|c| c.starts_with('H'))
                .map(str::to_string)
        })
        .unwrap();
    assert!(kept.contains(",90,"), "{kept}");

    let nik = format!("351401120890{:04}", 1);
    let h = ok(&["riwayat", &nik]);
    assert_eq!(h.lines().count(), 3, "{h}");
    assert!(h.contains("Dilanjutkan"), "{h}");
    ok(&[
        "lanjutan",
        "batal",
        "--id",
        &holder[1..],
        "--alasan",
        "Salah pilih anggota lanjutan",
    ]);
    let h = ok(&["riwayat", &nik]);
    assert_eq!(h.lines().count(), 2, "{h}");
}
