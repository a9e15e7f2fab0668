import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, onTestFinished, vi } from "vitest";

import type { FieldProblem } from "../bindings/FieldProblem";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { RoundDraft } from "../bindings/RoundDraft";
import { NewRoundDialog } from "./NewRoundDialog";

const stages = ["pendaftaran", "administrasi", "tertulis", "wawancara", "akhir", "penetapan", "masa_kerja"] as const;

function draft(body: "PPK" | "PPS", quota: number): RoundDraft {
  return {
    name: `Pemilu 2024 – ${body}`,
    election: "Pemilu 2024",
    body,
    settings: {
      quota_per_unit: quota,
      written_pass_multiple: 3,
      final_rank_multiple: 2,
      extension_threshold: 2,
      extension_days: 3,
      extensions_allowed: 2,
      min_age: 17,
      max_periods: null,
      reference_date: "2022-11-20",
      score_combination: { mode: "wawancara" },
      responses_until: "wawancara",
      statement_items: ["Setia kepada Pancasila", "Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika"],
      legal_basis: "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
    },
    schedule: stages.map((stage, i) => ({
      stage,
      starts_on: `2022-11-${String(20 + i).padStart(2, "0")}`,
      ends_on: `2022-11-${String(20 + i).padStart(2, "0")}`,
    })),
  };
}

const presets: PresetChoice[] = [
  { preset: "pemilu-2024", label: "Pemilu 2024 – PPK", draft: draft("PPK", 5) },
  { preset: "pemilu-2024", label: "Pemilu 2024 – PPS", draft: draft("PPS", 3) },
];

/** Every date of a draft, as the core names them, moved by `days`. */
function shifted(d: RoundDraft, firstDay: string): RoundDraft {
  const days = (Date.parse(firstDay) - Date.parse(d.schedule[0]!.starts_on)) / 86_400_000;
  const move = (iso: string) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    ...d,
    settings: { ...d.settings, reference_date: move(d.settings.reference_date) },
    schedule: d.schedule.map((s) => ({ ...s, starts_on: move(s.starts_on), ends_on: move(s.ends_on) })),
  };
}

/** What the core says is past on 2026-03-05. */
function pastOn(d: RoundDraft): FieldProblem[] {
  const today = "2026-03-05";
  const dates: [string, string][] = [
    ["reference_date", d.settings.reference_date],
    ...d.schedule.flatMap((s, i): [string, string][] => [
      [`schedule.${i}.starts_on`, s.starts_on],
      [`schedule.${i}.ends_on`, s.ends_on],
    ]),
  ];
  return dates.filter(([, v]) => v < today).map(([field, v]) => ({ field, reason: `Tanggal ${v} sudah lewat.` }));
}

