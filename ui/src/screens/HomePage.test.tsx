import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { admin, homeView, homeWithRounds, operator, requirementList } from "../test/fixtures";
import { HomePage } from "./HomePage";

function names(): string[] {
  return screen.getAllByTestId("kecamatan-row").map((r) => within(r).getAllByRole("cell")[2]?.textContent ?? "");
}

describe("HomePage", () => {
  it("lists every kecamatan with its desa count, quotas and totals", async () => {
    mockIPC((cmd) => (cmd === "home" ? homeView() : null));
    render(<HomePage session={admin} />);
    expect(await screen.findAllByTestId("kecamatan-row")).toHaveLength(3);
    expect(names()).toEqual(["Purwodadi", "Tutur", "Puspo"]);
    expect(screen.getByTestId("total-desa")).toHaveTextContent("32");
    expect(screen.getByTestId("total-quota_ppk")).toHaveTextContent("15");
    expect(screen.getByTestId("total-quota_pps")).toHaveTextContent("96");
  });

  it("sorts by a column and filters by name", async () => {
    mockIPC((cmd) => (cmd === "home" ? homeView() : null));
    const user = userEvent.setup();
    render(<HomePage session={admin} />);
    await screen.findAllByTestId("kecamatan-row");

    await user.click(screen.getByRole("button", { name: /Pendaftar PPK/ }));
    expect(names()).toEqual(["Tutur", "Purwodadi", "Puspo"]);
    await user.click(screen.getByRole("button", { name: /Pendaftar PPK/ }));
    expect(names()).toEqual(["Puspo", "Purwodadi", "Tutur"]);

    await user.type(screen.getByRole("searchbox"), "pu");
    expect(names()).toEqual(["Puspo", "Purwodadi"]);
    expect(screen.getByText("2 dari 3 kecamatan")).toBeInTheDocument();
  });

  it("offers round creation to administrators only", async () => {
    mockIPC((cmd) => (cmd === "home" ? homeView() : null));
    const { unmount } = render(<HomePage session={admin} />);
    expect(await screen.findByRole("button", { name: "Buat seleksi baru" })).toBeInTheDocument();
    unmount();
    render(<HomePage session={operator} />);
    await screen.findAllByTestId("kecamatan-row");
    expect(screen.queryByRole("button", { name: "Buat seleksi baru" })).not.toBeInTheDocument();
    expect(screen.getByText(/Hubungi administrator/)).toBeInTheDocument();
  });

  it("shows the error the core sends instead of a blank screen", async () => {
    mockIPC(() => {
      throw { code: "unauthenticated", message: "Sesi Anda telah berakhir. Silakan masuk kembali.", field: null };
    });
    render(<HomePage session={admin} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sesi Anda telah berakhir");
  });

  it("opens a round's document list (“Daftar berkas”) from its row, for every role", async () => {
    const requirementCalls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "home") return homeWithRounds();
      if (cmd === "requirement_list") {
        requirementCalls.push(args);
        return requirementList();
      }
      return null;
    });
    const user = userEvent.setup();
    render(<HomePage session={operator} />);
    const rows = await screen.findAllByTestId("round-row");
    await user.click(within(rows[1]!).getByRole("button", { name: "Daftar berkas" }));
    const dialog = screen.getByRole("dialog", { name: "Daftar berkas Pemilu 2024 – PPS" });
    expect(await within(dialog).findAllByTestId("req-row")).toHaveLength(6);
    expect(requirementCalls).toEqual([{ roundId: 2 }]);
    // Only an administrator changes it.
    expect(within(dialog).queryAllByRole("textbox")).toEqual([]);
    await user.click(within(dialog).getByText("Tutup", { selector: "button" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(document.getElementById("requirements-1")).toHaveTextContent("Daftar berkas");
  });
});
