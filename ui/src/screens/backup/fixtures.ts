/** Answers and checks shared by the tests of the backup screens. */
import { mockIPC } from "@tauri-apps/api/mocks";

import type { BackupEntry } from "../../bindings/BackupEntry";
import type { RestoreCheck } from "../../bindings/RestoreCheck";

export const DIR = "C:\\KPU\\seleksi-adhoc\\cadangan";
export const SHA = "3f5a9c0d1e2b4a6f8c7d9e0a1b2c3d4e5f60718293a4b5c6d7e8f90112233445";

export function entry(patch: Partial<BackupEntry> = {}): BackupEntry {
  const file_name = patch.file_name ?? "20261126-0815-harian.db";
  return {
    path: `${DIR}\\${file_name}`,
    file_name,
    reason: "harian",
    reason_label: "Harian (pertama kali aplikasi dibuka hari itu)",
    taken: "26-11-2026 08:15",
    bytes: 12_901_234,
    schema_version: 14,
    scans: 245,
    ...patch,
  };
}

export const list = (): BackupEntry[] => [
  entry(),
  entry({
    file_name: "20261125-1630-tutup-administrasi.db",
    reason: "tutup-administrasi",
    reason_label: "Penutupan tahap administrasi",
    taken: "25-11-2026 16:30",
    bytes: 3_500_000,
    scans: 1_204,
  }),
];

export const manual = (): BackupEntry =>
  entry({
    file_name: "20261126-0930-manual.db",
    reason: "manual",
    reason_label: "Dibuat oleh petugas",
    taken: "26-11-2026 09:30",
    bytes: 13_000_000,
    scans: 250,
  });

export function check(patch: Partial<RestoreCheck> = {}): RestoreCheck {
  return {
    path: `${DIR}\\20261125-1630-tutup-administrasi.db`,
    sha256: SHA,
    manifest: "ada, cocok",
    schema_version: 14,
    kabupaten: "Kabupaten Pasuruan",
    rounds: ["Pemilu 2024 – PPK (tahap: Tes tertulis)", "Pemilu 2024 – PPS (tahap: Pendaftaran)"],
    applicants: 1_234,
    audit_entries: 5_678,
    last_audit: "25-11-2026 16:30 ketua: stage.close",
    scans_missing: [],
    continues: true,
    sealed: false,
    warning: null,
    ...patch,
  };
}

export const REFUSED = {
  code: "validation",
  message: "Cadangan ini milik KPU dengan kode wilayah 35.07, bukan 35.14 (database ini). Berkas tidak dipulihkan.",
  field: "berkas",
};

/** Answers `undefined` fall back to the list of backups (backup_list) or null. */
export type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

export function mock(handle: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = handle(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "backup_list") return list();
    return null;
  });
  return calls;
}

export const named = <C extends { cmd: string }>(calls: C[], cmd: string) => calls.filter((c) => c.cmd === cmd);

