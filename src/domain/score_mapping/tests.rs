use super::*;

fn cols<'a>(headers: &'a [&'a str], samples: &'a [Vec<String>]) -> Vec<ColumnSample<'a>> {
    headers
        .iter()
        .zip(samples)
        .map(|(h, s)| ColumnSample {
            header: h,
            samples: s,
        })
        .collect()
}

fn s(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[test]
fn a_cat_export_maps_its_participant_number_and_final_mark() {
    let headers = [
        "NO",
        "NO PESERTA",
        "NAMA",
        "NILAI TWK",
        "NILAI TIU",
        "NILAI AKHIR",
    ];
    let samples = [
        s(&["1", "2"]),
        s(&["PPK-3514-0001", "PPK-3514-0002"]),
        s(&["Siti", "Budi"]),
        s(&["30", "25"]),
        s(&["40", "35"]),
        s(&["70", "60"]),
    ];
    let m = propose(4, &cols(&headers, &samples));
    assert_eq!(
        m,
        ScoreMapping {
            header_row: 4,
            id_column: Some(1),
            id_kind: IdKind::Nomor,
            mark_column: Some(5),
            attendance_column: None,
        }
    );
    assert!(m.is_ready());
}

#[test]
fn the_cells_decide_the_kind_and_a_number_is_preferred_to_a_nik() {
    // Sixteen digits under "No Peserta" are NIKs.
    let headers = ["No. Peserta", "Nama", "Skor"];
    let samples = [
        s(&["3514011208900001", "'3514011208900002"]),
        s(&["A"]),
        s(&["80"]),
    ];
    let m = propose(1, &cols(&headers, &samples));
    assert_eq!(
        (m.id_column, m.id_kind, m.mark_column),
        (Some(0), IdKind::Nik, Some(2))
    );
    // NIK KTP and a registration number: the number.
    let headers = ["NIK KTP", "Nomor Registrasi", "Nilai"];
    let samples = [s(&["3514011208900001"]), s(&["PPS-3514-0007"]), s(&["80"])];
    let m = propose(1, &cols(&headers, &samples));
    assert_eq!((m.id_column, m.id_kind), (Some(1), IdKind::Nomor));
    // Only a NIK column.
    let headers = ["NIK", "Nilai Wawancara", "Kehadiran"];
    let samples = [s(&["3514011208900001"]), s(&["80"]), s(&["Hadir"])];
    let m = propose(2, &cols(&headers, &samples));
    assert_eq!(
        (m.id_column, m.id_kind, m.mark_column, m.attendance_column),
        (Some(0), IdKind::Nik, Some(1), Some(2))
    );
    // No header at all: the cells alone.
    let headers = ["", "", "Jumlah"];
    let samples = [s(&["x"]), s(&["3514011208900001", ""]), s(&["80"])];
    let m = propose(1, &cols(&headers, &samples));
    assert_eq!(
        (m.id_column, m.id_kind, m.mark_column),
        (Some(1), IdKind::Nik, Some(2))
    );
}

#[test]
fn a_remark_column_is_attendance_only_when_it_says_so() {
    let headers = ["No Pendaftaran", "Total", "Keterangan"];
    let said = [s(&["PPK-3514-0001"]), s(&["80"]), s(&["", "TH", "hadir"])];
    assert_eq!(
        propose(1, &cols(&headers, &said)).attendance_column,
        Some(2)
    );
    let other = [s(&["PPK-3514-0001"]), s(&["80"]), s(&["Lulus", "TH"])];
    assert_eq!(propose(1, &cols(&headers, &other)).attendance_column, None);
}

#[test]
fn what_a_mapping_lacks_and_a_column_chosen_twice() {
    let m = ScoreMapping::default();
    assert_eq!(m.missing(), vec!["Nomor pendaftaran atau NIK", "Nilai"]);
    let m = ScoreMapping {
        header_row: 1,
        id_column: Some(0),
        id_kind: IdKind::Nik,
        mark_column: Some(2),
        attendance_column: Some(2),
    };
    assert!(m.missing().is_empty());
    let c = m.conflict().unwrap();
    assert!(c.contains("Kolom C") && c.contains("Kehadiran"), "{c}");
    assert!(!m.is_ready());
}

#[test]
fn marks_and_attendance_agree_or_are_refused() {
    for (nilai, hadir, ok) in [
        ("80", "tidak", None),
        ("absen", "ya", None),
        ("absen", "tidak", Some(Mark::Absent)),
        ("", "tidak", Some(Mark::Absent)),
        ("", "TH", Some(Mark::Absent)),
        ("", "Tidak Hadir", Some(Mark::Absent)),
        ("absen", "", Some(Mark::Absent)),
        ("80", "ya", Some(Mark::Score(8000))),
        ("80", "Hadir", Some(Mark::Score(8000))),
        ("", "ya", None),
    ] {
        let got = mark_of(nilai, hadir);
        match ok {
            Some(m) => assert_eq!(got, Ok(m), "{nilai}/{hadir}"),
            None => assert_eq!(got.unwrap_err().0, "nilai", "{nilai}/{hadir}"),
        }
    }
    assert!(mark_of("80", "tidak")
        .unwrap_err()
        .1
        .contains("Kosongkan nilainya"));
    assert_eq!(mark_of("80", "mungkin").unwrap_err().0, "hadir");
}

#[test]
fn number_cells_keep_their_exact_decimals() {
    let n = |v: f64| mark_text_of(&CellValue::Number(v));
    assert_eq!(n(78.0).unwrap(), "78");
    assert_eq!(n(78.5).unwrap(), "78.5");
    // 78.1 is not exact as a float; its shortest form is.
    assert_eq!(n(78.1).unwrap(), "78.1");
    assert_eq!(
        ranking::parse_mark(&n(78.1).unwrap()),
        Ok(Mark::Score(7810))
    );
    assert_eq!(
        ranking::parse_mark(&n(78.25).unwrap()),
        Ok(Mark::Score(7825))
    );
    let e = n(78.125).unwrap_err();
    assert!(
        e.contains("78,125") && e.contains("dua angka desimal"),
        "{e}"
    );
    // A formula's float noise is refused, not rounded.
    assert!(n(0.1 + 0.2).is_err());
    // Out of range: parse_mark says why.
    assert!(ranking::parse_mark(&n(101.0).unwrap()).is_err());
    assert!(ranking::parse_mark(&n(-5.0).unwrap()).is_err());
    assert!(mark_text_of(&CellValue::Bool(true)).is_err());
    assert_eq!(
        mark_text_of(&CellValue::Text(" absen ".into())).unwrap(),
        "absen"
    );
}
