import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { PublicationSettingsView } from "../api";
import type { KindTexts } from "../bindings/KindTexts";
import type { NumberingPreview } from "../bindings/NumberingPreview";
import type { PublicationSettings } from "../bindings/PublicationSettings";
import type { Texts } from "../bindings/Texts";
import { admin, pimpinan } from "../test/fixtures";
import { DocumentSettingsPage } from "./DocumentSettingsPage";

const LOGO = "data:image/png;base64,iVBORw0KGgo=";
const NEW_LOGO = "data:image/jpeg;base64,/9j/4AAQ";
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
const year = new Date().getFullYear();
const month = ROMAN[new Date().getMonth()]!;

function settings(): PublicationSettings {
  return {
    address: "Jl. Hayam Wuruk No. 14, Pasuruan",
    contacts: "Telp. (0343) 421234 · kab-pasuruan@kpu.go.id",
    chair: "Dr. H. Ahmad Sholeh, S.H.",
    members: ["Siti Aminah, S.Pd.", "Budi Santoso"],
    numbering: [
      { series: "pengumuman", label: "Pengumuman", template: "{urut}/PP.04.1-Pu/{kode}/{tahun}" },
      { series: "berita_acara", label: "Berita Acara", template: "{urut}/PK.01-BA/{kode}/{tahun}" },
      { series: "keputusan", label: "Keputusan (SK)", template: "{urut}/PP.04.1-Kpt/{kode}/{tahun}" },
    ],
  };
}

function view(patch: Partial<PublicationSettingsView> = {}): PublicationSettingsView {
  return {
    settings: settings(),
    logo: LOGO,
    placeholders: [
      { name: "{badan}", meaning: "nama badan, mis. Panitia Pemilihan Kecamatan (PPK)" },
      { name: "{kabupaten}", meaning: "nama kabupaten/kota, mis. Kabupaten Pasuruan" },
      { name: "{tanggal}", meaning: "tanggal dokumen, mis. 12 Desember 2022" },
    ],
    editable: true,
    ...patch,
  };
}

const DEFAULT_ADMIN: Texts = {
  about: "HASIL PENELITIAN ADMINISTRASI CALON ANGGOTA {BADAN}",
  opening: "Berdasarkan hasil penelitian administrasi, {komisi} mengumumkan nama-nama berikut:",
  closing: "Demikian pengumuman ini disampaikan.",
};
const DEFAULT_BA: Texts = {
  about: "REKAPITULASI HASIL TES TERTULIS {BADAN}",
  opening: "Pada hari ini {hari} tanggal {tanggal_huruf} telah dilaksanakan rapat pleno.",
  closing: "Demikian Berita Acara ini dibuat.\nUntuk dipergunakan sebagaimana mestinya.",
};

function kinds(patch: { baEdited?: Texts } = {}): KindTexts[] {
  return [
    {
      kind: { kind: "pengumuman", stage: "administrasi" },
      key: "pengumuman.administrasi",
      label: "Pengumuman hasil penelitian administrasi",
      texts: DEFAULT_ADMIN,
      defaults: DEFAULT_ADMIN,
      edited: false,
    },
    {
      kind: { kind: "berita_acara", stage: "tertulis" },
      key: "berita_acara.tertulis",
      label: "Berita Acara hasil tes tertulis",
      texts: patch.baEdited ?? { ...DEFAULT_BA, opening: "Pada hari {hari} tanggal {tanggal} KPU {kabupaten} menggelar rapat pleno." },
      defaults: DEFAULT_BA,
      edited: true,
    },
    {
      kind: { kind: "lampiran_sk" },
      key: "lampiran_sk",
      label: "Lampiran SK penetapan anggota",
      texts: { about: "PENETAPAN ANGGOTA {BADAN}", opening: "", closing: "" },
      defaults: { about: "PENETAPAN ANGGOTA {BADAN}", opening: "", closing: "" },
      edited: false,
    },
  ];
}

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

