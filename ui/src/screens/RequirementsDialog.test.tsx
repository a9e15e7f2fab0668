import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { RequirementInput } from "../bindings/RequirementInput";
import type { RequirementList } from "../bindings/RequirementList";
import { requirementList } from "../test/fixtures";
import { RequirementsDialog } from "./RequirementsDialog";

type Call = { cmd: string; args: Record<string, unknown> };

/**
 * A core holding a round's requirements: save_requirement changes the one
 * with the code (or adds it) and answers with the list, unless `refuse`
 * throws for that input.
 */
function mockCore(first: RequirementList, refuse?: (input: RequirementInput) => void) {
  const calls: Call[] = [];
  let list = structuredClone(first);
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "requirement_list") return list;
    if (cmd === "save_requirement") {
      const input = args.input as RequirementInput;
      refuse?.(input);
      const old = list.requirements.find((r) => r.code === input.code);
      const requirements = old
        ? list.requirements.map((r) => (r.code === input.code ? { ...r, ...input } : r))
        : [...list.requirements, { ...input, applies: "always" as const }];
      list = { ...list, requirements };
      return list;
    }
    return null;
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const row = (code: string) => document.querySelector(`[data-testid='req-row'][data-code='${code}']`) as HTMLElement;

function renderDialog(canEdit: boolean) {
  render(<RequirementsDialog roundId={3} roundName="Pemilu 2024 – PPK" canEdit={canEdit} onClose={vi.fn()} />);
}

