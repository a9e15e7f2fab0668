import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Attachment } from "../bindings/Attachment";
import type { VerificationView } from "../bindings/VerificationView";
import { attachment, documentRows, verificationView } from "../test/fixtures";
import { VerificationPanel } from "./VerificationPanel";

type Call = { cmd: string; args: Record<string, unknown> };

/**
 * A core holding one file. Each changing command answers with `answer`
 * (given the arguments) or, by default, the file unchanged.
 */
function mockCore(first: VerificationView, answer?: (cmd: string, args: Record<string, unknown>) => VerificationView) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "verification_view") return first;
    if (cmd === "record_document_check" || cmd === "set_admin_override" || cmd === "set_needs_fix") {
      return answer ? answer(cmd, args) : first;
    }
    return null;
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

function renderPanel(canVerify = true) {
  const onChanged = vi.fn();
  render(<VerificationPanel id={7} canVerify={canVerify} onChanged={onChanged} />);
  return { onChanged };
}

/** The file after the KTP was found in order and everything else too. */
function msView(): VerificationView {
  return verificationView({
    documents: documentRows().map((d) => (d.applies ? { ...d, verdict: "sesuai" as const } : d)),
    derived: { verdict: "MS", reasons: [], pending: [] },
    final_verdict: "MS",
  });
}

function tmsView(reason: string): VerificationView {
  return verificationView({
    documents: documentRows().map((d) => (d.code === "ktp" ? { ...d, verdict: "tidak_sesuai" as const, reason } : d)),
    derived: {
      verdict: "TMS",
      reasons: [`Fotokopi KTP-el tidak sesuai: ${reason}`],
      pending: ["Fotokopi ijazah terakhir belum diperiksa."],
    },
    final_verdict: "TMS",
  });
}

