import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { PartyListSection } from "./PartyListSection";

const hit = { reg_number: "PPS-3514-0001", full_name: "Siti Aminah", round_name: "Pemilu 2024 – PPS", parties: "Partai Contoh" };

describe("PartyListSection", () => {
  it("lists every problem when an import is refused, and keeps the old hits", async () => {
    mockIPC((cmd) => {
      if (cmd === "party_hits") return [hit];
      if (cmd === "import_party_list") {
        return { members: 0, hits: [], problems: [{ line: 3, column: "nik", reason: 'NIK "12345" bukan 16 angka.' }] };
      }
      return null;
    });
    const user = userEvent.setup();
    render(<PartyListSection canImport />);
    expect(await screen.findAllByTestId("party-hit")).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Impor berkas CSV…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("tidak ada yang disimpan");
    expect(screen.getByTestId("problem-row")).toHaveTextContent('3nikNIK "12345" bukan 16 angka.');
    expect(screen.getAllByTestId("party-hit")).toHaveLength(1);
  });

  it("shows what was stored and who is listed; others cannot import", async () => {
    mockIPC((cmd) => {
      if (cmd === "party_hits") return [];
      if (cmd === "import_party_list") return { members: 1200, hits: [hit], problems: [] };
      return null;
    });
    const user = userEvent.setup();
    const { unmount } = render(<PartyListSection canImport />);
    expect(await screen.findByText("Tidak ada pendaftar yang NIK-nya tercantum.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Impor berkas CSV…" }));
    expect(await screen.findByRole("status")).toHaveTextContent("1.200 anggota partai disimpan; 1 pendaftar tercantum");
    expect(screen.getByTestId("party-hit")).toHaveTextContent("Siti Aminah");
    unmount();
    render(<PartyListSection canImport={false} />);
    await screen.findByText("Tidak ada pendaftar yang NIK-nya tercantum.");
    expect(screen.queryByRole("button", { name: "Impor berkas CSV…" })).not.toBeInTheDocument();
  });
});
