import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { filledDraft, registrationCheck } from "../test/fixtures";
import { handedOver, input, mockCore, PPS, renderForm } from "../test/registrationCore";
import type { Editing } from "./RegistrationForm";

describe("RegistrationForm", () => {
  it("shows what the core says live, without marking untouched fields", async () => {
    const sent = mockCore((d) =>
      registrationCheck({
        problems: d.fields.nama ? [] : [{ field: "nama", reason: "Nama lengkap wajib diisi, sesuai KTP-el." }],
        nik_info: d.fields.nik ? { sex: "P", birth_date: "12-08-1990", issued_in: "Kecamatan Purwodadi" } : null,
        can_save: false,
      }),
    );
    const user = userEvent.setup();
    renderForm();
    const rules = await screen.findAllByTestId("rule");
    expect(rules.map((r) => r.textContent)).toEqual([
      "✓Usia: MemenuhiBerusia 36 tahun pada 1 Desember 2026.",
      "✓Pendidikan: MemenuhiPendidikan S1.",
      "✗Domisili: Tidak memenuhiBerdomisili di luar kecamatan tempat mendaftar.",
      "✓Periode menjabat: MemenuhiBelum pernah menjabat.",
      "✓Pernyataan keanggotaan partai: MemenuhiTidak pernah menjadi anggota partai politik.",
      "!Daftar anggota partai (SIPOL): Perlu diperiksaDaftar anggota partai belum diimpor.",
    ]);
    expect(screen.getByTestId("live-panel")).toHaveAttribute("aria-live", "polite");
    // A fresh form is not all red.
    expect(screen.queryByText("Nama lengkap wajib diisi, sesuai KTP-el.")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Nama lengkap (sesuai KTP-el)")).not.toHaveAttribute("aria-invalid");

    await user.type(screen.getByLabelText("NIK"), "3514015208900002");
    const info = await screen.findByTestId("nik-info");
    expect(info).toHaveTextContent("Perempuan");
    expect(info).toHaveTextContent("12-08-1990");
    expect(info).toHaveTextContent("Kecamatan Purwodadi");
    expect(sent.checks.at(-1)).toMatchObject({ roundId: 1, editing: null, draft: { fields: { nik: "3514015208900002" } } });
    // Debounced: far fewer checks than keys typed.
    expect(sent.checks.length).toBeLessThan(6);

    // Tabbing over the empty name marks nothing: the operator has not typed in it yet.
    const name = screen.getByLabelText("Nama lengkap (sesuai KTP-el)");
    await user.click(name);
    await user.tab();
    await user.tab();
    await waitFor(() => expect(sent.checks.at(-1)?.draft.fields.nik).toBe("3514015208900002"));
    expect(screen.queryByText("Nama lengkap wajib diisi, sesuai KTP-el.")).not.toBeInTheDocument();
    expect(name).not.toHaveAttribute("aria-invalid");
    // Typed, emptied again and left: now it is marked.
    await user.type(name, "S");
    await user.clear(name);
    await user.tab();
    expect(await screen.findByText("Nama lengkap wajib diisi, sesuai KTP-el.")).toBeInTheDocument();
    expect(screen.getByLabelText("Nama lengkap (sesuai KTP-el)")).toHaveAttribute("aria-invalid", "true");
    // Still nothing under fields not visited.
    expect(screen.getByLabelText("Tanggal lahir")).not.toHaveAttribute("aria-invalid");
  });

  it("after a refused save shows every problem under its field and focuses the first", async () => {
    const problems = [
      { field: "kode_wilayah_tugas", reason: '"" bukan kode kecamatan di Kabupaten Pasuruan.' },
      { field: "tanggal_lahir", reason: 'Tanggal lahir "31-02-1990" tidak terbaca; tulis 1990-08-12 atau 12-08-1990.' },
    ];
    const sent = mockCore(
      () => registrationCheck({ problems, can_save: false }),
      () => ({ saved: null, check: registrationCheck({ problems, can_save: false }) }),
    );
    const user = userEvent.setup();
    renderForm();
    await screen.findAllByTestId("rule");
    expect(screen.queryByText(/tidak terbaca/)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("Tanggal lahir"), "31-02-1990");
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(sent.saves).toHaveLength(1);
    expect(sent.saves[0]!.args).toMatchObject({ roundId: 1, draft: { fields: { tanggal_lahir: "31-02-1990" } } });
    expect(await screen.findByText(/Tanggal lahir "31-02-1990" tidak terbaca/)).toBeInTheDocument();
    expect(screen.getByText(/bukan kode kecamatan/)).toBeInTheDocument();
    expect(screen.getByTestId("reg-refusal")).toHaveTextContent("Pendaftaran belum disimpan. 2 isian perlu diperbaiki");
    // Tanggal lahir comes before wilayah tugas in the form.
    await waitFor(() => expect(input("reg-tanggal-lahir")).toHaveFocus());
    expect(input("reg-tanggal-lahir")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("saved-reg-number")).not.toBeInTheDocument();
  });

  it("does not save on Enter in a text box", async () => {
    const sent = mockCore();
    const user = userEvent.setup();
    renderForm();
    await user.type(screen.getByLabelText("Nama lengkap (sesuai KTP-el)"), "Siti{Enter}");
    await user.type(screen.getByLabelText("Tempat lahir"), "Pasuruan{Enter}");
    await screen.findAllByTestId("rule");
    expect(sent.saves).toHaveLength(0);
  });

  it("refuses to save until NIK warnings are acknowledged", async () => {
    const warning = "Menurut NIK perempuan, tetapi jenis kelamin diisi L. Periksa KTP-el.";
    const sent = mockCore(
      (d) => registrationCheck({ nik_warnings: [warning], can_save: d.acknowledge_nik_warnings, documents: handedOver }),
      (d) =>
        d.acknowledge_nik_warnings
          ? { saved: { id: 7, reg_number: "PPK-3514-0007" }, check: registrationCheck({ nik_warnings: [warning] }) }
          : { saved: null, check: registrationCheck({ nik_warnings: [warning], can_save: false }) },
    );
    const user = userEvent.setup();
    renderForm();
    expect(await screen.findByTestId("nik-warnings")).toHaveTextContent(warning);

    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(await screen.findByTestId("reg-refusal")).toHaveTextContent("Periksa peringatan NIK");
    const ack = screen.getByLabelText("Saya sudah memeriksa KTP-el dan data ini benar");
    await waitFor(() => expect(ack).toHaveFocus());
    expect(screen.queryByTestId("saved-reg-number")).not.toBeInTheDocument();

    await user.click(ack);
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(await screen.findByTestId("saved-reg-number")).toHaveTextContent("PPK-3514-0007");
    expect(sent.saves.map((s) => s.args.draft.acknowledge_nik_warnings)).toEqual([false, true]);
  });

  it("shows a duplicate registration and opens it", async () => {
    mockCore(() =>
      registrationCheck({
        duplicate: {
          id: 3,
          reg_number: "PPK-3514-0001",
          full_name: "Siti Aminah",
          round_name: "Pemilu 2024 – PPK",
          awaiting_files: false,
        },
        can_save: false,
      }),
    );
    const user = userEvent.setup();
    const { onOpenApplicant } = renderForm();
    const dup = await screen.findByTestId("duplicate");
    expect(dup).toHaveTextContent("NIK ini sudah terdaftar: PPK-3514-0001 atas nama Siti Aminah pada Pemilu 2024 – PPK");
    await user.click(within(dup).getByRole("button", { name: "Buka pendaftaran itu" }));
    expect(onOpenApplicant).toHaveBeenCalledWith(3);
  });

  it("receives the file of an online registration instead of registering it again", async () => {
    const sent = mockCore(() =>
      registrationCheck({
        duplicate: {
          id: 3,
          reg_number: "PPK-3514-0001",
          full_name: "Siti Aminah",
          round_name: "Pemilu 2024 – PPK",
          awaiting_files: true,
        },
        can_save: false,
      }),
    );
    const user = userEvent.setup();
    const { onOpenApplicant } = renderForm();
    const online = await screen.findByTestId("online-registration");
    expect(online).toHaveTextContent("NIK ini sudah mendaftar daring: PPK-3514-0001 atas nama Siti Aminah");
    expect(screen.queryByTestId("duplicate")).not.toBeInTheDocument();
    await user.click(within(online).getByRole("button", { name: "Terima berkas" }));
    expect(await screen.findByTestId("files-received")).toHaveTextContent("Berkas PPK-3514-0001 (Siti Aminah) diterima");
    expect(sent.receipts).toContainEqual({ cmd: "receive_files", args: { applicantId: 3 } });
    expect(onOpenApplicant).toHaveBeenCalledWith(3);
  });

  it("after saving (Ctrl+S) shows the number, saves the receipt and starts the next one", async () => {
    const sent = mockCore();
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderForm({ onSaved });
    await user.type(screen.getByLabelText("NIK"), "3514015208900002");
    await user.keyboard("{Control>}s{/Control}");
    expect(await screen.findByTestId("saved-reg-number")).toHaveTextContent("PPK-3514-0007");
    expect(screen.getByRole("status")).toHaveTextContent("Pendaftaran tersimpan: PPK-3514-0007");
    expect(onSaved).toHaveBeenCalledWith({ id: 9, reg_number: "PPK-3514-0007" });
    expect(sent.saves[0]!.cmd).toBe("register_applicant");

    // Printing opens the viewer straight away; saving asks where first.
    await user.click(screen.getByRole("button", { name: "Cetak tanda terima" }));
    expect(await screen.findByText(/dibuka di penampil PDF: cetak dari sana/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Simpan PDF…" }));
    expect(
      await screen.findByText("Tanda terima disimpan di /home/operator/Dokumen/tanda-terima-PPK-3514-0007.pdf dan dibuka."),
    ).toBeInTheDocument();
    expect(sent.receipts).toEqual([
      { cmd: "print_receipt", args: { id: 9 } },
      { cmd: "save_receipt", args: { id: 9 } },
    ]);

    await user.click(screen.getByRole("button", { name: "Daftarkan berikutnya" }));
    const nik = screen.getByLabelText("NIK");
    expect(nik).toHaveValue("");
    await waitFor(() => expect(nik).toHaveFocus());
    expect(screen.getByRole("heading", { name: /Pendaftaran baru/ })).toHaveTextContent("Pemilu 2024 – PPK");
  });

  it("fills the desa and the wilayah tugas by typing, ↓ and Enter; accepts a typed code", async () => {
    const sent = mockCore();
    const user = userEvent.setup();
    renderForm();
    const desa = screen.getByRole("combobox", { name: "Desa/kelurahan alamat KTP-el" });
    // Found by its kecamatan's name too.
    await user.type(desa, "purwodadi");
    expect(within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Desa Gerbo — Kec. Purwodadi",
      "Desa Parerejo — Kec. Purwodadi",
    ]);
    await user.clear(desa);
    await user.type(desa, "gerbo");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(desa).toHaveValue("Desa Gerbo — Kec. Purwodadi");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();

    const unit = screen.getByRole("combobox", { name: "Kecamatan wilayah tugas" });
    expect(unit).toHaveAttribute("id", "reg-wilayah-tugas");
    await user.type(unit, "tutur{ArrowDown}{Enter}");
    expect(unit).toHaveValue("Kecamatan Tutur");
    await waitFor(() =>
      expect(sent.checks.at(-1)?.draft.fields).toMatchObject({ kode_desa: "35.14.01.2001", kode_wilayah_tugas: "35.14.02" }),
    );

    // A KTP from another kabupaten: its code as typed.
    await user.clear(desa);
    await user.type(desa, "35.07.01.2001");
    await waitFor(() => expect(sent.checks.at(-1)?.draft.fields.kode_desa).toBe("35.07.01.2001"));
    expect(sent.saves).toHaveLength(0);
  });

  it("for PPS picks the desa; its kecamatan follows", async () => {
    const sent = mockCore();
    const user = userEvent.setup();
    renderForm({ round: PPS });
    const kecamatan = screen.getByLabelText("Kecamatan") as HTMLSelectElement;
    const desa = screen.getByRole("combobox", { name: "Desa/kelurahan wilayah tugas" });
    await user.type(desa, "blarang{ArrowDown}{Enter}");
    expect(kecamatan).toHaveValue("35.14.02");
    await waitFor(() => expect(sent.checks.at(-1)?.draft.fields.kode_wilayah_tugas).toBe("35.14.02.2001"));

    // Another kecamatan: the desa no longer fits and is cleared; the list narrows.
    await user.selectOptions(kecamatan, "35.14.01");
    expect(desa).toHaveValue("");
    await user.click(desa);
    await user.keyboard("{ArrowDown}");
    expect(within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Desa Gerbo — Kec. Purwodadi",
      "Desa Parerejo — Kec. Purwodadi",
    ]);
  });

  it("sends previous service, the party statement and the documents received", async () => {
    const sent = mockCore((d) =>
      registrationCheck({
        documents: [
          { code: "ktp", name: "Fotokopi KTP-el", required: true, received: d.documents.includes("ktp"), contents: [] },
          ...(d.party_status === "mantan"
            ? [{ code: "surat_partai", name: "Surat keterangan dari partai politik", required: true, received: false, contents: [] }]
            : []),
        ],
      }),
    );
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole("button", { name: "Tambah riwayat" }));
    await waitFor(() => expect(screen.getByLabelText("Badan (riwayat ke-1)")).toHaveFocus());
    await user.selectOptions(screen.getByLabelText("Badan (riwayat ke-1)"), "KPPS");
    await user.type(screen.getByLabelText("Nama pemilihan (riwayat ke-1)"), "Pemilu 2019");
    await user.type(screen.getByLabelText("Tahun (riwayat ke-1)"), "2019");
    await user.click(screen.getByLabelText("Mantan anggota partai politik"));
    await user.type(screen.getByLabelText("Tahun keluar dari partai"), "2015");
    await user.click(await screen.findByLabelText(/Surat keterangan dari partai politik/));
    await user.click(screen.getByLabelText(/Fotokopi KTP-el/));
    await user.click(screen.getByLabelText("Ada surat pernyataan NIK dicatut partai (bermeterai)"));
    await waitFor(() =>
      expect(sent.checks.at(-1)?.draft).toMatchObject({
        previous_service: [{ body: "KPPS", election: "Pemilu 2019", year: 2019 }],
        party_status: "mantan",
        party_left_year: 2015,
        misuse_statement: true,
        documents: ["surat_partai", "ktp"],
      }),
    );
    expect(screen.getByLabelText(/Fotokopi KTP-el/)).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Hapus riwayat ke-1" }));
    await user.click(screen.getByLabelText("Tidak pernah menjadi anggota partai politik"));
    await waitFor(() => expect(sent.checks.at(-1)?.draft).toMatchObject({ previous_service: [], party_left_year: null }));
  });

  it("lists under the surat pernyataan what the round's statement says", async () => {
    const items = ["Setia kepada Pancasila", "Sehat jasmani dan rohani, serta tidak memiliki penyakit penyerta (komorbid)"];
    mockCore(() =>
      registrationCheck({
        documents: [
          { code: "ktp", name: "Fotokopi KTP-el", required: true, received: false, contents: [] },
          { code: "surat_pernyataan", name: "Surat pernyataan", required: true, received: false, contents: items },
        ],
      }),
    );
    renderForm();
    const contents = await screen.findByTestId("doc-contents");
    expect(contents).toHaveTextContent("Isi yang harus dinyatakan (2 butir)");
    expect(within(contents).getAllByRole("listitem").map((li) => li.textContent)).toEqual(items);
    expect(screen.getAllByTestId("doc-contents")).toHaveLength(1);
  });

  it("asks before throwing away unsaved input", async () => {
    mockCore();
    const user = userEvent.setup();
    const { onClose } = renderForm();
    await user.type(screen.getByLabelText("Nama lengkap (sesuai KTP-el)"), "Siti");
    await user.click(screen.getByRole("button", { name: "Batal" }));
    const dialog = screen.getByRole("dialog", { name: "Buang perubahan?" });
    await user.click(within(dialog).getByRole("button", { name: "Lanjutkan mengisi" }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Nama lengkap (sesuai KTP-el)")).toHaveValue("Siti");
    await user.click(screen.getByRole("button", { name: "Kembali ke daftar" }));
    await user.click(screen.getByRole("button", { name: "Buang perubahan" }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("edits an application: shows its data and sends the change with its id", async () => {
    const sent = mockCore();
    const editing: Editing = { id: 7, regNumber: "PPK-3514-0007", draft: filledDraft() };
    const user = userEvent.setup();
    const { onClose } = renderForm({ editing });
    expect(screen.getByRole("heading", { name: /Ubah data PPK-3514-0007/ })).toBeInTheDocument();
    expect(input("reg-nik")).toHaveValue("3514015208900002");
    expect(input("reg-kode-desa")).toHaveValue("Desa Gerbo — Kec. Purwodadi");
    expect(input("reg-wilayah-tugas")).toHaveValue("Kecamatan Purwodadi");
    expect(input("reg-pendidikan")).toHaveValue("S1");
    expect(screen.getByLabelText("Nama pemilihan (riwayat ke-1)")).toHaveValue("Pemilu 2019");
    await waitFor(() => expect(sent.checks.at(-1)).toMatchObject({ editing: 7, roundId: 1 }));

    // Unchanged: leaving asks nothing.
    await user.click(screen.getByRole("button", { name: "Batal" }));
    expect(onClose).toHaveBeenCalledTimes(1);

    await user.clear(input("reg-telepon"));
    await user.type(input("reg-telepon"), "085712345678");
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(await screen.findByTestId("saved-reg-number")).toHaveTextContent("PPK-3514-0007");
    expect(sent.saves).toHaveLength(1);
    expect(sent.saves[0]!.cmd).toBe("update_applicant");
    expect(sent.saves[0]!.args).toMatchObject({ id: 7, draft: { fields: { telepon: "085712345678", nik: "3514015208900002" } } });
    expect(screen.queryByRole("button", { name: "Daftarkan berikutnya" })).not.toBeInTheDocument();
  });
});
