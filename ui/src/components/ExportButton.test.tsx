import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { ExportButton } from "./ExportButton";

type Call = { cmd: string; args: Record<string, unknown> };

function mockCore(answer: (args: Record<string, unknown>) => unknown) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "export_list") return answer(args);
    return null;
  });
  return calls;
}

describe("ExportButton", () => {
  it("asks the core for the list as a workbook and says how many rows went where", async () => {
    const calls = mockCore(() => ({ rows: 1234, path: "/home/kpu/Dokumen/rekap-kuota-seleksi-1-2026-11-23.xlsx" }));
    let saved = 0;
    const user = userEvent.setup();
    render(<ExportButton list={{ list: "quota", round_id: 1 }} onSaved={() => (saved += 1)} />);
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "1.234 baris disimpan ke /home/kpu/Dokumen/rekap-kuota-seleksi-1-2026-11-23.xlsx",
    );
    expect(calls).toEqual([{ cmd: "export_list", args: { list: { list: "quota", round_id: 1 }, format: "xlsx" } }]);
    expect(saved).toBe(1);
  });

  it("says nothing when the save dialog was cancelled", async () => {
    mockCore(() => null);
    const user = userEvent.setup();
    render(<ExportButton list={{ list: "party_hits" }} format="csv" />);
    await user.click(screen.getByRole("button", { name: "Ekspor CSV" }));
    expect(await screen.findByRole("button", { name: "Ekspor CSV" })).toBeEnabled();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the core's refusal and is busy while the file is written", async () => {
    let refuse: (e: unknown) => void = () => {};
    mockCore(
      () =>
        new Promise((_, reject) => {
          refuse = reject;
        }),
    );
    const user = userEvent.setup();
    render(<ExportButton list={{ list: "audit", query: emptyQuery }} label="Ekspor jejak (Excel)" />);
    await user.click(screen.getByRole("button", { name: "Ekspor jejak (Excel)" }));
    expect(await screen.findByRole("button", { name: "Mengekspor…" })).toBeDisabled();
    refuse({
      code: "validation",
      message: "Daftar ini berisi 1.048.576 baris, lebih dari yang muat di satu lembar Excel (1.048.575 baris).",
      field: "format",
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("lebih dari yang muat di satu lembar Excel");
    expect(screen.getByRole("button", { name: "Ekspor jejak (Excel)" })).toBeEnabled();
  });
});

const emptyQuery = {
  username: null,
  object_type: null,
  object_id: null,
  action: null,
  from: null,
  until: null,
  limit: null,
  offset: null,
};
