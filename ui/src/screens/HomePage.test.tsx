import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { admin, homeView, operator } from "../test/fixtures";
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
});
