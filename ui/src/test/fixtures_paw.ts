// Unit memberships (PAW) as unit_members returns them, shaped by the generated bindings.
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { PawEvent } from "../bindings/PawEvent";
import type { Person } from "../bindings/Person";
import type { UnitMembers } from "../bindings/UnitMembers";

let nextId = 100;

/** A person of the final ranking; `id` defaults to a fresh one. */
export function person(full_name: string, position: number, patch: Partial<Person> = {}): Person {
  const id = patch.applicant_id ?? nextId++;
  return {
    applicant_id: id,
    reg_number: `PPK-3514-${String(id).padStart(4, "0")}`,
    full_name,
    sex: position % 2 ? "L" : "P",
    position,
    holder_id: null,
    source: null,
    source_label: null,
    ...patch,
  };
}

export function unit(code: string, name: string, patch: Partial<UnitMembers> = {}): UnitMembers {
  return {
    unit_code: code,
    unit_name: name,
    quota: 5,
    members: [],
    reserves: [],
    history: [],
    pending: null,
    proposed: null,
    ...patch,
  };
}

// --- A PPK round ------------------------------------------------------------

export const siti = person("Siti Aminah", 1, { applicant_id: 11, sex: "P" });
export const budi = person("Budi Santoso", 2, { applicant_id: 12, sex: "L" });
export const rina = person("Rina Wulandari", 6, { applicant_id: 16, sex: "P" });
export const agus = person("Agus Salim", 7, { applicant_id: 17, sex: "L" });

/** Tutur's member who resigned, and the reserve who replaced him. */
export const hadi = person("Hadi Prasetyo", 3, { applicant_id: 23, sex: "L" });
export const wati = person("Wati Lestari", 6, { applicant_id: 26, sex: "P" });

/** Puspo's member who died, and the reserve proposed for her seat. */
export const yuni = person("Yuni Kartika", 2, { applicant_id: 32, sex: "P" });
export const eko = person("Eko Purnomo", 6, { applicant_id: 36, sex: "L" });

export function tuturEvent(): PawEvent {
  return {
    id: 1,
    member: hadi,
    cause: "mengundurkan_diri",
    cause_label: "Mengundurkan diri",
    left_on: "2027-01-10",
    reason: "Surat pengunduran diri tanggal 9 Januari 2027",
    replacement: wati,
    decision_note: "Keputusan KPU Kab. Pasuruan Nomor 12 Tahun 2027",
  };
}

export function puspoEvent(): PawEvent {
  return {
    id: 2,
    member: yuni,
    cause: "meninggal",
    cause_label: "Meninggal dunia",
    left_on: "2027-01-12",
    reason: "Akta kematian Nomor 3514-KM-0112",
    replacement: null,
    decision_note: null,
  };
}

/** Purwodadi without PAW; Tutur with one replacement done; Puspo waiting for Eko's confirmation. */
export function ppkMembers(): UnitMembers[] {
  return [
    unit("35.14.01", "Purwodadi", {
      members: [
        siti,
        budi,
        person("Cahyo Nugroho", 3, { applicant_id: 13 }),
        person("Dewi Anggraini", 4, { applicant_id: 14 }),
        person("Edi Susanto", 5, { applicant_id: 15 }),
      ],
      reserves: [rina, agus],
    }),
    unit("35.14.02", "Tutur", {
      members: [
        person("Fajar Hidayat", 1, { applicant_id: 21 }),
        person("Gita Permata", 2, { applicant_id: 22 }),
        person("Indra Gunawan", 4, { applicant_id: 24 }),
        person("Joko Widodo", 5, { applicant_id: 25 }),
        wati,
      ],
      reserves: [person("Kurniawan", 7, { applicant_id: 27 })],
      history: [tuturEvent()],
    }),
    unit("35.14.03", "Puspo", {
      members: [
        person("Lina Marlina", 1, { applicant_id: 31 }),
        person("Made Wirawan", 3, { applicant_id: 33 }),
        person("Nanda Putri", 4, { applicant_id: 34 }),
        person("Oki Setiawan", 5, { applicant_id: 35 }),
      ],
      reserves: [eko, person("Putu Ayu", 7, { applicant_id: 37 })],
      history: [puspoEvent()],
      pending: 2,
      proposed: eko,
    }),
  ];
}