const NEEDS_URUT = "Templat nomor harus memuat {urut}, nomor urut yang bertambah setiap dokumen dalam satu tahun.";

/** The core's previews of the templates these tests type (the rules are tested in Rust). */
const PREVIEWS: Record<string, NumberingPreview> = {
  "{urut}/PP.04.1-Pu/{kode}/{tahun}": { example: `01/PP.04.1-Pu/3514/${year}`, problem: null },
  "{urut}/BA/{kode}/{bulan}/{tahun}": { example: `01/BA/3514/${month}/${year}`, problem: null },
  "BA/{kode}/{tahun}": { example: `BA/3514/${year}`, problem: NEEDS_URUT },
};

/** The core as the page sees it; `extra` answers first (or throws) when it returns something. */
function mock(initial: PublicationSettingsView = view(), extra: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let current = initial;
  let texts = kinds();
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "publication_settings":
        return current;
      case "publication_texts":
        return texts;
      case "preview_numbering":
        return PREVIEWS[args.template as string] ?? { example: "", problem: null };
      case "save_publication_settings": {
        const s = args.settings as PublicationSettings;
        // The core folds spaces and drops blank members.
        const clean = { ...s, address: s.address.trim(), members: s.members.map((m) => m.trim()).filter(Boolean) };
        current = { ...current, settings: clean };
        return clean;
      }
      case "upload_logo":
        current = { ...current, logo: NEW_LOGO };
        return true;
      case "remove_logo":
        current = { ...current, logo: null };
        return null;
      case "save_publication_texts": {
        const key = (args.kind as { kind: string; stage?: string }).stage
          ? `${(args.kind as { kind: string }).kind}.${(args.kind as { stage: string }).stage}`
          : "lampiran_sk";
        texts = texts.map((k) => (k.key === key ? { ...k, texts: args.texts as Texts, edited: true } : k));
        return null;
      }
      case "reset_publication_texts":
        texts = texts.map((k) => (k.key === "berita_acara.tertulis" ? { ...k, texts: k.defaults, edited: false } : k));
        return null;
      default:
        return null;
    }
  });
  return calls;
}

async function loaded() {
  return screen.findByLabelText("Alamat kantor");
}

