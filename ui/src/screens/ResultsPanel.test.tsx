import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { SelectionRow } from "../bindings/SelectionRow";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { atStage, operator, pimpinan, round, verifikator } from "../test/fixtures";
import { finalResults, selectionRow } from "../test/fixtures_scores";
import { ResultsPanel, statusText, tieGroups, unitLabel } from "./ResultsPanel";

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What selection_results answers (asked again after a decision). */
  results?: SelectionRow[] | (() => SelectionRow[]);
  /** Answers decide_tie (may throw a refusal). */
  decide?: (args: Record<string, unknown>) => null;
}

function mockCore({ results = finalResults(), decide = () => null }: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "selection_results") return typeof results === "function" ? results() : results;
    if (cmd === "decide_tie") return decide(args);
    return null;
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const ppk = atStage(round(1, "PPK"), "akhir");

function renderPanel(session: Session = pimpinan, stage: Stage = "akhir", onChanged?: () => void) {
  return render(<ResultsPanel session={session} round={ppk} stage={stage} onChanged={onChanged} />);
}

/** The written-test list of Purwodadi: three passed (one on the tie at the last place), one absent. */
function writtenResults(): SelectionRow[] {
  return [
    selectionRow(1, { full_name: "Ahmad Fauzi", written: "90,00", rank: 1, position: 1 }),
    selectionRow(2, { full_name: "Siti Aminah", written: "85,00", rank: 2, position: 2 }),
    selectionRow(3, { full_name: "Budi Santoso", written: "85,00", rank: 2, position: 3 }),
    selectionRow(5, {
      full_name: "Eko Prasetyo",
      written: "60,00",
      rank: 4,
      position: 4,
      status: "tidak_lulus",
      status_label: "Tidak lulus",
    }),
    selectionRow(7, {
      full_name: "Gita Permata",
      written: "absen",
      rank: null,
      position: null,
      status: "tidak_hadir",
      status_label: "Tidak hadir",
      explanation: "Tidak hadir pada tes tertulis.",
    }),
  ];
}

const rowTexts = (unit: HTMLElement) =>
  within(unit)
    .getAllByTestId("result-row")
    .map((r) => [within(r).getByRole("rowheader").textContent, ...within(r).getAllByRole("cell").map((c) => c.textContent)]);

describe("ResultsPanel helpers", () => {
  it("words units, statuses and finds the whole tied group", () => {
    const rows = finalResults();
    expect(unitLabel("PPK", rows[0]!)).toBe("Kecamatan Purwodadi");
    expect(unitLabel("PPS", selectionRow(1, { unit_name: "Gerbo", kecamatan_name: "Purwodadi" }))).toBe(
      "Gerbo — Kecamatan Purwodadi",
    );
    expect(rows.map(statusText)).toEqual([
      "Terpilih",
      "Cadangan 1",
      "Tidak terpilih",
      "Tidak terpilih",
      "Terpilih",
      "Tidak hadir",
    ]);
    const ties = tieGroups(rows, "PPK");
    expect(ties).toHaveLength(1);
    expect(ties[0]!.rows.map((r) => r.applicant_id)).toEqual([1, 2, 3]);
    expect(ties[0]!.unitLabel).toBe("Kecamatan Purwodadi");
  });
});

