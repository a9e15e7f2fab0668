import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import { admin } from "../test/fixtures";
import { AccountsPage } from "./AccountsPage";

const accounts: Account[] = [
  { id: 1, username: "admin", full_name: "Admin Uji", role: "administrator", active: true, failed_logins: 0, locked_until: null },
  { id: 2, username: "opr1", full_name: "Operator Satu", role: "operator", active: true, failed_logins: 5, locked_until: "2999-01-01T00:00:00Z" },
];

function mock() {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "list_accounts") return accounts;
    if (cmd === "current_session") return { session: admin, locked: false, idle_minutes: 15 };
    if (cmd === "create_account") return { ...accounts[1], id: 3, username: "verif1" };
    if (cmd === "reset_account_password") {
      throw { code: "validation", message: "Kata sandi minimal 10 karakter.", field: "password" };
    }
    return null;
  });
  return calls;
}

describe("AccountsPage", () => {
  it("asks before deactivating and never offers to deactivate oneself", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<AccountsPage session={admin} />);
    const rows = await screen.findAllByTestId("account-row");
    expect(within(rows[0]!).getByRole("button", { name: "Nonaktifkan" })).toBeDisabled();
    expect(within(rows[1]!).getByText(/terkunci sampai/)).toBeInTheDocument();

    await user.click(within(rows[1]!).getByRole("button", { name: "Nonaktifkan" }));
    expect(calls.some((c) => c.cmd === "set_account_active")).toBe(false);
    await user.click(within(rows[1]!).getByRole("button", { name: "Ya, nonaktifkan" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "set_account_active")?.args).toEqual({ username: "opr1", active: false }));
    expect(await screen.findByRole("status")).toHaveTextContent("Akun opr1 dinonaktifkan.");
  });

  it("creates accounts, unlocks, and shows the core's refusal of a short password", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<AccountsPage session={admin} />);
    const rows = await screen.findAllByTestId("account-row");
    await user.click(within(rows[1]!).getByRole("button", { name: "Buka kunci" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "unlock_account")?.args).toEqual({ username: "opr1" }));

    await user.click(within(rows[1]!).getByRole("button", { name: "Atur ulang sandi" }));
    await user.type(screen.getByLabelText("Kata sandi baru opr1"), "pendek{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("minimal 10 karakter");

    await user.type(screen.getByLabelText("Nama pengguna baru"), "verif1");
    await user.type(screen.getByLabelText("Nama lengkap petugas"), "Verifikator Satu");
    await user.selectOptions(screen.getByLabelText("Peran"), "verifikator");
    await user.type(screen.getByLabelText("Kata sandi awal"), "sandi-verif-satu");
    await user.click(screen.getByRole("button", { name: "Tambah akun" }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "create_account")?.args).toEqual({
        input: { username: "verif1", full_name: "Verifikator Satu", password: "sandi-verif-satu" },
        role: "verifikator",
      }),
    );
  });
});
