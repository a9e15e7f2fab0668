import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Participant } from "../bindings/Participant";
import type { Session } from "../bindings/Session";
import type { TestSchedule } from "../bindings/TestSchedule";
import { admin, atStage, operator, round } from "../test/fixtures";
import { TestSchedulePanel } from "./TestSchedulePanel";
import { matches } from "./TestSeatsTable";

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

function schedule(patch: Partial<TestSchedule> = {}): TestSchedule {
  return {
    round_id: 1,
    number_format: "{BODY}-{KAB4}-T{NNNN}",
    example_number: "PPK-3514-T0001",
    published_at: null,
    venues: [
      {
        id: 7,
        name: "SMAN 1 Bangil",
        address: "Jl. Raya Bangil 1",
        rooms: [{ id: 70, name: "Ruang 1", capacity: 2, ground_floor: true, note: "", seated: 2 }],
      },
    ],
    sessions: [
      {
        id: 5,
        label: "Sesi 1",
        date: "2026-12-14",
        date_text: "Senin, 14 Desember 2026",
        starts_at: "08:00",
        ends_at: "10:00",
        seated: 2,
      },
    ],
    participants: 2,
    numbered: 2,
    seated: 2,
    seats_per_session: 2,
    ground_floor_needed: 0,
    in_progress: true,
    ...patch,
  };
}

function participant(seq: number, name: string): Participant {
  return {
    applicant_id: seq,
    number: `PPK-3514-T000${seq}`,
    reg_number: `PPK-3514-000${seq}`,
    full_name: name,
    sex: "L",
    unit_code: "351401",
    needs_ground_floor: false,
    session_id: 5,
    session_label: "Sesi 1",
    session_date: "2026-12-14",
    starts_at: "08:00",
    ends_at: "10:00",
    venue_id: 7,
    venue_name: "SMAN 1 Bangil",
    room_id: 70,
    room_name: "Ruang 1",
    seat: seq,
  };
}

