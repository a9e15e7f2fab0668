// Where the fields the core may name live in the registration form, and what a section of the form takes.

import type { Dispatch, SetStateAction } from "react";

import type { RegistrationDraft } from "../../bindings/RegistrationDraft";

/** Where each field the core may name lives in the form, in form order. */
export const FIELD_IDS: [string, string][] = [
  ["nik", "reg-nik"],
  ["nama", "reg-nama"],
  ["jenis_kelamin", "reg-jenis-kelamin"],
  ["tempat_lahir", "reg-tempat-lahir"],
  ["tanggal_lahir", "reg-tanggal-lahir"],
  ["alamat", "reg-alamat"],
  ["kode_desa", "reg-kode-desa"],
  ["pendidikan", "reg-pendidikan"],
  ["pekerjaan", "reg-pekerjaan"],
  ["telepon", "reg-telepon"],
  ["email", "reg-email"],
  ["kode_wilayah_tugas", "reg-wilayah-tugas"],
  ["kode_desa_domisili", "reg-domisili-desa"],
  ["alasan_domisili", "reg-alasan-domisili"],
];
const AFTER_SERVICE: [string, string][] = [
  ["status_partai", "reg-partai-bukan"],
  ["tahun_keluar_partai", "reg-tahun-keluar"],
  ["disabilitas", "reg-disabilitas"],
  ["berkas", "reg-berkas"],
];

/** Field names and element ids in the order they appear. */
export function fieldOrder(serviceRows: number): [string, string][] {
  const service: [string, string][] = [];
  for (let i = 0; i < serviceRows; i++) {
    for (const part of ["badan", "pemilihan", "tahun"]) service.push([`riwayat.${i}.${part}`, `reg-riwayat-${i}-${part}`]);
  }
  return [...FIELD_IDS, ...service, ...AFTER_SERVICE];
}

/** The field an element of the form edits (by its id), if it is one the core may name. */
export function fieldOfElement(id: string, serviceRows: number): string | null {
  if (id === "reg-partai-mantan") return "status_partai";
  if (id.startsWith("reg-berkas-")) return "berkas";
  return fieldOrder(serviceRows).find(([, elementId]) => elementId === id)?.[0] ?? null;
}

/** This year on this computer (for the example in a hint). */
export const currentYear = () => new Date().getFullYear();

/** The year typed, from its first four digits; null when there are none. */
export function yearOf(text: string): number | null {
  const digits = text.replace(/\D/g, "").slice(0, 4);
  return digits === "" ? null : Number(digits);
}

/** What a section of the form needs to show and change its part of the draft. */
export interface SectionProps {
  draft: RegistrationDraft;
  setDraft: Dispatch<SetStateAction<RegistrationDraft>>;
  /** What the core finds wrong with a field, once it may be shown (the field was left, or a save tried). */
  err: (name: string) => string | null;
  /** The field was left: its problems show from now on if something was typed in it. */
  touch: (name: string) => void;
}
