import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { ApplicantListRow } from "../bindings/ApplicantListRow";
import type { ApplicantQuery } from "../bindings/ApplicantQuery";
import type { HomeView } from "../bindings/HomeView";
import {
  applicantDetail,
  applicantRow,
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
  home?: HomeView;
  /** The work queue: answers next_unchecked. */
  next?: (after: number | null) => number | null;
  /** Rows list_applicants finds for a text. */
  find?: (q: ApplicantQuery) => ApplicantListRow[];
}

const number = (id: number) => `PPK-3514-${String(id).padStart(4, "0")}`;

function mockCore({ home = homeWithRounds(), next = () => null, find = () => [] }: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "home") return home;
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
  it("shows the progress per unit with a totals row, for the round in penelitian administrasi", async () => {
    const home = homeWithRounds();
    home.rounds = [round(1, "PPK"), { ...round(2, "PPS"), current_stage: "administrasi", current_stage_label: "Penelitian administrasi" }];
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
});
