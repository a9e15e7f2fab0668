import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { PartyListState } from "../bindings/PartyListState";
import { atStage, round } from "../test/fixtures";
import { PartyListSection } from "./PartyListSection";

const hit = { reg_number: "PPS-3514-0001", full_name: "Siti Aminah", round_name: "Pemilu 2024 – PPS", parties: "Partai Contoh" };

describe("PartyListSection", () => {
  it("lists every problem when an import is refused, and keeps the old hits", async () => {
    mockIPC((cmd) => {
      if (cmd === "party_hits") return [hit];
      if (cmd === "import_party_list") {
        return {
          members: 0,
          hits: [],
          problems: { listed: [{ line: 3, column: "nik", reason: 'NIK "12345" bukan 16 angka.' }], more: 2 },
        };
      }
      return null;
    });
    const user = userEvent.setup();
    render(<PartyListSection canImport rounds={[]} />);
    expect(await screen.findAllByTestId("party-hit")).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Impor berkas CSV…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("3 masalah ditemukan; tidak ada yang disimpan");
    expect(screen.getByTestId("problem-row")).toHaveTextContent('3nikNIK "12345" bukan 16 angka.');
    expect(screen.getByTestId("problems-more")).toHaveTextContent("Ditampilkan 1 masalah pertama; 2 masalah lainnya tidak ditampilkan.");
    expect(screen.getAllByTestId("party-hit")).toHaveLength(1);
  });

  it("shows what was stored and who is listed; others cannot import", async () => {
    mockIPC((cmd) => {
      if (cmd === "party_hits") return [];
      if (cmd === "import_party_list") return { members: 1200, hits: [hit], problems: { listed: [], more: 0 } };
      return null;
    });
    const user = userEvent.setup();
    const { unmount } = render(<PartyListSection canImport rounds={[]} />);
    expect(await screen.findByText("Tidak ada pendaftar yang NIK-nya tercantum.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Impor berkas CSV…" }));
    expect(await screen.findByRole("status")).toHaveTextContent("1.200 anggota partai disimpan; 1 pendaftar tercantum");
    expect(screen.getByTestId("party-hit")).toHaveTextContent("Siti Aminah");
    unmount();
    render(<PartyListSection canImport={false} rounds={[]} />);
    await screen.findByText("Tidak ada pendaftar yang NIK-nya tercantum.");
    expect(screen.queryByRole("button", { name: "Impor berkas CSV…" })).not.toBeInTheDocument();
  });

  it("records per round that membership was checked without a list, and removes it after a confirmation", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    let state: PartyListState = {
      imported_at: null,
      members: 0,
      check: null,
      summary: "Daftar anggota partai belum diimpor dan belum ada catatan pemeriksaan dengan cara lain.",
      changeable: true,
    };
    const closed: PartyListState = { ...state, changeable: false };
    mockIPC((cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      if (cmd === "party_hits") return [];
      if (cmd === "party_list_state") return args.roundId === 1 ? state : closed;
      if (cmd === "record_party_check") {
        state = {
          ...state,
          check: { method: "surat_kpu_ri", note: "Surat 12/PP/2026", at: "2026-12-03T03:00:00Z", username: "admin" },
          summary: "Keanggotaan partai politik diperiksa berdasarkan surat KPU RI (Surat 12/PP/2026); dicatat oleh admin pada 03-12-2026.",
        };
        return state.check;
      }
      if (cmd === "clear_party_check") {
        state = { ...state, check: null, summary: "Belum ada catatan." };
        return null;
      }
      throw new Error(`${cmd} not expected`);
    });
    const user = userEvent.setup();
    render(<PartyListSection canImport rounds={[round(1, "PPK"), atStage(round(2, "PPS"), "tertulis")]} />);
    const rows = await screen.findAllByTestId("party-check-row");
    await waitFor(() => expect(rows[0]).toHaveTextContent("belum ada catatan pemeriksaan"));
    // The round past its administrative stage offers nothing to change.
    expect(within(rows[1]!).queryByRole("button")).not.toBeInTheDocument();

    await user.click(within(rows[0]!).getByRole("button", { name: "Catat pemeriksaan tanpa daftar…" }));
    const dialog = screen.getByRole("dialog", { name: "Pemeriksaan keanggotaan partai" });
    expect(within(dialog).getByRole("radio", { name: /SIPOL \(daring\)/ })).toHaveFocus();
    await user.click(within(dialog).getByRole("radio", { name: /surat KPU RI/ }));
    await user.type(within(dialog).getByLabelText("Keterangan (boleh dikosongkan)"), "Surat 12/PP/2026");
    await user.click(within(dialog).getByRole("button", { name: "Simpan catatan" }));
    await waitFor(() => expect(rows[0]).toHaveTextContent("berdasarkan surat KPU RI (Surat 12/PP/2026); dicatat oleh admin"));
    expect(calls.filter((c) => c.cmd === "record_party_check").map((c) => c.args)).toEqual([
      { roundId: 1, method: "surat_kpu_ri", note: "Surat 12/PP/2026" },
    ]);

    await user.click(within(rows[0]!).getByRole("button", { name: "Hapus catatan" }));
    const confirm = screen.getByRole("dialog", { name: "Hapus catatan pemeriksaan" });
    expect(within(confirm).getByRole("button", { name: "Batal" })).toHaveFocus();
    expect(calls.filter((c) => c.cmd === "clear_party_check")).toEqual([]);
    await user.click(within(confirm).getByRole("button", { name: "Ya, hapus catatan" }));
    await waitFor(() => expect(rows[0]).toHaveTextContent("Belum ada catatan."));
    expect(calls.filter((c) => c.cmd === "clear_party_check").map((c) => c.args)).toEqual([{ roundId: 1 }]);
  });
});
