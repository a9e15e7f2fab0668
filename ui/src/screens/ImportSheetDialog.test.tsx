import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { SheetMapping } from "../bindings/SheetMapping";
import type { SheetPreview } from "../bindings/SheetPreview";
import { ImportSheetDialog, withColumn } from "./ImportSheetDialog";

const fields: SheetPreview["fields"] = [
  { field: "nik", label: "NIK" },
  { field: "nama", label: "Nama lengkap" },
  { field: "kode_wilayah_tugas", label: "Wilayah tugas (nama atau kode)" },
];

function preview(mapping: SheetMapping, ready: boolean): SheetPreview {
  return {
    format: "xlsx",
    sheets: ["Pendaftar", "Rekap"],
    sheet: "Pendaftar",
    columns: [
      { index: 0, letter: "A", header: "NIK KTP", samples: ["3514011208900001"] },
      { index: 1, letter: "B", header: "Nama Lengkap", samples: ["Budi"] },
      { index: 2, letter: "C", header: "Kec. Dilamar", samples: ["Purwodadi"] },
    ],
    fields,
    mapping,
    notes: ready ? [] : ["Pilih kolom untuk: Wilayah tugas (nama atau kode)."],
    ready,
    rows: ready
      ? [
          {
            line: 4,
            nik: "3514011208900001",
            nama: "Budi",
            jenis_kelamin: "L",
            tempat_lahir: "Pasuruan",
            tanggal_lahir: "12-08-1990",
            alamat: "Krajan",
            desa: "Desa Gerbo, Kecamatan Purwodadi",
            pendidikan: "SMA",
            telepon: "",
            email: "",
            wilayah_tugas: "Kecamatan Purwodadi",
          },
        ]
      : [],
    valid: ready ? 1 : 0,
    matched: 0,
    problems: { listed: [], more: 0 },
  };
}

const proposed: SheetMapping = {
  header_row: 3,
  columns: [
    { field: "nik", column: 0 },
    { field: "nama", column: 1 },
  ],
  unit_from_domicile: false,
};

