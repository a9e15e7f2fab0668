import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { BackupEntry } from "../bindings/BackupEntry";
import { BackupPage, ukuran } from "./BackupPage";
import { check, DIR, entry, list, manual, mock, named, REFUSED, SHA } from "./backup/fixtures";

describe("ukuran", () => {
  it("writes sizes in MB the Indonesian way", () => {
    expect(ukuran(12_901_234)).toBe("12,3 MB");
    expect(ukuran(1_610_612_736)).toBe("1.536,0 MB");
    expect(ukuran(1_234)).toBe("< 0,1 MB");
  });
});

describe("BackupPage", () => {
  it("explains the automatic backups and lists them, newest first", async () => {
    mock();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("26-11-2026 08:15");
    expect(rows[0]).toHaveTextContent("Harian (pertama kali aplikasi dibuka hari itu)");
    expect(rows[0]).toHaveTextContent("12,3 MB");
    expect(rows[0]).toHaveTextContent("245");
    expect(rows[1]).toHaveTextContent("Penutupan tahap administrasi");
    expect(rows[1]).toHaveTextContent("3,3 MB");
    expect(rows[1]).toHaveTextContent("1.204");
    // Where they are, and when they are taken.
    expect(screen.getByText(DIR)).toBeInTheDocument();
    expect(screen.getByText(/7 cadangan harian terakhir/)).toBeInTheDocument();
    expect(screen.getByText(/sebuah tahap ditutup/)).toBeInTheDocument();
    // One restore button per row, named with its time.
    expect(screen.getByRole("button", { name: /Pulihkan cadangan 26-11-2026 08:15/ })).toHaveAttribute("id", "restore-0");
    expect(screen.getByRole("button", { name: /Pulihkan cadangan 25-11-2026 16:30/ })).toHaveAttribute("id", "restore-1");
  });

  it("says so when there is no backup yet", async () => {
    mock((cmd) => (cmd === "backup_list" ? [] : undefined));
    render(<BackupPage onLoggedOut={vi.fn()} />);
    expect(await screen.findByText("Belum ada cadangan.")).toBeInTheDocument();
  });

  it("backs up now into the automatic folder, shows progress, the file and its size, and refreshes the list", async () => {
    let finish: (e: BackupEntry) => void = () => undefined;
    const calls = mock((cmd, args) =>
      cmd === "backup_now" && args.toFolder === false
        ? new Promise<BackupEntry>((resolve) => (finish = resolve))
        : undefined,
    );
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");

    await user.click(screen.getByRole("button", { name: "Cadangkan sekarang" }));
    expect(named(calls, "backup_now").map((c) => c.args)).toEqual([{ toFolder: false }]);
    // While it works: progress, and no second action can be started.
    expect(await screen.findByRole("button", { name: "Mencadangkan…" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Cadangkan ke folder lain…" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Pulihkan dari berkas lain…" })).toBeDisabled();
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Sedang mencadangkan");

    // The list answers with the new backup once it is written.
    mock((cmd) => (cmd === "backup_list" ? [manual(), ...list()] : undefined));
    finish(manual());
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("Cadangan disimpan: 20261126-0930-manual.db (12,4 MB, 250 berkas pindaian)."),
    );
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(3));
    expect(screen.getAllByTestId("backup-row")[0]).toHaveTextContent("Dibuat oleh petugas");
    expect(screen.getByRole("button", { name: "Cadangkan sekarang" })).toBeEnabled();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("backs up into another folder without a passphrase when told so, and keeps the dialog when the folder dialog is cancelled", async () => {
    let answer: BackupEntry | null = null;
    const calls = mock((cmd) => (cmd === "backup_now" ? answer : undefined));
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");

    await user.click(screen.getByRole("button", { name: "Cadangkan ke folder lain…" }));
    const dialog = await screen.findByRole("dialog", { name: "Cadangkan ke folder lain" });
    // Sealing is proposed, with the focus on the passphrase.
    expect(within(dialog).getByRole("checkbox", { name: /Kunci cadangan dengan kata sandi/ })).toBeChecked();
    expect(within(dialog).getByLabelText("Kata sandi cadangan")).toHaveFocus();
    await user.click(within(dialog).getByRole("checkbox", { name: /Kunci cadangan dengan kata sandi/ }));
    expect(within(dialog).getByTestId("unsealed-warning")).toHaveTextContent("siapa pun yang memegang flashdisk");
    expect(within(dialog).queryByLabelText("Kata sandi cadangan")).not.toBeInTheDocument();

    // The folder dialog cancelled: nothing written, the dialog stays.
    await user.click(within(dialog).getByRole("button", { name: "Pilih folder dan cadangkan" }));
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Pilih folder dan cadangkan" })).toBeEnabled());
    expect(named(calls, "backup_now").map((c) => c.args)).toEqual([{ toFolder: true, passphrase: null }]);
    expect(screen.getByRole("dialog", { name: "Cadangkan ke folder lain" })).toBeInTheDocument();
    expect(named(calls, "backup_list")).toHaveLength(1);

    answer = entry({
      path: "E:\\CADANGAN-KPU\\20261126-0931-manual.db",
      file_name: "20261126-0931-manual.db",
      reason: "manual",
      reason_label: "Dibuat oleh petugas",
      bytes: 13_000_000,
      scans: 250,
    });
    await user.click(within(dialog).getByRole("button", { name: "Pilih folder dan cadangkan" }));
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent(
        "Cadangan disimpan di E:\\CADANGAN-KPU: 20261126-0931-manual.db (12,4 MB, 250 berkas pindaian).",
      ),
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Pulihkan dari berkas lain…");
  });

  it("shows why a backup could not be made", async () => {
    mock((cmd) => {
      if (cmd === "backup_now") throw { code: "io", message: "Folder E:\\ tidak dapat ditulisi.", field: null };
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: "Cadangkan ke folder lain…" }));
    const dialog = await screen.findByRole("dialog", { name: "Cadangkan ke folder lain" });
    await user.click(within(dialog).getByRole("checkbox", { name: /Kunci cadangan dengan kata sandi/ }));
    await user.click(within(dialog).getByRole("button", { name: "Pilih folder dan cadangkan" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Folder E:\\ tidak dapat ditulisi.");
  });

  it("checks a listed backup, shows what it holds, asks for a deliberate confirmation, restores and logs out", async () => {
    const onLoggedOut = vi.fn();
    const calls = mock((cmd) => {
      if (cmd === "inspect_backup") return check({ scans_missing: ["ab12.pdf", "cd34.jpg", "ef56.png"] });
      if (cmd === "restore_backup") return check();
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={onLoggedOut} />);
    await screen.findAllByTestId("backup-row");

    await user.click(screen.getByRole("button", { name: /Pulihkan cadangan 25-11-2026 16:30/ }));
    expect(named(calls, "inspect_backup").map((c) => c.args)).toEqual([{ path: `${DIR}\\20261125-1630-tutup-administrasi.db` }]);
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    expect(within(dialog).getByTestId("restore-kabupaten")).toHaveTextContent("Kabupaten Pasuruan");
    const rounds = within(within(dialog).getByTestId("restore-rounds")).getAllByRole("listitem");
    expect(rounds.map((r) => r.textContent)).toEqual([
      "Pemilu 2024 – PPK (tahap: Tes tertulis)",
      "Pemilu 2024 – PPS (tahap: Pendaftaran)",
    ]);
    expect(within(dialog).getByTestId("restore-applicants")).toHaveTextContent("1.234 orang");
    expect(within(dialog).getByTestId("restore-audit")).toHaveTextContent(
      "5.678 catatan; terakhir: 25-11-2026 16:30 ketua: stage.close",
    );
    expect(within(dialog).getByTestId("restore-manifest")).toHaveTextContent("ada, cocok");
    expect(within(dialog).getByTestId("restore-sha")).toHaveTextContent("3f5a9c0d1e2b4a6f…");
    expect(within(dialog).getByTestId("restore-sha")).toHaveAttribute("title", SHA);
    const warning = within(dialog).getByTestId("restore-warning");
    expect(warning).toHaveTextContent("akan diganti dengan isi cadangan ini");
    expect(warning).toHaveTextContent("Database sebelum dipulihkan dari cadangan");
    expect(warning).toHaveTextContent("harus masuk kembali");
    expect(within(dialog).getByTestId("restore-missing")).toHaveTextContent("3 berkas pindaian tidak ditemukan");
    // The safe choice has the focus.
    expect(within(dialog).getByRole("button", { name: "Batal" })).toHaveFocus();

    const confirm = within(dialog).getByRole("button", { name: "Ya, pulihkan" });
    expect(confirm).toBeDisabled();
    await user.click(confirm);
    expect(named(calls, "restore_backup")).toHaveLength(0);

    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(named(calls, "restore_backup").map((c) => c.args)).toEqual([
      { path: `${DIR}\\20261125-1630-tutup-administrasi.db`, fromElsewhere: false },
    ]);

    const done = await screen.findByRole("dialog", { name: "Database dipulihkan" });
    expect(within(done).getByTestId("restore-done")).toHaveTextContent("Database telah dipulihkan");
    expect(within(done).getByTestId("restore-done")).toHaveTextContent(/silakan masuk kembali/i);
    expect(within(done).queryByTestId("restore-after-warning")).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Pulihkan cadangan" })).not.toBeInTheDocument();
    expect(onLoggedOut).not.toHaveBeenCalled();
    await user.click(within(done).getByRole("button", { name: "Masuk kembali" }));
    expect(onLoggedOut).toHaveBeenCalledTimes(1);
  });

  it("says what could not be finished after the database was replaced", async () => {
    const warning = "Database sudah dipulihkan, tetapi pindaian atau catatan audit pemulihan tidak dapat diselesaikan: disk penuh";
    mock((cmd) => {
      if (cmd === "inspect_backup") return check();
      if (cmd === "restore_backup") return check({ warning });
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: /Pulihkan cadangan 25-11-2026 16:30/ }));
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    await user.click(within(dialog).getByRole("button", { name: "Ya, pulihkan" }));
    const done = await screen.findByRole("dialog", { name: "Database dipulihkan" });
    expect(within(done).getByTestId("restore-after-warning")).toHaveTextContent(warning);
  });

  it("restores a backup from elsewhere only when told so", async () => {
    const calls = mock((cmd) => {
      if (cmd === "inspect_backup") return check({ continues: false });
      if (cmd === "restore_backup") return check({ continues: false });
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: /Pulihkan cadangan 25-11-2026 16:30/ }));
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    expect(within(dialog).getByTestId("restore-elsewhere")).toHaveTextContent("bukan cadangan dari database ini");
    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    const confirm = within(dialog).getByRole("button", { name: "Ya, pulihkan" });
    expect(confirm).toBeDisabled();
    await user.click(within(dialog).getByRole("checkbox", { name: /berasal dari tempat lain/ }));
    await user.click(confirm);
    expect(named(calls, "restore_backup").map((c) => c.args.fromElsewhere)).toEqual([true]);
  });

  it("closes the confirmation with Escape and restores nothing", async () => {
    const calls = mock((cmd) => (cmd === "inspect_backup" ? check() : undefined));
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    const button = screen.getByRole("button", { name: /Pulihkan cadangan 26-11-2026 08:15/ });
    await user.click(button);
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    // No missing scans: no such warning.
    expect(within(dialog).queryByTestId("restore-missing")).not.toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    // Ticking again is required next time.
    await user.click(button);
    const again = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    expect(within(again).getByRole("checkbox", { name: /Saya mengerti/ })).not.toBeChecked();
    expect(within(again).getByRole("button", { name: "Ya, pulihkan" })).toBeDisabled();
    await user.click(within(again).getByRole("button", { name: "Batal" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(named(calls, "restore_backup")).toHaveLength(0);
  });

  it("shows why another file is refused and never restores it; a cancelled file dialog does nothing", async () => {
    let picked: string | null = null;
    const onLoggedOut = vi.fn();
    const calls = mock((cmd) => {
      if (cmd === "pick_backup_file") return picked;
      if (cmd === "inspect_backup") throw REFUSED;
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={onLoggedOut} />);
    await screen.findAllByTestId("backup-row");
    const other = screen.getByRole("button", { name: "Pulihkan dari berkas lain…" });

    await user.click(other);
    await waitFor(() => expect(other).toBeEnabled());
    expect(named(calls, "pick_backup_file")).toHaveLength(1);
    expect(named(calls, "inspect_backup")).toHaveLength(0);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    picked = "E:\\kantor-lain.db";
    await user.click(other);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(REFUSED.message);
    expect(alert).toHaveTextContent("Database yang sekarang tidak diubah.");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(named(calls, "inspect_backup").map((c) => c.args)).toEqual([{ path: "E:\\kantor-lain.db" }]);
    expect(named(calls, "restore_backup")).toHaveLength(0);
    expect(onLoggedOut).not.toHaveBeenCalled();
  });

  it("keeps the dialog and the session when the restore fails", async () => {
    const onLoggedOut = vi.fn();
    mock((cmd) => {
      if (cmd === "inspect_backup") return check();
      if (cmd === "restore_backup") {
        throw { code: "validation", message: "Isi berkas tidak cocok dengan manifestnya.", field: "berkas" };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={onLoggedOut} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: /Pulihkan cadangan 26-11-2026 08:15/ }));
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    await user.click(within(dialog).getByRole("button", { name: "Ya, pulihkan" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Isi berkas tidak cocok dengan manifestnya.");
    expect(within(dialog).getByRole("button", { name: "Ya, pulihkan" })).toBeEnabled();
    expect(screen.queryByRole("dialog", { name: "Database dipulihkan" })).not.toBeInTheDocument();
    expect(onLoggedOut).not.toHaveBeenCalled();
  });

  it("offers to log in again when the core says the session has ended", async () => {
    const onLoggedOut = vi.fn();
    mock((cmd) => {
      if (cmd === "backup_list") {
        throw { code: "unauthenticated", message: "Sesi Anda telah berakhir. Silakan masuk kembali.", field: null };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={onLoggedOut} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sesi Anda telah berakhir");
    await user.click(screen.getByRole("button", { name: "Masuk kembali" }));
    expect(onLoggedOut).toHaveBeenCalledTimes(1);
  });
});
