import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaFlag } from "../bindings/QuotaFlag";
import type { QuotaRow } from "../bindings/QuotaRow";
import { round } from "../test/fixtures";
import { QuotaPanel } from "./QuotaPanel";

// --- Dashboards shaped like the core's answer ----------------------------

function unit(code: string, name: string, kecCode: string, kecName: string, patch: Partial<QuotaRow> = {}): QuotaRow {
  return {
    unit_code: code,
    unit_name: name,
    kecamatan_code: kecCode,
    kecamatan_name: kecName,
    quota: 5,
    held: 0,
    registered: 0,
    ms: 0,
    passed_written: 0,
    terpilih: 0,
    cadangan: 0,
    women_terpilih: 0,
    women_percent: null,
    extended_until: null,
    flags: [],
    ...patch,
  };
}

/** Sums rows as the core does (flags: only the women share of the sum). */
function sum(rows: QuotaRow[], base: QuotaRow): QuotaRow {
  const t = rows.reduce(
    (a, r) => ({
      ...a,
      quota: a.quota + r.quota,
      registered: a.registered + r.registered,
      ms: a.ms + r.ms,
      passed_written: a.passed_written + r.passed_written,
      terpilih: a.terpilih + r.terpilih,
      cadangan: a.cadangan + r.cadangan,
      women_terpilih: a.women_terpilih + r.women_terpilih,
    }),
    base,
  );
  const pct = t.terpilih > 0 ? Math.round((t.women_terpilih * 100) / t.terpilih) : null;
  const low = t.terpilih > 0 && t.women_terpilih * 10 < t.terpilih * 3;
  return { ...t, women_percent: pct, flags: low ? [...t.flags, "perempuan_kurang30"] : t.flags };
}

function flagged(units: QuotaRow[]): Array<[QuotaFlag, number]> {
  const order: QuotaFlag[] = [
    "perlu_perpanjangan",
    "diperpanjang",
    "perlu_perpanjangan_lagi",
    "kurang_calon",
    "seri_belum_diputuskan",
    "perempuan_kurang30",
  ];
  return order
    .map((f): [QuotaFlag, number] => [f, units.filter((u) => u.flags.includes(f)).length])
    .filter(([, n]) => n > 0);
}

const TOTAL = unit("", "Jumlah", "", "", { quota: 0 });

function ppkDashboard(): QuotaDashboard {
  const units = [
    unit("35.14.01", "Purwodadi", "35.14.01", "Purwodadi", {
      registered: 30,
      ms: 12,
      passed_written: 10,
      terpilih: 5,
      cadangan: 5,
      women_terpilih: 2,
      women_percent: 40,
    }),
    unit("35.14.02", "Tutur", "35.14.02", "Tutur", {
      registered: 8,
      ms: 4,
      passed_written: 4,
      terpilih: 4,
      women_terpilih: 1,
      women_percent: 25,
      extended_until: "2026-11-25",
      flags: ["diperpanjang", "kurang_calon", "perempuan_kurang30"],
    }),
    unit("35.14.03", "Puspo", "35.14.03", "Puspo", {
      registered: 6,
      ms: 6,
      flags: ["perlu_perpanjangan", "seri_belum_diputuskan"],
    }),
  ];
  return {
    round_id: 1,
    round_name: "Pemilu 2024 – PPK",
    body: "PPK",
    current_stage: "akhir",
    units,
    kecamatan: [],
    total: sum(units, TOTAL),
    flagged: flagged(units),
  };
}

