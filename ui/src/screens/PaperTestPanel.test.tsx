import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { MarkingPreview } from "../bindings/MarkingPreview";
import type { PaperTest } from "../bindings/PaperTest";
import { PaperTestPanel } from "./PaperTestPanel";

type Call = { cmd: string; args: Record<string, unknown> };

const none = { listed: [], more: 0 };

const test: PaperTest = {
  keys: [{ version: "A", key: "ABCD*", questions: 5, annulled: 1 }],
  settings: { points_correct: 4, penalty_wrong: 1, scale: "seratus" },
  sheets: 2,
  editable: true,
  open: true,
};

const preview: MarkingPreview = {
  settings: test.settings,
  rows: [
    {
      reg_number: "PPK-3514-0001",
      full_name: "Calon 01",
      unit: "35.14.01",
      version: "A",
      correct: 3,
      wrong: 1,
      blank: 1,
      points: 11,
      max_points: 20,
      mark: "55,00",
      before: "",
    },
  ],
  analysis: [
    {
      version: "A",
      question: 1,
      key: "A",
      correct: 2,
      sheets: 2,
      share: "100,00%",
      most_chosen: "A",
      check: false,
    },
    {
      version: "A",
      question: 2,
      key: "B",
      correct: 0,
      sheets: 2,
      share: "0,00%",
      most_chosen: "D",
      check: true,
    },
  ],
  flagged: 1,
  replacing: 0,
  problems: none,
};

function mockCore() {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "paper_test") return test;
    if (cmd === "save_answer_key") return { version: "B", key: "DCBA", questions: 4, annulled: 0 };
    if (cmd === "marking_preview") return preview;
    if (cmd === "store_paper_marks") return { stored: 1, absent: 0, replaced: 0, problems: none };
    return null;
  });
  return calls;
}

describe("PaperTestPanel", () => {
  it("saves a key typed for a version", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    render(<PaperTestPanel roundId={1} onStored={() => {}} />);
    await user.click(await screen.findByText(/Tes di kertas/));
    expect(screen.getAllByTestId("answer-key")[0]).toHaveTextContent("ABCD*");
    const versi = screen.getByLabelText("Versi");
    await user.clear(versi);
    await user.type(versi, "B");
    await user.type(screen.getByLabelText("Kunci"), "dcba");
    await user.click(screen.getByRole("button", { name: "Simpan kunci" }));
    await waitFor(() => expect(screen.getByText(/Kunci versi B disimpan: 4 soal/)).toBeInTheDocument());
    expect(calls.find((c) => c.cmd === "save_answer_key")?.args).toMatchObject({ roundId: 1, version: "B", key: "dcba" });
  });

  it("shows the analysis with questions to check, then stores every mark", async () => {
    const calls = mockCore();
    const onStored = vi.fn();
    const user = userEvent.setup();
    render(<PaperTestPanel roundId={1} onStored={onStored} />);
    await user.click(await screen.findByText(/Tes di kertas/));
    await user.click(screen.getByRole("button", { name: "Periksa nilai dan analisis soal" }));
    const questions = await screen.findAllByTestId("question");
    expect(questions[1]).toHaveTextContent("Periksa kunci");
    expect(screen.getByTestId("flagged")).toHaveTextContent("1 soal dijawab benar oleh kurang dari 20% peserta");
    expect(screen.getByTestId("paper-mark")).toHaveTextContent("55,00");
    await user.click(screen.getByRole("button", { name: "Simpan nilai" }));
    await waitFor(() => expect(onStored).toHaveBeenCalled());
    expect(screen.getByTestId("paper-marks-stored")).toHaveTextContent("1 nilai tes tertulis disimpan");
    expect(calls.filter((c) => c.cmd === "store_paper_marks")).toHaveLength(1);
  });
});
