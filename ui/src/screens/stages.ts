// The stages of a round in staff words, and their order. The core decides
// which stage is in progress and what may change in it.
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";

/** Every stage, in the order a round goes through them. */
export const STAGES: Stage[] = ["pendaftaran", "administrasi", "tertulis", "wawancara", "akhir", "penetapan", "masa_kerja"];

export const STAGE_LABEL: Record<Stage, string> = {
  pendaftaran: "Pendaftaran",
  administrasi: "Penelitian administrasi",
  tertulis: "Tes tertulis",
  wawancara: "Tes wawancara",
  akhir: "Hasil akhir",
  penetapan: "Penetapan dan pelantikan",
  masa_kerja: "Masa kerja",
};

/** The round is past `stage`: that stage is closed and its results are frozen. */
export const isPast = (current: Stage, stage: Stage) => STAGES.indexOf(current) > STAGES.indexOf(stage);

/** What became of the backup taken at a stage close, as a sentence to append. */
export const backupNote = (r: StageClosed) =>
  r.backup_failed ? ` Perhatian: ${r.backup}` : ` Cadangan otomatis dibuat (${r.backup}).`;
