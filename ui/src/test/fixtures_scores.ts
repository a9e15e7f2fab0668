// Realistic score sheets and result lists for the tests of the scoring
// screens, shaped by the generated bindings.
import type { Problems } from "../bindings/Problems";
import type { RowProblem } from "../bindings/RowProblem";
import type { ScoreSheet } from "../bindings/ScoreSheet";
import type { ScoreSheetPreview } from "../bindings/ScoreSheetPreview";
import type { ScoreSheetRow } from "../bindings/ScoreSheetRow";
import type { SelectionRow } from "../bindings/SelectionRow";
import type { Stage } from "../bindings/Stage";

/** One line of a PPK score sheet; the applicant id is `seq`. */
export function scoreRow(seq: number, patch: Partial<ScoreSheetRow> = {}): ScoreSheetRow {
  const n = String(seq).padStart(4, "0");
  return {
    applicant_id: seq,
    reg_number: `PPK-3514-${n}`,
    full_name: `Peserta ${n}`,
    sex: seq % 2 ? "L" : "P",
    unit_code: "35.14.01",
    unit_name: "Purwodadi",
    mark: "",
    ...patch,
  };
}

/** A score sheet with its counters worked out from the rows. */
export function scoreSheet(rows: ScoreSheetRow[], editable = true, stage: Stage = "tertulis"): ScoreSheet {
  const entered = rows.filter((r) => r.mark !== "").length;
  return { stage, editable, rows, entered, missing: rows.length - entered };
}

/** Three applicants of Purwodadi and one of Tutur; the second already marked. */
export function sampleSheet(editable = true, stage: Stage = "tertulis"): ScoreSheet {
  return scoreSheet(
    [
      scoreRow(1, { full_name: "Ahmad Fauzi" }),
      scoreRow(2, { full_name: "Siti Aminah", mark: "81,25" }),
      scoreRow(3, { full_name: "Budi Santoso" }),
      scoreRow(4, { full_name: "Dewi Lestari", unit_code: "35.14.02", unit_name: "Tutur" }),
    ],
    editable,
    stage,
  );
}

/** Problems of a refused score file (the line counts the header as line 1). */
export function scoreProblems(more = 0): Problems {
  return {
    listed: [
      { line: 3, column: "nilai", reason: "Nilai “120” di luar rentang 0–100." },
      { line: 5, column: "nomor_pendaftaran", reason: "Nomor PPK-3514-9999 tidak ada pada lembar nilai." },
    ] as unknown as RowProblem[],
    more,
  };
}

/** One line of a result list; the applicant id is `seq`. */
export function selectionRow(seq: number, patch: Partial<SelectionRow> = {}): SelectionRow {
  const n = String(seq).padStart(4, "0");
  return {
    applicant_id: seq,
    reg_number: `PPK-3514-${n}`,
    full_name: `Peserta ${n}`,
    sex: seq % 2 ? "L" : "P",
    unit_code: "35.14.01",
    unit_name: "Purwodadi",
    kecamatan_name: "Purwodadi",
    written: "80,00",
    interview: "",
    final_score: "",
    rank: seq,
    position: seq,
    reserve: null,
    status: "lulus",
    status_label: "Lulus",
    unresolved_tie: false,
    explanation: `Nilai tertulis 80,00; peringkat ${seq}.`,
    paw_note: null,
    ...patch,
  };
}

/**
 * The final ranking of two kecamatan with a quota of 1 (PPK-like, small):
 * Purwodadi has a three-way tie across the Terpilih cut; Tutur is settled.
 */
export function finalResults(): SelectionRow[] {
  const tied = (seq: number, position: number, patch: Partial<SelectionRow> = {}) =>
    selectionRow(seq, {
      written: "75,00",
      interview: "85,00",
      final_score: "85,00",
      rank: 1,
      position,
      unresolved_tie: true,
      explanation:
        "Nilai akhir 85,00 (wawancara 85,00, tertulis 75,00); peringkat 1 dari 4. Nilai akhir, wawancara dan tertulis sama dengan peserta lain di batas; menunggu keputusan rapat pleno (sementara diurutkan menurut nomor pendaftaran).",
      ...patch,
    });
  return [
    tied(1, 1, { full_name: "Ahmad Fauzi", status: "terpilih", status_label: "Terpilih" }),
    tied(2, 2, { full_name: "Siti Aminah", status: "cadangan", status_label: "Cadangan", reserve: 1 }),
    tied(3, 3, { full_name: "Budi Santoso", status: "tidak_terpilih", status_label: "Tidak terpilih" }),
    selectionRow(5, {
      full_name: "Eko Prasetyo",
      written: "70,00",
      interview: "60,00",
      final_score: "60,00",
      rank: 4,
      position: 4,
      status: "tidak_terpilih",
      status_label: "Tidak terpilih",
      explanation: "Nilai akhir 60,00 (wawancara 60,00, tertulis 70,00); peringkat 4 dari 4.",
    }),
    selectionRow(4, {
      full_name: "Dewi Lestari",
      unit_code: "35.14.02",
      unit_name: "Tutur",
      kecamatan_name: "Tutur",
      written: "88,00",
      interview: "90,50",
      final_score: "90,50",
      rank: 1,
      position: 1,
      status: "terpilih",
      status_label: "Terpilih",
      explanation: "Nilai akhir 90,50 (wawancara 90,50, tertulis 88,00); peringkat 1 dari 2; kuota 1.",
    }),
    selectionRow(6, {
      full_name: "Fajar Nugroho",
      unit_code: "35.14.02",
      unit_name: "Tutur",
      kecamatan_name: "Tutur",
      written: "absen",
      interview: "",
      final_score: "",
      rank: null,
      position: null,
      status: "tidak_hadir",
      status_label: "Tidak hadir",
      explanation: "Tidak hadir pada tes tertulis.",
    }),
  ];
}

/** The preview of a CAT export (title rows, then NO, NO PESERTA, NAMA, NILAI) as the core gives it. */
export function scorePreview(patch: Partial<ScoreSheetPreview> = {}): ScoreSheetPreview {
  return {
    stage: "tertulis",
    format: "xlsx",
    sheets: ["Hasil CAT", "Rekap"],
    sheet: "Hasil CAT",
    columns: [
      { index: 0, letter: "A", header: "NO", samples: ["1", "2", "3"] },
      { index: 1, letter: "B", header: "NO PESERTA", samples: ["PPK-3514-0001", "PPK-3514-0002", "PPK-3514-0003"] },
      { index: 2, letter: "C", header: "NAMA", samples: ["Ahmad Fauzi", "Siti Aminah", "Budi Santoso"] },
      { index: 3, letter: "D", header: "NILAI TWK", samples: ["30", "25", "20"] },
      { index: 4, letter: "E", header: "NILAI", samples: ["78.5", "absen", "66.25"] },
    ],
    mapping: { header_row: 3, id_column: 1, id_kind: "nomor", mark_column: 4, attendance_column: null },
    notes: [],
    ready: true,
    rows: [
      { line: 4, reg_number: "PPK-3514-0001", full_name: "Ahmad Fauzi", unit: "35.14.01 Purwodadi", mark: "78,50", before: "" },
      { line: 5, reg_number: "PPK-3514-0002", full_name: "Siti Aminah", unit: "35.14.01 Purwodadi", mark: "absen", before: "" },
      { line: 6, reg_number: "PPK-3514-0003", full_name: "Budi Santoso", unit: "35.14.01 Purwodadi", mark: "66,25", before: "" },
    ],
    to_store: 3,
    absent: 1,
    replacing: 0,
    problems: { listed: [], more: 0 },
    ...patch,
  };
}