describe("ResultsPanel", () => {
  it("groups the final ranking by unit in the order given, with every column", async () => {
    const calls = mockCore();
    renderPanel(verifikator);
    const units = await screen.findAllByTestId("results-unit");
    expect(sent(calls, "selection_results")).toEqual([{ roundId: 1, stage: "akhir", unit: null }]);
    expect(screen.getByRole("heading", { name: "Hasil akhir" })).toBeInTheDocument();
    expect(units.map((u) => within(u).getByRole("heading", { level: 3 }).textContent)).toEqual([
      "Kecamatan Purwodadi (35.14.01)",
      "Kecamatan Tutur (35.14.02)",
    ]);
    const table = within(units[0]!).getByRole("table", { name: "Kecamatan Purwodadi (35.14.01)" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Peringkat",
      "Nama",
      "Nomor pendaftaran",
      "L/P",
      "Nilai tertulis",
      "Nilai wawancara",
      "Nilai akhir",
      "Status",
      "Penjelasan",
    ]);
    expect(rowTexts(units[1]!)).toEqual([
      ["Dewi Lestari", "1", "PPK-3514-0004", "P", "88,00", "90,50", "90,50", "Terpilih", "Penjelasan"],
      ["Fajar Nugroho", "—", "PPK-3514-0006", "P", "absen", "—", "—", "Tidak hadir", "Penjelasan"],
    ]);
    expect(within(units[0]!).getAllByTestId("status").map((s) => s.textContent)).toEqual([
      "Terpilih",
      "Cadangan 1",
      "Tidak terpilih",
      "Tidak terpilih",
    ]);
  });

  it("shows beside her place that a Cadangan became a member through PAW, and that the member left", async () => {
    const rows = finalResults();
    rows[0] = { ...rows[0]!, paw_note: "Berhenti 01-03-2025; diganti melalui PAW" };
    rows[1] = { ...rows[1]!, paw_note: "Pengganti antarwaktu Ani" };
    mockCore({ results: rows });
    renderPanel(verifikator);
    const units = await screen.findAllByTestId("results-unit");
    const notes = within(units[0]!).getAllByTestId("paw-note").map((n) => n.textContent);
    expect(notes).toEqual(["Berhenti 01-03-2025; diganti melalui PAW", "Pengganti antarwaktu Ani"]);
    expect(within(units[0]!).getAllByTestId("status")[1]).toHaveTextContent("Cadangan 1");
  });

  it("groups PPS results by desa with its kecamatan", async () => {
    mockCore({
      results: [
        selectionRow(1, { unit_code: "35.14.01.2001", unit_name: "Gerbo", kecamatan_name: "Purwodadi" }),
        selectionRow(2, { unit_code: "35.14.02.1001", unit_name: "Tutur", kecamatan_name: "Tutur" }),
        selectionRow(3, { unit_code: "35.14.01.2001", unit_name: "Gerbo", kecamatan_name: "Purwodadi" }),
      ],
    });
    render(<ResultsPanel session={verifikator} round={atStage(round(2, "PPS"), "tertulis")} stage="tertulis" />);
    const units = await screen.findAllByTestId("results-unit");
    expect(units.map((u) => within(u).getByRole("heading", { level: 3 }).textContent)).toEqual([
      "Gerbo — Kecamatan Purwodadi (35.14.01.2001)",
      "Tutur — Kecamatan Tutur (35.14.02.1001)",
    ]);
    expect(within(units[0]!).getAllByTestId("result-row")).toHaveLength(2);
  });

  it("shows the written-test list without interview columns, and filters it", async () => {
    const calls = mockCore({ results: writtenResults() });
    const user = userEvent.setup();
    renderPanel(verifikator, "tertulis");
    const [unit] = await screen.findAllByTestId("results-unit");
    expect(sent(calls, "selection_results")).toEqual([{ roundId: 1, stage: "tertulis", unit: null }]);
    expect(screen.getByRole("heading", { name: "Hasil tes tertulis" })).toBeInTheDocument();
    expect(within(unit!).queryByRole("columnheader", { name: "Nilai akhir" })).not.toBeInTheDocument();
    expect(rowTexts(unit!).map((r) => r.slice(0, 6))).toEqual([
      ["Ahmad Fauzi", "1", "PPK-3514-0001", "L", "90,00", "Lulus"],
      ["Siti Aminah", "2", "PPK-3514-0002", "P", "85,00", "Lulus"],
      ["Budi Santoso", "2", "PPK-3514-0003", "L", "85,00", "Lulus"],
      ["Eko Prasetyo", "4", "PPK-3514-0005", "L", "60,00", "Tidak lulus"],
      ["Gita Permata", "—", "PPK-3514-0007", "L", "absen", "Tidak hadir"],
    ]);

    await user.click(screen.getByRole("checkbox", { name: "Hanya yang lulus" }));
    expect(rowTexts(screen.getByTestId("results-unit")).map((r) => r[0])).toEqual([
      "Ahmad Fauzi",
      "Siti Aminah",
      "Budi Santoso",
    ]);
    await user.type(screen.getByRole("searchbox", { name: "Cari nama atau nomor pendaftaran" }), "0003");
    expect(rowTexts(screen.getByTestId("results-unit")).map((r) => r[0])).toEqual(["Budi Santoso"]);
    await user.type(screen.getByRole("searchbox"), "9");
    expect(screen.queryByTestId("results-unit")).not.toBeInTheDocument();
    expect(screen.getByText("Tidak ada peserta yang cocok dengan saringan.")).toBeInTheDocument();
  });

  it("filters by unit and keeps only Terpilih and Cadangan on request", async () => {
    mockCore();
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("results-unit");
    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah tugas" }), "35.14.02");
    let units = screen.getAllByTestId("results-unit");
    expect(units).toHaveLength(1);
    expect(within(units[0]!).getByRole("heading", { level: 3 })).toHaveTextContent("Kecamatan Tutur");
    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah tugas" }), "");
    await user.click(screen.getByRole("checkbox", { name: "Hanya yang terpilih dan cadangan" }));
    units = screen.getAllByTestId("results-unit");
    expect(units.map((u) => rowTexts(u).map((r) => r[0]))).toEqual([["Ahmad Fauzi", "Siti Aminah"], ["Dewi Lestari"]]);
  });

  it("explains a row on demand, from the keyboard", async () => {
    mockCore();
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("results-unit");
    expect(screen.queryByTestId("explanation")).not.toBeInTheDocument();
    const button = screen.getByRole("button", { name: "Penjelasan untuk Dewi Lestari" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    button.focus();
    await user.keyboard("{Enter}");
    expect(button).toHaveAttribute("aria-expanded", "true");
    const text = screen.getByTestId("explanation");
    expect(text).toHaveTextContent("Nilai akhir 90,50 (wawancara 90,50, tertulis 88,00); peringkat 1 dari 2; kuota 1.");
    expect(button).toHaveAttribute("aria-controls", text.closest("tr")!.id);
    await user.keyboard(" ");
    expect(screen.queryByTestId("explanation")).not.toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Tampilkan semua penjelasan" }));
    expect(screen.getAllByTestId("explanation")).toHaveLength(6);
    // The explanation is also the badge's tooltip.
    expect(screen.getAllByTestId("status")[0]).toHaveAttribute("title", finalResults()[0]!.explanation);
  });

  it("flags an unresolved tie; only a Pimpinan may record the plenary's decision", async () => {
    mockCore();
    const { unmount } = renderPanel(verifikator);
    const units = await screen.findAllByTestId("results-unit");
    expect(screen.getByTestId("ties-summary")).toHaveTextContent("1 kelompok nilai seri di batas menunggu keputusan rapat pleno.");
    const flagged = within(units[0]!)
      .getAllByTestId("result-row")
      .filter((r) => r.classList.contains("tie"));
    expect(flagged.map((r) => within(r).getByRole("rowheader").textContent)).toEqual([
      "Ahmad Fauzi",
      "Siti Aminah",
      "Budi Santoso",
    ]);
    expect(within(flagged[0]!).getByTestId("tie-flag")).toHaveTextContent("Seri — menunggu keputusan pleno");
    expect(within(units[1]!).queryByTestId("tie-flag")).not.toBeInTheDocument();
    expect(within(units[0]!).getByTestId("unit-ties")).toHaveTextContent(
      "nilai akhir 85,00 (wawancara 85,00, tertulis 75,00): Ahmad Fauzi, Siti Aminah, Budi Santoso",
    );
    expect(screen.queryByRole("button", { name: "Catat keputusan pleno…" })).not.toBeInTheDocument();
    unmount();

    // Not on the written-test list, not for an Operator.
    mockCore();
    const again = renderPanel(pimpinan, "tertulis");
    await screen.findAllByTestId("results-unit");
    expect(screen.queryByRole("button", { name: "Catat keputusan pleno…" })).not.toBeInTheDocument();
    again.unmount();
    mockCore();
    renderPanel(operator);
    await screen.findAllByTestId("results-unit");
    expect(screen.queryByRole("button", { name: "Catat keputusan pleno…" })).not.toBeInTheDocument();
  });

  it("records the plenary's order of the tied group, reordered with the keyboard", async () => {
    let decided = false;
    const calls = mockCore({
      results: () =>
        decided
          ? finalResults().map((r) => ({ ...r, unresolved_tie: false }))
          : finalResults(),
      decide: () => {
        decided = true;
        return null;
      },
    });
    const onChanged = vi.fn();
    const user = userEvent.setup();
    renderPanel(pimpinan, "akhir", onChanged);
    const [purwodadi] = await screen.findAllByTestId("results-unit");
    const open = within(purwodadi!).getByRole("button", { name: "Catat keputusan pleno…" });
    expect(open).toHaveAccessibleDescription(/Ahmad Fauzi, Siti Aminah, Budi Santoso/);
    await user.click(open);

    const dialog = screen.getByRole("dialog", { name: "Catat keputusan rapat pleno" });
    const names = () => within(dialog).getAllByTestId("tie-item").map((li) => li.querySelector(".who")!.firstChild!.textContent!.trim());
    expect(names()).toEqual(["Ahmad Fauzi", "Siti Aminah", "Budi Santoso"]);
    // The focus starts on the first row's Turun; the first Naik and the last Turun are disabled.
    const turun = within(dialog).getAllByRole("button", { name: "Turun" });
    const naik = within(dialog).getAllByRole("button", { name: "Naik" });
    expect(turun[0]).toHaveFocus();
    expect(naik[0]).toBeDisabled();
    expect(turun[2]).toBeDisabled();
    expect(turun[0]).toHaveAccessibleDescription(/Ahmad Fauzi/);

    // Ahmad down once (the focus follows him), then Budi up twice.
    await user.keyboard("{Enter}");
    expect(names()).toEqual(["Siti Aminah", "Ahmad Fauzi", "Budi Santoso"]);
    expect(within(dialog).getAllByRole("button", { name: "Turun" })[1]).toHaveFocus();
    expect(within(dialog).getByRole("status")).toHaveTextContent("Ahmad Fauzi sekarang urutan 2 dari 3.");
    await user.click(within(dialog).getAllByRole("button", { name: "Naik" })[2]!);
    await user.click(within(dialog).getAllByRole("button", { name: "Naik" })[1]!);
    expect(names()).toEqual(["Budi Santoso", "Siti Aminah", "Ahmad Fauzi"]);
    // At the top, Naik is disabled: the focus moves to the same row's Turun.
    expect(within(dialog).getAllByRole("button", { name: "Turun" })[0]).toHaveFocus();

    // The note is required (at least 10 characters).
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    const note = within(dialog).getByLabelText("Dasar keputusan (mis. nomor Berita Acara rapat pleno)");
    expect(note).toHaveAttribute("aria-invalid", "true");
    expect(note).toHaveFocus();
    expect(note).toHaveAccessibleDescription(/paling sedikit 10 karakter/);
    await user.type(note, "BA  12");
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(sent(calls, "decide_tie")).toEqual([]);

    await user.clear(note);
    await user.type(note, "  BA Nomor  12/PP.04-BA/3514/2026 ");
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(sent(calls, "decide_tie")).toEqual([
      { roundId: 1, ordered: [3, 2, 1], note: "BA Nomor 12/PP.04-BA/3514/2026" },
    ]);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByTestId("results-message")).toHaveTextContent("Keputusan rapat pleno untuk Kecamatan Purwodadi dicatat.");
    await waitFor(() => expect(screen.queryByTestId("tie-flag")).not.toBeInTheDocument());
    expect(sent(calls, "selection_results")).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it("keeps the dialog open with the core's refusal", async () => {
    const calls = mockCore({
      decide: () => {
        throw {
          code: "validation",
          message: "Urutan harus memuat tepat semua pendaftar yang nilainya sama (3 orang), masing-masing satu kali.",
          field: "urutan",
        };
      },
    });
    const onChanged = vi.fn();
    const user = userEvent.setup();
    renderPanel(pimpinan, "akhir", onChanged);
    await user.click(await screen.findByRole("button", { name: "Catat keputusan pleno…" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByRole("textbox"), "Berita Acara 12/2026");
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Urutan harus memuat tepat semua pendaftar");
    expect(sent(calls, "decide_tie")).toEqual([{ roundId: 1, ordered: [1, 2, 3], note: "Berita Acara 12/2026" }]);
    expect(onChanged).not.toHaveBeenCalled();
    expect(sent(calls, "selection_results")).toHaveLength(1);

    // Escape cancels.
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("says so when nobody is on the list yet", async () => {
    mockCore({ results: [] });
    renderPanel(verifikator);
    expect(await screen.findByText("Belum ada peserta pada tahap ini.")).toBeInTheDocument();
  });
});
