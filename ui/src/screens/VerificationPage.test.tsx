import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { ApplicantListRow } from "../bindings/ApplicantListRow";
import type { ApplicantQuery } from "../bindings/ApplicantQuery";
import type { HomeView } from "../bindings/HomeView";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";
import {
  admin,
  applicantDetail,
  applicantRow,
  atStage,
  homeWithRounds,
  pimpinan,
  round,
  unitProgress,
  verificationView,
  verifikator,
} from "../test/fixtures";
import { VerificationPage } from "./VerificationPage";

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What home answers (asked again after a stage is closed or reopened). */
  home?: HomeView | (() => HomeView);
  /** The work queue: answers next_unchecked. */
  next?: (after: number | null) => number | null;
  /** Rows list_applicants finds for a text. */
  find?: (q: ApplicantQuery) => ApplicantListRow[];
  /** Answers close_stage (may throw a refusal). */
  closeStage?: (args: Record<string, unknown>) => StageClosed;
  /** Answers reopen_stage (may throw a refusal). */
  reopenStage?: (args: Record<string, unknown>) => null;
}

const number = (id: number) => `PPK-3514-${String(id).padStart(4, "0")}`;

function mockCore({
  home = homeWithRounds(),
  next = () => null,
  find = () => [],
  closeStage = () => {
    throw new Error("close_stage not expected");
  },
  reopenStage = () => null,
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "home") return typeof home === "function" ? home() : home;
    if (cmd === "close_stage") return closeStage(args);
    if (cmd === "reopen_stage") return reopenStage(args);
    if (cmd === "list_scans") return [];
    if (cmd === "verification_progress") return unitProgress();
    if (cmd === "next_unchecked") return next(args.after as number | null);
    if (cmd === "list_applicants") {
      const rows = find(args.query as ApplicantQuery);
      return { total: rows.length, offset: 0, rows };
    }
    if (cmd === "verification_view" || cmd === "record_document_check") {
      const id = (args.id ?? args.applicantId) as number;
      return verificationView({ applicant: applicantDetail({ id, reg_number: number(id) }) });
    }
    return null;
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe("VerificationPage", () => {
  it("shows the progress per unit with a totals row, for the round in use the core proposes", async () => {
    const home = homeWithRounds();
    home.rounds = [round(1, "PPK"), atStage(round(2, "PPS"), "administrasi")];
    home.round_in_use = 2;
    const calls = mockCore({ home });
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);

    const rows = await screen.findAllByTestId("progress-row");
    expect(screen.getByLabelText("Seleksi")).toHaveValue("2");
    expect(sent(calls, "verification_progress")).toEqual([{ roundId: 2 }]);
    const table = screen.getByRole("table", { name: "Kemajuan penelitian per wilayah tugas" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Wilayah tugas",
      "Pendaftar",
      "MS",
      "TMS",
      "Belum selesai",
    ]);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["Kecamatan Purwodadi", "30", "12", "3", "15"],
      ["Kecamatan Tutur", "8", "8", "0", "0"],
      ["Kecamatan Puspo", "1.041", "1.000", "40", "1"],
    ]);
    const total = screen.getByTestId("progress-total");
    expect(within(total).getByRole("rowheader")).toHaveTextContent("Jumlah");
    expect(within(total).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1.079", "1.020", "43", "16"]);

    // Another round: its own counts.
    await user.selectOptions(screen.getByLabelText("Seleksi"), "1");
    await waitFor(() => expect(sent(calls, "verification_progress").at(-1)).toEqual({ roundId: 1 }));
  });

  it("opens the next unchecked file after the one last opened, by button and by Alt+B, until none is left", async () => {
    const queue = [3, 5];
    const calls = mockCore({ next: () => queue.shift() ?? null });
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);
    await screen.findAllByTestId("progress-row");

    await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
    expect(await screen.findByTestId("verify-number")).toHaveTextContent("PPK-3514-0003");
    expect(sent(calls, "next_unchecked")).toEqual([{ roundId: 1, after: null }]);
    expect(sent(calls, "verification_view")).toEqual([{ id: 3 }]);

    await user.keyboard("{Alt>}b{/Alt}");
    await waitFor(() => expect(screen.getByTestId("verify-number")).toHaveTextContent("PPK-3514-0005"));
    expect(sent(calls, "next_unchecked").at(-1)).toEqual({ roundId: 1, after: 3 });

    await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
    expect(await screen.findByTestId("verify-message")).toHaveTextContent("Semua berkas sudah diperiksa.");
    expect(sent(calls, "next_unchecked").at(-1)).toEqual({ roundId: 1, after: 5 });
    // The file on screen stays.
    expect(screen.getByTestId("verify-number")).toHaveTextContent("PPK-3514-0005");
  });

  it("opens a file by its registration number, then goes on from it", async () => {
    const calls = mockCore({
      find: (q) => (q.text.toUpperCase() === "PPK-3514-0007" ? [applicantRow(7)] : []),
      next: (after) => (after === null ? 1 : after + 1),
    });
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);
    await screen.findAllByTestId("progress-row");

    const box = screen.getByRole("searchbox", { name: "Nomor pendaftaran" });
    expect(box.id).toBe("verify-open-number");
    await user.type(box, "ppk-3514-0099{Enter}");
    expect(await screen.findByTestId("verify-message")).toHaveTextContent(
      "Tidak ada pendaftar dengan nomor “ppk-3514-0099” pada seleksi ini.",
    );
    expect(screen.queryByTestId("verification-panel")).not.toBeInTheDocument();

    await user.clear(box);
    await user.type(box, "ppk-3514-0007{Enter}");
    expect(await screen.findByTestId("verify-number")).toHaveTextContent("PPK-3514-0007");
    expect(sent(calls, "list_applicants").at(-1)).toEqual({
      query: { round_id: 1, text: "ppk-3514-0007", unit: "", status: "", order: "nomor", offset: 0, limit: 10 },
    });
    expect(screen.queryByTestId("verify-message")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
    await waitFor(() => expect(screen.getByTestId("verify-number")).toHaveTextContent("PPK-3514-0008"));
    expect(sent(calls, "next_unchecked")).toEqual([{ roundId: 1, after: 7 }]);
  });

  it("asks for the full number when several applicants match", async () => {
    mockCore({ find: () => [applicantRow(12), applicantRow(120), applicantRow(121)] });
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);
    await screen.findAllByTestId("progress-row");
    await user.type(screen.getByRole("searchbox", { name: "Nomor pendaftaran" }), "12{Enter}");
    expect(await screen.findByTestId("verify-message")).toHaveTextContent("Ada 3 pendaftar yang cocok dengan “12”");
    expect(screen.queryByTestId("verification-panel")).not.toBeInTheDocument();
  });

  it("counts again after a verdict is saved", async () => {
    const calls = mockCore({ next: () => 4 });
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);
    await screen.findAllByTestId("progress-row");
    await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
    await user.click(await screen.findByLabelText("Ada dan sesuai", { selector: "#doc-ktp-sesuai" }));
    await waitFor(() => expect(sent(calls, "record_document_check")).toHaveLength(1));
    await waitFor(() => expect(sent(calls, "verification_progress")).toHaveLength(2));
  });

  it("lets a pimpinan look but not change: no radios", async () => {
    mockCore({ next: () => 9 });
    const user = userEvent.setup();
    render(<VerificationPage session={pimpinan} />);
    await screen.findAllByTestId("progress-row");
    expect(screen.getByText(/hasil penelitian diisi oleh verifikator/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
    expect(await screen.findByTestId("verify-number")).toHaveTextContent("PPK-3514-0009");
    expect(screen.queryAllByRole("radio")).toEqual([]);
    expect(screen.queryByRole("button", { name: "Ubah keputusan…" })).not.toBeInTheDocument();
    expect(screen.getByTestId("final-verdict")).toHaveTextContent("Belum selesai");
  });

  describe("closing and reopening the administrative stage", () => {
    /** Home with one PPK round at `stage` (read each time home is asked). */
    function oneRound(stage: () => Stage) {
      return () => ({ ...homeWithRounds(), rounds: [atStage(round(1, "PPK"), stage())] });
    }

    it("lets a pimpinan close penelitian administrasi, then shows the results frozen and the new stage", async () => {
      let stage: Stage = "administrasi";
      const calls = mockCore({
        home: oneRound(() => stage),
        closeStage: () => {
          stage = "tertulis";
          return { closed: "administrasi", current: "tertulis", backup: "seleksi-adhoc-20261123-080000-tutup-administrasi.db", backup_failed: false, applicants: 1079 };
        },
      });
      const user = userEvent.setup();
      render(<VerificationPage session={pimpinan} />);
      await screen.findAllByTestId("progress-row");
      expect(screen.getByTestId("verify-stage")).toHaveTextContent("Tahapan: Penelitian administrasi");
      expect(screen.queryByTestId("stage-frozen")).not.toBeInTheDocument();

      const close = screen.getByRole("button", { name: "Tutup penelitian administrasi…" });
      expect(close.id).toBe("stage-close");
      await user.click(close);
      const dialog = screen.getByRole("dialog", { name: "Tutup penelitian administrasi" });
      expect(dialog).toHaveTextContent("dibekukan");
      expect(dialog).toHaveTextContent("Hanya Administrator yang dapat membukanya kembali");
      // Nothing is sent before the confirmation.
      expect(sent(calls, "close_stage")).toEqual([]);
      await user.click(within(dialog).getByRole("button", { name: "Ya, tutup penelitian administrasi" }));

      expect(await screen.findByTestId("verify-message")).toHaveTextContent(
        "Penelitian administrasi ditutup. 1.079 pendaftar; tahap sekarang: Tes tertulis.",
      );
      expect(sent(calls, "close_stage")).toEqual([{ roundId: 1, stage: "administrasi" }]);
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId("verify-stage")).toHaveTextContent("Tahapan: Tes tertulis"));
      expect(sent(calls, "home")).toHaveLength(2);
      expect(screen.getByTestId("stage-frozen")).toHaveTextContent("Hasil penelitian administrasi sudah dibekukan.");
      expect(document.getElementById("stage-close")).toBeNull();
      // Reopening is for an Administrator only.
      expect(document.getElementById("stage-reopen")).toBeNull();
    });

    it("offers a pimpinan to close pendaftaran while registration is in progress, and nothing in a later stage", async () => {
      let stage: Stage = "pendaftaran";
      const home = () => ({
        ...homeWithRounds(),
        rounds: [atStage(round(1, "PPK"), stage), atStage(round(2, "PPS"), "wawancara")],
      });
      const calls = mockCore({
        home,
        closeStage: () => {
          stage = "administrasi";
          return { closed: "pendaftaran", current: "administrasi", backup: "x.db", backup_failed: false, applicants: 0 };
        },
      });
      const user = userEvent.setup();
      render(<VerificationPage session={pimpinan} />);
      await screen.findAllByTestId("progress-row");
      expect(screen.getByLabelText("Seleksi")).toHaveValue("1");

      await user.click(screen.getByRole("button", { name: "Tutup pendaftaran…" }));
      await user.click(screen.getByRole("button", { name: "Ya, tutup pendaftaran" }));
      expect(await screen.findByTestId("verify-message")).toHaveTextContent(
        "Pendaftaran ditutup; tahap sekarang: Penelitian administrasi.",
      );
      expect(sent(calls, "close_stage")).toEqual([{ roundId: 1, stage: "pendaftaran" }]);
      // Now the administrative stage is the one to close.
      expect(await screen.findByRole("button", { name: "Tutup penelitian administrasi…" })).toHaveAttribute("id", "stage-close");

      // The PPS round is past both: no close button, its results frozen.
      await user.selectOptions(screen.getByLabelText("Seleksi"), "2");
      expect(await screen.findByTestId("stage-frozen")).toBeInTheDocument();
      expect(document.getElementById("stage-close")).toBeNull();
      expect(document.getElementById("stage-reopen")).toBeNull();
    });

    it("shows the core's refusal to close in the dialog and keeps the stage", async () => {
      const calls = mockCore({
        home: oneRound(() => "administrasi"),
        closeStage: () => {
          throw {
            code: "stage",
            message: "Penelitian administrasi belum dapat ditutup: 16 pendaftar belum mendapat hasil MS atau TMS.",
            field: null,
          };
        },
      });
      const user = userEvent.setup();
      render(<VerificationPage session={pimpinan} />);
      await user.click(await screen.findByRole("button", { name: "Tutup penelitian administrasi…" }));
      await user.click(screen.getByRole("button", { name: "Ya, tutup penelitian administrasi" }));

      const dialog = screen.getByRole("dialog");
      expect(await within(dialog).findByRole("alert")).toHaveTextContent("16 pendaftar belum mendapat hasil MS atau TMS");
      expect(sent(calls, "close_stage")).toEqual([{ roundId: 1, stage: "administrasi" }]);
      expect(sent(calls, "home")).toHaveLength(1);
      expect(screen.queryByTestId("verify-message")).not.toBeInTheDocument();
      expect(screen.queryByTestId("stage-frozen")).not.toBeInTheDocument();

      await user.click(within(dialog).getByRole("button", { name: "Batal" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(document.getElementById("stage-close")).not.toBeNull();
    });

    it("lets an administrator reopen frozen results only with a reason of 10 characters or more", async () => {
      let stage: Stage = "tertulis";
      const calls = mockCore({
        home: oneRound(() => stage),
        reopenStage: () => {
          stage = "administrasi";
          return null;
        },
      });
      const user = userEvent.setup();
      render(<VerificationPage session={admin} />);
      expect(await screen.findByTestId("stage-frozen")).toHaveTextContent("Hasil penelitian administrasi sudah dibekukan.");
      expect(document.getElementById("stage-close")).toBeNull();

      const reopen = screen.getByRole("button", { name: "Buka kembali…" });
      expect(reopen.id).toBe("stage-reopen");
      await user.click(reopen);
      const dialog = screen.getByRole("dialog", { name: "Buka kembali penelitian administrasi" });
      const reason = within(dialog).getByLabelText("Alasan membuka kembali");
      expect(reason).toHaveFocus();

      // Without a reason, or a too short one, nothing goes to the core.
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(await within(dialog).findByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
      expect(reason).toHaveAttribute("aria-invalid", "true");
      await user.type(reason, "Salah   isi");
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(within(dialog).getByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
      expect(sent(calls, "reopen_stage")).toEqual([]);

      await user.clear(reason);
      await user.type(reason, "Berkas tiga pendaftar salah diteliti");
      await user.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
      expect(await screen.findByTestId("verify-message")).toHaveTextContent("Penelitian administrasi dibuka kembali");
      expect(sent(calls, "reopen_stage")).toEqual([
        { roundId: 1, stage: "administrasi", reason: "Berkas tiga pendaftar salah diteliti" },
      ]);
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      await waitFor(() => expect(screen.queryByTestId("stage-frozen")).not.toBeInTheDocument());
      expect(screen.getByTestId("verify-stage")).toHaveTextContent("Tahapan: Penelitian administrasi");
      expect(document.getElementById("stage-reopen")).toBeNull();
    });

    it("shows the core's refusal of a reopening by the reason", async () => {
      mockCore({
        home: oneRound(() => "tertulis"),
        reopenStage: () => {
          throw { code: "validation", message: "Tuliskan alasan membuka kembali tahap ini (paling sedikit 10 karakter).", field: "alasan" };
        },
      });
      const user = userEvent.setup();
      render(<VerificationPage session={admin} />);
      await user.click(await screen.findByRole("button", { name: "Buka kembali…" }));
      await user.type(screen.getByLabelText("Alasan membuka kembali"), "Alasan yang cukup panjang");
      await user.click(screen.getByRole("button", { name: "Buka kembali" }));
      const alert = await screen.findByRole("alert");
      expect(alert.id).toBe("stage-reopen-reason-error");
      expect(screen.getByRole("dialog")).toBeInTheDocument();
    });

    it.each<[string, Session, Stage]>([
      ["a verifikator in penelitian administrasi", verifikator, "administrasi"],
      ["a verifikator after it", verifikator, "tertulis"],
      ["an administrator in penelitian administrasi", admin, "administrasi"],
      ["an administrator in pendaftaran", admin, "pendaftaran"],
      ["a pimpinan after it", pimpinan, "akhir"],
    ])("offers neither closing nor reopening to %s", async (_who, session, stage) => {
      mockCore({ home: oneRound(() => stage) });
      render(<VerificationPage session={session} />);
      await screen.findAllByTestId("progress-row");
      expect(document.getElementById("stage-close")).toBeNull();
      expect(document.getElementById("stage-reopen")).toBeNull();
      expect(screen.queryByRole("button", { name: /^Tutup (pendaftaran|penelitian)/ })).not.toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Buka kembali…" })).not.toBeInTheDocument();
      // Everyone sees that frozen results are frozen.
      expect(screen.queryByTestId("stage-frozen") !== null).toBe(stage !== "administrasi" && stage !== "pendaftaran");
    });

    it("reads the stage again when the page is shown again", async () => {
      let stage: Stage = "administrasi";
      const calls = mockCore({ home: oneRound(() => stage) });
      const { rerender } = render(<VerificationPage session={verifikator} active />);
      await screen.findAllByTestId("progress-row");
      expect(screen.queryByTestId("stage-frozen")).not.toBeInTheDocument();
      rerender(<VerificationPage session={verifikator} active={false} />);
      stage = "tertulis";
      rerender(<VerificationPage session={verifikator} active />);
      expect(await screen.findByTestId("stage-frozen")).toBeInTheDocument();
      expect(sent(calls, "home")).toEqual([{ election: null }, { election: null }]);
    });

    it("shows a frozen round's file read-only, even to a verifikator: no radios, no decision, no attaching", async () => {
      mockCore({ home: oneRound(() => "tertulis"), next: () => 4 });
      const user = userEvent.setup();
      render(<VerificationPage session={verifikator} />);
      expect(await screen.findByTestId("stage-frozen")).toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
      expect(await screen.findByTestId("verify-number")).toHaveTextContent("PPK-3514-0004");
      expect(screen.queryAllByRole("radio")).toEqual([]);
      expect(screen.queryAllByRole("checkbox")).toEqual([]);
      expect(screen.queryByRole("button", { name: "Ubah keputusan…" })).not.toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Lampirkan pindaian…" })).not.toBeInTheDocument();
      expect(screen.getAllByTestId("doc-verdict")[0]).toHaveTextContent("Ada dan sesuai");
    });

    it("lets a verifikator attach scans while the stage is open", async () => {
      mockCore({ home: oneRound(() => "administrasi"), next: () => 4 });
      const user = userEvent.setup();
      render(<VerificationPage session={verifikator} />);
      await screen.findAllByTestId("progress-row");
      await user.click(screen.getByRole("button", { name: "Berkas berikutnya" }));
      await screen.findByTestId("verify-number");
      expect(document.getElementById("scan-ktp")).toHaveTextContent("Lampirkan pindaian…");
      expect(screen.getAllByRole("radio").length).toBeGreaterThan(0);
    });
  });
});