/** Purwodadi as record_leave answers once Siti's departure is recorded: Rina proposed. */
export function purwodadiAfterLeave(): UnitMembers {
  const before = ppkMembers()[0]!;
  return {
    ...before,
    members: before.members.filter((m) => m.applicant_id !== siti.applicant_id),
    history: [
      {
        id: 3,
        member: siti,
        cause: "mengundurkan_diri",
        cause_label: "Mengundurkan diri",
        left_on: "2027-01-14",
        reason: "Surat pengunduran diri tanggal 13 Januari 2027",
        replacement: null,
        decision_note: null,
      },
    ],
    pending: 3,
    proposed: rina,
  };
}

/** Puspo as confirm_replacement answers: Eko is a member now. */
export function puspoAfterConfirm(note: string): UnitMembers {
  const before = ppkMembers()[2]!;
  return {
    ...before,
    members: [...before.members, eko].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    reserves: before.reserves.filter((r) => r.applicant_id !== eko.applicant_id),
    history: [{ ...puspoEvent(), replacement: eko, decision_note: note }],
    pending: null,
    proposed: null,
  };
}

// --- A PPS round ------------------------------------------------------------

/** Four desa in two kecamatan; Blarang waits for a replacement. */
export function ppsMembers(): UnitMembers[] {
  const three = (prefix: number) => [
    person(`Anggota ${prefix}-1`, 1, { applicant_id: prefix * 10 + 1 }),
    person(`Anggota ${prefix}-2`, 2, { applicant_id: prefix * 10 + 2 }),
    person(`Anggota ${prefix}-3`, 3, { applicant_id: prefix * 10 + 3 }),
  ];
  const reserve = (prefix: number, name: string) => person(name, 4, { applicant_id: prefix * 10 + 4 });
  return [
    unit("35.14.01.2001", "Gerbo", { quota: 3, members: three(50), reserves: [reserve(50, "Cadangan Gerbo")] }),
    unit("35.14.01.2002", "Parerejo", { quota: 3, members: three(51), reserves: [reserve(51, "Sri Rahayu")] }),
    unit("35.14.02.1001", "Tutur", { quota: 3, members: three(52), reserves: [reserve(52, "Cadangan Tutur")] }),
    unit("35.14.02.2001", "Blarang", {
      quota: 3,
      members: three(53).slice(1),
      reserves: [],
      history: [
        {
          id: 9,
          member: person("Anggota 53-1", 1, { applicant_id: 531 }),
          cause: "berhalangan_tetap",
          cause_label: "Berhalangan tetap",
          left_on: "2027-01-05",
          reason: "Surat keterangan dokter Nomor 77/RS/2027",
          replacement: null,
          decision_note: null,
        },
      ],
      pending: 9,
      proposed: null,
    }),
  ];
}

export function ppsRegions(): KecamatanOption[] {
  return [
    { code: "35.14.01", name: "Purwodadi", desa: [] },
    { code: "35.14.02", name: "Tutur", desa: [] },
  ];
}

/** `kec` kecamatan of `desa` desa each, no PAW anywhere: a national-size round. */
export function bigPps(kec: number, desa: number): UnitMembers[] {
  const out: UnitMembers[] = [];
  for (let k = 1; k <= kec; k++) {
    for (let d = 1; d <= desa; d++) {
      const code = `35.14.${String(k).padStart(3, "0")}.${2000 + d}`;
      const id = k * 1000 + d * 10;
      out.push(
        unit(code, `Desa ${k}-${d}`, {
          quota: 3,
          members: [person(`Warga ${k}-${d}`, 1, { applicant_id: id })],
          reserves: [],
        }),
      );
    }
  }
  return out;
}