describe("DocumentSettingsPage", () => {
  it("shows the kop, the signatories, the numbering with examples and the texts", async () => {
    mock();
    render(<DocumentSettingsPage session={admin} />);
    expect(await loaded()).toHaveValue("Jl. Hayam Wuruk No. 14, Pasuruan");
    expect(screen.getByLabelText("Telepon, surel, laman")).toHaveValue("Telp. (0343) 421234 · kab-pasuruan@kpu.go.id");
    expect(screen.getByRole("img", { name: "Logo pada kop surat" })).toHaveAttribute("src", LOGO);
    expect(screen.getByText(/Tanpa logo, kop dicetak sebagai teks saja\. Berkas PNG atau JPEG/)).toBeInTheDocument();
    expect(screen.getByLabelText("Nama Ketua")).toHaveValue("Dr. H. Ahmad Sholeh, S.H.");
    expect(screen.getByLabelText("Anggota 1")).toHaveValue("Siti Aminah, S.Pd.");
    expect(screen.getByLabelText("Anggota 2")).toHaveValue("Budi Santoso");
    expect(screen.getByLabelText("Nomor Pengumuman")).toHaveValue("{urut}/PP.04.1-Pu/{kode}/{tahun}");
    await waitFor(() =>
      expect(screen.getByLabelText("Nomor Pengumuman")).toHaveAccessibleDescription(
        `Contoh nomor pertama tahun ini: 01/PP.04.1-Pu/3514/${year}`,
      ),
    );
    expect(screen.queryByTestId("doc-readonly")).not.toBeInTheDocument();

    // Texts: the first kind is shown; edited kinds are marked in the list.
    const kind = screen.getByLabelText("Jenis dokumen");
    expect(kind).toHaveValue("pengumuman.administrasi");
    expect(within(kind).getByRole("option", { name: "Berita Acara hasil tes tertulis (diubah)" })).toBeInTheDocument();
    expect(within(kind).getByRole("option", { name: "Lampiran SK penetapan anggota" })).toBeInTheDocument();
    expect(screen.getByLabelText("TENTANG")).toHaveValue(DEFAULT_ADMIN.about);
    expect(screen.getByLabelText("Pembuka")).toHaveValue(DEFAULT_ADMIN.opening);
    expect(screen.getByLabelText("Penutup")).toHaveValue(DEFAULT_ADMIN.closing);
    expect(screen.getByText("Teks bawaan")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kembalikan ke teks bawaan" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sisipkan {kabupaten}" })).toHaveAccessibleDescription(
      "nama kabupaten/kota, mis. Kabupaten Pasuruan",
    );
  });

  it("saves the kop, the signatories and the numbering together, with a live example while typing", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    const address = await loaded();
    await user.clear(address);
    await user.type(address, "Jl. Panglima Sudirman No. 5, Bangil ");
    await user.clear(screen.getByLabelText("Nama Ketua"));
    await user.type(screen.getByLabelText("Nama Ketua"), "Hj. Fatimah");

    // Remove the first member; the focus goes to the one now in its place.
    await user.click(screen.getByRole("button", { name: "Hapus anggota 1" }));
    expect(screen.getByLabelText("Anggota 1")).toHaveValue("Budi Santoso");
    expect(screen.getByLabelText("Anggota 1")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Tambah anggota" }));
    expect(screen.getByLabelText("Anggota 2")).toHaveFocus();
    await user.keyboard("Dewi Lestari");
    await user.click(screen.getByRole("button", { name: "Tambah anggota" }));
    expect(screen.getAllByTestId("member-row")).toHaveLength(3);

    const ba = screen.getByLabelText("Nomor Berita Acara");
    await user.clear(ba);
    await user.type(ba, "{{urut}/BA/{{kode}/{{bulan}/{{tahun}");
    await waitFor(() =>
      expect(ba).toHaveAccessibleDescription(`Contoh nomor pertama tahun ini: 01/BA/3514/${month}/${year}`),
    );
    expect(calls.filter((c) => c.cmd === "preview_numbering").at(-1)?.args).toEqual({
      template: "{urut}/BA/{kode}/{bulan}/{tahun}",
    });
    expect(screen.getByText("Ada perubahan yang belum disimpan.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_publication_settings")).toBe(true));
    const sent = calls.find((c) => c.cmd === "save_publication_settings")!.args.settings as PublicationSettings;
    expect(sent).toEqual({
      ...settings(),
      address: "Jl. Panglima Sudirman No. 5, Bangil ",
      chair: "Hj. Fatimah",
      members: ["Budi Santoso", "Dewi Lestari", ""],
      numbering: [
        settings().numbering[0],
        { series: "berita_acara", label: "Berita Acara", template: "{urut}/BA/{kode}/{bulan}/{tahun}" },
        settings().numbering[2],
      ],
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Kop surat, penandatangan dan penomoran disimpan.");
    // The form shows what the core kept: the blank member is gone.
    expect(screen.getAllByTestId("member-row")).toHaveLength(2);
    expect(screen.getByLabelText("Alamat kantor")).toHaveValue("Jl. Panglima Sudirman No. 5, Bangil");
    expect(screen.queryByText("Ada perubahan yang belum disimpan.")).not.toBeInTheDocument();
  });

  it("allows at most eight members", async () => {
    mock(view({ settings: { ...settings(), members: ["A", "B", "C", "D", "E", "F", "G"] } }));
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    await user.click(screen.getByRole("button", { name: "Tambah anggota" }));
    expect(screen.getAllByTestId("member-row")).toHaveLength(8);
    expect(screen.getByRole("button", { name: "Tambah anggota" })).toBeDisabled();
  });

  it("shows the core's refusal at the field and keeps what was typed", async () => {
    const calls = mock(view(), (cmd, args) => {
      if (cmd !== "save_publication_settings") return undefined;
      const s = args.settings as PublicationSettings;
      if (s.members[1] === "x".repeat(130)) {
        throw { code: "validation", message: "Paling banyak 120 karakter (sekarang 130).", field: "anggota.1" };
      }
      throw {
        code: "validation",
        message: "Berita Acara: Templat nomor harus memuat {urut}, nomor urut yang bertambah setiap dokumen dalam satu tahun.",
        field: "nomor.berita_acara",
      };
    });
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    await user.type(screen.getByLabelText("Alamat kantor"), ", Jawa Timur");
    const ba = screen.getByLabelText("Nomor Berita Acara");
    await user.clear(ba);
    await user.type(ba, "BA/{{kode}/{{tahun}");
    // The core warns while it is typed, and decides on save.
    await waitFor(() => expect(ba).toHaveAccessibleDescription(`Contoh nomor pertama tahun ini: BA/3514/${year} ${NEEDS_URUT}`));
    await user.click(screen.getByRole("button", { name: "Simpan" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Belum disimpan: Berita Acara: Templat nomor harus memuat {urut}");
    await waitFor(() => expect(ba).toHaveFocus());
    expect(ba).toHaveAttribute("aria-invalid", "true");
    expect(ba).toHaveAccessibleDescription(/Berita Acara: Templat nomor harus memuat \{urut\}, nomor urut yang bertambah/);
    expect(ba).toHaveValue("BA/{kode}/{tahun}");
    expect(screen.getByLabelText("Alamat kantor")).toHaveValue("Jl. Hayam Wuruk No. 14, Pasuruan, Jawa Timur");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();

    // A member's error is shown at that member.
    await user.clear(ba);
    await user.type(ba, "{{urut}/BA/{{kode}/{{tahun}");
    await user.clear(screen.getByLabelText("Anggota 2"));
    await user.type(screen.getByLabelText("Anggota 2"), "x".repeat(130));
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(screen.getByLabelText("Anggota 2")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByLabelText("Anggota 2")).toHaveAccessibleDescription("Paling banyak 120 karakter (sekarang 130).");
    expect(screen.getByLabelText("Anggota 2")).toHaveFocus();
    expect(ba).not.toHaveAttribute("aria-invalid");
    expect(calls.filter((c) => c.cmd === "save_publication_settings")).toHaveLength(2);
  });

  it("uploads a logo and shows the new preview without losing unsaved input; removal is confirmed", async () => {
    let cancel = true;
    const calls = mock(view(), (cmd) => (cmd === "upload_logo" && cancel ? false : undefined));
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    await user.type(screen.getByLabelText("Nama Ketua"), " (Plh.)");

    // Cancelling the file dialog changes nothing.
    await user.click(screen.getByRole("button", { name: "Unggah logo" }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "upload_logo")).toHaveLength(1));
    expect(calls.filter((c) => c.cmd === "publication_settings")).toHaveLength(1);

    cancel = false;
    await user.click(screen.getByRole("button", { name: "Unggah logo" }));
    await waitFor(() => expect(screen.getByRole("img", { name: "Logo pada kop surat" })).toHaveAttribute("src", NEW_LOGO));
    expect(calls.filter((c) => c.cmd === "publication_settings")).toHaveLength(2);
    expect(screen.getByRole("status")).toHaveTextContent("Logo disimpan");
    expect(screen.getByLabelText("Nama Ketua")).toHaveValue("Dr. H. Ahmad Sholeh, S.H. (Plh.)");

    await user.click(screen.getByRole("button", { name: "Hapus logo" }));
    let dialog = screen.getByRole("dialog", { name: "Hapus logo" });
    await user.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(calls.some((c) => c.cmd === "remove_logo")).toBe(false);
    expect(screen.getByRole("img", { name: "Logo pada kop surat" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Hapus logo" }));
    dialog = screen.getByRole("dialog", { name: "Hapus logo" });
    await user.click(within(dialog).getByRole("button", { name: "Ya, hapus logo" }));
    await waitFor(() => expect(screen.queryByRole("img", { name: "Logo pada kop surat" })).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "remove_logo")).toHaveLength(1);
    expect(screen.getByTestId("no-logo")).toHaveTextContent("Belum ada logo");
    expect(screen.queryByRole("button", { name: "Hapus logo" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Nama Ketua")).toHaveValue("Dr. H. Ahmad Sholeh, S.H. (Plh.)");
  });

  it("saves the texts of a kind, shows a refusal at its part and keeps drafts of other kinds", async () => {
    let refuse = true;
    const calls = mock(view(), (cmd) => {
      if (cmd === "save_publication_texts" && refuse) {
        refuse = false;
        throw { code: "validation", message: "Isi bagian TENTANG tidak boleh kosong.", field: "tentang" };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    const about = screen.getByLabelText("TENTANG");
    await user.clear(about);
    await user.type(screen.getByLabelText("Penutup"), "{Enter}Ditetapkan di {{kabupaten}.");

    // A look at another kind keeps the draft.
    await user.selectOptions(screen.getByLabelText("Jenis dokumen"), "lampiran_sk");
    expect(screen.getByLabelText("TENTANG")).toHaveValue("PENETAPAN ANGGOTA {BADAN}");
    expect(screen.getByRole("option", { name: "Pengumuman hasil penelitian administrasi – belum disimpan" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Jenis dokumen"), "pengumuman.administrasi");
    expect(screen.getByLabelText("Penutup")).toHaveValue(`${DEFAULT_ADMIN.closing}\nDitetapkan di {kabupaten}.`);
    expect(screen.getByText("Ada perubahan yang belum disimpan")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Simpan teks" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Isi bagian TENTANG tidak boleh kosong.");
    expect(screen.getByLabelText("TENTANG")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("TENTANG")).toHaveFocus();
    expect(screen.getByLabelText("Penutup")).toHaveValue(`${DEFAULT_ADMIN.closing}\nDitetapkan di {kabupaten}.`);

    await user.type(screen.getByLabelText("TENTANG"), "HASIL PENELITIAN ADMINISTRASI");
    await user.click(screen.getByRole("button", { name: "Simpan teks" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Teks Pengumuman hasil penelitian administrasi disimpan.");
    const saves = calls.filter((c) => c.cmd === "save_publication_texts");
    expect(saves).toHaveLength(2);
    expect(saves[1]!.args).toEqual({
      kind: { kind: "pengumuman", stage: "administrasi" },
      texts: {
        about: "HASIL PENELITIAN ADMINISTRASI",
        opening: DEFAULT_ADMIN.opening,
        closing: `${DEFAULT_ADMIN.closing}\nDitetapkan di {kabupaten}.`,
      },
    });
    // Read again: the kind is marked as edited and may be reset now.
    expect(screen.getByRole("option", { name: "Pengumuman hasil penelitian administrasi (diubah)" })).toBeInTheDocument();
    expect(screen.getByText("Teks sudah diubah dari bawaan")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Kembalikan ke teks bawaan" })).toBeEnabled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("inserts a placeholder at the cursor of the part last written in", async () => {
    mock();
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    const opening = screen.getByLabelText("Pembuka") as HTMLTextAreaElement;
    await user.click(opening);
    opening.setSelectionRange(0, 0);
    await user.click(screen.getByRole("button", { name: "Sisipkan {tanggal}" }));
    expect(opening).toHaveValue(`{tanggal}${DEFAULT_ADMIN.opening}`);
    expect(opening).toHaveFocus();
    expect(opening.selectionStart).toBe("{tanggal}".length);
  });

  it("resets an edited kind to its defaults only after confirmation", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={admin} />);
    await loaded();
    await user.selectOptions(screen.getByLabelText("Jenis dokumen"), "berita_acara.tertulis");
    expect(screen.getByLabelText("Pembuka")).toHaveValue("Pada hari {hari} tanggal {tanggal} KPU {kabupaten} menggelar rapat pleno.");
    await user.click(screen.getByText("Lihat teks bawaan"));
    expect(screen.getByText(DEFAULT_BA.opening)).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Kembalikan ke teks bawaan" }));
    let dialog = screen.getByRole("dialog", { name: "Kembalikan ke teks bawaan" });
    expect(dialog).toHaveTextContent("Teks Berita Acara hasil tes tertulis yang sudah diubah diganti dengan teks bawaan");
    expect(within(dialog).getByRole("button", { name: "Batal" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "reset_publication_texts")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Kembalikan ke teks bawaan" }));
    dialog = screen.getByRole("dialog", { name: "Kembalikan ke teks bawaan" });
    await user.click(within(dialog).getByRole("button", { name: "Ya, kembalikan" }));
    expect(await screen.findByRole("status")).toHaveTextContent("dikembalikan ke teks bawaan");
    expect(calls.find((c) => c.cmd === "reset_publication_texts")!.args).toEqual({
      kind: { kind: "berita_acara", stage: "tertulis" },
    });
    expect(screen.getByLabelText("Pembuka")).toHaveValue(DEFAULT_BA.opening);
    expect(screen.getByLabelText("Penutup")).toHaveValue(DEFAULT_BA.closing);
    expect(screen.getByRole("option", { name: "Berita Acara hasil tes tertulis" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kembalikan ke teks bawaan" })).not.toBeInTheDocument();
  });

  it("is read-only for the Pimpinan, with a note that only an Administrator may change it", async () => {
    const calls = mock(view({ editable: false }));
    const user = userEvent.setup();
    render(<DocumentSettingsPage session={pimpinan} />);
    await loaded();
    expect(screen.getByTestId("doc-readonly")).toHaveTextContent(
      "Hanya Administrator yang dapat mengubah pengaturan dokumen. Anda masuk sebagai Pimpinan",
    );
    for (const label of ["Alamat kantor", "Telepon, surel, laman", "Nama Ketua", "Anggota 1", "Anggota 2", "Nomor Pengumuman"]) {
      expect(screen.getByLabelText(label)).toHaveAttribute("readonly");
    }
    for (const name of ["Unggah logo", "Hapus logo", "Hapus anggota 1", "Tambah anggota", "Simpan", "Simpan teks"]) {
      expect(screen.getByRole("button", { name })).toBeDisabled();
    }
    await user.type(screen.getByLabelText("Alamat kantor"), "xyz");
    expect(screen.getByLabelText("Alamat kantor")).toHaveValue("Jl. Hayam Wuruk No. 14, Pasuruan");

    // The texts can be looked through but not changed; the placeholders are only listed.
    await user.selectOptions(screen.getByLabelText("Jenis dokumen"), "berita_acara.tertulis");
    for (const label of ["TENTANG", "Pembuka", "Penutup"]) {
      expect(screen.getByLabelText(label)).toHaveAttribute("readonly");
    }
    expect(screen.getByRole("button", { name: "Kembalikan ke teks bawaan" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: /^Sisipkan/ })).not.toBeInTheDocument();
    expect(within(screen.getByRole("complementary", { name: "Penanda" })).getByText("{kabupaten}")).toBeInTheDocument();
    // Only reads: the settings, the texts and the numbering previews.
    expect([...new Set(calls.map((c) => c.cmd))].sort()).toEqual([
      "preview_numbering",
      "publication_settings",
      "publication_texts",
    ]);
  });

  it("says why when the settings cannot be read", async () => {
    mockIPC((cmd) => {
      if (cmd === "publication_settings") throw { code: "forbidden", message: "Anda tidak berwenang.", field: null };
      return [];
    });
    render(<DocumentSettingsPage session={admin} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Anda tidak berwenang.");
    expect(screen.queryByLabelText("Alamat kantor")).not.toBeInTheDocument();
  });
});
