// Realistic command results for UI tests, shaped by the generated bindings.
import type { HomeView } from "../bindings/HomeView";
import type { KecamatanRow } from "../bindings/KecamatanRow";
import type { Session } from "../bindings/Session";

export const admin: Session = { user_id: 1, username: "admin", full_name: "Admin Uji", role: "administrator" };
export const operator: Session = { user_id: 2, username: "operator", full_name: "Operator Uji", role: "operator" };

const row = (code: string, name: string, desa: number, kel: number, ppk: number, pps: number): KecamatanRow => ({
  code,
  name,
  desa,
  kelurahan: kel,
  pps_units: desa + kel,
  quota_ppk: 5,
  quota_pps: (desa + kel) * 3,
  applicants_ppk: ppk,
  applicants_pps: pps,
});

export function homeView(): HomeView {
  const kecamatan = [
    row("35.14.01", "Purwodadi", 13, 0, 30, 80),
    row("35.14.02", "Tutur", 12, 0, 8, 60),
    row("35.14.03", "Puspo", 7, 0, 41, 20),
  ];
  const totals = kecamatan.reduce<KecamatanRow>(
    (t, k) => ({
      ...t,
      desa: t.desa + k.desa,
      kelurahan: t.kelurahan + k.kelurahan,
      pps_units: t.pps_units + k.pps_units,
      quota_ppk: t.quota_ppk + k.quota_ppk,
      quota_pps: t.quota_pps + k.quota_pps,
      applicants_ppk: (t.applicants_ppk ?? 0) + (k.applicants_ppk ?? 0),
      applicants_pps: (t.applicants_pps ?? 0) + (k.applicants_pps ?? 0),
    }),
    { ...row("", "Jumlah", 0, 0, 0, 0), quota_ppk: 0, quota_pps: 0 },
  );
  return {
    kabupaten: { code: "35.14", name: "Kabupaten Pasuruan", provinsi: "Jawa Timur" },
    rounds: [],
    elections: ["Pemilu 2024"],
    election: "Pemilu 2024",
    kecamatan,
    totals,
  };
}
