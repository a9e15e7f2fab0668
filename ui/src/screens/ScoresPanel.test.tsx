import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { ScoreImport } from "../bindings/ScoreImport";
import type { ScoreSheet } from "../bindings/ScoreSheet";
import type { ScoreSheetChoice } from "../bindings/ScoreSheetChoice";
import type { ScoreSheetPreview } from "../bindings/ScoreSheetPreview";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { atStage, pimpinan, round, verifikator } from "../test/fixtures";
import { sampleSheet, scorePreview, scoreProblems } from "../test/fixtures_scores";
import { ScoresPanel } from "./ScoresPanel";

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What score_sheet answers (asked again after an import). */
  sheet?: ScoreSheet | (() => ScoreSheet);
  /** Answers record_mark: the mark as stored, or throws a refusal. */
  record?: (args: { applicantId: number; mark: string }) => string;
  /** Answers pick_score_sheet (null: the choice was cancelled). */
  pick?: () => { name: string; preview: ScoreSheetPreview } | null;
  /** Answers preview_score_sheet. */
  preview?: (args: { choice: ScoreSheetChoice }) => ScoreSheetPreview;
  /** Answers import_score_sheet. */
  importSheet?: () => ScoreImport;
}

/** "78,5" → "78,50"; "absen" stays; "" clears. */
function storedMark(text: string): string {
  const t = text.trim();
  if (t === "" || t.toLowerCase() === "absen") return t.toLowerCase();
  const n = Number(t.replace(",", "."));
  return n.toFixed(2).replace(".", ",");
}

const stored3: ScoreImport = { stored: 3, absent: 1, replaced: 0, problems: { listed: [], more: 0 } };

