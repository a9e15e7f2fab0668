import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { VerificationView } from "../bindings/VerificationView";
import { documentRows, verificationView } from "../test/fixtures";
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
      "doc-ktp-tidak_sesuai",
      "doc-ktp-tidak_ada",
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
    first.focus();
    // Down onto "Tidak sesuai" (waits for a reason), down again onto "Tidak ada" (saved).
    await user.keyboard("{ArrowDown}");
    expect(document.getElementById("doc-ktp-tidak_sesuai")).toBeChecked();
    expect(sent(calls, "record_document_check")).toEqual([]);
    await user.keyboard("{ArrowDown}");
    await waitFor(() =>
      expect(sent(calls, "record_document_check")).toEqual([{ applicantId: 7, code: "ktp", verdict: "tidak_ada", reason: "" }]),
    );
    await waitFor(() => expect(document.getElementById("doc-ktp-tidak_ada")).toBeChecked());
    expect(document.getElementById("doc-ktp-tidak_ada")).toHaveFocus();
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
    expect(calls.map((c) => c.cmd)).toEqual(["verification_view"]);
  });
});
