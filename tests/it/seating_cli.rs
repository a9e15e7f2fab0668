//! `adhoc tes`: the written test's logistics from the command line, for
//! offices that script: venues, rooms, sessions, numbers, seating, a move,
//! the schedule list and its announcement as PDF.

use crate::common::cli::{stderr, CliDb};
use crate::publications::{flat, text_of};

/// Round 1 with four MS applicants in Purwodadi, the written test open.
fn round_at_the_written_test() -> CliDb {
    let t = CliDb::with_round();
    let mut applicants = String::from(
        "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n",
    );
    for i in 1..=4 {
        applicants.push_str(&format!(
            "35140112089{i:05},Calon {i},L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01\n"
        ));
    }
    let file = t.write("pendaftar.csv", &applicants);
    t.ok(&["applicants", "import", "--round", "1", &file]);
    t.ok(&[
        "parties",
        "periksa",
        "--round",
        "1",
        "--cara",
        "sipol_daring",
        "--catatan",
        "Dicek daring",
    ]);
    t.ok(&["stage", "close", "--round", "1", "pendaftaran"]);
    let export = t.ok(&["applicants", "export", "--round", "1"]);
    let mut verdicts = String::from("nomor_pendaftaran,kode_dokumen,status,alasan\n");
    for line in export.lines().skip(1) {
        let number = line.split(',').next().unwrap();
        for code in [
            "surat_pendaftaran",
            "drh",
            "ktp",
            "ijazah",
            "surat_pernyataan",
            "surat_sehat",
        ] {
            verdicts.push_str(&format!("{number},{code},sesuai,\n"));
        }
    }
    let file = t.write("berkas.csv", &verdicts);
    t.ok(&["documents", "import", "--round", "1", &file]);
    t.ok(&[
        "stage",
        "lanjut",
        "--round",
        "1",
        "--semua",
        "--alasan",
        "Rapat pleno: lanjut tanpa perpanjangan",
    ]);
    t.ok(&["stage", "close", "--round", "1", "administrasi"]);
    t.ok(&["stage", "open", "--round", "1", "tertulis"]);
    t
}

#[test]
fn the_test_schedule_is_made_from_the_command_line() {
    let t = round_at_the_written_test();
    let v = t.ok(&[
        "tes",
        "tempat",
        "tambah",
        "--round",
        "1",
        "--nama",
        "SMAN 1 Bangil",
        "--alamat",
        "Jl. Raya Bangil 1",
    ]);
    let v = v.trim();
    let r = t.ok(&[
        "tes",
        "ruang",
        "tambah",
        "--tempat",
        v,
        "--nama",
        "Lab Komputer",
        "--kapasitas",
        "3",
        "--lantai-dasar",
    ]);
    let e = t.refused(&["tes", "atur", "--round", "1"]);
    assert!(e.contains("Belum ada sesi"), "{e}");
    let s = t.ok(&[
        "tes",
        "sesi",
        "tambah",
        "--round",
        "1",
        "--nama",
        "Sesi 1",
        "--tanggal",
        "14-12-2026",
        "--mulai",
        "08:00",
        "--selesai",
        "10:00",
    ]);
    let e = t.refused(&["tes", "atur", "--round", "1"]);
    assert!(e.contains("kurang 1 kursi"), "{e}");
    t.ok(&[
        "tes",
        "sesi",
        "tambah",
        "--round",
        "1",
        "--nama",
        "Sesi 2",
        "--tanggal",
        "14-12-2026",
        "--mulai",
        "10:30",
        "--selesai",
        "12:00",
    ]);
    let e = t.refused(&["tes", "format", "--round", "1", "{BODY}-{KAB4}-{NNNN}"]);
    assert!(e.contains("mirip nomor pendaftaran"), "{e}");
    t.ok(&["tes", "format", "--round", "1", "TES-{KAB4}-{NNN}"]);
    t.ok(&["tes", "nomor", "--round", "1"]);
    t.ok(&["tes", "atur", "--round", "1"]);

    let sites = t.ok(&["tes", "daftar", "--round", "1"]);
    assert!(
        sites.contains(&format!(
            "ruang,{},SMAN 1 Bangil,Lab Komputer,3,ya,",
            r.trim()
        )),
        "{sites}"
    );
    assert!(
        sites.contains(&format!(
            "sesi,{},,Sesi 1,,,2026-12-14,08:00,10:00,3",
            s.trim()
        )),
        "{sites}"
    );

    let list = t.ok(&["tes", "jadwal", "--round", "1"]);
    let rows: Vec<&str> = list.lines().collect();
    assert!(rows[0].starts_with("nomor_peserta,nama,"), "{list}");
    assert_eq!(rows.len(), 5, "{list}");
    assert!(rows[1].starts_with("TES-3514-001,Calon 1,"), "{list}");
    assert!(
        !list.contains("35140112089"),
        "no NIK in the schedule: {list}"
    );

    // A move to the free seat of the first session, then the announcement.
    let (r, s) = (r.trim(), s.trim());
    let e = t.refused(&[
        "tes",
        "pindah",
        "--round",
        "1",
        "TES-3514-004",
        "--sesi",
        s,
        "--ruang",
        r,
        "--kursi",
        "1",
    ]);
    assert!(e.contains("sudah ditempati"), "{e}");
    let pdf = t.dir.path().join("jadwal.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let out = t.run(&["tes", "pengumuman-jadwal", "--round", "1", "--out", pdf_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Jadwal kini diumumkan"));
    let text = flat(&text_of(&pdf));
    assert!(text.contains("TES-3514-004 Calon 4"), "{text}");
    assert!(
        !text.contains("Dusun Krajan") && !text.contains("1990"),
        "{text}"
    );
    // The participant cards: everyone's, then one participant's.
    let cards = t.dir.path().join("kartu.pdf");
    let cards_arg = cards.to_str().unwrap();
    let out = t.run(&["tes", "kartu", "--round", "1", "--out", cards_arg]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("kartu peserta ditulis"), "{said}");
    let text = flat(&text_of(&cards));
    assert!(
        text.contains("TES-3514-004") && text.contains("Calon 4"),
        "{text}"
    );
    let out = t.run(&[
        "tes",
        "kartu",
        "--round",
        "1",
        "--out",
        cards_arg,
        "--nomor",
        "TES-3514-004",
        "--satu-per-halaman",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 kartu peserta"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tanpa foto"));
    // A photo uploaded for that card: the card no longer lacks one.
    let photo = t.dir.path().join("foto.png");
    std::fs::write(&photo, crate::cards::scan_png()).unwrap();
    let number = t
        .ok(&["applicants", "list", "--round", "1", "--cari", "Calon 4"])
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next().map(str::to_string))
        .unwrap();
    let said = stderr(&t.run(&[
        "tes",
        "foto",
        "--round",
        "1",
        &number,
        photo.to_str().unwrap(),
    ]));
    assert!(said.contains("Foto") && said.contains("disimpan"), "{said}");
    let out = t.run(&[
        "tes",
        "kartu",
        "--round",
        "1",
        "--out",
        cards_arg,
        "--nomor",
        "TES-3514-004",
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("1 kartu peserta") && !said.contains("tanpa foto"),
        "{said}"
    );
    let e = t.refused(&[
        "tes",
        "pindah",
        "--round",
        "1",
        "TES-3514-004",
        "--sesi",
        s,
        "--ruang",
        r,
        "--kursi",
        "3",
    ]);
    assert!(e.contains("alasan"), "{e}");
}