/** A core with one venue, one session and two seated participants; `refuse` maps commands to refusals. */
function serve(refuse: Record<string, string> = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (refuse[cmd]) throw { code: "validation", message: refuse[cmd] };
    switch (cmd) {
      case "test_schedule":
        return schedule();
      case "test_participants":
        return [participant(1, "Ani Lestari"), participant(2, "Budi Santoso")];
      case "save_test_venue":
      case "save_test_room":
      case "save_test_session":
        return { id: 9, seats_cleared: 0 };
      case "give_participant_numbers":
        return { given: 2, total: 2, renumbered: true };
      case "assign_seats":
        return { placed: 2, kept: 0, ground_floor_unmet: 0 };
      case "move_participant":
        return null;
      case "test_attendance":
        return { round_id: 1, rooms: [], totals: { session_id: null, room_id: null, session_label: "Jumlah", venue_name: "", room_name: "", seated: 0, present: 0, absent: 0, open: 0 }, entries: [], open: false };
      case "export_participant_cards":
        return { path: "/data/kartu-peserta.pdf", not_opened: null };
      default:
        throw new Error(`${cmd} not expected`);
    }
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

function renderPanel(session: Session = admin) {
  return render(<TestSchedulePanel session={session} round={atStage(round(1, "PPK"), "tertulis")} />);
}

describe("TestSchedulePanel", () => {
  it("adds a venue, a room and a session from keyboard-friendly forms", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("Ani Lestari");
    const venueForm = screen.getByRole("form", { name: "Tambah tempat tes" });
    await user.type(within(venueForm).getByLabelText("Nama tempat"), "Aula Kecamatan{Enter}");
    await waitFor(() => expect(sent(calls, "save_test_venue")).toHaveLength(1));
    expect(sent(calls, "save_test_venue")[0]).toEqual({
      roundId: 1,
      id: null,
      input: { name: "Aula Kecamatan", address: "" },
    });
    expect(await screen.findByRole("status")).toHaveTextContent('Tempat "Aula Kecamatan" ditambahkan.');

    const roomForm = screen.getByRole("form", { name: "Tambah ruang di SMAN 1 Bangil" });
    await user.type(within(roomForm).getByLabelText("Nama ruang"), "Lab CAT");
    await user.type(within(roomForm).getByLabelText("Kapasitas"), "40");
    await user.click(within(roomForm).getByLabelText("Lantai dasar"));
    await user.click(within(roomForm).getByRole("button", { name: "Tambah ruang" }));
    await waitFor(() => expect(sent(calls, "save_test_room")).toHaveLength(1));
    expect(sent(calls, "save_test_room")[0]).toEqual({
      venueId: 7,
      id: null,
      input: { name: "Lab CAT", capacity: 40, ground_floor: true, note: "" },
    });

    const sessionForm = screen.getByRole("form", { name: "Tambah sesi" });
    await user.type(within(sessionForm).getByLabelText("Nama sesi"), "Sesi 2");
    await user.type(within(sessionForm).getByLabelText("Tanggal"), "14-12-2026");
    await user.type(within(sessionForm).getByLabelText("Mulai"), "10:30");
    await user.type(within(sessionForm).getByLabelText("Selesai"), "12:00{Enter}");
    await waitFor(() => expect(sent(calls, "save_test_session")).toHaveLength(1));
    expect(sent(calls, "save_test_session")[0]).toEqual({
      roundId: 1,
      id: null,
      input: { label: "Sesi 2", date: "2026-12-14", starts_at: "10:30", ends_at: "12:00" },
    });
  });

  it("changes a room's capacity and a session's times in the same forms", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("Ani Lestari");
    await user.click(screen.getByRole("button", { name: "Ubah ruang Ruang 1" }));
    const roomForm = screen.getByRole("form", { name: "Ubah ruang di SMAN 1 Bangil" });
    const capacity = within(roomForm).getByLabelText("Kapasitas");
    await user.clear(capacity);
    await user.type(capacity, "30{Enter}");
    await waitFor(() => expect(sent(calls, "save_test_room")).toHaveLength(1));
    expect(sent(calls, "save_test_room")[0]).toEqual({
      venueId: 7,
      id: 70,
      input: { name: "Ruang 1", capacity: 30, ground_floor: true, note: "" },
    });

    await user.click(screen.getByRole("button", { name: "Ubah sesi Sesi 1" }));
    const sessionForm = screen.getByRole("form", { name: "Ubah sesi" });
    expect(within(sessionForm).getByLabelText("Tanggal")).toHaveValue("14-12-2026");
    const end = within(sessionForm).getByLabelText("Selesai");
    await user.clear(end);
    await user.type(end, "11:00{Enter}");
    await waitFor(() => expect(sent(calls, "save_test_session")).toHaveLength(1));
    expect(sent(calls, "save_test_session")[0]).toEqual({
      roundId: 1,
      id: 5,
      input: { label: "Sesi 1", date: "2026-12-14", starts_at: "08:00", ends_at: "11:00" },
    });
  });

  it("gives numbers, and says why the core refused the seating", async () => {
    const calls = serve({ assign_seats: "Kursi tidak cukup: 9 peserta, tersedia 4 kursi; kurang 5 kursi." });
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole("button", { name: "Beri nomor peserta" }));
    expect(await screen.findByRole("status")).toHaveTextContent("2 nomor peserta diberikan; 2 peserta bernomor.");
    expect(sent(calls, "give_participant_numbers")).toEqual([{ roundId: 1 }]);
    await user.click(screen.getByRole("button", { name: "Atur tempat duduk otomatis" }));
    const alerts = await screen.findAllByRole("alert");
    expect(alerts.some((a) => a.textContent?.includes("kurang 5 kursi"))).toBe(true);
  });

  it("searches the participants and moves one to another seat", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("Ani Lestari");
    await user.type(screen.getByLabelText("Cari nomor atau nama"), "T0002");
    expect(screen.queryByText("Ani Lestari")).toBeNull();
    const row = screen.getByText("Budi Santoso").closest("tr")!;
    await user.click(within(row).getByRole("button", { name: "Pindah" }));
    const form = screen.getByRole("form", { name: "Pindahkan PPK-3514-T0002" });
    await user.type(within(form).getByLabelText("Kursi"), "1");
    await user.type(within(form).getByLabelText("Alasan"), "Dekat pintu{Enter}");
    await waitFor(() => expect(sent(calls, "move_participant")).toHaveLength(1));
    expect(sent(calls, "move_participant")[0]).toEqual({
      roundId: 1,
      seatMove: { number: "PPK-3514-T0002", session_id: 5, room_id: 70, seat: 1, reason: "Dekat pintu" },
    });
  });

  it("shows an operator the schedule and its exports, without the Administrator's actions", async () => {
    serve();
    renderPanel(operator);
    await screen.findByText("Ani Lestari");
    expect(screen.queryByRole("button", { name: "Beri nomor peserta" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Tambah tempat tes" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Pindah" })).toBeNull();
    expect(screen.getByRole("button", { name: "Pengumuman jadwal (PDF)" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Ekspor jadwal (Excel)" })).toBeEnabled();
  });

  it("prints the cards of everyone, of the session chosen, and of one participant", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel(operator);
    await screen.findByText("Ani Lestari");
    await user.click(screen.getByRole("button", { name: "Cetak kartu peserta" }));
    expect(await screen.findByText("Kartu peserta disimpan di /data/kartu-peserta.pdf.")).toBeInTheDocument();
    const all = { applicant_id: null, number: null, unit: null, session_id: null, venue_id: null };
    expect(sent(calls, "export_participant_cards")[0]).toEqual({ roundId: 1, filter: all, onePerPage: false });
    await user.selectOptions(screen.getByRole("combobox", { name: "Sesi" }), "5");
    await user.click(screen.getByRole("button", { name: "Cetak kartu peserta pilihan ini" }));
    await waitFor(() => expect(sent(calls, "export_participant_cards")).toHaveLength(2));
    expect(sent(calls, "export_participant_cards")[1]).toEqual({
      roundId: 1,
      filter: { ...all, session_id: 5 },
      onePerPage: false,
    });
    await user.click(screen.getByRole("button", { name: "Kartu peserta PPK-3514-T0002" }));
    await waitFor(() => expect(sent(calls, "export_participant_cards")).toHaveLength(3));
    expect(sent(calls, "export_participant_cards")[2]).toEqual({
      roundId: 1,
      filter: { ...all, applicant_id: 2 },
      onePerPage: true,
    });
  });

  it("says why the core refused the cards", async () => {
    serve({ export_participant_cards: "2 peserta belum mendapat nomor peserta atau tempat duduk." });
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText("Ani Lestari");
    await user.click(screen.getByRole("button", { name: "Cetak kartu peserta" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("belum mendapat nomor peserta");
  });

  it("matches a participant by number, name or registration number", () => {
    const p = participant(3, "Citra Dewi");
    expect(matches(p, "t0003")).toBe(true);
    expect(matches(p, "dewi")).toBe(true);
    expect(matches(p, "PPK-3514-0003")).toBe(true);
    expect(matches(p, "budi")).toBe(false);
  });
});
