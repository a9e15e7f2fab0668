import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { ApplicantDetail } from "../bindings/ApplicantDetail";
import { applicantDetail, regions, registrationCheck } from "../test/fixtures";
import { ApplicantDetailDialog } from "./ApplicantDetailDialog";

function mockCore(first: ApplicantDetail, withdraw: (reason: string) => unknown = () => null) {
  const calls: { cmd: string; args: unknown }[] = [];
  let current = first;
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "applicant_detail") return current;
    if (cmd === "withdraw_applicant") {
      const reason = (args as { reason: string }).reason;
      const out = withdraw(reason);
      current = {
        ...current,
        status: "mundur",
        standing: { standing: "mundur", label: "Mundur", lines: [] },
        withdrawn_at: "2026-11-24T09:30:00Z",
        withdrawn_reason: reason,
      };
      return out;
    }
    if (cmd === "receive_files") {
      current = { ...current, files_received_at: "2026-12-03T10:00:00Z" };
      return { applicant_id: 7, reg_number: current.reg_number, full_name: "x", received_at: "03-12-2026 17:00" };
    }
    if (cmd === "cancel_file_receipt") {
      current = { ...current, files_received_at: null };
      return null;
    }
    if (cmd === "save_receipt") return null;
    if (cmd === "export_participant_cards") return { path: "/data/kartu-peserta-PPK-3514-T0007.pdf", not_opened: null };
    if (cmd === "print_receipt") {
      return { path: "/data/cetak/tanda-terima.pdf", not_opened: "Tidak ada aplikasi untuk membuka berkas ini di komputer ini." };
    }
    return null;
  });
  return calls;
}

function renderDetail(props: Partial<React.ComponentProps<typeof ApplicantDetailDialog>> = {}) {
  const handlers = { onClose: vi.fn(), onEdit: vi.fn(), onChanged: vi.fn() };
  render(<ApplicantDetailDialog id={7} regions={regions()} canRegister {...handlers} {...props} />);
  return handlers;
}