function ppsDashboard(): QuotaDashboard {
  const purwodadi = [
    unit("35.14.01.2001", "Gerbo", "35.14.01", "Purwodadi", { quota: 3, registered: 9, ms: 7, terpilih: 3 }),
    unit("35.14.01.2002", "Parerejo", "35.14.01", "Purwodadi", {
      quota: 3,
      registered: 7,
      ms: 6,
      terpilih: 3,
      women_terpilih: 2,
      women_percent: 67,
    }),
  ];
  // Gerbo has no woman among three Terpilih.
  purwodadi[0] = { ...purwodadi[0]!, women_percent: 0, flags: ["perempuan_kurang30"] };
  const tutur = [
    unit("35.14.02.2001", "Blarang", "35.14.02", "Tutur", {
      quota: 3,
      registered: 2,
      extended_until: "2026-11-20",
      flags: ["perlu_perpanjangan_lagi"],
    }),
    unit("35.14.02.1001", "Tutur", "35.14.02", "Tutur", { quota: 3, registered: 12, ms: 10 }),
  ];
  const kec = (code: string, name: string, desa: QuotaRow[]) => {
    const own = [...new Set(desa.flatMap((d) => d.flags).filter((f) => f !== "perempuan_kurang30"))];
    return sum(desa, unit(code, name, code, name, { quota: 0, flags: own }));
  };
  const units = [...purwodadi, ...tutur];
  return {
    round_id: 2,
    round_name: "Pemilu 2024 – PPS",
    body: "PPS",
    current_stage: "akhir",
    units,
    kecamatan: [kec("35.14.01", "Purwodadi", purwodadi), kec("35.14.02", "Tutur", tutur)],
    total: sum(units, TOTAL),
    flagged: flagged(units),
  };
}

/** A national-size PPS round: `kecamatan` kecamatan of `desa` desa each. */
function bigPps(kecamatan: number, desa: number): QuotaDashboard {
  const units: QuotaRow[] = [];
  const kec: QuotaRow[] = [];
  for (let k = 1; k <= kecamatan; k++) {
    const kc = `11.01.${String(k).padStart(3, "0")}`;
    const kn = `Kecamatan ${k}`;
    for (let d = 1; d <= desa; d++) {
      units.push(unit(`${kc}.${2000 + d}`, `Desa ${k}-${d}`, kc, kn, { quota: 3 }));
    }
    kec.push(unit(kc, kn, kc, kn, { quota: 3 * desa }));
  }
  return {
    round_id: 3,
    round_name: "Pilkada – PPS",
    body: "PPS",
    current_stage: "pendaftaran",
    units,
    kecamatan: kec,
    total: { ...TOTAL, quota: 3 * units.length },
    flagged: [],
  };
}

function serve(d: QuotaDashboard, calls: unknown[] = []) {
  mockIPC((cmd, args) => {
    if (cmd === "quota_dashboard") {
      calls.push(args);
      return d;
    }
    return null;
  });
}

const rowOf = (name: string, testId = "unit-row") => {
  const row = screen.getAllByTestId(testId).find((r) => within(r).queryByRole("rowheader", { name: new RegExp(name) }));
  if (!row) throw new Error(`no row ${name}`);
  return row;
};
const names = (testId = "unit-row") =>
  screen.getAllByTestId(testId).map((r) => within(r).getByRole("rowheader").textContent ?? "");

// --- PPK ----------------------------------------------------------------------

