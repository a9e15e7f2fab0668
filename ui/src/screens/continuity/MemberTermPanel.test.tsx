import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { MemberTerm } from "../../bindings/MemberTerm";
import { atStage, operator, pimpinan, round } from "../../test/fixtures";
import { member } from "./fixtures";
import { MemberTermPanel } from "./MemberTermPanel";
import { PersonHistoryView } from "./PersonHistoryView";
import { RecordedServiceList } from "./RecordedServiceList";

type Call = { cmd: string; args: Record<string, unknown> };

function mockCore() {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "round_members") return [member(11, "Ani"), member(12, "Budi", 80)];
    if (cmd === "member_term") return { member: member(11, "Ani"), reports: [], evaluation: null } satisfies MemberTerm;
    if (cmd === "record_member_report") return { member: { ...member(11, "Ani"), reports: 1 }, reports: [], evaluation: null };
    if (cmd === "evaluate_member") {
      const m = member(11, "Ani", 90);
      return { member: m, reports: [], evaluation: m.evaluation };
    }
    if (cmd === "person_history")
      return {
        nik: "3514011208900011",
        full_name: "Ani",
        entries: [
          {
            round_id: 1,
            round_name: "PPK Pemilu 2024",
            election: "Pemilu 2024",
            body: "PPK",
            unit_label: "Kecamatan Purwodadi",
            role: "Pendaftar (PPK-0011)",
            outcome: "Terpilih (peringkat 1)",
            left: null,
            decision: null,
            reports: 3,
            evaluation: null,
          },
        ],
      };
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const inTerm = () => atStage(round(1, "PPK"), "masa_kerja");

describe("MemberTermPanel", () => {
  it("lets the help desk record a monthly report and the Pimpinan the end-of-term evaluation", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    const { unmount } = render(<MemberTermPanel session={operator} round={inTerm()} />);
    const rows = await screen.findAllByTestId("term-row");
    expect(rows[1]).toHaveTextContent("80 (Baik)");
    expect(screen.queryByRole("button", { name: "Evaluasi akhir…" })).not.toBeInTheDocument();
    await user.click(within(rows[0]!).getByRole("button", { name: "Laporan bulanan…" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Bulan (tahun-bulan)"), "2024-03");
    await user.type(within(dialog).getByLabelText("Ringkasan kegiatan dan penilaian"), "Mengikuti bimtek");
    await user.click(within(dialog).getByRole("button", { name: "Simpan laporan" }));
    await waitFor(() => expect(screen.getByTestId("term-message")).toHaveTextContent("Laporan bulan 2024-03"));
    expect(calls.find((c) => c.cmd === "record_member_report")!.args).toEqual({
      roundId: 1,
      input: { member: { applicant_id: 11, holder_id: null }, month: "2024-03", summary: "Mengikuti bimtek", assessment: null },
    });
    expect(within(screen.getAllByTestId("term-row")[0]!).getAllByRole("cell")[2]).toHaveTextContent("1");
    unmount();

    render(<MemberTermPanel session={pimpinan} round={inTerm()} />);
    const again = await screen.findAllByTestId("term-row");
    expect(within(again[0]!).queryByRole("button", { name: "Laporan bulanan…" })).not.toBeInTheDocument();
    await user.click(within(again[0]!).getByRole("button", { name: "Evaluasi akhir…" }));
    const evalDialog = await screen.findByRole("dialog");
    await user.type(within(evalDialog).getByLabelText("Nilai (0–100)"), "90");
    await user.type(within(evalDialog).getByLabelText("Catatan evaluasi"), "Sangat disiplin");
    await user.click(within(evalDialog).getByRole("button", { name: "Simpan evaluasi" }));
    await waitFor(() => expect(screen.getByTestId("term-message")).toHaveTextContent("90 (Baik)"));
    expect(calls.find((c) => c.cmd === "evaluate_member")!.args).toEqual({
      roundId: 1,
      member: { applicant_id: 11, holder_id: null },
      evaluation: { score: 90, grade: null, notes: "Sangat disiplin" },
    });
  });

  it("offers no recording outside the term", async () => {
    mockCore();
    render(<MemberTermPanel session={pimpinan} round={atStage(round(1, "PPK"), "penetapan")} />);
    await screen.findAllByTestId("term-row");
    expect(screen.queryByRole("button", { name: "Evaluasi akhir…" })).not.toBeInTheDocument();
    expect(screen.getByText(/dicatat pada masa kerja/)).toBeInTheDocument();
  });
});

describe("continuity views", () => {
  it("shows a person's history and the service recorded here", async () => {
    const calls = mockCore();
    render(<PersonHistoryView nik="3514011208900011" />);
    const row = await screen.findByTestId("history-row");
    expect(row).toHaveTextContent("Terpilih (peringkat 1)");
    expect(row).toHaveTextContent("3 laporan bulanan");
    expect(calls).toEqual([{ cmd: "person_history", args: { nik: "3514011208900011" } }]);

    const { container } = render(<RecordedServiceList items={[]} />);
    expect(container).toBeEmptyDOMElement();
    render(
      <RecordedServiceList
        items={[
          {
            round_id: 1,
            round_name: "PPK Pemilu 2024",
            election: "Pemilu 2024",
            body: "PPK",
            unit_label: "Kecamatan Purwodadi",
            how: "Hasil seleksi",
          },
        ]}
      />,
    );
    expect(screen.getByTestId("recorded-service")).toHaveTextContent("PPK · PPK Pemilu 2024 (Pemilu 2024)");
  });
});