describe("RequirementsDialog", () => {
  it("lists the documents: name, code, wajib, to whom, still used; read-only for a role that does not manage rounds", async () => {
    const calls = mockCore(requirementList());
    renderDialog(false);
    const dialog = screen.getByRole("dialog", { name: "Daftar berkas Pemilu 2024 – PPK" });
    const rows = await within(dialog).findAllByTestId("req-row");
    expect(sent(calls, "requirement_list")).toEqual([{ roundId: 3 }]);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["Surat pendaftaran", "surat_pendaftaran", "Wajib", "Semua pendaftar", "Dipakai"],
      ["Fotokopi KTP-el", "ktp", "Wajib", "Semua pendaftar", "Dipakai"],
      [
        "Surat keterangan dari partai politik (mantan anggota)",
        "surat_partai",
        "Wajib",
        "Hanya untuk mantan anggota partai",
        "Dipakai",
      ],
      [
        "Surat pernyataan bukan anggota partai (NIK tercantum di SIPOL)",
        "surat_sipol",
        "Wajib",
        "Hanya bila NIK tercantum di daftar partai",
        "Dipakai",
      ],
      ["Sertifikat pelatihan kepemiluan", "sertifikat", "Tidak wajib", "Semua pendaftar", "Dipakai"],
      ["Pas foto 4×6", "pas_foto", "Wajib", "Semua pendaftar", "Tidak dipakai lagi"],
    ]);
    expect(screen.getByTestId("req-readonly")).toHaveTextContent("Daftar berkas diatur oleh Administrator.");
    expect(within(dialog).queryAllByRole("textbox")).toEqual([]);
    expect(within(dialog).queryAllByRole("checkbox")).toEqual([]);
    expect(within(dialog).getAllByRole("button").map((b) => b.textContent)).toEqual(["×", "Tutup"]);
  });

  it("is read-only for an administrator too once verification has begun", async () => {
    const calls = mockCore(requirementList(false));
    renderDialog(true);
    expect(await screen.findByTestId("req-locked")).toHaveTextContent(
      "Penelitian berkas sudah dimulai; daftar berkas tidak dapat diubah lagi.",
    );
    expect(screen.getAllByTestId("req-row")).toHaveLength(6);
    expect(screen.queryAllByRole("textbox")).toEqual([]);
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
    expect(screen.queryByRole("button", { name: /Tidak dipakai lagi|Pakai lagi/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Tambah berkas" })).not.toBeInTheDocument();
    expect(sent(calls, "save_requirement")).toEqual([]);
  });

  it("lets an administrator rename, make optional, retire and restore a document, each sent at once", async () => {
    const calls = mockCore(requirementList());
    const user = userEvent.setup();
    renderDialog(true);
    await screen.findAllByTestId("req-row");

    // Rename inline: the save button appears once the name differs; Enter saves.
    const name = screen.getByRole("textbox", { name: "Nama berkas ktp" });
    expect(name.id).toBe("req-name-ktp");
    expect(document.getElementById("req-rename-ktp")).toBeNull();
    await user.clear(name);
    await user.type(name, "Fotokopi KTP-el yang masih berlaku{Enter}");
    await waitFor(() =>
      expect(sent(calls, "save_requirement")).toEqual([
        { roundId: 3, input: { code: "ktp", name: "Fotokopi KTP-el yang masih berlaku", mandatory: true, retired: false } },
      ]),
    );
    await waitFor(() => expect(document.getElementById("req-rename-ktp")).toBeNull());
    expect(screen.getByRole("status")).toHaveTextContent("Nama berkas diubah menjadi “Fotokopi KTP-el yang masih berlaku”.");

    // Wajib off: the returned list shows it.
    const mandatory = within(row("surat_pendaftaran")).getByRole("checkbox", { name: "Wajib" });
    expect(mandatory.id).toBe("req-mandatory-surat_pendaftaran");
    await user.click(mandatory);
    await waitFor(() => expect(mandatory).not.toBeChecked());
    expect(sent(calls, "save_requirement").at(-1)).toEqual({
      roundId: 3,
      input: { code: "surat_pendaftaran", name: "Surat pendaftaran", mandatory: false, retired: false },
    });

    // Retire one, restore another.
    await user.click(within(row("sertifikat")).getByRole("button", { name: /^Tidak dipakai lagi/ }));
    await waitFor(() => expect(within(row("sertifikat")).getByTestId("req-status")).toHaveTextContent("Tidak dipakai lagi"));
    expect(sent(calls, "save_requirement").at(-1)).toEqual({
      roundId: 3,
      input: { code: "sertifikat", name: "Sertifikat pelatihan kepemiluan", mandatory: false, retired: true },
    });
    const restore = document.getElementById("req-retire-pas_foto")!;
    expect(restore).toHaveTextContent("Pakai lagi");
    await user.click(restore);
    await waitFor(() => expect(within(row("pas_foto")).getByTestId("req-status")).toHaveTextContent("Dipakai"));
    expect(sent(calls, "save_requirement").at(-1)).toEqual({
      roundId: 3,
      input: { code: "pas_foto", name: "Pas foto 4×6", mandatory: true, retired: false },
    });
    expect(within(row("ktp")).getByRole("textbox")).toHaveValue("Fotokopi KTP-el yang masih berlaku");
    expect(sent(calls, "save_requirement")).toHaveLength(4);
  });

  it("adds a document after checking its code and name, and shows the list the core returns", async () => {
    const calls = mockCore(requirementList());
    const user = userEvent.setup();
    renderDialog(true);
    await screen.findAllByTestId("req-row");
    const form = screen.getByRole("form", { name: "Tambah berkas" });
    const code = within(form).getByLabelText("Kode");
    const name = within(form).getByLabelText("Nama berkas");
    expect(code.id).toBe("req-new-code");
    expect(name.id).toBe("req-new-name");

    // Checked before anything is sent: a bad code, an empty name, a code already listed.
    await user.type(code, "S K");
    await user.click(within(form).getByRole("button", { name: "Tambah berkas" }));
    expect(within(form).getByText(/Kode berkas 2–40 karakter/)).toBeInTheDocument();
    expect(within(form).getByText("Nama berkas wajib diisi.")).toBeInTheDocument();
    expect(code).toHaveFocus();
    await user.clear(code);
    await user.type(code, "KTP");
    await user.type(name, "Fotokopi KTP-el lagi");
    await user.click(within(form).getByRole("button", { name: "Tambah berkas" }));
    expect(within(form).getByText(/Kode ini sudah ada pada daftar/)).toBeInTheDocument();
    expect(sent(calls, "save_requirement")).toEqual([]);

    await user.clear(code);
    await user.type(code, "SKCK");
    await user.clear(name);
    await user.type(name, "Surat keterangan catatan kepolisian (SKCK)");
    await user.click(within(form).getByLabelText("Wajib"));
    await user.click(within(form).getByRole("button", { name: "Tambah berkas" }));
    await waitFor(() => expect(screen.getAllByTestId("req-row")).toHaveLength(7));
    expect(sent(calls, "save_requirement")).toEqual([
      { roundId: 3, input: { code: "skck", name: "Surat keterangan catatan kepolisian (SKCK)", mandatory: false, retired: false } },
    ]);
    expect(within(row("skck")).getByRole("textbox")).toHaveValue("Surat keterangan catatan kepolisian (SKCK)");
    expect(within(row("skck")).getByRole("checkbox", { name: "Wajib" })).not.toBeChecked();
    expect(code).toHaveValue("");
    expect(name).toHaveValue("");
    expect(screen.getByRole("status")).toHaveTextContent("Berkas “Surat keterangan catatan kepolisian (SKCK)” ditambahkan.");
  });

  it("shows the core's refusal by the document", async () => {
    const message = "Penelitian berkas seleksi ini sudah dimulai; daftar berkas tidak dapat diubah lagi.";
    mockCore(requirementList(), () => {
      throw { code: "validation", message, field: "kode" };
    });
    const user = userEvent.setup();
    renderDialog(true);
    await screen.findAllByTestId("req-row");
    await user.click(document.getElementById("req-retire-ktp")!);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(message);
    expect(alert.id).toBe("req-error-ktp");
    expect(within(row("ktp")).getByTestId("req-status")).toHaveTextContent("Dipakai");
  });

  it("turns read-only when the list the core returns is no longer editable", async () => {
    mockIPC((cmd) => {
      if (cmd === "requirement_list") return requirementList();
      if (cmd === "save_requirement") return requirementList(false);
      return null;
    });
    const user = userEvent.setup();
    renderDialog(true);
    await user.click(await screen.findByRole("button", { name: /^Tidak dipakai lagi: Fotokopi KTP-el/ }));
    expect(await screen.findByTestId("req-locked")).toBeInTheDocument();
    expect(screen.queryAllByRole("textbox")).toEqual([]);
    expect(screen.queryByRole("form", { name: "Tambah berkas" })).not.toBeInTheDocument();
  });
});