describe("QuotaPanel (PPK)", () => {
  it("loads the round's dashboard and shows each kecamatan, the totals and the summary line", async () => {
    const calls: unknown[] = [];
    serve(ppkDashboard(), calls);
    render(<QuotaPanel round={round(1, "PPK")} />);

    expect(await screen.findAllByTestId("unit-row")).toHaveLength(3);
    expect(calls).toEqual([{ roundId: 1 }]);
    expect(names()).toEqual(["Purwodadi", "Tutur", "Puspo"]);

    const purwodadi = within(rowOf("Purwodadi")).getAllByRole("cell").map((c) => c.textContent);
    // Kode, Kuota, Pendaftar, MS, Lulus tes tertulis, Terpilih, Cadangan, Perempuan, flags.
    expect(purwodadi).toEqual(["35.14.01", "5", "30", "12", "10", "5", "5", "2 (40%)", ""]);

    const total = screen.getByTestId("total-row");
    expect(within(total).getByRole("rowheader")).toHaveTextContent("Jumlah kabupaten (3 kecamatan)");
    expect(within(total).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "15",
      "44",
      "22",
      "14",
      "9",
      "5",
      "3 (33%)",
      "",
    ]);

    const summary = screen.getByTestId("quota-summary");
    expect(summary).toHaveTextContent("Kuota 15 orang");
    expect(summary).toHaveTextContent("Pendaftar 44");
    expect(summary).toHaveTextContent("Terpilih 9");
    expect(summary).toHaveTextContent("Perempuan di antara yang terpilih 3 (33%)");
    expect(summary).toHaveTextContent(
      "2 wilayah perlu perhatian: Perlu perpanjangan: 1; Diperpanjang: 1; Calon kurang dari kuota: 1; " +
        "Seri menunggu pleno: 1; Perempuan < 30%: 1.",
    );
  });

  it("shows flags as badges in words, with the extension's end date", async () => {
    serve(ppkDashboard());
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");

    const badges = (name: string) =>
      within(rowOf(name))
        .queryAllByRole("listitem")
        .map((b) => b.textContent);
    expect(badges("Purwodadi")).toEqual([]);
    expect(badges("Tutur")).toEqual(["Diperpanjang s.d. 25-11-2026", "Calon kurang dari kuota", "Perempuan < 30%"]);
    expect(badges("Puspo")).toEqual(["Perlu perpanjangan", "Seri menunggu pleno"]);
    expect(within(rowOf("Puspo")).getByRole("list", { name: "Perlu perhatian" })).toBeInTheDocument();
  });

  it("marks women below 30% among the Terpilih in words, not only by colour", async () => {
    serve(ppkDashboard());
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");

    expect(within(rowOf("Tutur")).getByText("di bawah 30%")).toBeInTheDocument();
    expect(within(rowOf("Tutur")).getByText(/1 \(25%\)/)).toBeInTheDocument();
    expect(within(rowOf("Purwodadi")).queryByText("di bawah 30%")).not.toBeInTheDocument();
    // No Terpilih yet: no percentage and no warning.
    const puspo = within(rowOf("Puspo")).getAllByRole("cell");
    expect(puspo[7]).toHaveTextContent("–");
    expect(within(rowOf("Puspo")).queryByText("di bawah 30%")).not.toBeInTheDocument();
    // 3 of 9 is exactly 30%: no warning on the total.
    expect(within(screen.getByTestId("total-row")).queryByText("di bawah 30%")).not.toBeInTheDocument();
  });

  it("warns from the exact share, not the rounded percentage", async () => {
    const d = ppkDashboard();
    // 2 of 7 is 28.6%, shown rounded as 29%.
    d.units[0] = { ...d.units[0]!, terpilih: 7, women_terpilih: 2, women_percent: 29, flags: ["perempuan_kurang30"] };
    serve(d);
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");
    expect(within(rowOf("Purwodadi")).getByText("di bawah 30%")).toBeInTheDocument();
  });

  it("filters to the kecamatan needing attention", async () => {
    serve(ppkDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");

    await user.click(screen.getByRole("checkbox", { name: "Hanya yang perlu perhatian" }));
    expect(names()).toEqual(["Tutur", "Puspo"]);
    expect(screen.getByTestId("quota-count")).toHaveTextContent("2 dari 3 kecamatan");
    // The total stays the kabupaten's.
    expect(within(screen.getByTestId("total-row")).getAllByRole("cell")[0]).toHaveTextContent("15");

    await user.click(screen.getByRole("checkbox", { name: "Hanya yang perlu perhatian" }));
    expect(names()).toHaveLength(3);
  });

  it("searches by name or code, with or without dots", async () => {
    serve(ppkDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");
    const search = screen.getByRole("searchbox", { name: "Cari wilayah" });

    await user.type(search, "TUT");
    expect(names()).toEqual(["Tutur"]);
    await user.clear(search);
    await user.type(search, "35.14.03");
    expect(names()).toEqual(["Puspo"]);
    await user.clear(search);
    await user.type(search, "351401");
    expect(names()).toEqual(["Purwodadi"]);
    await user.clear(search);
    await user.type(search, "tidak ada");
    expect(screen.queryAllByTestId("unit-row")).toEqual([]);
    expect(screen.getByText("Tidak ada wilayah yang cocok dengan pencarian atau saringan.")).toBeInTheDocument();
  });

  it("sorts by a column header, from the keyboard too", async () => {
    serve(ppkDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");

    const registered = screen.getByRole("button", { name: /^Pendaftar/ });
    await user.click(registered);
    expect(names()).toEqual(["Puspo", "Tutur", "Purwodadi"]);
    expect(registered.closest("th")).toHaveAttribute("aria-sort", "ascending");
    registered.focus();
    await user.keyboard("{Enter}");
    expect(names()).toEqual(["Purwodadi", "Tutur", "Puspo"]);
    expect(registered.closest("th")).toHaveAttribute("aria-sort", "descending");

    await user.click(screen.getByRole("button", { name: /^Perempuan terpilih/ }));
    expect(names()).toEqual(["Puspo", "Tutur", "Purwodadi"]);
  });

  it("reloads on “Muat ulang”", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "quota_dashboard") return null;
      calls.push(args);
      const d = ppkDashboard();
      // Ten more applicants in Puspo by the second look.
      if (calls.length > 1) d.units[2] = { ...d.units[2]!, registered: 16 };
      return d;
    });
    const user = userEvent.setup();
    render(<QuotaPanel round={round(1, "PPK")} />);
    await screen.findAllByTestId("unit-row");
    expect(within(rowOf("Puspo")).getAllByRole("cell")[2]).toHaveTextContent("6");

    await user.click(screen.getByRole("button", { name: "Muat ulang" }));
    expect(await within(rowOf("Puspo")).findByText("16")).toBeInTheDocument();
    expect(calls).toEqual([{ roundId: 1 }, { roundId: 1 }]);
  });

  it("shows the error the core sends", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Anda tidak berwenang melihat rekap kuota.", field: null };
    });
    render(<QuotaPanel round={round(1, "PPK")} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Anda tidak berwenang melihat rekap kuota.");
    expect(screen.getByRole("button", { name: "Muat ulang" })).toBeEnabled();
  });

  it("says so when nothing needs attention", async () => {
    const d = ppkDashboard();
    d.units = d.units.map((u) => ({ ...u, flags: [] }));
    d.flagged = [];
    serve(d);
    render(<QuotaPanel round={round(1, "PPK")} />);
    expect(await screen.findByText("Tidak ada wilayah yang perlu perhatian.")).toBeInTheDocument();
  });
});

