import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { PublicationItem } from "../bindings/PublicationItem";
import type { PublicationKind } from "../bindings/PublicationKind";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Stage } from "../bindings/Stage";
import type { Session } from "../bindings/Session";
import { atStage, operator, pimpinan, regions, round, STAGE_ORDER } from "../test/fixtures";
import { DocumentsPanel } from "./DocumentsPanel";

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/**
 * Every document of a round as the core lists them: stage order, ready once the round is past the stage;
 * a draft when it has no number and the session may not give one.
 */
function publications(current: Stage, numbers: Record<string, string> = {}, signer = true): PublicationItem[] {
  const minuted: Stage[] = ["pendaftaran", "administrasi", "tertulis", "wawancara", "akhir", "penetapan"];
  const announced: Stage[] = ["administrasi", "tertulis", "akhir"];
  const result: Record<Stage, string> = {
    pendaftaran: "hasil pendaftaran",
    administrasi: "hasil penelitian administrasi",
    tertulis: "hasil tes tertulis",
    wawancara: "hasil tes wawancara",
    akhir: "hasil akhir",
    penetapan: "penetapan anggota",
    masa_kerja: "masa kerja",
  };
  const past = (s: Stage) => STAGE_ORDER.indexOf(current) > STAGE_ORDER.indexOf(s);
  const item = (kind: PublicationKind, key: string, label: string, stage: Stage): PublicationItem => ({
    kind,
    key,
    label,
    stage,
    ready: past(stage),
    number: numbers[key] ?? null,
    draft: !numbers[key] && !signer,
  });
  const out: PublicationItem[] = [];
  for (const s of minuted) {
    out.push(item({ kind: "berita_acara", stage: s }, `berita_acara_${s}`, `Berita Acara ${result[s]}`, s));
    if (announced.includes(s)) {
      out.push(item({ kind: "pengumuman", stage: s }, `pengumuman_${s}`, `Pengumuman ${result[s]}`, s));
    }
    if (s === "akhir") out.push(item({ kind: "lampiran_sk" }, "lampiran_sk", "Lampiran SK penetapan anggota", "akhir"));
  }
  return out;
}

interface Options {
  current?: Stage;
  /** Numbers already given, by key. */
  numbers?: Record<string, string>;
  /** What export_publication does: a path, null (cancelled), or throws. */
  exportPdf?: (args: Record<string, unknown>) => unknown;
  list?: () => PublicationItem[];
  /** The session may number documents (the Pimpinan); default yes. */
  signer?: boolean;
}

