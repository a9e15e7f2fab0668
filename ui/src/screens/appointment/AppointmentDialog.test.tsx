import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { UnitSituation } from "../../bindings/UnitSituation";
import { atStage, operator, pimpinan, round } from "../../test/fixtures";
import { AppointmentDialog } from "./AppointmentDialog";
import { UnitSituations } from "./UnitSituations";

function situation(patch: Partial<UnitSituation> = {}): UnitSituation {
  return {
    unit_code: "35.14.02",
    unit_label: "Kecamatan Tutur",
    quota: 5,
    held: 0,
    appointed: 0,
    candidates: 2,
    extensions: 2,
    allowed: 2,
    extended_until: "2026-11-27",
    extension_state: "perlu_penunjukan",
    extensions_used_up: true,
    appointable: 3,
    situation: "perlu_penunjukan",
    situation_label: "perlu penunjukan",
    next_step: "Isi 3 kursi yang kosong dengan penunjukan",
    ...patch,
  };
}

type Call = { cmd: string; args: Record<string, unknown> };

function mockCore(appoint: (args: Record<string, unknown>) => unknown) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "appoint_member") return appoint(args);
    if (cmd === "unit_situations")
      return [situation(), situation({ unit_code: "35.14.01", unit_label: "Kecamatan Purwodadi", situation: "cukup" })];
    if (cmd === "seat_holders") return [];
    return null;
  });
  return calls;
}

const admin = () => atStage(round(1, "PPK"), "administrasi");

async function fill(user: ReturnType<typeof userEvent.setup>) {
  const dialog = screen.getByTestId("appointment-dialog");
  await user.type(within(dialog).getByLabelText("NIK"), "3514011208909001");
  await user.type(within(dialog).getByLabelText("Nama lengkap"), "Siti Aminah");
  await user.click(within(dialog).getByLabelText("Perempuan"));
  await user.type(within(dialog).getByLabelText("Tanggal lahir"), "12-08-1990");
  await user.type(within(dialog).getByLabelText("Alamat"), "Dusun Krajan");
  await user.selectOptions(within(dialog).getByLabelText("Pendidikan terakhir"), "S1");
  await user.selectOptions(within(dialog).getByLabelText("Diusulkan oleh"), "pemerintah_desa");
  await user.type(within(dialog).getByLabelText("Nama pengusul"), "Pemerintah Desa Wonorejo");
  await user.type(within(dialog).getByLabelText("Nomor keputusan atau Berita Acara pleno"), "BA 21/2026");
  await user.type(within(dialog).getByLabelText("Alasan penunjukan"), "Pendaftar tetap kurang");
}

describe("AppointmentDialog", () => {
  it("asks for confirmation, then sends the person to the core", async () => {
    const user = userEvent.setup();
    const calls = mockCore((args) => ({
      id: 7,
      unit_code: "35.14.02",
      unit_label: "Kecamatan Tutur",
      source: "penunjukan",
      source_label: "Penunjukan",
      nik: (args.input as { nik: string }).nik,
      full_name: "Siti Aminah",
      sex: "P",
      education: "S1",
      proposer_kind: "pemerintah_desa",
      proposer: "Pemerintah desa/kelurahan: Pemerintah Desa Wonorejo",
      decision: "BA 21/2026",
      reason: "Pendaftar tetap kurang",
      decided_at: "28-11-2026 10:00",
      decided_by: "ketua",
    }));
    const onAppointed = vi.fn();
    render(<AppointmentDialog round={admin()} unit={situation()} onClose={vi.fn()} onAppointed={onAppointed} />);
    await fill(user);
    await user.click(screen.getByRole("button", { name: "Lanjut ke konfirmasi" }));
    expect(calls.filter((c) => c.cmd === "appoint_member")).toHaveLength(0);
    expect(screen.getByTestId("appointment-confirm")).toHaveTextContent("Siti Aminah");
    await user.click(screen.getByRole("button", { name: "Ya, tunjuk" }));
    await waitFor(() => expect(onAppointed).toHaveBeenCalled());
    const sent = calls.find((c) => c.cmd === "appoint_member")!.args;
    expect(sent.roundId).toBe(1);
    expect(sent.input).toMatchObject({
      unit_code: "35.14.02",
      sex: "P",
      birth_date: "1990-08-12",
      education: "S1",
      proposer_kind: "pemerintah_desa",
      phone: null,
    });
  });

  it("shows the core's refusal beside its field", async () => {
    const user = userEvent.setup();
    mockCore(() => {
      throw { code: "validation", field: "nik", message: "NIK ini sudah memegang kursi (Penunjukan) pada Pemilu 2024 – PPK." };
    });
    render(<AppointmentDialog round={admin()} unit={situation()} onClose={vi.fn()} onAppointed={vi.fn()} />);
    await fill(user);
    await user.click(screen.getByRole("button", { name: "Lanjut ke konfirmasi" }));
    await user.click(screen.getByRole("button", { name: "Ya, tunjuk" }));
    const nik = await screen.findByLabelText("NIK");
    await waitFor(() => expect(nik).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getAllByText(/sudah memegang kursi/).length).toBeGreaterThan(0);
  });

  it("refuses to confirm without the choices the core needs", async () => {
    const user = userEvent.setup();
    const calls = mockCore(() => null);
    render(<AppointmentDialog round={admin()} unit={situation()} onClose={vi.fn()} onAppointed={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Lanjut ke konfirmasi" }));
    expect(screen.getByText("Pilih jenis kelamin.")).toBeInTheDocument();
    expect(screen.queryByTestId("appointment-confirm")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "appoint_member")).toHaveLength(0);
  });
});

describe("UnitSituations", () => {
  it("lists the units that need a step, and only the Pimpinan may appoint", async () => {
    mockCore(() => null);
    const { unmount } = render(<UnitSituations session={pimpinan} round={admin()} />);
    const rows = await screen.findAllByTestId("situation-row");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent("Isi 3 kursi yang kosong dengan penunjukan");
    expect(screen.getByTestId("situations-summary")).toHaveTextContent("1 wilayah memerlukan langkah");
    expect(screen.getByTestId("appoint-open")).toBeInTheDocument();
    unmount();
    render(<UnitSituations session={operator} round={admin()} />);
    await screen.findAllByTestId("situation-row");
    expect(screen.queryByTestId("appoint-open")).not.toBeInTheDocument();
  });
});
