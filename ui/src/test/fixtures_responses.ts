// Public responses (tanggapan masyarakat) as list_responses returns them,
// shaped by the generated bindings.
import type { ResponseView } from "../bindings/ResponseView";

/** A response still in process about applicant 7; `id` as given. */
export function responseView(id: number, patch: Partial<ResponseView> = {}): ResponseView {
  return {
    id,
    applicant_id: 7,
    reg_number: "PPK-3514-0007",
    full_name: "Siti Nur'aini",
    unit_label: "Kecamatan Purwodadi",
    received_on: "2026-12-01",
    sender: "Anonim",
    contact: null,
    content: "Calon tersebut masih tercatat sebagai pengurus partai politik di tingkat kecamatan.",
    attachment_sha256: null,
    attachment_name: null,
    clarification: null,
    outcome: "proses",
    outcome_label: "Dalam proses",
    outcome_reason: null,
    decided_at: null,
    ...patch,
  };
}

/** Three responses in the order the core lists them (oldest first): one per outcome. */
export function sampleResponses(): ResponseView[] {
  return [
    responseView(1, {
      applicant_id: 3,
      reg_number: "PPK-3514-0003",
      full_name: "Budi Santoso",
      received_on: "2026-11-28",
      sender: "Slamet Riyadi",
      contact: "081234567890",
      content: "Yang bersangkutan adalah anggota tim kampanye salah satu calon bupati pada pilkada terakhir.",
      clarification: "Calon menunjukkan surat pengunduran diri dari tim kampanye bertanggal 2019.",
      outcome: "tidak_terbukti",
      outcome_label: "Tidak terbukti",
      outcome_reason: "Tidak terbukti menurut klarifikasi; BA pleno nomor 12/PL.01.2-BA/3514/2026.",
      decided_at: "2026-12-03T09:30:00Z",
    }),
    responseView(2, {
      applicant_id: 5,
      reg_number: "PPK-3514-0005",
      full_name: "Eko Prasetyo",
      unit_label: "Kecamatan Tutur",
      received_on: "2026-11-30",
      sender: "Forum Warga Tutur",
      contact: "forumtutur@example.org",
      content: "Calon pernah dijatuhi pidana penjara lima tahun; salinan putusan pengadilan terlampir.",
      attachment_sha256: "ab".repeat(32),
      attachment_name: "putusan.pdf",
      clarification: "Salinan putusan dicocokkan dengan Pengadilan Negeri; putusan benar dan telah berkekuatan hukum tetap.",
      outcome: "terbukti",
      outcome_label: "Terbukti – calon gugur",
      outcome_reason: "Terbukti; BA pleno nomor 13/PL.01.2-BA/3514/2026.",
      decided_at: "2026-12-04T10:00:00Z",
    }),
    responseView(3, {
      content: `${"Calon tersebut masih tercatat sebagai pengurus partai politik di tingkat kecamatan. ".repeat(5)}Bukti ada pada surat keputusan partai.`,
    }),
  ];
}
