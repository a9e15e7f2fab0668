// The stages of a round in staff words. The core decides their order, which
// stage is in progress, which are closed and what may change in each (see
// RoundSummary.closed_stages and next_stage).
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";

export const STAGE_LABEL: Record<Stage, string> = {
  pendaftaran: "Pendaftaran",
  administrasi: "Penelitian administrasi",
  tertulis: "Tes tertulis",
  wawancara: "Tes wawancara",
  akhir: "Hasil akhir",
  penetapan: "Penetapan dan pelantikan",
  masa_kerja: "Masa kerja",
};

/** What became of the backup taken at a stage close, as a sentence to append. */
export const backupNote = (r: StageClosed) =>
  r.backup_failed ? ` Perhatian: ${r.backup}` : ` Cadangan otomatis dibuat (${r.backup}).`;
