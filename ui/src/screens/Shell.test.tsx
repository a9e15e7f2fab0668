import { mockIPC } from "@tauri-apps/api/mocks";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { SESSION_CHECK_EVENT, SESSION_LOCKED_EVENT } from "../api";
import type { Session } from "../bindings/Session";
import {
  admin,
  applicantRow,
  homeView,
  homeWithRounds,
  operator,
  regions,
  registrationCheck,
  sessionOf,
  unitProgress,
  verificationView,
  verifikator,
  standingOptions,
} from "../test/fixtures";
import { timeline } from "../test/fixtures_timeline";
import { Shell } from "./Shell";

const pimpinan = sessionOf("pimpinan", { user_id: admin.user_id, username: "ketua", full_name: "Ketua" });

function mock(extra: (cmd: string, args: unknown) => unknown = () => null) {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    if (cmd === "home") return homeView();
    if (cmd === "audit_status") return { entries: 10, first_broken: null, problem: null, last_hash: "ab" };
    return extra(cmd, args);
  });
  return calls;
}

function navLabels(): string[] {
  return screen.getAllByRole("button").filter((b) => b.closest("nav.pages")).map((b) => b.textContent ?? "");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Shell", () => {
  it("shows each role only the pages it may use", async () => {
    mock();
    const cases: [Session, string[]][] = [
      [
        admin,
        ["Beranda", "Pendaftar", "Penelitian berkas", "Seleksi", "Pengaturan dokumen", "Akun petugas", "Jejak audit", "Cadangan"],
      ],
      [operator, ["Beranda", "Pendaftar", "Seleksi"]],
      [verifikator, ["Beranda", "Pendaftar", "Penelitian berkas", "Seleksi"]],
      [pimpinan, ["Beranda", "Pendaftar", "Penelitian berkas", "Seleksi", "Pengaturan dokumen", "Jejak audit"]],
    ];
    for (const [session, expected] of cases) {
      const { unmount } = render(<Shell session={session} kabupaten="Kabupaten Pasuruan" idleMinutes={15} onLogout={vi.fn()} />);
      await screen.findAllByTestId("kecamatan-row");
      expect(navLabels()).toEqual(expected);
      // Backups and restore are the Administrator's alone.
      expect(document.getElementById("nav-backup") !== null).toBe(session.role === "administrator");
      unmount();
    }
  });

  it("asks the session's operations, not its role", async () => {
    mock();
    const cases: [Session, string[]][] = [
      [{ ...admin, operations: ["read"] }, ["Beranda", "Pendaftar", "Seleksi"]],
      [{ ...operator, operations: [...operator.operations, "manage_backups"] }, ["Beranda", "Pendaftar", "Seleksi", "Cadangan"]],
    ];
    for (const [session, expected] of cases) {
      const { unmount } = render(<Shell session={session} kabupaten="Kabupaten Pasuruan" idleMinutes={15} onLogout={vi.fn()} />);
      await screen.findAllByTestId("kecamatan-row");
      expect(navLabels()).toEqual(expected);
      unmount();
    }
  });

  it("locks over the page and keeps what was typed until the password is given", async () => {
    const calls = mock((cmd, args) => {
      if (cmd === "unlock_session") {
        if ((args as { password: string }).password !== "rahasia-sekali-123") {
          throw { code: "invalid_credentials", message: "Nama pengguna atau kata sandi salah, atau akun sedang dikunci. Periksa kembali isian Anda; bila tetap tidak dapat masuk, mintalah bantuan administrator.", field: null };
        }
        return admin;
      }
      return null;
    });
    const user = userEvent.setup();
    render(<Shell session={admin} kabupaten="Kabupaten Pasuruan" idleMinutes={15} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    await user.type(screen.getByRole("searchbox"), "pur");

    // The core refused an action because the session is locked.
    await act(async () => {
      window.dispatchEvent(new CustomEvent(SESSION_LOCKED_EVENT));
    });
    const dialog = await screen.findByRole("dialog", { name: "Layar terkunci" });
    expect(dialog).toHaveTextContent("Admin Uji");
    await user.type(screen.getByLabelText("Kata sandi"), "salah-salah-salah{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("kata sandi salah");
    await user.type(screen.getByLabelText("Kata sandi"), "rahasia-sekali-123{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByRole("searchbox")).toHaveValue("pur");
    expect(calls.filter((c) => c === "unlock_session")).toHaveLength(2);
  });

  it("leaves nothing under the lock to reach: no focus, no click, no key, nothing read out", async () => {
    mock((cmd) => (cmd === "unlock_session" ? admin : null));
    const onLogout = vi.fn();
    const user = userEvent.setup();
    render(<Shell session={admin} kabupaten="Kabupaten Pasuruan" idleMinutes={15} onLogout={onLogout} />);
    await screen.findAllByTestId("kecamatan-row");
    // A dialog left open when the screen locks.
    await user.click(screen.getByRole("button", { name: "Ganti kata sandi" }));
    await screen.findByRole("dialog", { name: "Ganti kata sandi" });
    const logout = screen.getByRole("button", { name: "Keluar" });
    await act(async () => {
      window.dispatchEvent(new CustomEvent(SESSION_LOCKED_EVENT));
    });
    const password = within(await screen.findByRole("dialog", { name: "Layar terkunci" })).getByLabelText("Kata sandi");

    // Screen readers find only the lock screen.
    expect(logout.closest(".app")).toHaveAttribute("inert");
    expect(logout.closest(".app")).toHaveAttribute("aria-hidden", "true");
    expect(screen.queryByRole("button", { name: "Keluar" })).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Ganti kata sandi" })).not.toBeInTheDocument();
    expect(screen.getAllByRole("dialog")).toHaveLength(1);

    // The button under the lock takes neither the focus nor a click.
    act(() => logout.focus());
    expect(logout).not.toHaveFocus();
    expect(password).toHaveFocus();
    await user.click(logout);
    expect(onLogout).not.toHaveBeenCalled();
    // Escape typed on the lock screen does not close the dialog under it.
    await user.type(password, "{Escape}");

    await user.type(password, "rahasia-sekali-123{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Layar terkunci" })).not.toBeInTheDocument());
    expect(logout.closest(".app")).not.toHaveAttribute("inert");
    expect(logout.closest(".app")).not.toHaveAttribute("aria-hidden");
    expect(screen.getByRole("dialog", { name: "Ganti kata sandi" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Keluar" }));
    expect(onLogout).toHaveBeenCalledTimes(1);
  });

  it("follows a role changed since the login and leaves when the account is deactivated", async () => {
    let now: Session | null = admin;
    mock((cmd) => {
      if (cmd === "current_session") return { session: now, locked: false, idle_minutes: 15 };
      if (cmd === "list_accounts") return [];
      return null;
    });
    const onLogout = vi.fn();
    const user = userEvent.setup();
    render(<Shell session={admin} kabupaten={null} idleMinutes={15} onLogout={onLogout} />);
    await screen.findAllByTestId("kecamatan-row");
    await user.click(screen.getByRole("button", { name: "Akun petugas" }));
    // Refused, but the account is unchanged: the page stays.
    await act(async () => {
      window.dispatchEvent(new CustomEvent(SESSION_CHECK_EVENT));
    });
    expect(screen.getByRole("button", { name: "Akun petugas" })).toHaveAttribute("aria-current", "page");

    // An administrator made this account an operator; the core refused something.
    now = { ...operator, user_id: admin.user_id, username: admin.username, full_name: admin.full_name };
    await act(async () => {
      window.dispatchEvent(new CustomEvent(SESSION_CHECK_EVENT));
    });
    await waitFor(() => expect(navLabels()).toEqual(["Beranda", "Pendaftar", "Seleksi"]));
    expect(screen.getByTestId("current-user")).toHaveTextContent("(Operator)");
    expect(screen.getByRole("button", { name: "Beranda" })).toHaveAttribute("aria-current", "page");
    expect(onLogout).not.toHaveBeenCalled();

    // Then deactivated: the core ended the session.
    now = null;
    await act(async () => {
      window.dispatchEvent(new CustomEvent(SESSION_CHECK_EVENT));
    });
    await waitFor(() => expect(onLogout).toHaveBeenCalledTimes(1));
  });

  it("locks by itself after the idle time without activity", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const calls = mock();
    render(<Shell session={admin} kabupaten={null} idleMinutes={1} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    act(() => {
      vi.advanceTimersByTime(50_000);
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    act(() => {
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
      vi.advanceTimersByTime(50_000);
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(15_000);
    });
    expect(screen.getByRole("dialog", { name: "Layar terkunci" })).toBeInTheDocument();
    expect(calls).toContain("lock_session");
  });

  it("warns everyone when the audit chain is broken", async () => {
    mockIPC((cmd) => {
      if (cmd === "home") return homeView();
      if (cmd === "audit_status") return { entries: 9, first_broken: 4, problem: "Isi catatan 4 tidak cocok.", last_hash: null };
      return null;
    });
    render(<Shell session={operator} kabupaten={null} idleMinutes={15} onLogout={vi.fn()} />);
    expect(await screen.findByTestId("audit-banner")).toHaveTextContent("jejak audit rusak mulai catatan 4");
  });

  it("opens the applicants page and keeps a half-filled form while another page is looked at", async () => {
    mockIPC((cmd) => {
      if (cmd === "home") return homeWithRounds();
      if (cmd === "audit_status") return { entries: 1, first_broken: null, problem: null, last_hash: "ab" };
      if (cmd === "list_regions") return regions();
      if (cmd === "standing_options") return standingOptions();
      if (cmd === "list_applicants") return { total: 1, offset: 0, rows: [applicantRow(1)] };
      if (cmd === "check_registration") return registrationCheck();
      return null;
    });
    const user = userEvent.setup();
    render(<Shell session={operator} kabupaten={null} idleMinutes={15} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    await user.click(screen.getByRole("button", { name: "Pendaftar" }));
    expect(await screen.findByTestId("applicant-row")).toHaveTextContent("PPK-3514-0001");
    await user.click(screen.getByRole("button", { name: "Daftarkan pendaftar baru" }));
    await user.type(screen.getByLabelText("Nama lengkap (sesuai KTP-el)"), "Siti");
    await user.click(screen.getByRole("button", { name: "Beranda" }));
    await screen.findAllByTestId("kecamatan-row");
    await user.click(screen.getByRole("button", { name: "Pendaftar" }));
    expect(screen.getByLabelText("Nama lengkap (sesuai KTP-el)")).toHaveValue("Siti");
  });

  it("opens the verification page from its tab and keeps the open file while another page is looked at", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "home") return homeWithRounds();
      if (cmd === "audit_status") return null;
      if (cmd === "list_regions") return regions();
      if (cmd === "standing_options") return standingOptions();
      if (cmd === "verification_progress") return unitProgress();
      if (cmd === "next_unchecked") return 7;
      if (cmd === "verification_view") return verificationView();
      return null;
    });
    const user = userEvent.setup();
    render(<Shell session={verifikator} kabupaten={null} idleMinutes={15} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    const tab = document.getElementById("nav-verification")!;
    expect(tab).toHaveTextContent("Penelitian berkas");
    await user.click(tab);
    expect(await screen.findAllByTestId("progress-row")).toHaveLength(3);
    await user.click(document.getElementById("verify-next")!);
    expect(await screen.findByTestId("verify-number")).toHaveTextContent("PPK-3514-0007");

    await user.click(screen.getByRole("button", { name: "Beranda" }));
    await screen.findAllByTestId("kecamatan-row");
    // Alt+B does nothing while the page is not shown.
    await user.keyboard("{Alt>}b{/Alt}");
    expect(calls.filter((c) => c === "next_unchecked")).toHaveLength(1);
    await user.click(tab);
    expect(screen.getByTestId("verify-number")).toHaveTextContent("PPK-3514-0007");
  });

  it("opens the documents' settings from its tab and keeps an unsaved edit while another page is looked at", async () => {
    mockIPC((cmd) => {
      if (cmd === "home") return homeView();
      if (cmd === "audit_status") return null;
      if (cmd === "publication_settings") {
        return {
          settings: { address: "Jl. Hayam Wuruk No. 14", contacts: "", chair: "", members: [], numbering: [] },
          logo: null,
          placeholders: [],
          editable: true,
        };
      }
      if (cmd === "publication_texts") return [];
      return null;
    });
    const user = userEvent.setup();
    render(<Shell session={admin} kabupaten={null} idleMinutes={15} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    const tab = document.getElementById("nav-documents")!;
    expect(tab).toHaveTextContent("Pengaturan dokumen");
    await user.click(tab);
    await user.type(await screen.findByLabelText("Alamat kantor"), ", Pasuruan");
    await user.click(screen.getByRole("button", { name: "Beranda" }));
    await screen.findAllByTestId("kecamatan-row");
    await user.click(tab);
    expect(screen.getByLabelText("Alamat kantor")).toHaveValue("Jl. Hayam Wuruk No. 14, Pasuruan");
  });

  it("opens the selection page and keeps the round and tab chosen while another page is looked at", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "home") return homeWithRounds();
      if (cmd === "audit_status") return null;
      if (cmd === "stage_timeline") return timeline({ current: "pendaftaran", open: true });
      if (cmd === "extension_list") return [];
      if (cmd === "selection_results") return [];
      return null;
    });
    const user = userEvent.setup();
    render(<Shell session={operator} kabupaten={null} idleMinutes={15} onLogout={vi.fn()} />);
    await screen.findAllByTestId("kecamatan-row");
    await user.click(screen.getByRole("button", { name: "Seleksi" }));
    const picker = await screen.findByRole("combobox", { name: "Seleksi" });
    expect(picker).toHaveValue("1");
    await user.selectOptions(picker, "Pemilu 2024 – PPS");
    await user.click(screen.getByRole("tab", { name: "Hasil akhir" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "selection_results")).toBe(true));

    await user.click(screen.getByRole("button", { name: "Beranda" }));
    await screen.findAllByTestId("kecamatan-row");
    const homes = calls.filter((c) => c.cmd === "home").length;
    await user.click(screen.getByRole("button", { name: "Seleksi" }));
    // Coming back reads the rounds again and keeps what was chosen.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "home").length).toBe(homes + 1));
    expect(screen.getByRole("combobox", { name: "Seleksi" })).toHaveValue("2");
    expect(screen.getByRole("tab", { name: "Hasil akhir" })).toHaveAttribute("aria-selected", "true");
  });

  it("opens the backups from its tab and, after a restore, returns to the login screen", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const check = {
      path: "C:\\KPU\\cadangan\\20261126-0815-harian.db",
      sha256: "3f5a9c0d1e2b4a6f8c7d9e0a1b2c3d4e5f60718293a4b5c6d7e8f90112233445",
      manifest: "ada, cocok",
      schema_version: 14,
      kabupaten: "Kabupaten Pasuruan",
      rounds: ["Pemilu 2024 – PPK (tahap: Pendaftaran)"],
      applicants: 12,
      audit_entries: 40,
      last_audit: null,
      scans_missing: [],
      continues: true,
      warning: null,
    };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "home") return homeView();
      if (cmd === "audit_status") return null;
      if (cmd === "backup_list") {
        return [
          {
            path: check.path,
            file_name: "20261126-0815-harian.db",
            reason: "harian",
            reason_label: "Harian (pertama kali aplikasi dibuka hari itu)",
            taken: "26-11-2026 08:15",
            bytes: 1_048_576,
            schema_version: 14,
            scans: 3,
          },
        ];
      }
      if (cmd === "inspect_backup" || cmd === "restore_backup") return check;
      return null;
    });
    const onLogout = vi.fn();
    const user = userEvent.setup();
    render(<Shell session={admin} kabupaten={null} idleMinutes={15} onLogout={onLogout} />);
    await screen.findAllByTestId("kecamatan-row");
    const tab = document.getElementById("nav-backup")!;
    expect(tab).toHaveTextContent("Cadangan");
    await user.click(tab);
    expect(tab).toHaveAttribute("aria-current", "page");
    await user.click(await screen.findByRole("button", { name: /Pulihkan cadangan 26-11-2026 08:15/ }));
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    await user.click(within(dialog).getByRole("button", { name: "Ya, pulihkan" }));
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({ path: check.path, fromElsewhere: false });
    const done = await screen.findByRole("dialog", { name: "Database dipulihkan" });
    expect(onLogout).not.toHaveBeenCalled();
    await user.click(within(done).getByRole("button", { name: "Masuk kembali" }));
    expect(onLogout).toHaveBeenCalledTimes(1);
  });
});
