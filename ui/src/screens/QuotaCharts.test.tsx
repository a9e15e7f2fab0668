// The quota screen's charts and the women's share per stage: what the
// charts are given (labels, values, colours) and the table beside them.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import { chartData } from "../test/chartMock";
import { round } from "../test/fixtures";
import { ppkWithWomen, ppsDashboard, share } from "../test/fixtures_quota";
import { QuotaPanel } from "./QuotaPanel";
import { COLOR } from "./quotaCharts";

vi.mock("react-chartjs-2", () => import("../test/chartMock"));

function serve(d: QuotaDashboard) {
  mockIPC((cmd) => (cmd === "quota_dashboard" ? d : null));
}

const stageRow = (stage: string) => screen.getByTestId(`women-stage-${stage}`);

describe("QuotaPanel charts", () => {
  it("draws the applicants of each kecamatan beside the core's 2× quota, those under it in the warning colour", async () => {
    serve(ppkWithWomen());
    render(<QuotaPanel round={round(1, "PPK")} />);
    const figure = await screen.findByTestId("chart-pendaftar-kuota");
    const data = chartData(figure);
    expect(data.labels).toEqual(["Purwodadi", "Tutur", "Puspo"]);
    expect(data.datasets[0]?.data).toEqual([30, 8, 6]);
    expect(data.datasets[0]?.backgroundColor).toEqual([COLOR.bar, COLOR.warn, COLOR.warn]);
    expect(data.datasets[1]?.label).toBe("Batas perpanjangan (2× kuota)");
    expect(data.datasets[1]?.data).toEqual([10, 10, 10]);
    // The text alternative names the kecamatan under the target.
    expect(within(figure).getByRole("img")).toHaveAccessibleName(
      /2 kecamatan di bawah batas \(Tutur 8 dari 10; Puspo 6 dari 10\)/,
    );
  });

  it("shows the women's share at the latest stage reached, under 30% in the warning colour, with the 30% line", async () => {
    serve(ppkWithWomen());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    const figure = await screen.findByTestId("chart-perempuan");
    let data = chartData(figure);
    expect(screen.getByRole("combobox", { name: "Grafik per kecamatan pada tahap" })).toHaveValue("daftar_akhir");
    // Puspo has no final list: no bar, not 0%.
    expect(data.datasets[0]?.data).toEqual([40, 12, null]);
    expect(data.datasets[0]?.backgroundColor).toEqual([COLOR.bar, COLOR.warn, COLOR.bar]);
    expect(data.datasets[1]).toMatchObject({ type: "line", data: [30, 30, 30] });
    expect(within(figure).getByRole("img")).toHaveAccessibleName(/1 kecamatan di bawah 30% \(Tutur 1 dari 8 \(12%\)\)/);

    // Only the stages the round reached can be picked.
    const picker = screen.getByRole("combobox", { name: "Grafik per kecamatan pada tahap" });
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Pendaftar",
      "MS",
      "Lulus tes tertulis",
      "Daftar akhir",
    ]);
    await user.selectOptions(picker, "pendaftar");
    data = chartData(screen.getByTestId("chart-perempuan"));
    expect(data.datasets[0]?.data).toEqual([40, 25, 50]);
    expect(data.datasets[0]?.backgroundColor).toEqual([COLOR.bar, COLOR.warn, COLOR.bar]);
  });

  it("tables the share at every stage for the kabupaten and the chosen kecamatan, marking under 30% in words", async () => {
    serve(ppkWithWomen());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findByTestId("women-section");
    expect(screen.getByTestId("women-low-stages")).toHaveTextContent(
      "Perempuan di bawah 30% pada tahap Lulus tes tertulis, Daftar akhir",
    );
    const cells = (stage: string) =>
      within(stageRow(stage))
        .getAllByRole("cell")
        .map((c) => c.textContent);
    // Kabupaten, then Purwodadi (the first kecamatan).
    expect(cells("pendaftar")).toEqual(["17 dari 44 (38%)", "12 dari 30 (40%)"]);
    expect(cells("lulus_tertulis")).toEqual(["⚠ 4 dari 14 (28%) di bawah 30%", "3 dari 10 (30%)"]);
    expect(cells("anggota")).toEqual(["belum sampai tahap ini", "belum sampai tahap ini"]);

    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah" }), "35.14.03");
    expect(cells("lulus_tertulis")).toEqual(["⚠ 4 dari 14 (28%) di bawah 30%", "belum ada"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah" }), "35.14.02");
    expect(within(stageRow("pendaftar")).getAllByTestId("women-low")).toHaveLength(1);
    expect(cells("pendaftar")[1]).toBe("⚠ 2 dari 8 (25%) di bawah 30%");
  });

  it("charts a PPS round per kecamatan from the core's subtotals, and a desa can be chosen for the table", async () => {
    const d = ppsDashboard();
    const gerbo = d.units[0]!;
    d.units[0] = { ...gerbo, women: [share("pendaftar", 1, 9)] };
    const kec = [share("pendaftar", 4, 16), share("pendaftar", 5, 14)];
    d.kecamatan = d.kecamatan.map((k, i) => ({ ...k, women: kec[i] ? [kec[i]] : [] }));
    d.total = { ...d.total, women: [share("pendaftar", 9, 30)] };
    serve(d);
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);
    const data = chartData(await screen.findByTestId("chart-perempuan"));
    expect(data.labels).toEqual(["Purwodadi", "Tutur"]);
    expect(data.datasets[0]?.data).toEqual([25, 35]);
    expect(data.datasets[0]?.backgroundColor).toEqual([COLOR.warn, COLOR.bar]);
    expect(chartData(screen.getByTestId("chart-pendaftar-kuota")).labels).toEqual(["Purwodadi", "Tutur"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Wilayah" }), "35.14.01.2001");
    expect(within(stageRow("pendaftar")).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "9 dari 30 (30%)",
      "⚠ 1 dari 9 (11%) di bawah 30%",
    ]);
  });
});