describe("NewRoundDialog", () => {
  it("sends the preset with every edit the user made", async () => {
    const sent: RoundDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      if (cmd === "create_round") {
        sent.push((args as { draft: RoundDraft }).draft);
        return { id: 1 };
      }
      return null;
    });
    const onCreated = vi.fn();
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={onCreated} />);

    await user.selectOptions(await screen.findByLabelText("Preset"), "Pemilu 2024 – PPS");
    expect(screen.getByLabelText("Kuota per desa/kelurahan")).toHaveValue(3);
    await user.clear(screen.getByLabelText("Usia minimal (tahun)"));
    await user.type(screen.getByLabelText("Usia minimal (tahun)"), "21");
    await user.type(screen.getByLabelText("Batas periode menjabat"), "2");
    await user.selectOptions(screen.getByLabelText("Nilai akhir"), "bobot");
    // Dates are typed the way staff write them.
    await user.clear(screen.getByLabelText("Tes tertulis selesai"));
    await user.type(screen.getByLabelText("Tes tertulis selesai"), "01122022");
    expect(screen.getByLabelText("Tes tertulis selesai")).toHaveValue("01-12-2022");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(sent).toHaveLength(1);
    const d = sent[0]!;
    expect(d.body).toBe("PPS");
    expect(d.settings.min_age).toBe(21);
    expect(d.settings.max_periods).toBe(2);
    expect(d.settings.score_combination).toEqual({ mode: "bobot", tertulis: 40, wawancara: 60 });
    expect(d.schedule[2]).toEqual({ stage: "tertulis", starts_on: "2022-11-22", ends_on: "2022-12-01" });
  });

  it("sends the response window, the statement items and the legal basis as edited", async () => {
    const sent: RoundDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      if (cmd === "create_round") {
        sent.push((args as { draft: RoundDraft }).draft);
        return { id: 1 };
      }
      return null;
    });
    const onCreated = vi.fn();
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={onCreated} />);

    const window = await screen.findByLabelText("Tanggapan masyarakat diterima");
    expect(window).toHaveValue("wawancara");
    await user.selectOptions(window, "pelantikan");
    const items = screen.getByLabelText("Isi surat pernyataan");
    expect(items).toHaveValue("Setia kepada Pancasila\nSehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika");
    await user.type(items, ", serta tidak memiliki penyakit penyerta (komorbid)");
    const basis = screen.getByLabelText("Dasar hukum pada pengumuman dan Berita Acara");
    await user.type(basis, "{Enter}Keputusan KPU Nomor 475 Tahun 2024");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    const d = sent[0]!;
    expect(d.settings.responses_until).toBe("pelantikan");
    expect(d.settings.statement_items).toEqual([
      "Setia kepada Pancasila",
      "Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika, serta tidak memiliki penyakit penyerta (komorbid)",
    ]);
    expect(d.settings.legal_basis).toBe(
      "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum\nKeputusan KPU Nomor 475 Tahun 2024",
    );
  });

  it("puts the core's refusal of one statement item beside the item list", async () => {
    mockIPC((cmd) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      throw { code: "validation", message: "Butir pernyataan ke-2 sama dengan butir ke-1; hapus salah satunya.", field: "statement_items.1" };
    });
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    const items = await screen.findByLabelText("Isi surat pernyataan");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));
    await waitFor(() => expect(items).toHaveAccessibleDescription(/sama dengan butir ke-1/));
    expect(items).toHaveFocus();
  });

  it("shows the core's refusal beside the field it names and stays open", async () => {
    mockIPC((cmd) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      throw { code: "validation", message: "Kuota per wilayah harus antara 1 dan 50 (sekarang 0).", field: "quota_per_unit" };
    });
    const onCreated = vi.fn();
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={onCreated} />);
    const quota = await screen.findByLabelText("Kuota per kecamatan");
    await user.clear(quota);
    await user.type(quota, "0");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));
    await waitFor(() => expect(quota).toHaveAccessibleDescription(/harus antara 1 dan 50/));
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("puts a duplicate name beside the name, brought into view with the focus", async () => {
    mockIPC((cmd) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      throw { code: "validation", message: 'Seleksi bernama "Pemilu 2024 – PPK" sudah ada. Beri nama lain.', field: "name" };
    });
    const scrolled: string[] = [];
    const scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this.id);
    });
    Object.defineProperty(Element.prototype, "scrollIntoView", { value: scrollIntoView, configurable: true });
    onTestFinished(() => {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    });
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    const name = await screen.findByLabelText("Nama seleksi");
    // The button is at the bottom of the dialog, far from the name.
    screen.getByRole("button", { name: "Buat seleksi" }).focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAccessibleDescription('Seleksi bernama "Pemilu 2024 – PPK" sudah ada. Beri nama lain.');
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(scrolled).toContain(name.id);
    // Not said a second time far from the field.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("marks the stage date the core refuses", async () => {
    mockIPC((cmd) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      throw { code: "validation", message: "Tanggal selesai tahapan Tes tertulis lebih awal dari tanggal mulainya.", field: "schedule.2.ends_on" };
    });
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    await screen.findByLabelText("Preset");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));
    const ends = screen.getByLabelText("Tes tertulis selesai");
    await waitFor(() => expect(ends).toHaveFocus());
    expect(ends).toHaveAccessibleDescription(/lebih awal dari tanggal mulainya/);
    expect(ends).toHaveAttribute("aria-invalid", "true");
  });

  it("names a date still unreadable before asking the core", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return [];
      return { id: 1 };
    });
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    const starts = await screen.findByLabelText("Tes wawancara mulai");
    await user.clear(starts);
    await user.type(starts, "31-04-2026");
    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));
    await waitFor(() => expect(starts).toHaveFocus());
    expect(starts).toHaveAccessibleDescription(/"31-04-2026" tidak terbaca/);
    expect(calls).not.toContain("create_round");
  });

  it("warns beside each date already past, and moves the whole schedule by the same days", async () => {
    const sent: { shift: { draft: RoundDraft; firstDay: string }[]; create: RoundDraft[] } = { shift: [], create: [] };
    mockIPC((cmd, args) => {
      if (cmd === "round_presets") return presets;
      if (cmd === "round_draft_past_dates") return pastOn((args as { draft: RoundDraft }).draft);
      if (cmd === "shift_round_schedule") {
        const a = args as { draft: RoundDraft; firstDay: string };
        sent.shift.push(a);
        return shifted(a.draft, a.firstDay);
      }
      if (cmd === "create_round") {
        sent.create.push((args as { draft: RoundDraft }).draft);
        return { id: 1 };
      }
      return null;
    });
    const onCreated = vi.fn();
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={onCreated} />);
    // The preset's 2022 dates: every one is past, and said beside it.
    expect(await screen.findByTestId("past-dates")).toHaveTextContent("15 tanggal di bawah sudah lewat");
    const regStart = screen.getByLabelText("Pendaftaran mulai");
    expect(regStart).toHaveValue("20-11-2022");
    expect(regStart).toHaveAccessibleDescription("Tanggal 2022-11-20 sudah lewat.");
    expect(regStart).not.toHaveAttribute("aria-invalid");

    const start = screen.getByLabelText("Geser seluruh jadwal: pendaftaran mulai");
    await user.type(start, "09032026{Enter}");
    expect(await screen.findByRole("status")).toHaveTextContent("pendaftaran kini mulai 09-03-2026");
    expect(sent.shift).toHaveLength(1);
    expect(sent.shift[0]!.firstDay).toBe("2026-03-09");
    // Every date moved by the same days, shown DD-MM-YYYY; none is past any more.
    expect(regStart).toHaveValue("09-03-2026");
    expect(screen.getByLabelText("Pendaftaran selesai")).toHaveValue("09-03-2026");
    expect(screen.getByLabelText("Masa kerja selesai")).toHaveValue("15-03-2026");
    expect(screen.getByLabelText("Usia dihitung pada tanggal")).toHaveValue("09-03-2026");
    await waitFor(() => expect(screen.queryByTestId("past-dates")).not.toBeInTheDocument());
    expect(regStart).not.toHaveAccessibleDescription();
    // Enter in the shift box moved the schedule; it did not create the round.
    expect(sent.create).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Buat seleksi" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(sent.create[0]!.schedule.map((s) => s.starts_on)).toEqual([
      "2026-03-09",
      "2026-03-10",
      "2026-03-11",
      "2026-03-12",
      "2026-03-13",
      "2026-03-14",
      "2026-03-15",
    ]);
  });

  it("asks for a readable start before moving the schedule", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "round_presets") return presets;
      return [];
    });
    const user = userEvent.setup();
    render(<NewRoundDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    await screen.findByLabelText("Preset");
    const shift = screen.getByRole("button", { name: "Geser seluruh jadwal" });
    await user.click(shift);
    const field = screen.getByLabelText("Geser seluruh jadwal: pendaftaran mulai");
    expect(field).toHaveAccessibleDescription(/Tulis tanggal mulai pendaftaran yang baru/);
    expect(calls).not.toContain("shift_round_schedule");
    expect(within(screen.getByRole("dialog", { name: "Buat seleksi baru" })).getByLabelText("Pendaftaran mulai")).toHaveValue(
      "20-11-2022",
    );
  });
});