describe("ImportSheetDialog", () => {
  it("withColumn moves a field to another column or unmaps it", () => {
    expect(withColumn(proposed, "nama", 2).columns).toEqual([
      { field: "nik", column: 0 },
      { field: "nama", column: 2 },
    ]);
    expect(withColumn(proposed, "nik", null).columns).toEqual([{ field: "nama", column: 1 }]);
  });

  it("proposes a mapping, lets staff correct it, previews the rows and imports", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      switch (cmd) {
        case "list_sheet_mappings":
          return [{ name: "Ekspor SIAKBA", fields: [], unit_from_domicile: true }];
        case "pick_applicant_sheet":
          return { name: "siakba.xlsx", preview: preview(proposed, false) };
        case "preview_applicant_sheet": {
          const choice = (args as { choice: { mapping: SheetMapping } }).choice;
          return preview(choice.mapping, true);
        }
        case "import_applicant_sheet":
          return {
            stored: 1,
            with_nik_warnings: 0,
            problems: { listed: [], more: 0 },
            first_number: "PPK-3514-0001",
            last_number: "PPK-3514-0001",
            marked_online: 0,
          };
      }
      return null;
    });
    const onImported = vi.fn();
    const user = userEvent.setup();
    render(<ImportSheetDialog roundId={7} roundName="Pemilu 2024 – PPK" onClose={vi.fn()} onImported={onImported} />);

    expect(await screen.findByRole("option", { name: "Ekspor SIAKBA" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Pilih berkas…" }));
    expect(await screen.findByText("siakba.xlsx")).toBeInTheDocument();
    expect(screen.getByTestId("mapping-note")).toHaveTextContent("Wilayah tugas");
    expect(screen.getByRole("button", { name: /^Impor/ })).toBeDisabled();
    expect(screen.getByRole("combobox", { name: "NIK" })).toHaveValue("0");

    // The unit applied for is in column C: staff pick it.
    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah tugas (nama atau kode)" }), "2");
    const asked = calls.find((c) => c.cmd === "preview_applicant_sheet")?.args as {
      roundId: number;
      choice: { sheet: string; mapping: SheetMapping };
    };
    expect(asked.roundId).toBe(7);
    expect(asked.choice.mapping.columns).toContainEqual({ field: "kode_wilayah_tugas", column: 2 });
    const table = await screen.findByRole("table", { name: "Pratinjau baris seperti akan disimpan" });
    expect(within(table).getByText("Kecamatan Purwodadi")).toBeInTheDocument();
    expect(screen.getByTestId("sheet-summary")).toHaveTextContent("1 pendaftar siap disimpan");

    // Typing a name keeps the focus in the field (the dialog re-renders on
    // every key) and a space types a space, not a press of the close button.
    const name = screen.getByRole("textbox", { name: "Nama pemetaan" });
    await user.type(name, "Ekspor SIAKBA");
    expect(name).toHaveValue("Ekspor SIAKBA");
    expect(name).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Impor 1 pendaftar" }));
    expect(await screen.findByTestId("import-stored")).toHaveTextContent("1 pendaftar disimpan (PPK-3514-0001");
    expect(onImported).toHaveBeenCalledTimes(1);
    const imported = calls.find((c) => c.cmd === "import_applicant_sheet")?.args as {
      choice: { mapping: SheetMapping; sheet: string };
    };
    expect(imported.choice.sheet).toBe("Pendaftar");
    expect(imported.choice.mapping.columns).toContainEqual({ field: "kode_wilayah_tugas", column: 2 });
  });

  it("picks with a saved mapping, and deletes one", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    let list = [{ name: "Ekspor SIAKBA", fields: [], unit_from_domicile: true }];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "list_sheet_mappings") return list;
      if (cmd === "delete_sheet_mapping") {
        list = [];
        return null;
      }
      if (cmd === "pick_applicant_sheet") return null;
      return null;
    });
    const user = userEvent.setup();
    render(<ImportSheetDialog roundId={2} roundName="R" onClose={vi.fn()} onImported={vi.fn()} />);
    await screen.findByRole("option", { name: "Ekspor SIAKBA" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Pemetaan kolom tersimpan" }), "Ekspor SIAKBA");
    await user.click(screen.getByRole("button", { name: "Pilih berkas…" }));
    expect(calls.find((c) => c.cmd === "pick_applicant_sheet")?.args).toEqual({
      roundId: 2,
      saved: "Ekspor SIAKBA",
      online: false,
    });
    await user.click(screen.getByRole("button", { name: "Hapus pemetaan ini" }));
    expect(await screen.findByText('Pemetaan kolom "Ekspor SIAKBA" dihapus.')).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Ekspor SIAKBA" })).not.toBeInTheDocument();
  });

  it("imports an online list over applicants already registered", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "list_sheet_mappings") return [];
      if (cmd === "pick_applicant_sheet") return { name: "siakba.xlsx", preview: preview(proposed, true) };
      if (cmd === "preview_applicant_sheet") {
        const online = (args as { choice: { online: boolean } }).choice.online;
        return { ...preview(proposed, true), valid: 0, matched: online ? 1 : 0 };
      }
      if (cmd === "import_applicant_sheet") {
        return {
          stored: 0,
          with_nik_warnings: 0,
          problems: { listed: [], more: 0 },
          first_number: null,
          last_number: null,
          marked_online: 1,
        };
      }
      return null;
    });
    const user = userEvent.setup();
    render(<ImportSheetDialog roundId={3} roundName="R" onClose={vi.fn()} onImported={vi.fn()} />);
    await user.click(await screen.findByRole("button", { name: "Pilih berkas…" }));
    await screen.findByText("siakba.xlsx");
    await user.click(screen.getByRole("checkbox", { name: /daftar pendaftaran daring/ }));
    expect(await screen.findByTestId("sheet-summary")).toHaveTextContent(
      "1 sudah terdaftar pada seleksi ini: tidak disimpan lagi, ditandai daring",
    );
    await user.click(screen.getByRole("button", { name: /dan tandai daring/ }));
    expect(await screen.findByTestId("import-stored")).toHaveTextContent(
      "1 pendaftar yang sudah terdaftar ditandai sebagai pendaftar daring",
    );
    const imported = calls.find((c) => c.cmd === "import_applicant_sheet")?.args as { choice: { online: boolean } };
    expect(imported.choice.online).toBe(true);
  });

  it("shows every problem and keeps the import closed", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_sheet_mappings") return [];
      if (cmd === "pick_applicant_sheet") {
        const p = preview(proposed, true);
        p.problems = {
          listed: [{ line: 5n, column: "NIK KTP (kolom A)", reason: "NIK tersimpan sebagai angka" }],
          more: 0,
        };
        return { name: "b.xlsx", preview: p };
      }
      return null;
    });
    const user = userEvent.setup();
    render(<ImportSheetDialog roundId={1} roundName="R" onClose={vi.fn()} onImported={vi.fn()} />);
    await user.click(await screen.findByRole("button", { name: "Pilih berkas…" }));
    const problems = await screen.findByRole("table", { name: "Masalah pada berkas" });
    expect(within(problems).getByText("NIK KTP (kolom A)")).toBeInTheDocument();
    expect(screen.getByTestId("sheet-summary")).toHaveTextContent("1 masalah");
    expect(screen.getByRole("button", { name: /^Impor/ })).toBeDisabled();
  });
});