describe("VerificationPanel", () => {
  it("lists under the surat pernyataan what it must state, as the round's settings say", async () => {
    const items = ["Setia kepada Pancasila", "Sehat jasmani dan rohani, serta tidak memiliki penyakit penyerta (komorbid)"];
    mockCore(
      verificationView({
        documents: [
          ...documentRows(),
          { ...documentRows()[1]!, code: "surat_pernyataan", name: "Surat pernyataan", contents: items },
        ],
      }),
    );
    renderPanel();
    const rows = await screen.findAllByTestId("doc-row");
    const statement = rows.find((r) => r.getAttribute("data-code") === "surat_pernyataan")!;
    const contents = within(statement).getByTestId("doc-contents");
    expect(contents).toHaveTextContent("Isi yang harus dinyatakan (2 butir)");
    expect(within(contents).getAllByRole("listitem").map((li) => li.textContent)).toEqual(items);
    // Other documents list nothing.
    expect(rows.filter((r) => within(r).queryByTestId("doc-contents"))).toHaveLength(1);
  });

  it("shows the applicant, the rules, the documents asked and the open verdict with what is pending", async () => {
    mockCore(verificationView());
    renderPanel();
    const panel = await screen.findByTestId("verification-panel");
    expect(screen.getByRole("heading", { name: "PPK-3514-0007 · Siti Nur'aini" })).toBeInTheDocument();
    expect(panel).toHaveTextContent("Wilayah tugas: Kecamatan Purwodadi");
    expect(panel).toHaveTextContent("Terdaftar");
    expect(screen.getAllByTestId("rule")).toHaveLength(6);

    // The party document does not apply to this applicant; the optional one is shown.
    const rows = screen.getAllByTestId("doc-row");
    expect(rows.map((r) => r.getAttribute("data-code"))).toEqual([
      "surat_pendaftaran",
      "ktp",
      "ijazah",
      "surat_sehat",
      "sertifikat",
    ]);
    expect(rows[4]).toHaveTextContent("(tidak wajib)");
    expect(within(rows[2]!).getByTestId("doc-received")).toHaveTextContent("Tidak");
    expect(within(rows[1]!).getByTestId("doc-received")).toHaveTextContent("Ya");

    // Three choices per document, the stored one checked.
    const group = screen.getByRole("radiogroup", { name: "Fotokopi KTP-el" });
    expect(within(group).getAllByRole("radio").map((r) => r.id)).toEqual([
      "doc-ktp-sesuai",
      "doc-ktp-tidak_ada",
      "doc-ktp-tidak_sesuai",
    ]);
    expect(document.getElementById("doc-surat_pendaftaran-sesuai")).toBeChecked();
    expect(document.getElementById("doc-ktp-sesuai")).not.toBeChecked();

    const verdict = screen.getByTestId("final-verdict");
    expect(within(verdict).getByTestId("final-verdict-label")).toHaveTextContent("Belum selesai");
    expect(within(verdict).getByTestId("verdict-pending")).toHaveTextContent("Fotokopi KTP-el belum diperiksa.");
  });

  it("saves “Ada dan sesuai” at once and shows the verdict the core returns", async () => {
    const calls = mockCore(verificationView(), () => msView());
    const user = userEvent.setup();
    const { onChanged } = renderPanel();
    await user.click(await screen.findByLabelText("Ada dan sesuai", { selector: "#doc-ktp-sesuai" }));
    await waitFor(() =>
      expect(sent(calls, "record_document_check")).toEqual([{ applicantId: 7, code: "ktp", verdict: "sesuai", reason: "" }]),
    );
    await waitFor(() => expect(screen.getByTestId("final-verdict-label")).toHaveTextContent("Memenuhi Syarat (MS)"));
    expect(screen.queryByTestId("verdict-pending")).not.toBeInTheDocument();
    expect(document.getElementById("doc-ktp-sesuai")).toBeChecked();
    expect(onChanged).toHaveBeenCalled();
  });

  it("asks for a reason before sending “Tidak sesuai”, offers the common reasons and saves with Enter", async () => {
    const calls = mockCore(verificationView(), (_cmd, args) => tmsView(String(args.reason)));
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByLabelText("Tidak sesuai", { selector: "#doc-ktp-tidak_sesuai" }));
    const reason = screen.getByLabelText("Alasan tidak sesuai");
    expect(document.getElementById("doc-ktp-tidak_sesuai")).toBeChecked();
    expect(sent(calls, "record_document_check")).toEqual([]);

    // Without a reason nothing goes to the core.
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Tuliskan alasan berkas ini tidak sesuai");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(sent(calls, "record_document_check")).toEqual([]);

    // A common reason fills the box; it can be amended, Enter saves.
    await user.click(screen.getByRole("button", { name: "Tidak ditandatangani" }));
    expect(reason).toHaveValue("Tidak ditandatangani");
    expect(reason).toHaveFocus();
    await user.type(reason, " oleh pendaftar{Enter}");
    await waitFor(() =>
      expect(sent(calls, "record_document_check")).toEqual([
        { applicantId: 7, code: "ktp", verdict: "tidak_sesuai", reason: "Tidak ditandatangani oleh pendaftar" },
      ]),
    );

    // The returned file: TMS with its reasons, the reason shown by the document.
    const verdict = screen.getByTestId("final-verdict");
    await waitFor(() => expect(within(verdict).getByTestId("final-verdict-label")).toHaveTextContent("Tidak Memenuhi Syarat (TMS)"));
    expect(within(verdict).getByTestId("verdict-reasons")).toHaveTextContent(
      "Fotokopi KTP-el tidak sesuai: Tidak ditandatangani oleh pendaftar",
    );
    expect(screen.queryByLabelText("Alasan tidak sesuai")).not.toBeInTheDocument();
    // The keyboard stays with the document's choices.
    await waitFor(() => expect(document.getElementById("doc-ktp-tidak_sesuai")).toHaveFocus());
    const ktp = screen.getAllByTestId("doc-row").find((r) => r.getAttribute("data-code") === "ktp")!;
    expect(ktp).toHaveTextContent("Alasan: Tidak ditandatangani oleh pendaftar");
  });

  it("cancels a reason with Escape and goes back to the stored verdict", async () => {
    const calls = mockCore(verificationView());
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByLabelText("Tidak sesuai", { selector: "#doc-surat_pendaftaran-tidak_sesuai" }));
    await user.type(screen.getByLabelText("Alasan tidak sesuai"), "Tidak terbaca{Escape}");
    expect(screen.queryByLabelText("Alasan tidak sesuai")).not.toBeInTheDocument();
    expect(document.getElementById("doc-surat_pendaftaran-sesuai")).toBeChecked();
    await waitFor(() => expect(document.getElementById("doc-surat_pendaftaran-sesuai")).toHaveFocus());
    expect(sent(calls, "record_document_check")).toEqual([]);
  });

  it("moves through the choices with the keyboard", async () => {
    const calls = mockCore(verificationView(), (_cmd, args) =>
      verificationView({
        documents: documentRows().map((d) => (d.code === "ktp" ? { ...d, verdict: args.verdict as "tidak_ada" } : d)),
      }),
    );
    const user = userEvent.setup();
    renderPanel();
    const first = await screen.findByLabelText("Ada dan sesuai", { selector: "#doc-ktp-sesuai" });
    // The file opened: the focus is on its first open verdict (KTP-el, handed over: its first choice).
    await waitFor(() => expect(first).toHaveFocus());
    // Down onto "Tidak ada" (saved) without passing "Tidak sesuai", whose reason editor would open.
    await user.keyboard("{ArrowDown}");
    await waitFor(() =>
      expect(sent(calls, "record_document_check")).toEqual([{ applicantId: 7, code: "ktp", verdict: "tidak_ada", reason: "" }]),
    );
    await waitFor(() => expect(document.getElementById("doc-ktp-tidak_ada")).toBeChecked());
    expect(document.getElementById("doc-ktp-tidak_ada")).toHaveFocus();
    expect(screen.queryByLabelText("Alasan tidak sesuai")).not.toBeInTheDocument();
    // Down again: "Tidak sesuai" waits for a reason, nothing more is saved.
    await user.keyboard("{ArrowDown}");
    expect(document.getElementById("doc-ktp-tidak_sesuai")).toBeChecked();
    expect(sent(calls, "record_document_check")).toHaveLength(1);
  });

  it("puts the focus on the first open verdict and proposes Tidak ada for a document not handed over", async () => {
    mockCore(
      verificationView({
        documents: documentRows().map((d) =>
          d.code === "ktp" ? { ...d, verdict: "sesuai" } : d.code === "ijazah" ? { ...d, received: false } : d,
        ),
      }),
    );
    renderPanel();
    const ijazahNone = await screen.findByLabelText("Tidak ada", { selector: "#doc-ijazah-tidak_ada" });
    await waitFor(() => expect(ijazahNone).toHaveFocus());
    expect(ijazahNone).not.toBeChecked();
    expect(ijazahNone).toHaveAccessibleDescription("Usulan: Tidak ada (tidak diserahkan di loket)");
    expect(screen.getAllByTestId("doc-proposed")).toHaveLength(1);
  });

  it("shows the core's refusal next to the document", async () => {
    mockIPC((cmd) => {
      if (cmd === "verification_view") return verificationView();
      if (cmd === "record_document_check") {
        throw { code: "forbidden", message: "Peran Anda tidak boleh memberi hasil penelitian berkas.", field: null };
      }
      return null;
    });
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByLabelText("Tidak ada", { selector: "#doc-ijazah-tidak_ada" }));
    const error = await screen.findByRole("alert");
    expect(error).toHaveTextContent("tidak boleh memberi hasil penelitian berkas");
    expect(error.id).toBe("doc-ijazah-error");
    expect(screen.getByRole("radiogroup", { name: "Fotokopi ijazah terakhir" })).toHaveAttribute(
      "aria-describedby",
      "doc-ijazah-error",
    );
    // Nothing was stored: the choice falls back.
    expect(document.getElementById("doc-ijazah-tidak_ada")).not.toBeChecked();
  });

  it("shows each verdict of the returned file: TMS with reasons, MS, open with what is pending", async () => {
    const answers = [tmsView("Tidak terbaca"), msView(), verificationView()];
    mockCore(verificationView(), () => answers.shift()!);
    const user = userEvent.setup();
    renderPanel();
    const label = await screen.findByTestId("final-verdict-label");
    await user.click(screen.getByLabelText("Tidak ada", { selector: "#doc-ktp-tidak_ada" }));
    await waitFor(() => expect(label).toHaveTextContent("Tidak Memenuhi Syarat (TMS)"));
    expect(screen.getByTestId("verdict-reasons")).toHaveTextContent("Fotokopi KTP-el tidak sesuai: Tidak terbaca");
    await user.click(screen.getByLabelText("Tidak ada", { selector: "#doc-ijazah-tidak_ada" }));
    await waitFor(() => expect(label).toHaveTextContent("Memenuhi Syarat (MS)"));
    expect(screen.queryByTestId("verdict-reasons")).not.toBeInTheDocument();
    await user.click(screen.getByLabelText("Tidak ada", { selector: "#doc-surat_sehat-tidak_ada" }));
    await waitFor(() => expect(label).toHaveTextContent("Belum selesai"));
    expect(screen.getByTestId("verdict-pending")).toHaveTextContent("Surat keterangan sehat belum diperiksa.");
  });

  it("overrides the verdict with a reason, names the verifier's decision, and returns to the derived verdict", async () => {
    const calls = mockCore(verificationView(), (_cmd, args) =>
      args.verdict
        ? verificationView({
            override_verdict: "MS",
            override_reason: String(args.reason),
            final_verdict: "MS",
          })
        : verificationView(),
    );
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole("button", { name: "Ubah keputusan…" }));
    const dialog = screen.getByRole("dialog", { name: "Ubah keputusan penelitian administrasi" });
    expect(document.getElementById("override-ms")).toHaveFocus();

    // Both a verdict and a reason of at least 5 characters are needed.
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(within(dialog).getByText(/Pilih keputusan/)).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText("Memenuhi Syarat (MS)"));
    await user.type(within(dialog).getByLabelText("Alasan keputusan"), "Oke");
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(within(dialog).getByText(/paling sedikit 5 karakter\)/)).toBeInTheDocument();
    expect(sent(calls, "set_admin_override")).toEqual([]);

    await user.clear(within(dialog).getByLabelText("Alasan keputusan"));
    await user.type(within(dialog).getByLabelText("Alasan keputusan"), "Ijazah asli sudah ditunjukkan dan dicocokkan");
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "set_admin_override")).toEqual([
      { applicantId: 7, verdict: "MS", reason: "Ijazah asli sudah ditunjukkan dan dicocokkan" },
    ]);
    const verdict = screen.getByTestId("final-verdict");
    expect(within(verdict).getByTestId("final-verdict-label")).toHaveTextContent("Memenuhi Syarat (MS)");
    expect(verdict).toHaveTextContent("Diputuskan verifikator: Ijazah asli sudah ditunjukkan dan dicocokkan");
    expect(verdict).toHaveTextContent("Hasil pemeriksaan berkas: Belum selesai");

    await user.click(within(verdict).getByRole("button", { name: "Kembalikan ke hasil pemeriksaan" }));
    await waitFor(() => expect(verdict).not.toHaveTextContent("Diputuskan verifikator"));
    expect(sent(calls, "set_admin_override").at(-1)).toEqual({ applicantId: 7, verdict: null, reason: "" });
    expect(within(verdict).getByTestId("final-verdict-label")).toHaveTextContent("Belum selesai");
  });

  it("shows the core's refusal of an override in the dialog", async () => {
    mockIPC((cmd) => {
      if (cmd === "verification_view") return verificationView();
      if (cmd === "set_admin_override") {
        throw { code: "validation", message: "Tahapan penelitian administrasi sudah ditutup.", field: "alasan" };
      }
      return null;
    });
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole("button", { name: "Ubah keputusan…" }));
    await user.click(screen.getByLabelText("Tidak Memenuhi Syarat (TMS)"));
    await user.type(screen.getByLabelText("Alasan keputusan"), "Ijazah asli sudah dicocokkan");
    await user.click(screen.getByRole("button", { name: "Simpan keputusan" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Tahapan penelitian administrasi sudah ditutup.");
    expect(alert.id).toBe("override-reason-error");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("marks the file “perlu perbaikan” with a note and clears the mark", async () => {
    const calls = mockCore(verificationView(), (_cmd, args) =>
      args.needsFix ? verificationView({ needs_fix: true, fix_note: String(args.note) }) : verificationView(),
    );
    const user = userEvent.setup();
    renderPanel();
    const toggle = await screen.findByRole("checkbox", { name: /perlu perbaikan/ });
    expect(screen.queryByTestId("needs-fix-badge")).not.toBeInTheDocument();
    await user.click(toggle);
    const note = screen.getByLabelText("Yang perlu diperbaiki atau dilengkapi");
    await user.type(note, "{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("paling sedikit 5 karakter");
    expect(sent(calls, "set_needs_fix")).toEqual([]);

    await user.type(note, "Surat keterangan sehat belum ditandatangani dokter{Enter}");
    await waitFor(() =>
      expect(sent(calls, "set_needs_fix")).toEqual([
        { applicantId: 7, needsFix: true, note: "Surat keterangan sehat belum ditandatangani dokter" },
      ]),
    );
    expect(await screen.findByTestId("needs-fix-badge")).toHaveTextContent("Perlu perbaikan");
    expect(screen.getByTestId("fix-note-text")).toHaveTextContent("Surat keterangan sehat belum ditandatangani dokter");
    expect(toggle).toBeChecked();
    await waitFor(() => expect(toggle).toHaveFocus());

    await user.click(toggle);
    await waitFor(() => expect(screen.queryByTestId("needs-fix-badge")).not.toBeInTheDocument());
    expect(sent(calls, "set_needs_fix").at(-1)).toEqual({ applicantId: 7, needsFix: false, note: "" });
    expect(toggle).not.toBeChecked();
  });

  it("is read-only for a role that does not verify: no radios, no buttons that change", async () => {
    const calls = mockCore(
      verificationView({
        documents: documentRows().map((d) =>
          d.code === "ktp" ? { ...d, verdict: "tidak_sesuai" as const, reason: "Tidak terbaca" } : d,
        ),
        derived: { verdict: "TMS", reasons: ["Fotokopi KTP-el tidak sesuai: Tidak terbaca"], pending: [] },
        override_verdict: "MS",
        override_reason: "KTP-el asli sudah dicocokkan",
        final_verdict: "MS",
        needs_fix: true,
        fix_note: "Fotokopi KTP-el diulang",
      }),
    );
    renderPanel(false);
    const panel = await screen.findByTestId("verification-panel");
    expect(screen.queryAllByRole("radio")).toEqual([]);
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
    expect(screen.queryByRole("button", { name: "Ubah keputusan…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kembalikan ke hasil pemeriksaan" })).not.toBeInTheDocument();
    expect(within(panel).queryAllByRole("button")).toEqual([]);

    expect(screen.getAllByTestId("doc-verdict").map((d) => d.textContent)).toEqual([
      "Ada dan sesuai",
      "Tidak sesuai: Tidak terbaca",
      "Belum diperiksa",
      "Belum diperiksa",
      "Belum diperiksa",
    ]);
    const verdict = screen.getByTestId("final-verdict");
    expect(verdict).toHaveTextContent("Memenuhi Syarat (MS)");
    expect(verdict).toHaveTextContent("Diputuskan verifikator: KTP-el asli sudah dicocokkan");
    expect(screen.getByTestId("needs-fix-badge")).toBeInTheDocument();
    expect(screen.getByTestId("fix-note-text")).toHaveTextContent("Fotokopi KTP-el diulang");
    expect(calls.map((c) => c.cmd)).toEqual(["verification_view", "list_scans"]);
  });

  describe("scans", () => {
    interface ScanCore {
      /** The scans the core holds (attach adds to them). */
      stored: Attachment[];
      /** Answers attach_scan: the new scan, null when cancelled; may throw. */
      attach?: (code: string) => Attachment | null;
      /** Answers open_scan; may throw. */
      open?: (sha256: string) => null;
    }

    function mockScans({ stored, attach = () => null, open = () => null }: ScanCore) {
      const calls: Call[] = [];
      mockIPC((cmd, raw) => {
        const args = (raw ?? {}) as Record<string, unknown>;
        calls.push({ cmd, args });
        if (cmd === "verification_view") return verificationView();
        if (cmd === "list_scans") return [...stored];
        if (cmd === "attach_scan") {
          const added = attach(String(args.code));
          if (added) stored.push(added);
          return added;
        }
        if (cmd === "open_scan") return open(String(args.sha256));
        if (cmd === "scan_image") {
          const scan = stored.find((x) => x.sha256 === args.sha256);
          return scan && scan.media_type !== "application/pdf" ? `data:${scan.media_type};base64,AAAA` : null;
        }
        return null;
      });
      return calls;
    }

    const scansOf = (code: string) =>
      within(document.querySelector(`[data-testid='doc-row'][data-code='${code}']`) as HTMLElement).queryAllByTestId("scan");

    it("lists each document's scans with type, size and time, shows an image here and opens a PDF in the system viewer", async () => {
      const ktp = attachment(1, { file_name: "ktp-siti.pdf", size: 245_760 });
      const ktpBack = attachment(2, { file_name: "ktp-belakang.jpg", media_type: "image/jpeg", size: 800 });
      const ijazah = attachment(3, { code: "ijazah", file_name: "ijazah.png", media_type: "image/png", size: 2_621_440 });
      const calls = mockScans({ stored: [ktp, ktpBack, ijazah] });
      const user = userEvent.setup();
      render(<VerificationPanel id={7} canVerify={false} />);
      await screen.findByTestId("verification-panel");
      await waitFor(() => expect(scansOf("ktp")).toHaveLength(2));
      expect(sent(calls, "list_scans")).toEqual([{ applicantId: 7 }]);

      const [first, second] = scansOf("ktp");
      expect(first).toHaveTextContent("ktp-siti.pdf");
      expect(within(first!).getByTestId("scan-meta")).toHaveTextContent(/^PDF · 240 KB · 24 November 2026 \d\d\.\d\d$/);
      expect(within(second!).getByTestId("scan-meta")).toHaveTextContent(/^JPG · 1 KB · /);
      expect(scansOf("ijazah")).toHaveLength(1);
      expect(within(scansOf("ijazah")[0]!).getByTestId("scan-meta")).toHaveTextContent(/^PNG · 2,5 MB · /);
      expect(scansOf("surat_sehat")).toEqual([]);
      // Looking is for every role; attaching is not offered here.
      expect(screen.queryByRole("button", { name: "Lampirkan pindaian…" })).not.toBeInTheDocument();

      await user.click(within(second!).getByRole("button", { name: "Lihat" }));
      const image = await screen.findByTestId("scan-preview");
      expect(image).toHaveAttribute("src", "data:image/jpeg;base64,AAAA");
      expect(sent(calls, "open_scan")).toEqual([]);
      await user.keyboard("{Escape}");
      await user.click(within(first!).getByRole("button", { name: "Lihat" }));
      expect(sent(calls, "scan_image")).toEqual([{ sha256: ktpBack.sha256 }, { sha256: ktp.sha256 }]);
      expect(sent(calls, "open_scan")).toEqual([{ sha256: ktp.sha256 }]);
    });

    it("attaches a scan to a document, does nothing when cancelled, and shows the list the core now holds", async () => {
      let answer: Attachment | null = null;
      const calls = mockScans({ stored: [], attach: () => answer });
      const user = userEvent.setup();
      render(<VerificationPanel id={7} canVerify canAttach />);
      await screen.findByTestId("verification-panel");
      await waitFor(() => expect(sent(calls, "list_scans")).toHaveLength(1));

      const button = document.getElementById("scan-ktp")!;
      expect(button).toHaveTextContent("Lampirkan pindaian…");
      expect(button).toHaveAccessibleDescription("Fotokopi KTP-el");
      // One button per document shown.
      expect(screen.getAllByRole("button", { name: "Lampirkan pindaian…" })).toHaveLength(5);

      // Cancelled in the file dialog: nothing changes.
      await user.click(button);
      await waitFor(() => expect(sent(calls, "attach_scan")).toEqual([{ applicantId: 7, code: "ktp" }]));
      expect(sent(calls, "list_scans")).toHaveLength(1);
      expect(scansOf("ktp")).toEqual([]);

      answer = attachment(5, { file_name: "ktp-siti.pdf" });
      await user.click(button);
      await waitFor(() => expect(scansOf("ktp")).toHaveLength(1));
      expect(sent(calls, "attach_scan")).toEqual([
        { applicantId: 7, code: "ktp" },
        { applicantId: 7, code: "ktp" },
      ]);
      expect(sent(calls, "list_scans")).toHaveLength(2);
      expect(scansOf("ktp")[0]).toHaveTextContent("ktp-siti.pdf");
      expect(screen.getByRole("status")).toHaveTextContent("Pindaian “ktp-siti.pdf” dilampirkan pada Fotokopi KTP-el.");
    });

    it("shows the core's refusal of a scan by its document, and of opening one", async () => {
      const stored = [attachment(1, { code: "ijazah", file_name: "ijazah.pdf" })];
      mockScans({
        stored,
        attach: () => {
          throw { code: "validation", message: "Pindaian harus berupa PDF, JPG, atau PNG.", field: "berkas" };
        },
        open: () => {
          throw { code: "integrity", message: "Pindaian ijazah.pdf rusak atau telah diubah.", field: null };
        },
      });
      const user = userEvent.setup();
      render(<VerificationPanel id={7} canVerify canAttach />);
      await screen.findByTestId("verification-panel");
      await user.click(document.getElementById("scan-ktp")!);
      const alert = await screen.findByRole("alert");
      expect(alert).toHaveTextContent("Pindaian harus berupa PDF, JPG, atau PNG.");
      expect(alert.id).toBe("scan-ktp-error");

      await waitFor(() => expect(scansOf("ijazah")).toHaveLength(1));
      await user.click(within(scansOf("ijazah")[0]!).getByRole("button", { name: "Lihat" }));
      expect(await screen.findByText("Pindaian ijazah.pdf rusak atau telah diubah.")).toHaveAttribute("id", "scan-ijazah-error");
    });
  });
});