describe("ApplicantDetailDialog", () => {
  it("receives the paper file of an online registration, and undoes it", async () => {
    const calls = mockCore(applicantDetail({ online: true, files_received_at: null }));
    const { onChanged } = renderDetail();
    const files = await screen.findByTestId("detail-files");
    expect(files).toHaveTextContent("Daring (SIAKBA); berkas fisik belum diterima");
    const user = userEvent.setup();
    await user.click(within(files).getByRole("button", { name: "Terima berkas" }));
    await waitFor(() => expect(screen.getByTestId("detail-files")).toHaveTextContent("berkas fisik diterima"));
    expect(calls.find((c) => c.cmd === "receive_files")?.args).toEqual({ applicantId: 7 });
    expect(onChanged).toHaveBeenCalled();
    await user.click(within(screen.getByTestId("detail-files")).getByRole("button", { name: "Batalkan penerimaan" }));
    await waitFor(() => expect(screen.getByTestId("detail-files")).toHaveTextContent("belum diterima"));
  });

  it("shows a desk registration's file as received, with nothing to do", async () => {
    mockCore(applicantDetail());
    renderDetail();
    const files = await screen.findByTestId("detail-files");
    expect(files).toHaveTextContent("Di loket; berkas fisik diterima");
    expect(within(files).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows the application in full: data, service, documents, rules and NIK warnings", async () => {
    mockCore(
      applicantDetail({
        stored_nik_warnings: ["Tanggal lahir menurut NIK 12-08-1990, tetapi diisi 13-08-1990."],
        nik_warnings_acknowledged: false,
        check: registrationCheck({
          documents: [
            { code: "ktp", name: "Fotokopi KTP-el", required: true, received: true, contents: [] },
            { code: "surat_sehat", name: "Surat keterangan sehat", required: true, received: false, contents: [] },
          ],
        }),
      }),
    );
    renderDetail();
    const detail = await screen.findByTestId("applicant-detail");
    expect(screen.getByRole("dialog", { name: "Pendaftar PPK-3514-0007" })).toBeInTheDocument();
    expect(screen.getByTestId("detail-status")).toHaveTextContent("Terdaftar");
    expect(detail).toHaveTextContent("Wilayah tugas: Kecamatan Purwodadi");
    expect(detail).toHaveTextContent("Desa Gerbo, Kecamatan Purwodadi");
    expect(detail).toHaveTextContent("KPPS · Pemilu 2019 (2019)");
    expect(detail).toHaveTextContent("Tidak pernah menjadi anggota partai politik");
    expect(detail).toHaveTextContent("Sarjana (S1/D4)");
    expect(detail).toHaveTextContent("oleh Operator Uji");
    expect(screen.getAllByTestId("detail-document").map((d) => d.textContent)).toEqual([
      "✓ Fotokopi KTP-el: diterima",
      "✗ Surat keterangan sehat: belum diterima",
    ]);
    expect(screen.getAllByTestId("rule")).toHaveLength(6);
    expect(detail).toHaveTextContent("Tanggal lahir menurut NIK 12-08-1990");
    expect(screen.getByTestId("nik-ack")).toHaveTextContent("Belum diperiksa");
  });

  it("says where the applicant stands and each closed stage's result", async () => {
    mockCore(
      applicantDetail({
        standing: {
          standing: "cadangan",
          label: "Cadangan",
          lines: [
            ["Penelitian administrasi", "MS (memenuhi syarat)"],
            ["Tes tertulis", "78,50 – Lulus"],
            ["Hasil akhir", "Cadangan, urutan ke-6"],
          ],
        },
      }),
    );
    renderDetail();
    expect(await screen.findByTestId("detail-status")).toHaveTextContent("Cadangan");
    const results = screen.getByTestId("detail-results");
    expect(within(results).getAllByRole("definition").map((d) => d.textContent)).toEqual([
      "MS (memenuhi syarat)",
      "78,50 – Lulus",
      "Cadangan, urutan ke-6",
    ]);
  });

  it("withdraws only with a reason, sends it and shows the withdrawal", async () => {
    const calls = mockCore(applicantDetail());
    const user = userEvent.setup();
    const { onChanged } = renderDetail();
    await user.click(await screen.findByRole("button", { name: "Tarik pendaftaran (mundur)…" }));
    const reason = screen.getByLabelText("Alasan mundur");
    await waitFor(() => expect(reason).toHaveFocus());

    await user.type(reason, "sak");
    await user.click(screen.getByRole("button", { name: "Tarik pendaftaran" }));
    expect(await screen.findByText(/paling sedikit 5 karakter\)/)).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "withdraw_applicant")).toHaveLength(0);

    await user.clear(reason);
    await user.type(reason, "Diterima bekerja di luar kota");
    await user.click(screen.getByRole("button", { name: "Tarik pendaftaran" }));
    await waitFor(() => expect(screen.getByTestId("detail-status")).toHaveTextContent("Mundur"));
    expect(calls.find((c) => c.cmd === "withdraw_applicant")?.args).toEqual({ id: 7, reason: "Diterima bekerja di luar kota" });
    expect(screen.getByTestId("withdrawn")).toHaveTextContent("Alasan: Diterima bekerja di luar kota");
    expect(onChanged).toHaveBeenCalled();
    // A withdrawn application cannot be changed, withdrawn again or get a receipt.
    expect(screen.queryByRole("button", { name: "Ubah data" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Tarik pendaftaran (mundur)…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cetak tanda terima" })).not.toBeInTheDocument();
  });

  it("shows the core's refusal of a withdrawal", async () => {
    mockCore(applicantDetail(), () => {
      throw { code: "validation", message: "Pendaftaran PPK-3514-0007 sudah ditarik sebelumnya.", field: "status" };
    });
    const user = userEvent.setup();
    renderDetail();
    await user.click(await screen.findByRole("button", { name: "Tarik pendaftaran (mundur)…" }));
    await user.type(screen.getByLabelText("Alasan mundur"), "Pindah domisili");
    await user.click(screen.getByRole("button", { name: "Tarik pendaftaran" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("sudah ditarik sebelumnya");
  });

  it("prints the receipt, opens the edit form, and offers nothing to other roles", async () => {
    const calls = mockCore(applicantDetail());
    const user = userEvent.setup();
    const { onEdit } = renderDetail();
    await user.click(await screen.findByRole("button", { name: "Simpan PDF…" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "save_receipt")?.args).toEqual({ id: 7 }));
    // Cancelled: nothing to say.
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    // Printed, but no viewer could be started: where the file is and what to do.
    await user.click(screen.getByRole("button", { name: "Cetak tanda terima" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Tanda terima disimpan di /data/cetak/tanda-terima.pdf. Tidak ada aplikasi untuk membuka",
    );
    await user.click(screen.getByRole("button", { name: "Ubah data" }));
    expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ id: 7, reg_number: "PPK-3514-0007" }));
  });

  it("offers no actions to roles that do not register", async () => {
    mockCore(applicantDetail());
    renderDetail({ canRegister: false });
    await screen.findByTestId("applicant-detail");
    expect(screen.queryByRole("button", { name: "Ubah data" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Tarik pendaftaran (mundur)…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cetak tanda terima" })).not.toBeInTheDocument();
  });

  it("prints a participant's card, one to a page, once the number is given", async () => {
    const calls = mockCore(applicantDetail({ participant_number: "PPK-3514-T0007" }));
    const user = userEvent.setup();
    renderDetail({ canRegister: false });
    expect(await screen.findByTestId("participant-number")).toHaveTextContent("PPK-3514-T0007");
    await user.click(screen.getByRole("button", { name: "Kartu peserta" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Kartu peserta disimpan di /data/kartu-peserta-PPK-3514-T0007.pdf.",
    );
    expect(calls.find((c) => c.cmd === "export_participant_cards")?.args).toEqual({
      roundId: 1,
      filter: { applicant_id: 7, number: null, unit: null, session_id: null, venue_id: null },
      onePerPage: true,
    });
  });

  it("uploads a photo for the participant's card", async () => {
    const calls = mockCore(applicantDetail({ participant_number: "PPK-3514-T0007" }));
    const user = userEvent.setup();
    renderDetail();
    await screen.findByTestId("participant-number");
    await user.click(screen.getByRole("button", { name: "Unggah foto kartu…" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "upload_participant_photo")).toBe(true));
    expect(calls.find((c) => c.cmd === "upload_participant_photo")?.args).toEqual({ applicantId: 7 });
  });

  it("offers no participant card before the number is given", async () => {
    mockCore(applicantDetail());
    renderDetail();
    await screen.findByTestId("applicant-detail");
    expect(screen.queryByRole("button", { name: "Kartu peserta" })).not.toBeInTheDocument();
  });
});