/** A core that numbers a document the first time a signer exports it without a typed number. */
function serve({
  current = "penetapan",
  numbers = {},
  exportPdf = () => "C:\\Users\\kpu\\Documents\\dokumen.pdf",
  list,
  signer = true,
}: Options = {}) {
  const calls: Call[] = [];
  const given = { ...numbers };
  let seq = 1;
  mockIPC(async (cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "publication_list":
        return list ? list() : publications(current, given, signer);
      case "list_regions":
        return regions();
      case "export_publication": {
        const path = await exportPdf(args);
        const kind = args.kind as PublicationKind;
        const key = kind.kind === "lampiran_sk" ? "lampiran_sk" : `${kind.kind}_${kind.stage}`;
        if (signer && path !== null && args.number === null && !given[key]) {
          given[key] = `${String(seq++).padStart(3, "0")}/PP.04.1-Pu/3514/2024`;
        }
        return path === null ? null : { path, not_opened: null };
      }
      default:
        throw new Error(`${cmd} not expected`);
    }
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const ppk = (stage: Stage = "penetapan") => atStage(round(1, "PPK"), stage);
const pps = (stage: Stage = "penetapan") => atStage(round(2, "PPS"), stage);

function renderPanel(r: RoundSummary = ppk(), session: Session = pimpinan) {
  return render(<DocumentsPanel session={session} round={r} />);
}

const exportButton = (key: string) => {
  const el = document.getElementById(`export-${key}`);
  if (!el) throw new Error(`no export button for ${key}`);
  return el as HTMLButtonElement;
};

/** The row of a document, by its button. */
const rowOf = (key: string) => exportButton(key).closest("li")!;

/** Waits for the list. */
const loaded = () => screen.findAllByTestId("documents-stage");

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("DocumentsPanel: the list", () => {
  it("groups the documents by stage and keeps those of stages not closed yet disabled", async () => {
    const calls = serve({
      current: "wawancara",
      numbers: {
        berita_acara_administrasi: "004/PK.01-BA/3514/2024",
        pengumuman_administrasi: "002/PP.04.1-Pu/3514/2024",
      },
    });
    renderPanel(ppk("wawancara"));

    const groups = await loaded();
    expect(sent(calls, "publication_list")).toEqual([{ roundId: 1 }]);
    expect(groups.map((g) => within(g).getByRole("heading", { level: 3 }).textContent)).toEqual([
      "Pendaftaran",
      "Penelitian administrasi",
      "Tes tertulis",
      "Tes wawancara",
      "Hasil akhir",
      "Penetapan dan pelantikan",
    ]);
    // The lampiran SK is listed with the final results.
    const akhir = screen.getByRole("region", { name: "Hasil akhir" });
    expect(within(akhir).getAllByTestId("documents-row").map((r) => r.querySelector(".documents-label")?.textContent)).toEqual([
      "Berita Acara hasil akhir",
      "Pengumuman hasil akhir",
      "Lampiran SK penetapan anggota",
    ]);
    expect(within(screen.getByRole("list", { name: "Penelitian administrasi" })).getAllByRole("listitem")).toHaveLength(2);

    // Closed stages: ready, numbered once exported.
    expect(exportButton("berita_acara_administrasi")).toBeEnabled();
    expect(rowOf("berita_acara_administrasi")).toHaveTextContent("Nomor 004/PK.01-BA/3514/2024");
    expect(rowOf("berita_acara_administrasi")).not.toHaveTextContent("Tahap belum ditutup");
    expect(exportButton("pengumuman_tertulis")).toBeEnabled();
    expect(rowOf("pengumuman_tertulis")).toHaveTextContent("belum bernomor");

    // The interview is in progress: its documents and the later ones wait.
    for (const key of ["berita_acara_wawancara", "pengumuman_akhir", "lampiran_sk", "berita_acara_penetapan"]) {
      expect(exportButton(key)).toBeDisabled();
      expect(rowOf(key)).toHaveTextContent("Tahap belum ditutup");
      expect(rowOf(key)).toHaveTextContent("belum bernomor");
    }
    // Each button says which document it makes; the note is its description.
    expect(exportButton("pengumuman_akhir")).toHaveAccessibleName("Ekspor PDF Pengumuman hasil akhir");
    expect(exportButton("pengumuman_akhir")).toHaveAccessibleDescription(/Tahap belum ditutup/);
    expect(screen.getByRole("button", { name: "Ekspor PDF Berita Acara hasil pendaftaran" })).toBe(
      exportButton("berita_acara_pendaftaran"),
    );
  });

  it("shows the options with the whole kabupaten, A4 and the automatic number chosen", async () => {
    serve();
    renderPanel();
    await loaded();

    const kec = screen.getByRole("combobox", { name: "Kecamatan" });
    expect(kec).toHaveValue("");
    expect(within(kec).getAllByRole("option").map((o) => o.textContent)).toEqual(["Seluruh kabupaten", "Purwodadi", "Tutur"]);
    // A PPK round has no desa to choose.
    expect(screen.queryByRole("combobox", { name: "Desa/kelurahan" })).not.toBeInTheDocument();

    const paper = screen.getByRole("group", { name: "Kertas" });
    expect(within(paper).getByRole("radio", { name: /^A4/ })).toBeChecked();
    expect(within(paper).getByRole("radio", { name: /^F4/ })).not.toBeChecked();

    const number = screen.getByRole("textbox", { name: "Nomor manual" });
    expect(number).toHaveValue("");
    expect(number).toHaveAccessibleDescription(
      "Kosongkan untuk memakai nomor otomatis dari templat penomoran. Nomor yang diketik dicetak apa adanya dan tidak dicatat.",
    );
  });

  it("says why the list cannot be shown", async () => {
    serve({
      list: () => {
        throw { code: "forbidden", message: "Sesi Anda tidak berlaku lagi.", field: null };
      },
    });
    renderPanel();
    expect(await screen.findByRole("alert")).toHaveTextContent("Sesi Anda tidak berlaku lagi.");
    expect(screen.queryByTestId("documents-stage")).not.toBeInTheDocument();
  });
});

describe("DocumentsPanel: exporting", () => {
  it("sends the kind, the whole kabupaten, A4 and no number by default; says where it was saved and shows the new number", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await loaded();
    expect(rowOf("pengumuman_akhir")).toHaveTextContent("belum bernomor");

    await user.click(exportButton("pengumuman_akhir"));

    const message = await screen.findByRole("status");
    expect(message).toHaveTextContent(
      "Pengumuman hasil akhir (seluruh kabupaten, kertas A4) sudah disimpan di C:\\Users\\kpu\\Documents\\dokumen.pdf.",
    );
    expect(sent(calls, "export_publication")).toEqual([
      { roundId: 1, kind: { kind: "pengumuman", stage: "akhir" }, unit: null, paper: "a4", number: null },
    ]);
    // The list is read again: the document has its number now.
    await waitFor(() => expect(sent(calls, "publication_list")).toHaveLength(2));
    await waitFor(() => expect(rowOf("pengumuman_akhir")).toHaveTextContent("Nomor 001/PP.04.1-Pu/3514/2024"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    // Focus is back on the button, ready for the next export.
    expect(exportButton("pengumuman_akhir")).toHaveFocus();
  });

  it("offers other roles a draft without a number, and no number to type", async () => {
    const calls = serve({ signer: false, numbers: { berita_acara_akhir: "07/PK.01-BA/3514/2024" } });
    const user = userEvent.setup();
    renderPanel(ppk(), operator);
    await loaded();
    expect(screen.getByTestId("documents-draft-note")).toHaveTextContent("diekspor sebagai konsep");
    expect(screen.queryByRole("textbox", { name: "Nomor manual" })).not.toBeInTheDocument();
    expect(rowOf("pengumuman_akhir")).toHaveTextContent("belum bernomor; diekspor sebagai konsep");
    // Numbered by the Pimpinan already: printed with its number.
    expect(rowOf("berita_acara_akhir")).toHaveTextContent("Nomor 07/PK.01-BA/3514/2024");

    await user.click(exportButton("pengumuman_akhir"));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Pengumuman hasil akhir (seluruh kabupaten, kertas A4) sudah disimpan sebagai konsep tanpa nomor di C:\\Users\\kpu\\Documents\\dokumen.pdf.",
    );
    expect(sent(calls, "export_publication")[0]).toMatchObject({ number: null });
    await waitFor(() => expect(sent(calls, "publication_list")).toHaveLength(2));
    expect(rowOf("pengumuman_akhir")).toHaveTextContent("belum bernomor; diekspor sebagai konsep");
  });

  it("sends the kecamatan, F4 and the number typed (trimmed) for the Lampiran SK", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel();
    await loaded();

    await user.selectOptions(screen.getByRole("combobox", { name: "Kecamatan" }), "Tutur");
    await user.click(screen.getByRole("radio", { name: /^F4/ }));
    await user.type(screen.getByRole("textbox", { name: "Nomor manual" }), "  12/PP.04.1-Kpt/3514/2024 ");
    await user.click(exportButton("lampiran_sk"));

    expect(await screen.findByRole("status")).toHaveTextContent(
      "Lampiran SK penetapan anggota (Kecamatan Tutur, kertas F4) sudah disimpan di",
    );
    expect(sent(calls, "export_publication")).toEqual([
      {
        roundId: 1,
        kind: { kind: "lampiran_sk" },
        unit: "35.14.02",
        paper: "f4",
        number: "12/PP.04.1-Kpt/3514/2024",
      },
    ]);

    // Back to the whole kabupaten and the automatic number.
    await user.selectOptions(screen.getByRole("combobox", { name: "Kecamatan" }), "Seluruh kabupaten");
    await user.clear(screen.getByRole("textbox", { name: "Nomor manual" }));
    await user.type(screen.getByRole("textbox", { name: "Nomor manual" }), "   ");
    await user.click(exportButton("berita_acara_tertulis"));
    await waitFor(() => expect(sent(calls, "export_publication")).toHaveLength(2));
    expect(sent(calls, "export_publication")[1]).toEqual({
      roundId: 1,
      kind: { kind: "berita_acara", stage: "tertulis" },
      unit: null,
      paper: "f4",
      number: null,
    });
  });

  it("lets a PPS round pick one desa of a kecamatan", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel(pps());
    await loaded();

    const desa = screen.getByRole("combobox", { name: "Desa/kelurahan" });
    // Waits for a kecamatan.
    expect(desa).toBeDisabled();
    await user.selectOptions(screen.getByRole("combobox", { name: "Kecamatan" }), "Tutur");
    expect(desa).toBeEnabled();
    expect(within(desa).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Seluruh kecamatan",
      "Desa Blarang",
      "Kelurahan Tutur",
    ]);
    await user.selectOptions(desa, "Kelurahan Tutur");
    await user.click(exportButton("pengumuman_tertulis"));

    expect(await screen.findByRole("status")).toHaveTextContent(
      "Pengumuman hasil tes tertulis (Kelurahan Tutur, Kecamatan Tutur, kertas A4) sudah disimpan",
    );
    expect(sent(calls, "export_publication")[0]).toMatchObject({
      roundId: 2,
      kind: { kind: "pengumuman", stage: "tertulis" },
      unit: "35.14.02.1001",
    });

    // Another kecamatan starts again from its whole area.
    await user.selectOptions(screen.getByRole("combobox", { name: "Kecamatan" }), "Purwodadi");
    expect(desa).toHaveValue("");
    await user.click(exportButton("pengumuman_tertulis"));
    await waitFor(() => expect(sent(calls, "export_publication")).toHaveLength(2));
    expect(sent(calls, "export_publication")[1]).toMatchObject({ unit: "35.14.01" });
  });

  it("shows progress and keeps every button disabled while a document is being made", async () => {
    const pending = deferred<string | null>();
    serve({ exportPdf: () => pending.promise });
    const user = userEvent.setup();
    renderPanel();
    await loaded();

    await user.click(exportButton("berita_acara_akhir"));
    const busy = exportButton("berita_acara_akhir");
    await waitFor(() => expect(busy).toHaveTextContent("Membuat PDF…"));
    expect(busy).toBeDisabled();
    expect(busy.closest("li")).toHaveAttribute("aria-busy", "true");
    expect(exportButton("pengumuman_akhir")).toBeDisabled();
    expect(exportButton("pengumuman_akhir")).toHaveTextContent("Ekspor PDF");

    pending.resolve("/home/kpu/ba-akhir.pdf");
    expect(await screen.findByRole("status")).toHaveTextContent("sudah disimpan di /home/kpu/ba-akhir.pdf.");
    expect(busy).toBeEnabled();
    expect(busy).toHaveTextContent("Ekspor PDF");
    expect(exportButton("pengumuman_akhir")).toBeEnabled();
  });

  it("says briefly that nothing was saved when the save dialog is cancelled", async () => {
    const calls = serve({ exportPdf: () => null });
    const user = userEvent.setup();
    renderPanel();
    await loaded();

    await user.click(exportButton("pengumuman_administrasi"));
    expect(await screen.findByRole("status")).toHaveTextContent("Ekspor dibatalkan; tidak ada berkas yang disimpan.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    // Nothing changed: no number given, the list not read again.
    expect(sent(calls, "publication_list")).toHaveLength(1);
    expect(rowOf("pengumuman_administrasi")).toHaveTextContent("belum bernomor");
    expect(exportButton("pengumuman_administrasi")).toBeEnabled();
  });

  it("shows the core's refusal and lets the staff try again", async () => {
    let refuse = true;
    const calls = serve({
      exportPdf: () => {
        if (refuse) {
          throw {
            code: "stage",
            message: "Tahap hasil akhir belum ditutup; pengumuman hasil akhir dibuat dari hasil yang sudah ditetapkan.",
            field: null,
          };
        }
        return "/tmp/pengumuman.pdf";
      },
    });
    const user = userEvent.setup();
    renderPanel();
    await loaded();

    await user.click(exportButton("pengumuman_akhir"));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Tahap hasil akhir belum ditutup; pengumuman hasil akhir dibuat dari hasil yang sudah ditetapkan.",
    );
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(exportButton("pengumuman_akhir")).toBeEnabled();
    expect(sent(calls, "publication_list")).toHaveLength(1);

    // The next attempt clears the refusal.
    refuse = false;
    await user.click(exportButton("pengumuman_akhir"));
    expect(await screen.findByRole("status")).toHaveTextContent("sudah disimpan di /tmp/pengumuman.pdf.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
