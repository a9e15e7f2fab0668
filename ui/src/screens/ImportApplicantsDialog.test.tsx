import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { ApplicantImport } from "../bindings/ApplicantImport";
import type { ImportProgress } from "../bindings/ImportProgress";
import { ImportApplicantsDialog, progressText } from "./ImportApplicantsDialog";

interface Pending {
  channel: Channel<ImportProgress>;
  roundId: number;
  finish: (r: ApplicantImport | null) => void;
}

/** Mocks the import: the test sends progress on the channel, then finishes it. */
function mockImport(extra: (cmd: string, args: unknown) => unknown = () => null) {
  const pending: Pending[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "import_applicants") {
      const a = args as { roundId: number; onProgress: Channel<ImportProgress> };
      return new Promise((resolve) => pending.push({ channel: a.onProgress, roundId: a.roundId, finish: resolve }));
    }
    return extra(cmd, args);
  });
  return pending;
}

/** Delivers a message the way the core does: through the channel's callback, in order. */
function send(channel: Channel<ImportProgress>, index: number, message: ImportProgress) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  act(() => internals.runCallback(channel.id, { index, message }));
}

/** The core lists at most 1,000 problems and counts the rest. */
const problems = (listed: number, more = 0) => ({
  listed: Array.from({ length: listed }, (_, i) => ({ line: i + 2, column: "nik", reason: `NIK baris ${i + 2} bukan 16 angka.` })),
  more,
});

describe("ImportApplicantsDialog", () => {
  it("words the progress of both phases", () => {
    expect(progressText({ phase: "memeriksa", done: 40000, total: 100000 })).toBe("Memeriksa baris 40.000 dari 100.000");
    expect(progressText({ phase: "menyimpan", done: 20000, total: 100000 })).toBe("Menyimpan 20.000 dari 100.000");
  });

  it("shows progress from the channel, then the problems of a refused file and how many more", async () => {
    const saved: unknown[] = [];
    const pending = mockImport((cmd, args) => {
      if (cmd === "save_import_problems") {
        saved.push((args as { problems: unknown }).problems);
        return true;
      }
      return null;
    });
    const onImported = vi.fn();
    const user = userEvent.setup();
    render(<ImportApplicantsDialog roundId={4} roundName="Pemilu 2024 – PPS" onClose={vi.fn()} onImported={onImported} />);
    await user.click(screen.getByRole("button", { name: "Pilih berkas CSV…" }));
    expect(pending).toHaveLength(1);
    const job = pending[0]!;
    expect(job.roundId).toBe(4);

    send(job.channel, 0, { phase: "memeriksa", done: 40000, total: 100000 });
    expect(screen.getByTestId("import-progress")).toHaveTextContent("Memeriksa baris 40.000 dari 100.000");
    const bar = screen.getByLabelText("Memeriksa baris 40.000 dari 100.000");
    expect(bar).toHaveAttribute("value", "40000");
    expect(bar).toHaveAttribute("max", "100000");
    send(job.channel, 1, { phase: "memeriksa", done: 100000, total: 100000 });
    expect(screen.getByTestId("import-progress")).toHaveTextContent("Memeriksa baris 100.000 dari 100.000");

    const report = problems(1000, 610050);
    await act(async () => job.finish({ stored: 0, with_nik_warnings: 0, problems: report as never, first_number: null, last_number: null, marked_online: 0 }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Tidak ada yang disimpan: 611.050 masalah. Perbaiki berkas lalu impor lagi.");
    const rows = screen.getAllByTestId("problem-row");
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toHaveTextContent("2nikNIK baris 2 bukan 16 angka.");
    expect(screen.getByTestId("problems-more")).toHaveTextContent(
      "Ditampilkan 1.000 masalah pertama; 610.050 masalah lainnya tidak ditampilkan. Perbaiki masalah ini dulu, lalu impor lagi untuk melihat sisanya.",
    );
    expect(screen.queryByTestId("import-progress")).not.toBeInTheDocument();
    expect(onImported).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Simpan laporan masalah (CSV)…" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Laporan masalah disimpan.");
    expect(saved).toEqual([report]);
  });

  it("reports what was stored and lets the list reload", async () => {
    const pending = mockImport();
    const onImported = vi.fn();
    const user = userEvent.setup();
    render(<ImportApplicantsDialog roundId={1} roundName="Pemilu 2024 – PPK" onClose={vi.fn()} onImported={onImported} />);
    await user.click(screen.getByRole("button", { name: "Pilih berkas CSV…" }));
    const job = pending[0]!;
    // Out of order: the second message waits for the first.
    send(job.channel, 1, { phase: "menyimpan", done: 20000, total: 100000 });
    expect(screen.getByTestId("import-progress")).toHaveTextContent("Membaca berkas…");
    send(job.channel, 0, { phase: "memeriksa", done: 100000, total: 100000 });
    expect(screen.getByTestId("import-progress")).toHaveTextContent("Menyimpan 20.000 dari 100.000");

    const report: ApplicantImport = {
      stored: 100000,
      with_nik_warnings: 12,
      problems: { listed: [], more: 0 },
      first_number: "PPK-3514-0001",
      last_number: "PPK-3514-100000",
      marked_online: 0,
    };
    await act(async () => job.finish(report));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "100.000 pendaftar disimpan (PPK-3514-0001 sampai PPK-3514-100000); 12 dengan peringatan NIK perlu diperiksa.",
    );
    expect(onImported).toHaveBeenCalledWith(report);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows nothing when the file choice was cancelled", async () => {
    const pending = mockImport();
    const onImported = vi.fn();
    const user = userEvent.setup();
    render(<ImportApplicantsDialog roundId={1} roundName="Pemilu 2024 – PPK" onClose={vi.fn()} onImported={onImported} />);
    await user.click(screen.getByRole("button", { name: "Pilih berkas CSV…" }));
    await act(async () => pending[0]!.finish(null));
    expect(screen.getByRole("button", { name: "Pilih berkas CSV…" })).toBeEnabled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(onImported).not.toHaveBeenCalled();
  });
});
