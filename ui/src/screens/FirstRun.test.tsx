import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { admin } from "../test/fixtures";
import { FirstRun } from "./FirstRun";

const pasuruan = { code: "35.14", name: "Kabupaten Pasuruan", provinsi: "Jawa Timur" };
const kotaPasuruan = { code: "35.75", name: "Kota Pasuruan", provinsi: "Jawa Timur" };

function mock(onFirstRun: (args: unknown) => unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "search_kabupaten") return [pasuruan, kotaPasuruan];
    if (cmd === "complete_first_run") return onFirstRun(args);
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

async function fillAdmin(user: ReturnType<typeof userEvent.setup>, password: string, confirm = password) {
  await user.type(screen.getByLabelText("Nama pengguna"), "admin");
  await user.type(screen.getByLabelText("Nama lengkap"), "Admin Uji");
  await user.type(screen.getByLabelText("Kata sandi"), password);
  await user.type(screen.getByLabelText("Ulangi kata sandi"), confirm);
}

describe("FirstRun", () => {
  it("picks a kabupaten with the keyboard and creates the administrator", async () => {
    const calls = mock(() => admin);
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(<FirstRun status={{ kabupaten: null, has_accounts: false }} onDone={onDone} />);

    const picker = screen.getByRole("combobox", { name: "Kabupaten/kota" });
    await user.type(picker, "pasuruan");
    expect(await screen.findByRole("option", { name: /Kabupaten Pasuruan/ })).toBeInTheDocument();
    await user.keyboard("{ArrowDown}{ArrowUp}{Enter}");
    expect(picker).toHaveValue("Kabupaten Pasuruan, Jawa Timur (35.14)");

    await fillAdmin(user, "rahasia-sekali-123");
    await user.click(screen.getByRole("button", { name: "Simpan dan mulai" }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(admin));
    const submitted = calls.find((c) => c.cmd === "complete_first_run");
    expect(submitted?.args).toEqual({
      kabupaten: "35.14",
      admin: { username: "admin", full_name: "Admin Uji", password: "rahasia-sekali-123" },
    });
  });

  it("does not submit when the two passwords differ", async () => {
    const calls = mock(() => admin);
    const user = userEvent.setup();
    render(<FirstRun status={{ kabupaten: pasuruan, has_accounts: false }} onDone={vi.fn()} />);
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.getByText("Kabupaten Pasuruan")).toBeInTheDocument();

    await fillAdmin(user, "rahasia-sekali-123", "rahasia-sekali-124");
    await user.click(screen.getByRole("button", { name: "Simpan dan mulai" }));
    expect(screen.getByText("Ulangi kata sandi yang sama persis.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "complete_first_run")).toBe(false);
  });

  it("shows the core's validation message under the field it names", async () => {
    mock(() => {
      throw { code: "validation", message: "Kata sandi minimal 10 karakter.", field: "password" };
    });
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(<FirstRun status={{ kabupaten: pasuruan, has_accounts: false }} onDone={onDone} />);
    await fillAdmin(user, "pendek");
    await user.click(screen.getByRole("button", { name: "Simpan dan mulai" }));
    const password = screen.getByLabelText("Kata sandi");
    await waitFor(() => expect(password).toHaveAttribute("aria-invalid", "true"));
    expect(password).toHaveAccessibleDescription(/Kata sandi minimal 10 karakter\./);
    expect(onDone).not.toHaveBeenCalled();
  });

  it("asks for a kabupaten before submitting", async () => {
    const calls = mock(() => admin);
    const user = userEvent.setup();
    render(<FirstRun status={{ kabupaten: null, has_accounts: false }} onDone={vi.fn()} />);
    await fillAdmin(user, "rahasia-sekali-123");
    await user.click(screen.getByRole("button", { name: "Simpan dan mulai" }));
    expect(screen.getByText("Pilih kabupaten/kota dari daftar.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
