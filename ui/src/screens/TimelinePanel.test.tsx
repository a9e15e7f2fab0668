import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { Timeline } from "../bindings/Timeline";
import { admin, atStage, operator, pimpinan, round, STAGE_ORDER, verifikator } from "../test/fixtures";
import { timeline } from "../test/fixtures_timeline";
import { chartData } from "../test/chartMock";
import { STAGE_LABEL } from "./stages";
import { dayLabel, dayNumber, STAGE_COLOR } from "./timelineChart";
import { addDays, shortDate, TimelinePanel } from "./TimelinePanel";

// jsdom has no canvas: the charts render what they were given.
vi.mock("react-chartjs-2", () => import("../test/chartMock"));

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What stage_timeline answers (asked again after every change). */
  timeline?: () => Timeline;
  /** Answers open_stage, close_stage and reopen_stage (may throw a refusal). */
  openStage?: (args: Record<string, unknown>) => null;
  closeStage?: (args: Record<string, unknown>) => unknown;
  reopenStage?: (args: Record<string, unknown>) => null;
}

const unexpected = (cmd: string) => () => {
  throw new Error(`${cmd} not expected`);
};

function mockCore({
  timeline: answer = () => timeline(),
  openStage = unexpected("open_stage"),
  closeStage = unexpected("close_stage"),
  reopenStage = unexpected("reopen_stage"),
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "stage_timeline") return answer();
    if (cmd === "open_stage") return openStage(args);
    if (cmd === "close_stage") return closeStage(args);
    if (cmd === "reopen_stage") return reopenStage(args);
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** The PPK round (id 1) with penelitian administrasi waiting to be opened. */
const ppk = () => ({ ...atStage(round(1, "PPK"), "administrasi"), stage_open: false });

function renderPanel(session: Session, r = ppk()) {
  const onChanged = vi.fn();
  render(<TimelinePanel session={session} round={r} onChanged={onChanged} />);
  return { onChanged };
}

const item = (stage: Stage) => screen.getByTestId(`timeline-stage-${stage}`);
const stateOf = (stage: Stage) => within(item(stage)).getByTestId("stage-state").textContent;

/** Registration opened, closed, reopened and closed again, as the core words it. */
const registrationEvents = {
  pendaftaran: [
    "dibuka oleh ketua pada 20-11-2026 08:00",
    "ditutup oleh ketua pada 26-11-2026 16:00",
    "dibuka kembali oleh admin pada 26-11-2026 16:30 (alasan: Dua berkas belum dimasukkan)",
    "ditutup oleh ketua pada 27-11-2026 09:15",
  ],
};

describe("date helpers", () => {
  it("words dates the Indonesian way and counts days across months", () => {
    expect(shortDate("2022-12-12")).toBe("12 Des 2022");
    expect(shortDate("2026-08-01")).toBe("1 Agu 2026");
    expect(shortDate("bukan tanggal")).toBe("bukan tanggal");
    expect(addDays("2026-11-28", 3)).toBe("2026-12-01");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });
});

describe("TimelinePanel", () => {
  it("shows every stage with its dates and state, today's position and the recorded events", async () => {
    const calls = mockCore({ timeline: () => timeline({ events: registrationEvents }) });
    renderPanel(verifikator);

    const list = await screen.findByRole("list", { name: "Tahapan Pemilu 2024 – PPK" });
    expect(sent(calls, "stage_timeline")).toEqual([{ roundId: 1 }]);
    expect(screen.getByTestId("timeline-today")).toHaveTextContent("Hari ini: 28 Nov 2026");

    const stages = within(list)
      .getAllByRole("heading", { level: 3 })
      .map((h) => h.textContent);
    expect(stages).toEqual([
      "Pendaftaran",
      "Penelitian administrasi",
      "Tes tertulis",
      "Tes wawancara",
      "Hasil akhir",
      "Penetapan dan pelantikan",
      "Masa kerja",
    ]);
    expect(item("pendaftaran")).toHaveTextContent("20 Nov 2026 – 26 Nov 2026");
    expect(item("administrasi")).toHaveTextContent("27 Nov 2026 – 3 Des 2026");
    expect(stateOf("pendaftaran")).toBe("Selesai");
    expect(stateOf("administrasi")).toBe("Menunggu dibuka");
    expect(stateOf("tertulis")).toBe("Belum");

    // Today falls in penelitian administrasi, which is also the current stage.
    expect(within(item("administrasi")).getByTestId("stage-today")).toHaveTextContent("Hari ini");
    expect(screen.getAllByTestId("stage-today")).toHaveLength(1);
    expect(item("administrasi")).toHaveAttribute("aria-current", "step");
    expect(item("pendaftaran")).not.toHaveAttribute("aria-current");
    expect(screen.queryByTestId("timeline-now")).not.toBeInTheDocument();

    // Every event, oldest first.
    const events = within(item("pendaftaran")).getByRole("list", { name: "Catatan pendaftaran" });
    expect(
      within(events)
        .getAllByRole("listitem")
        .map((l) => l.textContent),
    ).toEqual([
      "Dibuka oleh ketua pada 20-11-2026 08:00",
      "Ditutup oleh ketua pada 26-11-2026 16:00",
      "Dibuka kembali oleh admin pada 26-11-2026 16:30 (alasan: Dua berkas belum dimasukkan)",
      "Ditutup oleh ketua pada 27-11-2026 09:15",
    ]);
    // A stage not yet started has nothing recorded.
    expect(within(item("tertulis")).queryByRole("list")).not.toBeInTheDocument();

    // A verifier only looks.
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("marks a stage in progress past its planned end", async () => {
    mockCore({ timeline: () => timeline({ current: "administrasi", open: true, today: "2026-12-04" }) });
    renderPanel(operator);
    await screen.findByTestId("timeline-stage-administrasi");
    expect(stateOf("administrasi")).toBe("Sedang berjalan");
    expect(item("administrasi")).toHaveTextContent("Melewati jadwal");
    expect(item("pendaftaran")).not.toHaveTextContent("Melewati jadwal");
  });

  it("places today between two stages, or before the schedule, when no stage's dates include it", async () => {
    mockCore({ timeline: () => timeline({ today: "2026-12-04" }) });
    renderPanel(verifikator);
    const now = await screen.findByTestId("timeline-now");
    expect(now).toHaveTextContent("Hari ini, 4 Des 2026: di antara penelitian administrasi dan tes tertulis");
    expect(screen.queryByTestId("stage-today")).not.toBeInTheDocument();
    // The marker sits right before tes tertulis.
    expect(now.nextElementSibling).toBe(item("tertulis"));
  });

  it("places today before the first stage", async () => {
    mockCore({ timeline: () => timeline({ current: "pendaftaran", today: "2026-11-01" }) });
    renderPanel(verifikator);
    const now = await screen.findByTestId("timeline-now");
    expect(now).toHaveTextContent("sebelum jadwal tahapan dimulai");
    expect(now.nextElementSibling).toBe(item("pendaftaran"));
  });

  it("shows why the timeline could not be read", async () => {
    mockIPC(() => {
      throw { code: "not_found", message: "Seleksi tidak ditemukan.", field: null };
    });
    renderPanel(verifikator);
    expect(await screen.findByRole("alert")).toHaveTextContent("Seleksi tidak ditemukan.");
  });

  describe("as Pimpinan", () => {
    it("opens the stage waiting to be opened after confirming, then reads the timeline again", async () => {
      let open = false;
      const calls = mockCore({
        timeline: () => timeline({ open, events: registrationEvents }),
        openStage: () => {
          open = true;
          return null;
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await screen.findByTestId("timeline-stage-administrasi");

      // Only the current stage has an action, and no reopening for the chair.
      expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Buka tahap penelitian administrasi…"]);
      await user.click(within(item("administrasi")).getByRole("button", { name: "Buka tahap penelitian administrasi…" }));

      const dialog = screen.getByRole("dialog", { name: "Buka tahap penelitian administrasi" });
      expect(dialog).toHaveTextContent("Pemilu 2024 – PPK");
      // Cancel is the safe default; nothing is sent before the confirmation.
      expect(within(dialog).getByRole("button", { name: "Batal" })).toHaveFocus();
      expect(sent(calls, "open_stage")).toEqual([]);

      await user.click(within(dialog).getByRole("button", { name: "Ya, buka tahap penelitian administrasi" }));
      expect(await screen.findByTestId("timeline-message")).toHaveTextContent("Tahap penelitian administrasi dibuka.");
      expect(sent(calls, "open_stage")).toEqual([{ roundId: 1, stage: "administrasi" }]);
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(onChanged).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(stateOf("administrasi")).toBe("Sedang berjalan"));
      expect(sent(calls, "stage_timeline")).toHaveLength(2);
      // Now it can be closed.
      expect(within(item("administrasi")).getByRole("button", { name: "Tutup tahap penelitian administrasi…" })).toBeVisible();
    });

    it("keeps the dialog open with the core's refusal when the stage cannot be opened", async () => {
      const calls = mockCore({
        openStage: () => {
          throw { code: "stage", message: "Tahap penelitian administrasi sudah dibuka.", field: null };
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await user.click(await screen.findByRole("button", { name: "Buka tahap penelitian administrasi…" }));
      const dialog = screen.getByRole("dialog", { name: "Buka tahap penelitian administrasi" });
      await user.click(within(dialog).getByRole("button", { name: "Ya, buka tahap penelitian administrasi" }));

      expect(await within(dialog).findByRole("alert")).toHaveTextContent("Tahap penelitian administrasi sudah dibuka.");
      expect(sent(calls, "open_stage")).toHaveLength(1);
      expect(onChanged).not.toHaveBeenCalled();
      expect(sent(calls, "stage_timeline")).toHaveLength(1);

      // Escape leaves it as it was.
      await user.keyboard("{Escape}");
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(screen.queryByTestId("timeline-message")).not.toBeInTheDocument();
    });

    it("closes the stage in progress with the close dialog; the next one then waits to be opened", async () => {
      let current: Stage = "tertulis";
      let open = true;
      const calls = mockCore({
        timeline: () => timeline({ current, open, today: "2026-12-06" }),
        closeStage: () => {
          current = "wawancara";
          open = false;
          return {
            closed: "tertulis",
            current: "wawancara",
            applicants: 120,
            backup: "seleksi-adhoc-20261206-100000-tutup-tertulis.db",
            backup_failed: false,
          };
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan, { ...atStage(round(1, "PPK"), "tertulis"), stage_open: true });
      await screen.findByTestId("timeline-stage-tertulis");
      expect(screen.queryByRole("button", { name: /^Buka tahap/ })).not.toBeInTheDocument();

      await user.click(within(item("tertulis")).getByRole("button", { name: "Tutup tahap tes tertulis…" }));
      const dialog = screen.getByRole("dialog", { name: "Tutup tes tertulis" });
      expect(dialog).toHaveTextContent("tahapan berlanjut ke Tes wawancara");
      expect(sent(calls, "close_stage")).toEqual([]);
      await user.click(within(dialog).getByRole("button", { name: "Ya, tutup tes tertulis" }));

      expect(await screen.findByTestId("timeline-message")).toHaveTextContent(
        "Tahap tes tertulis ditutup. Tahap berikutnya, tes wawancara, menunggu dibuka. " +
          "Cadangan otomatis dibuat (seleksi-adhoc-20261206-100000-tutup-tertulis.db).",
      );
      expect(sent(calls, "close_stage")).toEqual([{ roundId: 1, stage: "tertulis" }]);
      expect(onChanged).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(stateOf("tertulis")).toBe("Selesai"));
      expect(stateOf("wawancara")).toBe("Menunggu dibuka");
      expect(within(item("wawancara")).getByRole("button", { name: "Buka tahap tes wawancara…" })).toBeVisible();
    });

    it("shows the core's refusal to close", async () => {
      mockCore({
        timeline: () => timeline({ open: true }),
        closeStage: () => {
          throw {
            code: "stage",
            message: "Penelitian administrasi belum dapat ditutup: 4 pendaftar belum mendapat hasil MS atau TMS.",
            field: null,
          };
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan, { ...ppk(), stage_open: true });
      await user.click(await screen.findByRole("button", { name: "Tutup tahap penelitian administrasi…" }));
      const dialog = screen.getByRole("dialog", { name: "Tutup penelitian administrasi" });
      await user.click(within(dialog).getByRole("button", { name: "Ya, tutup penelitian administrasi" }));
      expect(await within(dialog).findByRole("alert")).toHaveTextContent("4 pendaftar belum mendapat hasil MS atau TMS.");
      expect(onChanged).not.toHaveBeenCalled();
    });

    it("offers no closing of masa kerja, the last stage", async () => {
      mockCore({ timeline: () => timeline({ current: "masa_kerja", open: true, today: "2027-01-10" }) });
      renderPanel(pimpinan, { ...atStage(round(1, "PPK"), "masa_kerja"), stage_open: true });
      await screen.findByTestId("timeline-stage-masa_kerja");
      expect(stateOf("masa_kerja")).toBe("Sedang berjalan");
      expect(screen.queryByRole("button")).not.toBeInTheDocument();
    });
  });

  describe("as Administrator", () => {
    it("reopens a closed stage with a reason, and has no open or close", async () => {
      let current: Stage = "tertulis";
      const calls = mockCore({
        timeline: () => timeline({ current, open: current === "administrasi", today: "2026-12-06" }),
        reopenStage: () => {
          current = "administrasi";
          return null;
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(admin, { ...atStage(round(1, "PPK"), "tertulis"), stage_open: false });
      await screen.findByTestId("timeline-stage-tertulis");

      // One button per closed stage; none on the stage waiting to be opened.
      expect(screen.getAllByRole("button", { name: /^Buka kembali/ }).map((b) => b.getAttribute("aria-label"))).toEqual([
        "Buka kembali pendaftaran…",
        "Buka kembali penelitian administrasi…",
      ]);
      expect(within(item("tertulis")).queryByRole("button")).not.toBeInTheDocument();
      expect(screen.queryByRole("button", { name: /^(Buka|Tutup) tahap/ })).not.toBeInTheDocument();

      await user.click(screen.getByRole("button", { name: "Buka kembali penelitian administrasi…" }));
      const dialog = screen.getByRole("dialog", { name: "Buka kembali penelitian administrasi" });
      // The dialog words the round as the timeline has it now.
      expect(dialog).toHaveTextContent("sekarang: Tes tertulis");

      await user.type(within(dialog).getByLabelText("Alasan membuka kembali"), "terlalu");
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(within(dialog).getByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
      expect(sent(calls, "reopen_stage")).toEqual([]);

      await user.type(within(dialog).getByLabelText("Alasan membuka kembali"), "   singkat   untuk diuji");
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(await screen.findByTestId("timeline-message")).toHaveTextContent(
        "Tahap penelitian administrasi dibuka kembali dan sekarang sedang berjalan.",
      );
      expect(sent(calls, "reopen_stage")).toEqual([
        { roundId: 1, stage: "administrasi", reason: "terlalu singkat untuk diuji" },
      ]);
      expect(onChanged).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(stateOf("administrasi")).toBe("Sedang berjalan"));
      expect(stateOf("tertulis")).toBe("Belum");
    });

    it("shows the core's refusal to reopen in the dialog", async () => {
      mockCore({
        timeline: () => timeline({ current: "tertulis", open: true, today: "2026-12-06" }),
        reopenStage: () => {
          throw { code: "forbidden", message: "Hanya Administrator yang dapat membuka kembali tahap.", field: null };
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(admin, { ...atStage(round(1, "PPK"), "tertulis"), stage_open: true });
      await user.click(await screen.findByRole("button", { name: "Buka kembali pendaftaran…" }));
      const dialog = screen.getByRole("dialog", { name: "Buka kembali pendaftaran" });
      await user.type(within(dialog).getByLabelText("Alasan membuka kembali"), "Ada pendaftar yang tertinggal");
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(await within(dialog).findByRole("alert")).toHaveTextContent("Hanya Administrator yang dapat membuka kembali tahap.");
      expect(onChanged).not.toHaveBeenCalled();
    });
  });
});

describe("TimelinePanel chart", () => {
  it("counts whole days and writes ticks as Indonesian dates", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2026-12-01") - dayNumber("2026-11-28")).toBe(3);
    expect(dayLabel(dayNumber("2026-11-20"))).toBe("20 Nov 2026");
    expect(dayLabel(dayNumber("2027-03-31"))).toBe("31 Mar 2027");
  });

  it("draws each stage as a bar over its days, the current one highlighted, and today as a line", async () => {
    mockCore({ timeline: () => timeline({ current: "tertulis", open: true, today: "2026-12-06" }) });
    renderPanel(pimpinan, { ...atStage(round(1, "PPK"), "tertulis"), stage_open: true });
    const figure = await screen.findByTestId("chart-tahapan");
    const data = chartData(figure);
    expect(data.labels).toEqual(STAGE_ORDER.map((s) => STAGE_LABEL[s]));
    const [bars, today] = data.datasets;
    // Registration 20–26 Nov: from its first day to the day after its last.
    expect(bars?.data[0]).toEqual([dayNumber("2026-11-20"), dayNumber("2026-11-27")]);
    expect(bars?.backgroundColor).toEqual([
      STAGE_COLOR.selesai,
      STAGE_COLOR.selesai,
      STAGE_COLOR.berjalan,
      STAGE_COLOR.belum,
      STAGE_COLOR.belum,
      STAGE_COLOR.belum,
      STAGE_COLOR.belum,
    ]);
    expect(today).toMatchObject({ type: "line", label: "Hari ini (6 Des 2026)" });
    expect(today?.data).toEqual([
      { x: dayNumber("2026-12-06"), y: "Pendaftaran" },
      { x: dayNumber("2026-12-06"), y: STAGE_LABEL.masa_kerja },
    ]);
    expect(within(figure).getByRole("img")).toHaveAccessibleName(
      "Diagram jadwal 7 tahapan: tahap saat ini tes tertulis (5 Des 2026 – 7 Des 2026); hari ini 6 Des 2026.",
    );
    // The list stays beside it.
    expect(stateOf("tertulis")).toBe("Sedang berjalan");
  });
});
