import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaRow } from "../bindings/QuotaRow";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Stage } from "../bindings/Stage";
import { atStage, homeView, pimpinan, round, STAGE_ORDER, verifikator } from "../test/fixtures";
import { sampleSheet } from "../test/fixtures_scores";
import { timeline } from "../test/fixtures_timeline";
import { SelectionPage } from "./SelectionPage";

// jsdom has no canvas: the charts render what they were given.
vi.mock("react-chartjs-2", () => import("../test/chartMock"));

type Call = { cmd: string; args: Record<string, unknown> };

const TAB_NAMES = [
  "Tahapan",
  "Nilai tes tertulis",
  "Nilai wawancara",
  "Jadwal tes",
  "Hasil tes tertulis",
  "Hasil akhir",
  "Tanggapan masyarakat",
  "Kuota",
  "Aturan",
  "Dokumen resmi",
  "Anggota dan PAW",
  "Anggota lanjutan",
];

function quotaRow(patch: Partial<QuotaRow> = {}): QuotaRow {
  return {
    unit_code: "35.14.01",
    unit_name: "Purwodadi",
    kecamatan_code: "35.14.01",
    kecamatan_name: "Purwodadi",
    quota: 5,
    registration_target: 10,
    below_target: false,
    held: 0,
    registered: 30,
    ms: 12,
    passed_written: 0,
    terpilih: 0,
    cadangan: 0,
    women_terpilih: 0,
    women_percent: null,
    extended_until: null,
    women: [],
    flags: [],
    ...patch,
  };
}

function dashboard(r: RoundSummary): QuotaDashboard {
  return {
    round_id: r.id,
    round_name: r.name,
    body: r.body,
    current_stage: r.current_stage,
    units: [quotaRow()],
    kecamatan: [],
    total: quotaRow({ unit_code: "", unit_name: "Jumlah", kecamatan_code: "", kecamatan_name: "" }),
    flagged: [],
    extension_threshold: 2,
    women_low: [],
  };
}

/**
 * A core holding `rounds` (mutable: opening and closing a stage change them)
 * that answers home and every panel's first calls.
 */
function mockCore(rounds: RoundSummary[], elections = ["Pemilu 2024"], inUse: number | null = null) {
  const calls: Call[] = [];
  const find = (id: unknown) => {
    const r = rounds.find((x) => x.id === id);
    if (!r) throw new Error(`round ${String(id)} not found`);
    return r;
  };
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "home":
        // The core lists rounds oldest first.
        return {
          ...homeView(),
          rounds: rounds.map((r) => ({ ...r })),
          elections,
          election: elections[0] ?? null,
          round_in_use: inUse,
        };
      case "stage_timeline": {
        const r = find(args.roundId);
        return { ...timeline({ current: r.current_stage, open: r.stage_open }), round_id: r.id, round_name: r.name };
      }
      case "extension_list":
        return [];
      case "score_sheet":
        return sampleSheet(false, args.stage as Stage);
      case "selection_results":
        return [];
      case "list_responses":
        return [];
      case "unit_members":
        return [];
      case "round_members":
        return [];
      case "takeover_view":
        return { open: true, sources: [], from_round_id: null, units: [] };
      case "publication_list":
        return [];
      case "list_regions":
        return [];
      case "quota_dashboard":
        return dashboard(find(args.roundId));
      case "open_stage": {
        const r = find(args.roundId);
        r.stage_open = true;
        return null;
      }
      case "close_stage": {
        const r = find(args.roundId);
        const closed = r.current_stage;
        const next = STAGE_ORDER[STAGE_ORDER.indexOf(closed) + 1]!;
        Object.assign(r, atStage(r, next), { stage_open: false });
        return { closed, current: next, applicants: 12 };
      }
      default:
        throw new Error(`${cmd} not expected`);
    }
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const selectedTab = () => screen.getAllByRole("tab").find((t) => t.getAttribute("aria-selected") === "true");

/** Waits for the page to show a round. */
const loaded = () => screen.findByTestId("selection-round");

