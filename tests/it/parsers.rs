//! The parsers of untrusted input never panic: the same entry points the
//! fuzz targets run (`fuzz/`), here with generated inputs (arbitrary bytes,
//! and text shaped like the real files so that the row checks are reached)
//! and with every file kept in `fuzz/seeds/` and `fuzz/regressions/`.

use std::path::Path;

use adhoc::docs::fuzz;
use proptest::prelude::*;

const APPLICANT_HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas";

/// A field: often plausible, sometimes anything.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,18}",
        "[A-Za-z' .]{0,30}",
        "[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}",
        "35\\.14\\.[0-9]{2}\\.[0-9]{4}",
        "\\PC{0,12}",
        Just("\"".to_string()),
        Just(String::new()),
    ]
}

fn csv(header: &'static str, columns: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::collection::vec(field(), 0..columns + 2), 0..8).prop_map(
        move |rows| {
            let mut out = String::from(header);
            for r in rows {
                out.push('\n');
                out.push_str(&r.join(","));
            }
            out.into_bytes()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn nik_parser_takes_any_text(s in "\\PC{0,24}", digits in "[0-9]{16}") {
        fuzz::nik(s.as_bytes());
        fuzz::nik(digits.as_bytes());
    }

    #[test]
    fn applicant_csv_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        fuzz::applicants_csv(&bytes);
    }

    #[test]
    fn applicant_csv_takes_any_rows(bytes in csv(APPLICANT_HEADER, 11)) {
        fuzz::applicants_csv(&bytes);
    }

    #[test]
    fn score_csv_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        fuzz::scores_csv(&bytes);
    }

    #[test]
    fn score_csv_takes_any_rows(bytes in csv("nomor_pendaftaran,nilai,hadir", 3)) {
        fuzz::scores_csv(&bytes);
    }
}

/// Every file of the fuzzers' corpora and found crashes, through its parser.
#[test]
fn the_kept_fuzz_inputs_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seen = 0;
    for kind in ["seeds", "regressions"] {
        for (target, run) in [
            ("nik", fuzz::nik as fn(&[u8])),
            ("applicants_csv", fuzz::applicants_csv),
            ("scores_csv", fuzz::scores_csv),
        ] {
            let Ok(files) = std::fs::read_dir(root.join(kind).join(target)) else {
                continue;
            };
            for f in files.flatten() {
                run(&std::fs::read(f.path()).unwrap());
                seen += 1;
            }
        }
    }
    assert!(seen >= 3, "the seeds are in fuzz/seeds/ ({seen} files)");
}
