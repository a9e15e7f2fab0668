import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { AttendanceView } from "../bindings/AttendanceView";
import type { RoomAttendance } from "../bindings/RoomAttendance";
import type { TestSchedule } from "../bindings/TestSchedule";
import { atStage, operator, round, verifikator } from "../test/fixtures";
import { AttendancePanel } from "./AttendancePanel";

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

const schedule = {
  round_id: 1,
  sessions: [
    { id: 5, label: "Sesi 1", date: "2026-12-14", date_text: "Senin", starts_at: "08:00", ends_at: "10:00", seated: 2 },
  ],
} as unknown as TestSchedule;

function room(patch: Partial<RoomAttendance>): RoomAttendance {
  return {
    session_id: 5,
    room_id: 70,
    session_label: "Sesi 1",
    venue_name: "SMAN 1 Bangil",
    room_name: "Ruang 1",
    seated: 2,
    present: 1,
    absent: 0,
    open: 1,
    ...patch,
  };
}

function view(): AttendanceView {
  return {
    round_id: 1,
    rooms: [room({})],
    totals: room({ session_id: null, room_id: null, session_label: "Jumlah", venue_name: "", room_name: "" }),
    entries: [],
    open: true,
  };
}

function serve() {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "test_attendance":
        return view();
      case "record_attendance":
        return args.number === "PPK-3514-T0001"
          ? { accepted: true, number: args.number, message: "Hadir: PPK-3514-T0001 — Ani Lestari, SMAN 1 Bangil Ruang 1 kursi 1.", participant: null }
          : { accepted: false, number: args.number, message: `Nomor peserta ${String(args.number)} tidak dikenal.`, participant: null };
      case "attendance_closing_preview":
        return { becomes_absent: ["PPK-3514-T0002 — Budi Santoso"], scored: [] };
      case "close_attendance":
        return { absent: 1 };
      case "mark_participant_absent":
      case "undo_attendance":
        return null;
      default:
        throw new Error(`${cmd} not expected`);
    }
  });
  return calls;
}

const renderPanel = (session = verifikator) =>
  render(<AttendancePanel session={session} round={atStage(round(1, "PPK"), "tertulis")} schedule={schedule} paper="a4" />);

afterEach(() => vi.restoreAllMocks());

describe("AttendancePanel", () => {
  it("records scanned numbers, green when accepted and red when refused", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    const input = await screen.findByLabelText("Nomor peserta");
    await waitFor(() => expect(input).toHaveFocus());
    await user.type(input, "PPK-3514-T0001{Enter}");
    const ok = await screen.findByText(/Hadir: PPK-3514-T0001 — Ani Lestari/);
    expect(ok).toHaveClass("ok");
    await user.type(input, "X9{Enter}");
    expect(await screen.findByText(/X9 tidak dikenal/)).toHaveClass("error");
    expect(calls.filter((c) => c.cmd === "record_attendance").map((c) => c.args)).toEqual([
      { roundId: 1, number: "PPK-3514-T0001" },
      { roundId: 1, number: "X9" },
    ]);
    // Cleared and focused for the next scan, refused or not.
    expect(input).toHaveValue("");
    expect(input).toHaveFocus();
  });

  it("closes a session's attendance after a confirmation saying how many become absent", async () => {
    const calls = serve();
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(true);
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("SMAN 1 Bangil");
    await user.selectOptions(screen.getByLabelText("Sesi daftar hadir"), "5");
    await user.click(screen.getByRole("button", { name: "Tutup daftar hadir sesi…" }));
    expect(await screen.findByText("Daftar hadir ditutup: 1 peserta dicatat tidak hadir.")).toBeInTheDocument();
    expect(confirm.mock.calls[0]?.[0]).toContain("1 peserta");
    expect(calls.find((c) => c.cmd === "close_attendance")?.args).toEqual({ roundId: 1, sessionId: 5 });
  });

  it("marks one participant absent by hand and undoes a wrong record, each with a reason", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("SMAN 1 Bangil");
    await user.click(screen.getByText("Tandai tidak hadir, atau batalkan catatan yang keliru"));
    await user.type(screen.getByLabelText("Nomor peserta yang dikoreksi"), "PPK-3514-T0002");
    await user.type(screen.getByLabelText("Alasan"), "Sakit, surat dokter");
    await user.click(screen.getByRole("button", { name: "Tandai tidak hadir" }));
    expect(await screen.findByText('PPK-3514-T0002 dicatat tidak hadir (nilai tes tertulis "absen").')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "mark_participant_absent")?.args).toEqual({
      roundId: 1,
      number: "PPK-3514-T0002",
      reason: "Sakit, surat dokter",
    });
    await user.type(screen.getByLabelText("Nomor peserta yang dikoreksi"), "PPK-3514-T0001");
    await user.type(screen.getByLabelText("Alasan"), "Salah pindai kartu");
    await user.click(screen.getByRole("button", { name: "Batalkan catatan" }));
    expect(await screen.findByText("Catatan kehadiran PPK-3514-T0001 dibatalkan.")).toBeInTheDocument();
  });

  it("offers no scanning to a role that does not enter scores", async () => {
    serve();
    renderPanel(operator);
    await screen.findByText("SMAN 1 Bangil");
    expect(screen.queryByLabelText("Nomor peserta")).toBeNull();
    expect(screen.queryByRole("button", { name: "Tutup daftar hadir sesi…" })).toBeNull();
    expect(screen.getByRole("button", { name: "Daftar hadir (PDF)" })).toBeInTheDocument();
  });
});