describe("SelectionPage", () => {
  it("lists the rounds newest election first without group headings, opens the round the core proposes, and remembers the choice", async () => {
    const rounds = [
      round(1, "PPK", "Pemilu 2019 – PPK"),
      round(2, "PPS", "Pemilu 2019 – PPS"),
      round(3, "PPS", "Pemilu 2024 – PPS"),
      round(4, "PPK", "Pemilu 2024 – PPK"),
    ].map((r, i) => ({ ...r, election: i < 2 ? "Pemilu 2019" : "Pemilu 2024" }));
    const calls = mockCore(rounds, ["Pemilu 2024", "Pemilu 2019"], 4);
    const user = userEvent.setup();
    const { rerender, unmount } = render(<SelectionPage session={verifikator} />);

    expect(await loaded()).toHaveTextContent("Pemilu 2024 – PPK");
    const picker = screen.getByRole("combobox", { name: "Seleksi" });
    expect(picker).toHaveValue("4");
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Pemilu 2024 – PPK",
      "Pemilu 2024 – PPS",
      "Pemilu 2019 – PPK",
      "Pemilu 2019 – PPS",
    ]);
    // WebKit's list lets the arrow keys stop on group headings: none.
    expect(within(picker).queryAllByRole("group")).toHaveLength(0);
    await waitFor(() => expect(sent(calls, "stage_timeline")).toContainEqual({ roundId: 4 }));

    await user.selectOptions(picker, "Pemilu 2019 – PPS");
    expect(screen.getByTestId("selection-round")).toHaveTextContent("Pemilu 2019 – PPS");
    await waitFor(() => expect(sent(calls, "stage_timeline")).toContainEqual({ roundId: 2 }));
    await waitFor(() => expect(sent(calls, "extension_list")).toContainEqual({ roundId: 2 }));

    // Another page was looked at, then this one again: the rounds are read anew, the choice is kept.
    rerender(<SelectionPage session={verifikator} active={false} />);
    rerender(<SelectionPage session={verifikator} active />);
    await waitFor(() => expect(sent(calls, "home")).toHaveLength(2));
    expect(screen.getByRole("combobox", { name: "Seleksi" })).toHaveValue("2");
    expect(screen.getByTestId("selection-round")).toHaveTextContent("Pemilu 2019 – PPS");

    // The next time this user opens the page (the app restarted), the same round.
    unmount();
    const again = render(<SelectionPage session={verifikator} />);
    expect(await loaded()).toHaveTextContent("Pemilu 2019 – PPS");
    again.unmount();
    // Another user on the same computer starts from the round the core proposes.
    render(<SelectionPage session={{ ...verifikator, username: "verifikator2" }} />);
    expect(await loaded()).toHaveTextContent("Pemilu 2024 – PPK");
  });

  it("opens the round the core proposes (its stage is running) until the user chooses", async () => {
    const rounds = [round(1, "PPK", "Pemilu 2024 – PPK"), round(2, "PPS", "Pemilu 2024 – PPS")];
    mockCore(rounds, ["Pemilu 2024"], 2);
    render(<SelectionPage session={verifikator} />);
    expect(await loaded()).toHaveTextContent("Pemilu 2024 – PPS");
    expect(screen.getByRole("combobox", { name: "Seleksi" })).toHaveValue("2");
  });

  it("shows a single round without a picker, and says when there is none", async () => {
    mockCore([round(1, "PPS")]);
    const { unmount } = render(<SelectionPage session={verifikator} />);
    expect(await loaded()).toHaveTextContent("Pemilu 2024 – PPS");
    expect(screen.getByTestId("selection-stage")).toHaveTextContent("Tahap sekarang: Pendaftaran");
    expect(screen.queryByRole("combobox", { name: "Seleksi" })).not.toBeInTheDocument();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(TAB_NAMES);
    unmount();

    mockCore([]);
    render(<SelectionPage session={verifikator} />);
    expect(await screen.findByTestId("selection-empty")).toHaveTextContent("Belum ada seleksi");
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();
  });

  it.each<[Stage, boolean, string, string]>([
    ["pendaftaran", true, "Tahapan", "stage_timeline"],
    ["administrasi", true, "Tahapan", "stage_timeline"],
    ["tertulis", true, "Nilai tes tertulis", "score_sheet"],
    ["wawancara", true, "Nilai wawancara", "score_sheet"],
    ["akhir", true, "Hasil akhir", "selection_results"],
    ["penetapan", true, "Anggota dan PAW", "unit_members"],
    // A stage waiting to be opened: Tahapan, where it is opened.
    ["tertulis", false, "Tahapan", "stage_timeline"],
  ])("in stage %s (opened: %s) shows %s first", async (stage, open, tab, command) => {
    const calls = mockCore([{ ...atStage(round(1, "PPK"), stage), stage_open: open }]);
    render(<SelectionPage session={verifikator} />);
    await loaded();
    expect(selectedTab()).toHaveTextContent(tab);
    const panel = screen.getByRole("tabpanel", { name: tab });
    expect(panel).toBeVisible();
    await waitFor(() => expect(sent(calls, command)).toHaveLength(1));
    if (command === "score_sheet" || command === "selection_results") {
      expect(sent(calls, command)[0]).toEqual({ roundId: 1, stage, unit: null });
    }
    // Only the tab shown reads anything.
    const panelCommands = [
      "stage_timeline",
      "score_sheet",
      "selection_results",
      "quota_dashboard",
      "list_responses",
      "unit_members",
      "publication_list",
      "takeover_view",
    ];
    expect(calls.filter((c) => panelCommands.includes(c.cmd) && c.cmd !== command)).toEqual([]);
    const stageText = screen.getByTestId("selection-stage");
    if (open) expect(stageText).not.toHaveTextContent("belum dibuka");
    else expect(stageText).toHaveTextContent("Tahap sekarang: Tes tertulis belum dibuka");
  });

  it("moves between the tabs with the arrow keys, Home and End", async () => {
    const calls = mockCore([atStage(round(1, "PPK"), "administrasi")]);
    const user = userEvent.setup();
    render(<SelectionPage session={verifikator} />);
    await loaded();

    const tablist = screen.getByRole("tablist");
    const tabs = within(tablist).getAllByRole("tab");
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    for (const t of tabs) {
      const panel = document.getElementById(t.getAttribute("aria-controls")!)!;
      expect(panel).toHaveAttribute("role", "tabpanel");
      expect(panel).toHaveAttribute("aria-labelledby", t.id);
    }

    // Tab reaches the selected tab only, then leaves the tab list.
    await user.tab();
    expect(tabs[0]).toHaveFocus();

    await user.keyboard("{ArrowRight}");
    expect(tabs[1]).toHaveFocus();
    expect(tabs[1]).toHaveAttribute("aria-selected", "true");
    expect(tabs[0]).toHaveAttribute("aria-selected", "false");
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(screen.getByRole("tabpanel", { name: "Nilai tes tertulis" })).toBeVisible();
    expect(await screen.findByRole("heading", { name: "Nilai tes tertulis" })).toBeInTheDocument();
    expect(sent(calls, "score_sheet")).toEqual([{ roundId: 1, stage: "tertulis", unit: null }]);

    await user.keyboard("{ArrowRight}");
    expect(tabs[2]).toHaveFocus();
    await waitFor(() => expect(sent(calls, "score_sheet")).toContainEqual({ roundId: 1, stage: "wawancara", unit: null }));

    await user.keyboard("{End}");
    expect(tabs[11]).toHaveFocus();
    expect(selectedTab()).toHaveTextContent("Anggota lanjutan");
    await waitFor(() => expect(sent(calls, "takeover_view")).toEqual([{ roundId: 1, fromRoundId: null }]));
    // Hidden panels are not in the accessibility tree.
    expect(screen.queryByRole("tabpanel", { name: "Tahapan" })).not.toBeInTheDocument();

    // Past the last tab comes the first, and back.
    await user.keyboard("{ArrowRight}");
    expect(tabs[0]).toHaveFocus();
    expect(selectedTab()).toHaveTextContent("Tahapan");
    await user.keyboard("{ArrowLeft}");
    expect(tabs[11]).toHaveFocus();
    // One back from the last: the members and PAW, then the official documents.
    await user.keyboard("{ArrowLeft}");
    expect(tabs[10]).toHaveFocus();
    await waitFor(() => expect(sent(calls, "unit_members")).toEqual([{ roundId: 1, unit: null }]));
    await user.keyboard("{ArrowLeft}");
    expect(tabs[9]).toHaveFocus();
    expect(selectedTab()).toHaveTextContent("Dokumen resmi");
    await waitFor(() => expect(sent(calls, "publication_list")).toEqual([{ roundId: 1 }]));
    await user.keyboard("{Home}");
    expect(tabs[0]).toHaveFocus();
    expect(screen.getByRole("tabpanel", { name: "Tahapan" })).toBeVisible();

    // Clicking a tab selects it too; the next Tab goes into its panel.
    await user.click(tabs[5]!);
    expect(selectedTab()).toHaveTextContent("Hasil akhir");
    await waitFor(() => expect(sent(calls, "selection_results")).toEqual([{ roundId: 1, stage: "akhir", unit: null }]));
    await user.tab();
    expect(screen.getByRole("tabpanel", { name: "Hasil akhir" })).toHaveFocus();
  });

  it("reads the round again after a stage is opened or closed on the timeline", async () => {
    const rounds = [{ ...atStage(round(1, "PPK"), "tertulis"), stage_open: false }];
    const calls = mockCore(rounds);
    const user = userEvent.setup();
    render(<SelectionPage session={pimpinan} />);
    await loaded();
    expect(screen.getByTestId("selection-stage")).toHaveTextContent("Tes tertulis belum dibuka");
    expect(selectedTab()).toHaveTextContent("Tahapan");
    await waitFor(() => expect(sent(calls, "extension_list")).toHaveLength(1));

    // Pimpinan opens the written test.
    await user.click(await screen.findByRole("button", { name: "Buka tahap tes tertulis…" }));
    await user.click(screen.getByRole("button", { name: "Ya, buka tahap tes tertulis" }));
    expect(sent(calls, "open_stage")).toEqual([{ roundId: 1, stage: "tertulis" }]);
    await waitFor(() => expect(screen.getByTestId("selection-stage")).not.toHaveTextContent("belum dibuka"));
    expect(screen.getByTestId("selection-stage")).toHaveTextContent("Tahap sekarang: Tes tertulis");
    expect(sent(calls, "home")).toHaveLength(2);
    // The timeline keeps its own message; the other panel of the tab reads again.
    expect(screen.getByTestId("timeline-message")).toHaveTextContent("Tahap tes tertulis dibuka.");
    await waitFor(() => expect(sent(calls, "extension_list")).toHaveLength(2));
    // The tab shown stays.
    expect(selectedTab()).toHaveTextContent("Tahapan");

    // Then closes it: the interview waits to be opened.
    await user.click(await screen.findByRole("button", { name: "Tutup tahap tes tertulis…" }));
    await user.click(screen.getByRole("button", { name: "Ya, tutup tes tertulis" }));
    await waitFor(() => expect(screen.getByTestId("selection-stage")).toHaveTextContent("Tahap sekarang: Tes wawancara"));
    expect(screen.getByTestId("selection-stage")).toHaveTextContent("belum dibuka");
    expect(sent(calls, "home")).toHaveLength(3);
    expect(await screen.findByRole("button", { name: "Buka tahap tes wawancara…" })).toBeVisible();

    // The score sheet read afterwards is the one of the new stage's round state.
    await user.click(screen.getByRole("tab", { name: "Nilai wawancara" }));
    await waitFor(() => expect(sent(calls, "score_sheet")).toEqual([{ roundId: 1, stage: "wawancara", unit: null }]));
  });
});
