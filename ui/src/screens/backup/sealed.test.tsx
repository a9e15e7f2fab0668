import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { BackupPage } from "../BackupPage";
import { check, entry, mock, named } from "./fixtures";

const SEALED = "E:\\CADANGAN-KPU\\seleksi-adhoc-20261126-093100-manual.tar.age";
const PASSPHRASE = "cadangan kpu pasuruan 2026";
const ASK = {
  code: "validation",
  field: "kata_sandi_cadangan",
  message: "Cadangan ini dikunci dengan kata sandi. Masukkan kata sandi yang dipakai saat cadangan dibuat.",
};
const WRONG = {
  code: "validation",
  field: "kata_sandi_cadangan",
  message: "Kata sandi cadangan salah (atau berkas telah diubah). Periksa huruf besar/kecil dan coba lagi.",
};

describe("Sealed backups", () => {
  it("seals a backup to another folder with a passphrase typed twice; the core's refusal shows at the field", async () => {
    const calls = mock((cmd, args) => {
      if (cmd !== "backup_now") return undefined;
      if ((args.passphrase as string).length < 10) {
        throw { code: "validation", field: "kata_sandi_cadangan", message: "Kata sandi cadangan paling sedikit 10 karakter." };
      }
      return entry({ path: SEALED, file_name: "seleksi-adhoc-20261126-093100-manual.tar.age", reason: "manual", scans: 3 });
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: "Cadangkan ke folder lain…" }));
    const dialog = await screen.findByRole("dialog", { name: "Cadangkan ke folder lain" });
    const go = within(dialog).getByRole("button", { name: "Pilih folder dan cadangkan" });

    // The two fields differ: said at the second, nothing asked of the core.
    await user.keyboard("pendek");
    await user.type(within(dialog).getByLabelText("Ulangi kata sandi cadangan"), "pendel");
    await user.click(go);
    expect(within(dialog).getByLabelText("Ulangi kata sandi cadangan")).toHaveAccessibleDescription(
      "Ulangi kata sandi cadangan yang sama persis.",
    );
    expect(named(calls, "backup_now")).toHaveLength(0);

    // Too short: the core says so, under the passphrase.
    await user.clear(within(dialog).getByLabelText("Ulangi kata sandi cadangan"));
    await user.type(within(dialog).getByLabelText("Ulangi kata sandi cadangan"), "pendek");
    await user.click(go);
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Kata sandi cadangan")).toHaveAccessibleDescription(
        expect.stringContaining("paling sedikit 10 karakter"),
      ),
    );

    for (const label of ["Kata sandi cadangan", "Ulangi kata sandi cadangan"]) {
      await user.clear(within(dialog).getByLabelText(label));
      await user.type(within(dialog).getByLabelText(label), PASSPHRASE);
    }
    await user.click(go);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("terkunci dengan kata sandi"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(named(calls, "backup_now").map((c) => c.args)).toEqual([
      { toFolder: true, passphrase: "pendek" },
      { toFolder: true, passphrase: PASSPHRASE },
    ]);
  });

  it("asks for the passphrase of a sealed file, says when it is wrong, and restores with it", async () => {
    const calls = mock((cmd, args) => {
      if (cmd === "pick_backup_file") return SEALED;
      if (cmd === "inspect_backup") {
        if (args.passphrase === undefined) throw ASK;
        if (args.passphrase !== PASSPHRASE) throw WRONG;
        return check({ path: SEALED, sealed: true });
      }
      if (cmd === "restore_backup") return check({ path: SEALED, sealed: true });
      return undefined;
    });
    const user = userEvent.setup();
    render(<BackupPage onLoggedOut={vi.fn()} />);
    await screen.findAllByTestId("backup-row");
    await user.click(screen.getByRole("button", { name: "Pulihkan dari berkas lain…" }));

    const unlock = await screen.findByRole("dialog", { name: "Cadangan terkunci" });
    expect(unlock).toHaveTextContent("seleksi-adhoc-20261126-093100-manual.tar.age");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    const field = within(unlock).getByLabelText("Kata sandi cadangan");
    expect(field).toHaveFocus();
    await user.keyboard("kata sandi lain{Enter}");
    await waitFor(() => expect(field).toHaveAccessibleDescription(WRONG.message));

    await user.clear(field);
    await user.type(field, `${PASSPHRASE}{Enter}`);
    const dialog = await screen.findByRole("dialog", { name: "Pulihkan cadangan" });
    expect(screen.queryByRole("dialog", { name: "Cadangan terkunci" })).not.toBeInTheDocument();
    expect(within(dialog).getByTestId("restore-sealed")).toHaveTextContent("Terkunci dengan kata sandi");
    await user.click(within(dialog).getByRole("checkbox", { name: /Saya mengerti/ }));
    await user.click(within(dialog).getByRole("button", { name: "Ya, pulihkan" }));
    await screen.findByRole("dialog", { name: "Database dipulihkan" });
    expect(named(calls, "inspect_backup").map((c) => c.args.passphrase)).toEqual([undefined, "kata sandi lain", PASSPHRASE]);
    expect(named(calls, "restore_backup").map((c) => c.args)).toEqual([
      { path: SEALED, fromElsewhere: false, passphrase: PASSPHRASE },
    ]);
  });
});
