import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { App } from "./App";
import { admin, homeView } from "./test/fixtures";

const ready = { kabupaten: { code: "35.14", name: "Kabupaten Pasuruan", provinsi: "Jawa Timur" }, has_accounts: true };

describe("App", () => {
  it("starts with the first-run flow on a new database", async () => {
    mockIPC((cmd) => (cmd === "setup_status" ? { kabupaten: null, has_accounts: false } : null));
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Selamat datang di Seleksi Ad Hoc" })).toBeInTheDocument();
  });

  it("asks for a login, shows the core's refusal, then the home screen", async () => {
    let attempts = 0;
    let session: typeof admin | null = null;
    mockIPC((cmd) => {
      if (cmd === "setup_status") return ready;
      if (cmd === "current_session") return { session, locked: false, idle_minutes: 15 };
      if (cmd === "audit_status") return null;
      if (cmd === "home") return homeView();
      if (cmd === "login") {
        attempts += 1;
        if (attempts === 1) throw { code: "invalid_credentials", message: "Nama pengguna atau kata sandi salah, atau akun sedang dikunci. Periksa kembali isian Anda; bila tetap tidak dapat masuk, mintalah bantuan administrator.", field: null };
        session = admin;
        return admin;
      }
      return null;
    });
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText("Nama pengguna"), "admin");
    await user.type(screen.getByLabelText("Kata sandi"), "salah-salah-salah");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("Nama pengguna atau kata sandi salah, atau akun sedang dikunci.");
    expect(screen.getByLabelText("Kata sandi")).toHaveValue("");

    await user.type(screen.getByLabelText("Kata sandi"), "rahasia-sekali-123");
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("current-user")).toHaveTextContent("Admin Uji (Administrator)");
    expect(screen.getByText(/KPU Kabupaten Pasuruan/)).toBeInTheDocument();
  });

  it("explains a database it cannot open instead of crashing", async () => {
    mockIPC(() => {
      throw { code: "schema_too_new", message: "Berkas database ini dibuat oleh versi aplikasi yang lebih baru.", field: null };
    });
    render(<App />);
    expect(await screen.findByRole("alert")).toHaveTextContent("versi aplikasi yang lebih baru");
  });
});
