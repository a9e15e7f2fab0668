import type { Member } from "../../bindings/Member";
import type { Takeover } from "../../bindings/Takeover";

/** A member of the Pemilu round: applicant `id`, with an end-of-term evaluation when `score` is given. */
export function member(id: number, name: string, score: number | null = null): Member {
  return {
    member: { applicant_id: id, holder_id: null },
    key: `A${id}`,
    nik: `351401120890${String(id).padStart(4, "0")}`,
    full_name: name,
    sex: "L",
    unit_code: "35.14.01",
    unit_label: "Kecamatan Purwodadi",
    source_label: "Hasil seleksi",
    position: id,
    reports: 0,
    evaluation:
      score === null
        ? null
        : {
            evaluation: { score, grade: "Baik", notes: "Disiplin dan teliti" },
            summary: `${score} (Baik)`,
            decided_at: "01-12-2026 09:00",
            decided_by: "ketua",
          },
  };
}

/** The Pilkada's takeover screen with the Pemilu (round 1) chosen: quota 5, nothing kept yet. */
export function takeover(patch: Partial<Takeover> = {}): Takeover {
  return {
    open: true,
    sources: [{ id: 1, name: "PPK Pemilu 2024", election: "Pemilu 2024" }],
    from_round_id: 1,
    units: [
      {
        unit_code: "35.14.01",
        unit_label: "Kecamatan Purwodadi",
        quota: 5,
        held: 0,
        seats_left: 5,
        kept: [],
        candidates: [
          { member: member(11, "Ani", 88), blocked: null },
          { member: member(12, "Budi"), blocked: null },
          { member: member(13, "Citra"), blocked: "Sudah mendaftar pada seleksi ini." },
        ],
      },
    ],
    ...patch,
  };
}
