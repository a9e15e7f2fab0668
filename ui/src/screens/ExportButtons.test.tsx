// Each page that shows a list offers "Ekspor Excel" and asks the core for
// exactly the list on screen (round, stage, unit, filters); the core builds
// and checks it.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { ListRequest } from "../bindings/ListRequest";
import {
  atStage,
  homeWithRounds,
  operator,
  pimpinan,
  regions,
  round,
  standingOptions,
  verifikator,
} from "../test/fixtures";
import { finalResults } from "../test/fixtures_scores";
import { ApplicantsPage } from "./ApplicantsPage";
import { AuditPage } from "./AuditPage";
import { PartyListSection } from "./PartyListSection";
import { QuotaPanel } from "./QuotaPanel";
import { ResultsPanel } from "./ResultsPanel";
import { VerificationPage } from "./VerificationPage";

/** A core that answers the pages' reads and records what export_list was asked. */
function mockCore() {
  const exports: { list: ListRequest; format: string }[] = [];
  let heads = 0;
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "export_list":
        exports.push(args as { list: ListRequest; format: string });
        return { rows: 3, path: "/tmp/daftar.xlsx" };
      case "home":
        return homeWithRounds();
      case "list_regions":
        return regions();
      case "standing_options":
        return standingOptions();
      case "list_applicants":
        return { total: 0, offset: 0, rows: [] };
      case "verification_progress":
        return [];
      case "selection_results":
        return finalResults();
      case "quota_dashboard":
        throw { code: "internal", message: "Rekap belum tersedia.", field: null };
      case "party_hits":
        return [];
      case "list_audit":
        return { entries: [], total: 0 };
      case "audit_head":
        heads += 1;
        return null;
      default:
        return null;
    }
  });
  return { exports, heads: () => heads };
}

describe("Ekspor Excel", () => {
  it("exports the applicants of the round chosen", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await user.selectOptions(await screen.findByLabelText("Seleksi"), "2");
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    expect(await screen.findByRole("status")).toHaveTextContent("3 baris disimpan ke /tmp/daftar.xlsx");
    expect(core.exports).toEqual([{ list: { list: "applicants", round_id: 2 }, format: "xlsx" }]);
  });

  it("exports the administrative results of the round on the verification page", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<VerificationPage session={verifikator} />);
    await user.click(await screen.findByRole("button", { name: "Ekspor hasil (Excel)" }));
    await waitFor(() => expect(core.exports).toHaveLength(1));
    expect(core.exports[0]!.list).toEqual({ list: "results", round_id: 1, stage: "administrasi", unit: null });
  });

  it("exports the final results of the unit chosen, or of every unit", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<ResultsPanel session={pimpinan} round={atStage(round(1, "PPK"), "akhir")} stage="akhir" />);
    await screen.findAllByTestId("result-row");
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    await user.selectOptions(screen.getByLabelText("Wilayah tugas"), "35.14.02");
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    await waitFor(() => expect(core.exports).toHaveLength(2));
    expect(core.exports.map((e) => e.list)).toEqual([
      { list: "results", round_id: 1, stage: "akhir", unit: null },
      { list: "results", round_id: 1, stage: "akhir", unit: "35.14.02" },
    ]);
  });

  it("exports the quota recap even while the dashboard cannot be shown", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findByText("Rekap belum tersedia.");
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    await waitFor(() => expect(core.exports).toEqual([{ list: { list: "quota", round_id: 1 }, format: "xlsx" }]));
  });

  it("exports the women's share per stage from the quota screen", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findByText("Rekap belum tersedia.");
    await user.click(screen.getByRole("button", { name: "Ekspor keterwakilan perempuan" }));
    await waitFor(() => expect(core.exports).toEqual([{ list: { list: "women", round_id: 1 }, format: "xlsx" }]));
  });

  it("exports the party-list hits", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<PartyListSection canImport={false} rounds={[]} />);
    await user.click(await screen.findByRole("button", { name: "Ekspor Excel" }));
    await waitFor(() => expect(core.exports).toEqual([{ list: { list: "party_hits" }, format: "xlsx" }]));
  });

  it("exports the audit entries the filters match, all of them, and shows the new head", async () => {
    const core = mockCore();
    const user = userEvent.setup();
    render(<AuditPage />);
    await user.type(await screen.findByLabelText("Pengguna"), "budi");
    await waitFor(() => expect(core.heads()).toBeGreaterThan(0));
    const before = core.heads();
    await user.click(screen.getByRole("button", { name: "Ekspor Excel" }));
    await screen.findByRole("status");
    expect(core.exports).toHaveLength(1);
    expect(core.exports[0]!.list).toMatchObject({
      list: "audit",
      query: { username: "budi", limit: null, offset: null },
    });
    // The export was recorded: the chain's head is read again.
    await waitFor(() => expect(core.heads()).toBe(before + 1));
  });
});