// --- PPS ----------------------------------------------------------------------

describe("QuotaPanel (PPS)", () => {
  it("shows kecamatan subtotals, each opening onto its desa", async () => {
    serve(ppsDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);

    expect(await screen.findAllByTestId("kecamatan-row")).toHaveLength(2);
    expect(screen.queryAllByTestId("desa-row")).toEqual([]);
    const purwodadi = rowOf("Purwodadi", "kecamatan-row");
    expect(within(purwodadi).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "35.14.01",
      "6",
      "16",
      "13",
      "0",
      "6",
      "0",
      "2 (33%)",
      "",
    ]);
    expect(purwodadi).toHaveTextContent("2 desa/kel.");

    const toggle = within(purwodadi).getByRole("button", { name: "Purwodadi" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(names("desa-row")).toEqual(["Gerbo", "Parerejo"]);
    // A desa's warning shows on the desa.
    expect(within(rowOf("Gerbo", "desa-row")).getByText("di bawah 30%")).toBeInTheDocument();
    expect(within(rowOf("Gerbo", "desa-row")).getByText("Perempuan < 30%")).toBeInTheDocument();

    await user.click(toggle);
    expect(screen.queryAllByTestId("desa-row")).toEqual([]);

    const total = screen.getByTestId("total-row");
    expect(within(total).getByRole("rowheader")).toHaveTextContent("Jumlah kabupaten (4 desa/kelurahan)");
    expect(within(total).getAllByRole("cell")[0]).toHaveTextContent("12");
  });

  it("opens and closes a kecamatan from the keyboard (Enter and Space)", async () => {
    serve(ppsDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);
    await screen.findAllByTestId("kecamatan-row");

    const toggle = screen.getByRole("button", { name: "Tutur" });
    toggle.focus();
    await user.keyboard("{Enter}");
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    // In code order: the kelurahan (1001) before the desa (2001).
    expect(names("desa-row")).toEqual(["Tutur", "Blarang"]);
    await user.keyboard(" ");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryAllByTestId("desa-row")).toEqual([]);
  });

  it("counts a kecamatan's desa per flag, and names the desa's flags with dates", async () => {
    serve(ppsDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);
    await screen.findAllByTestId("kecamatan-row");

    const tutur = rowOf("Tutur", "kecamatan-row");
    expect(within(tutur).getByRole("listitem")).toHaveTextContent("Perlu perpanjangan lagi · 1 desa/kel.");
    await user.click(within(tutur).getByRole("button", { name: "Tutur" }));
    expect(within(rowOf("Blarang", "desa-row")).getByRole("listitem")).toHaveTextContent("Perlu perpanjangan lagi");
    const summary = screen.getByTestId("quota-summary");
    expect(summary).toHaveTextContent("2 wilayah perlu perhatian: Perlu perpanjangan lagi: 1; Perempuan < 30%: 1.");
  });

  it("filters to the kecamatan and desa needing attention", async () => {
    const d = ppsDashboard();
    // Only Blarang (in Tutur) needs attention.
    d.units[0] = { ...d.units[0]!, flags: [], terpilih: 0, women_percent: null };
    serve(d);
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);
    await screen.findAllByTestId("kecamatan-row");

    await user.click(screen.getByRole("checkbox", { name: "Hanya yang perlu perhatian" }));
    expect(names("kecamatan-row")).toEqual([expect.stringContaining("Tutur")]);
    const tutur = rowOf("Tutur", "kecamatan-row");
    expect(tutur).toHaveTextContent("1 dari 2 desa/kel.");
    await user.click(within(tutur).getByRole("button", { name: "Tutur" }));
    expect(names("desa-row")).toEqual(["Blarang"]);
  });

  it("searches desa across kecamatan and opens the kecamatan holding them", async () => {
    serve(ppsDashboard());
    const user = userEvent.setup();
    render(<QuotaPanel round={round(2, "PPS")} />);
    await screen.findAllByTestId("kecamatan-row");
    const search = screen.getByRole("searchbox", { name: "Cari wilayah" });

    await user.type(search, "blar");
    expect(await screen.findAllByTestId("desa-row")).toHaveLength(1);
    expect(names("kecamatan-row")).toEqual([expect.stringContaining("Tutur")]);
    expect(names("desa-row")).toEqual(["Blarang"]);
    expect(screen.getByRole("button", { name: "Tutur" })).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("quota-count")).toHaveTextContent("1 dari 2 kecamatan, 1 desa/kelurahan cocok");

    // A desa code finds it too.
    await user.clear(search);
    await user.type(search, "35.14.01.2002");
    expect(await screen.findByRole("rowheader", { name: "Parerejo" })).toBeInTheDocument();
    expect(names("desa-row")).toEqual(["Parerejo"]);

    // A kecamatan name shows the kecamatan, still closed.
    await user.clear(search);
    await user.type(search, "purwodadi");
    expect(names("kecamatan-row")).toEqual([expect.stringContaining("Purwodadi")]);
    expect(screen.queryAllByTestId("desa-row")).toEqual([]);
  });

  it("stays small on a national round: kecamatan only, a page at a time, search opens a bounded number of desa", async () => {
    serve(bigPps(210, 30)); // 6,300 desa
    const user = userEvent.setup();
    render(<QuotaPanel round={round(3, "PPS")} />);

    // (getByText, not getByRole: role queries over hundreds of rows are slow in jsdom.)
    expect(await screen.findAllByTestId("kecamatan-row")).toHaveLength(200);
    expect(screen.queryAllByTestId("desa-row")).toEqual([]);
    expect(screen.getByText("Menampilkan 200 dari 210 kecamatan.")).toBeInTheDocument();
    await user.click(screen.getByText("Tampilkan 10 lagi"));
    expect(screen.getAllByTestId("kecamatan-row")).toHaveLength(210);
    expect(screen.queryByText(/Tampilkan \d+ lagi/)).not.toBeInTheDocument();

    // "Desa 1" matches desa in many kecamatan: only some kecamatan open by themselves.
    const search = screen.getByLabelText("Cari wilayah");
    await user.click(search);
    await user.paste("desa 1");
    expect(await screen.findByText(/sebagian kecamatan tidak dibuka otomatis/)).toBeInTheDocument();
    const shown = screen.getAllByTestId("desa-row").length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(300);

    // A precise search opens its kecamatan.
    await user.clear(search);
    await user.paste("desa 200-30");
    expect(await screen.findAllByTestId("desa-row")).toHaveLength(1);
    expect(names("desa-row")).toEqual(["Desa 200-30"]);
    expect(screen.getAllByTestId("kecamatan-row")).toHaveLength(1);
  }, 20_000);
});