function mockCore({
  sheet = sampleSheet(),
  record = (a) => storedMark(a.mark),
  pick = () => null,
  preview = () => scorePreview(),
  importSheet = () => stored3,
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "score_sheet") return typeof sheet === "function" ? sheet() : sheet;
    if (cmd === "record_mark") return record(args as { applicantId: number; mark: string });
    if (cmd === "pick_score_sheet") return pick();
    if (cmd === "preview_score_sheet") return preview(args as { choice: ScoreSheetChoice });
    if (cmd === "import_score_sheet") return importSheet();
    if (cmd === "save_import_problems") return true;
    return null;
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const ppk = atStage(round(1, "PPK"), "tertulis");

function renderPanel(session: Session = verifikator, stage: Stage = "tertulis") {
  return render(<ScoresPanel session={session} round={ppk} stage={stage} />);
}

const inputFor = (name: RegExp | string) => screen.getByRole("textbox", { name });

describe("ScoresPanel", () => {
  it("loads the whole sheet and shows the grid with the counters", async () => {
    const calls = mockCore();
    renderPanel();
    const rows = await screen.findAllByTestId("score-row");
    expect(sent(calls, "score_sheet")).toEqual([{ roundId: 1, stage: "tertulis", unit: null }]);
    expect(screen.getByRole("heading", { name: "Nilai tes tertulis" })).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Nilai tes tertulis" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "No",
      "Nomor pendaftaran",
      "Nama",
      "L/P",
      "Wilayah tugas",
      "Nilai",
      "Keterangan",
    ]);
    expect(rows).toHaveLength(4);
    expect(
      within(rows[0]!)
        .getAllByRole("cell")
        .slice(0, 5)
        .map((c) => c.textContent),
    ).toEqual(["1", "PPK-3514-0001", "Ahmad Fauzi", "L", "Purwodadi"]);
    expect(inputFor("Nilai Siti Aminah (PPK-3514-0002)")).toHaveValue("81,25");
    expect(screen.getByTestId("score-counters")).toHaveTextContent("1 sudah dinilai, 3 belum");
    expect(screen.getByTestId("import-format")).toHaveTextContent("xlsx, xls, ods, atau CSV");
    expect(screen.getByTestId("import-format")).toHaveTextContent("nomor pendaftaran atau NIK");
  });

  it("saves a mark on Enter, shows it as stored and moves to the next row", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");

    const first = inputFor(/Ahmad Fauzi/);
    await user.click(first);
    await user.keyboard("78,5{Enter}");
    expect(sent(calls, "record_mark")).toEqual([{ roundId: 1, stage: "tertulis", applicantId: 1, mark: "78,5" }]);
    expect(inputFor(/Siti Aminah/)).toHaveFocus();
    await waitFor(() => expect(first).toHaveValue("78,50"));
    expect(within(screen.getAllByTestId("score-row")[0]!).getByTestId("row-state")).toHaveTextContent("Tersimpan");
    expect(screen.getByTestId("score-counters")).toHaveTextContent("2 sudah dinilai, 2 belum");

    // Unchanged rows are passed over without saving; "absen" is a mark too.
    await user.keyboard("{Enter}");
    expect(inputFor(/Budi Santoso/)).toHaveFocus();
    await user.keyboard("absen{ArrowDown}");
    expect(inputFor(/Dewi Lestari/)).toHaveFocus();
    await user.keyboard("90{Tab}");
    await waitFor(() => expect(screen.getByTestId("score-counters")).toHaveTextContent("4 sudah dinilai, 0 belum"));
    expect(sent(calls, "record_mark").map((a) => [a.applicantId, a.mark])).toEqual([
      [1, "78,5"],
      [3, "absen"],
      [4, "90"],
    ]);
  });

  it("moves up with ArrowUp and restores the stored mark with Escape without saving", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");

    const siti = inputFor(/Siti Aminah/);
    await user.click(inputFor(/Budi Santoso/));
    await user.keyboard("{ArrowUp}");
    expect(siti).toHaveFocus();
    await user.clear(siti);
    await user.type(siti, "55");
    expect(siti).toHaveValue("55");
    await user.keyboard("{Escape}");
    expect(siti).toHaveValue("81,25");
    await user.keyboard("{ArrowUp}");
    expect(inputFor(/Ahmad Fauzi/)).toHaveFocus();
    expect(sent(calls, "record_mark")).toEqual([]);
  });

  it("clears a mark when the input is emptied", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    const siti = inputFor(/Siti Aminah/);
    await user.clear(siti);
    await user.keyboard("{Enter}");
    expect(sent(calls, "record_mark")).toEqual([{ roundId: 1, stage: "tertulis", applicantId: 2, mark: "" }]);
    await waitFor(() => expect(screen.getByTestId("score-counters")).toHaveTextContent("0 sudah dinilai, 4 belum"));
    expect(within(screen.getAllByTestId("score-row")[1]!).getByTestId("row-state")).toHaveTextContent("Nilai dihapus");
  });

  it("shows the core's refusal on the row and keeps the value for correction", async () => {
    const calls = mockCore({
      record: (a) => {
        if (a.mark === "120") throw { code: "validation", message: "Nilai harus antara 0 dan 100.", field: "nilai" };
        return storedMark(a.mark);
      },
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");

    const first = inputFor(/Ahmad Fauzi/);
    await user.click(first);
    await user.keyboard("120{Enter}");
    const row = screen.getAllByTestId("score-row")[0]!;
    expect(await within(row).findByRole("alert")).toHaveTextContent("Nilai harus antara 0 dan 100.");
    expect(first).toHaveValue("120");
    expect(first).toHaveAttribute("aria-invalid", "true");
    expect(first).toHaveAccessibleDescription("Nilai harus antara 0 dan 100.");
    expect(screen.getByTestId("scores-failures")).toHaveTextContent("1 nilai belum tersimpan");
    expect(screen.getByTestId("score-counters")).toHaveTextContent("1 sudah dinilai, 3 belum");
    // Focus went on; leaving the refused row again does not resend it.
    expect(inputFor(/Siti Aminah/)).toHaveFocus();
    await user.keyboard("{ArrowUp}{ArrowDown}");
    expect(sent(calls, "record_mark")).toHaveLength(1);

    // Corrected: saved, the error goes away.
    await user.keyboard("{ArrowUp}");
    await user.clear(first);
    await user.type(first, "100{Enter}");
    await waitFor(() => expect(first).toHaveValue("100,00"));
    expect(first).not.toHaveAttribute("aria-invalid");
    expect(within(row).queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByTestId("scores-failures")).not.toBeInTheDocument();
    expect(sent(calls, "record_mark").map((a) => a.mark)).toEqual(["120", "100"]);
  });

  it("saves a changed mark when the input loses the focus", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(inputFor(/Budi Santoso/));
    await user.keyboard("64");
    await user.click(screen.getByRole("searchbox"));
    expect(sent(calls, "record_mark")).toEqual([{ roundId: 1, stage: "tertulis", applicantId: 3, mark: "64" }]);
  });

  it("filters on name, number or unit; keyboard moves follow the rows shown", async () => {
    mockCore();
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.type(screen.getByRole("searchbox"), "tutur");
    expect(screen.getAllByTestId("score-row")).toHaveLength(1);
    expect(screen.getByText("1 dari 4 peserta")).toBeInTheDocument();
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "0003");
    expect(screen.getAllByTestId("score-row").map((r) => within(r).getAllByRole("cell")[2]!.textContent)).toEqual([
      "Budi Santoso",
    ]);
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "lestari");
    await user.click(inputFor(/Dewi Lestari/));
    await user.keyboard("{ArrowUp}");
    // The only row shown: the focus stays.
    expect(inputFor(/Dewi Lestari/)).toHaveFocus();
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "zzz");
    expect(screen.getByText("Tidak ada peserta yang cocok dengan pencarian.")).toBeInTheDocument();
  });

  it("is read-only when the test's stage is not open", async () => {
    const calls = mockCore({ sheet: sampleSheet(false) });
    renderPanel();
    const rows = await screen.findAllByTestId("score-row");
    expect(screen.queryAllByTestId("mark-input")).toEqual([]);
    expect(screen.getByTestId("scores-readonly")).toHaveTextContent("tidak sedang dibuka");
    expect(within(rows[1]!).getByTestId("mark-text")).toHaveTextContent("81,25");
    expect(within(rows[0]!).getByTestId("mark-text")).toHaveTextContent("—");
    expect(screen.queryByRole("button", { name: "Impor nilai dari berkas…" })).not.toBeInTheDocument();
    expect(sent(calls, "record_mark")).toEqual([]);
  });

  it("is read-only for anyone but a Verifikator, even while the stage is open", async () => {
    mockCore({
      sheet: { ...sampleSheet(true), rows: sampleSheet().rows.map((r, i) => (i === 0 ? { ...r, mark: "absen" } : r)) },
    });
    renderPanel(pimpinan);
    const rows = await screen.findAllByTestId("score-row");
    expect(screen.queryAllByTestId("mark-input")).toEqual([]);
    expect(screen.getByTestId("scores-readonly")).toHaveTextContent("Nilai diisi oleh verifikator");
    expect(within(rows[0]!).getByTestId("mark-text")).toHaveTextContent("Tidak hadir");
    expect(screen.queryByRole("button", { name: "Impor nilai dari berkas…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Keterangan" })).not.toBeInTheDocument();
  });

  it("uses the interview sheet for the interview", async () => {
    const calls = mockCore({ sheet: sampleSheet(true, "wawancara") });
    const user = userEvent.setup();
    renderPanel(verifikator, "wawancara");
    await screen.findAllByTestId("score-row");
    expect(screen.getByRole("heading", { name: "Nilai tes wawancara" })).toBeInTheDocument();
    await user.click(inputFor(/Ahmad Fauzi/));
    await user.keyboard("88{Enter}");
    expect(sent(calls, "score_sheet")).toEqual([{ roundId: 1, stage: "wawancara", unit: null }]);
    expect(sent(calls, "record_mark")).toEqual([{ roundId: 1, stage: "wawancara", applicantId: 1, mark: "88" }]);
  });

  it("imports marks from a spreadsheet: previewed in a dialog, saved, the sheet reloaded", async () => {
    let imported = false;
    const calls = mockCore({
      sheet: () => {
        const s = sampleSheet();
        return imported ? { ...s, rows: s.rows.map((r) => ({ ...r, mark: "70,00" })), entered: 4, missing: 0 } : s;
      },
      pick: () => ({ name: "hasil-cat.xlsx", preview: scorePreview() }),
      importSheet: () => {
        imported = true;
        return stored3;
      },
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    const dialog = await screen.findByRole("dialog", { name: "Impor nilai tes tertulis dari berkas" });
    expect(sent(calls, "pick_score_sheet")).toEqual([{ roundId: 1, stage: "tertulis" }]);
    expect(within(dialog).getByText("hasil-cat.xlsx")).toBeInTheDocument();
    expect(within(dialog).getByRole("combobox", { name: "Peserta dikenali dari" })).toHaveValue("nomor");
    expect(within(dialog).getByRole("combobox", { name: "Kolom Nomor pendaftaran" })).toHaveValue("1");
    expect(within(dialog).getByRole("combobox", { name: "Kolom nilai" })).toHaveValue("4");
    expect(within(dialog).getByRole("combobox", { name: "Kolom kehadiran" })).toHaveValue("");
    expect(within(dialog).getByTestId("scores-summary")).toHaveTextContent("3 nilai siap disimpan (1 tidak hadir).");
    const preview = within(dialog).getByRole("table", { name: "Pratinjau nilai seperti akan disimpan" });
    expect(
      within(preview)
        .getAllByTestId("preview-row")
        .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent)),
    ).toEqual([
      ["4", "PPK-3514-0001", "Ahmad Fauzi", "35.14.01 Purwodadi", "78,50", "—"],
      ["5", "PPK-3514-0002", "Siti Aminah", "35.14.01 Purwodadi", "Tidak hadir", "—"],
      ["6", "PPK-3514-0003", "Budi Santoso", "35.14.01 Purwodadi", "66,25", "—"],
    ]);
    // The save button has the focus: Enter saves.
    const save = within(dialog).getByRole("button", { name: "Simpan 3 nilai" });
    expect(save).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("import-stored")).toHaveTextContent("3 nilai disimpan (1 tidak hadir)");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const { mapping, sheet } = scorePreview();
    expect(sent(calls, "import_score_sheet")).toEqual([
      { roundId: 1, stage: "tertulis", choice: { sheet, mapping, header_row: null } },
    ]);
    await waitFor(() => expect(screen.getByTestId("score-counters")).toHaveTextContent("4 sudah dinilai, 0 belum"));
    expect(sent(calls, "score_sheet")).toHaveLength(2);
    expect(inputFor(/Ahmad Fauzi/)).toHaveValue("70,00");
  });

  it("does nothing when the file choice is cancelled", async () => {
    const calls = mockCore({ pick: () => null });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Impor nilai dari berkas…" })).toBeEnabled());
    expect(sent(calls, "pick_score_sheet")).toHaveLength(1);
    expect(sent(calls, "score_sheet")).toHaveLength(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.queryByTestId("import-stored")).not.toBeInTheDocument();
  });

  it("asks the core again when a column or the identifier's kind is changed", async () => {
    const calls = mockCore({
      pick: () => ({ name: "penilaian.xlsx", preview: scorePreview() }),
      preview: ({ choice }) => scorePreview({ mapping: choice.mapping! }),
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    const dialog = await screen.findByRole("dialog");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Kolom nilai" }), "3");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Peserta dikenali dari" }), "nik");
    await waitFor(() => expect(sent(calls, "preview_score_sheet")).toHaveLength(2));
    const mappings = sent(calls, "preview_score_sheet").map((a) => (a.choice as ScoreSheetChoice).mapping);
    expect(mappings[0]).toEqual({ ...scorePreview().mapping, mark_column: 3 });
    expect(mappings[1]).toEqual({ ...scorePreview().mapping, mark_column: 3, id_kind: "nik" });
    expect(within(dialog).getByRole("combobox", { name: "Kolom NIK" })).toHaveValue("1");
  });

  it("lists a file's problems with row and column, saves nothing, and saves the list on request", async () => {
    const calls = mockCore({
      pick: () => ({ name: "nilai.csv", preview: scorePreview({ problems: scoreProblems(), rows: [], to_store: 0 }) }),
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("scores-summary")).toHaveTextContent("2 masalah");
    const box = within(dialog).getByTestId("import-problems");
    const table = within(box).getByRole("table", { name: "Masalah pada berkas nilai" });
    expect(
      within(table)
        .getAllByTestId("problem-row")
        .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent)),
    ).toEqual([
      ["3", "nilai", "Nilai “120” di luar rentang 0–100."],
      ["5", "nomor_pendaftaran", "Nomor PPK-3514-9999 tidak ada pada lembar nilai."],
    ]);
    expect(within(dialog).getByRole("button", { name: "Simpan 0 nilai" })).toBeDisabled();
    await user.click(within(box).getByRole("button", { name: "Simpan daftar masalah…" }));
    expect(await within(dialog).findByText("Daftar masalah disimpan.")).toBeInTheDocument();
    expect(sent(calls, "save_import_problems")).toEqual([{ problems: scoreProblems() }]);
    expect(sent(calls, "import_score_sheet")).toEqual([]);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("asks before marks already entered are overwritten", async () => {
    const replacing = scorePreview({
      replacing: 1,
      rows: [{ ...scorePreview().rows[1]!, mark: "82,00", before: "81,25" }],
      to_store: 1,
      absent: 0,
    });
    const calls = mockCore({
      pick: () => ({ name: "koreksi.xlsx", preview: replacing }),
      importSheet: () => ({ stored: 1, absent: 0, replaced: 1, problems: { listed: [], more: 0 } }),
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("scores-summary")).toHaveTextContent("1 nilai yang sudah ada akan ditimpa.");
    expect(within(within(dialog).getByTestId("preview-row")).getAllByRole("cell")[5]).toHaveTextContent("81,25");
    await user.click(within(dialog).getByRole("button", { name: "Simpan 1 nilai" }));
    expect(within(dialog).getByTestId("confirm-replace")).toHaveTextContent(
      "1 nilai yang sudah diisi akan ditimpa dengan nilai dari berkas ini.",
    );
    expect(sent(calls, "import_score_sheet")).toEqual([]);
    const yes = within(dialog).getByRole("button", { name: "Ya, timpa dan simpan" });
    await waitFor(() => expect(yes).toHaveFocus());
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("import-stored")).toHaveTextContent(
      "1 nilai disimpan (0 tidak hadir; 1 menimpa nilai sebelumnya)",
    );
    expect(sent(calls, "import_score_sheet")).toHaveLength(1);
  });

  it("shows the problems the import found when the file changed after the preview", async () => {
    mockCore({
      pick: () => ({ name: "hasil-cat.xlsx", preview: scorePreview() }),
      importSheet: () => ({ stored: 0, absent: 0, replaced: 0, problems: scoreProblems() }),
    });
    const user = userEvent.setup();
    renderPanel();
    await screen.findAllByTestId("score-row");
    await user.click(screen.getByRole("button", { name: "Impor nilai dari berkas…" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Simpan 3 nilai" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Tidak ada nilai yang disimpan: 2 masalah pada berkas.",
    );
    expect(screen.queryByTestId("import-stored")).not.toBeInTheDocument();
  });

  it("shows a failure to load", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Anda tidak berhak melihat nilai.", field: null };
    });
    renderPanel();
    expect(await screen.findByRole("alert")).toHaveTextContent("Anda tidak berhak melihat nilai.");
  });
});
