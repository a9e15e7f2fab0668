import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

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
      min_age: 17,
      max_periods: null,
      reference_date: "2022-11-20",
      score_combination: { mode: "wawancara" },
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

describe("NewRoundDialog", () => {
  it("sends the preset with every edit the user made", async () => {
    const sent: RoundDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "round_presets") return presets;
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
    await user.clear(screen.getByLabelText("Tes tertulis selesai"));
    await user.type(screen.getByLabelText("Tes tertulis selesai"), "2022-12-01");
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

  it("shows the core's refusal beside the field it names and stays open", async () => {
    mockIPC((cmd) => {
      if (cmd === "round_presets") return presets;
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
});
