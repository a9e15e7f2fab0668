import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { UnitMembers } from "../bindings/UnitMembers";
import { admin, atStage, operator, pimpinan, round, verifikator } from "../test/fixtures";
import {
  bigPps,
  eko,
  person,
  ppkMembers,
  ppsMembers,
  ppsRegions,
  purwodadiAfterLeave,
  puspoAfterConfirm,
  rina,
  siti,
} from "../test/fixtures_paw";
import { localToday } from "./paw/LeaveDialog";
import { PawPanel } from "./PawPanel";

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

interface Options {
  members?: () => UnitMembers[];
  recordLeave?: (args: Record<string, unknown>) => UnitMembers;
  confirm?: (args: Record<string, unknown>) => UnitMembers;
  regions?: () => KecamatanOption[];
}

function serve({
  members = ppkMembers,
  recordLeave = () => purwodadiAfterLeave(),
  confirm = (a) => puspoAfterConfirm(String(a.note)),
  regions = () => [],
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "unit_members") return members();
    if (cmd === "record_leave") return recordLeave(args);
    if (cmd === "confirm_replacement") return confirm(args);
    if (cmd === "list_regions") return regions();
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** The PPK round (id 1) in its term of office. */
const ppk = (stage: Stage = "masa_kerja") => atStage(round(1, "PPK"), stage);
const pps = (stage: Stage = "masa_kerja") => atStage(round(2, "PPS"), stage);

function renderPanel(session: Session, r: RoundSummary = ppk()) {
  const onChanged = vi.fn();
  render(<PawPanel session={session} round={r} onChanged={onChanged} />);
  return { onChanged };
}

const unitNames = () =>
  screen.getAllByTestId("paw-unit").map((u) => within(u).getAllByRole("button")[0]?.textContent?.replace(/^[▸▾]/, ""));
/** A unit (or kecamatan) by its name: a named group, not a landmark, so large rounds stay navigable. */
const region = (name: string) => screen.getByRole("group", { name });
const rowNames = (el: HTMLElement, table: RegExp) =>
  within(within(el).getByRole("table", { name: table }))
    .queryAllByRole("rowheader")
    .map((h) => h.textContent);

afterEach(() => {
  vi.useRealTimers();
});

describe("PawPanel: what everyone sees", () => {
  it("shows each unit's members, reserves in order and history, the units needing a look first", async () => {
    const calls = serve();
    renderPanel(verifikator);

    expect(await screen.findAllByTestId("paw-unit")).toHaveLength(3);
    expect(sent(calls, "unit_members")).toEqual([{ roundId: 1, unit: null }]);
    // Puspo waits for a replacement, Tutur has had one, Purwodadi none.
    expect(unitNames()).toEqual(["Puspo", "Tutur", "Purwodadi"]);

    const purwodadi = region("Purwodadi");
    expect(purwodadi).toHaveTextContent("Anggota 5 dari 5 · Cadangan 2");
    expect(rowNames(purwodadi, /^Anggota/)).toEqual([
      "Siti Aminah",
      "Budi Santoso",
      "Cahyo Nugroho",
      "Dewi Anggraini",
      "Edi Susanto",
    ]);
    const sitiRow = within(purwodadi).getAllByTestId("paw-member")[0]!;
    expect(within(sitiRow).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1", "PPK-3514-0011", "P"]);
    expect(within(sitiRow).getByTitle("Perempuan")).toBeInTheDocument();
    // Reserves best first, numbered.
    const reserves = within(purwodadi).getAllByTestId("paw-reserve");
    expect(reserves.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^16Rina WulandariPPK-3514-0016P$/),
      expect.stringMatching(/^27Agus SalimPPK-3514-0017L$/),
    ]);
    expect(purwodadi).toHaveTextContent("Belum ada PAW di wilayah ini.");

    const tutur = region("Tutur");
    const event = within(tutur).getByTestId("paw-event");
    expect(within(event).getByRole("rowheader")).toHaveTextContent("Hadi Prasetyo (PPK-3514-0023)");
    expect(within(event).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "10 Januari 2027",
      "Mengundurkan diri",
      "Surat pengunduran diri tanggal 9 Januari 2027",
      "Wati Lestari (PPK-3514-0026)",
      "Keputusan KPU Kab. Pasuruan Nomor 12 Tahun 2027",
    ]);
    // The replacement sits among the members, marked as such.
    const wati = within(tutur)
      .getAllByTestId("paw-member")
      .find((r) => r.textContent?.includes("Wati Lestari"));
    expect(wati).toHaveTextContent("Pengganti");

    const puspo = region("Puspo");
    const pending = within(puspo).getByTestId("paw-pending");
    expect(pending).toHaveTextContent(
      "Menunggu penetapan pengganti. Yuni Kartika (PPK-3514-0032) berhenti: Meninggal dunia, 12 Januari 2027.",
    );
    expect(pending).toHaveTextContent("Usulan pengganti: Eko Purnomo (PPK-3514-0036), cadangan peringkat 6.");
    expect(within(within(puspo).getByTestId("paw-event")).getAllByRole("cell")[3]).toHaveTextContent(
      "Menunggu penetapan",
    );

    expect(screen.getByTestId("paw-summary")).toHaveTextContent(
      "Anggota menjabat 14 dari 15 kursi" + "PAW tercatat 2" + "Menunggu penetapan pengganti 1 wilayah",
    );
  });

  it("says plainly when no reserve remains for a departure", async () => {
    serve({
      members: () => {
        const units = ppkMembers();
        units[2] = { ...units[2]!, reserves: [], proposed: null };
        return units;
      },
    });
    renderPanel(pimpinan);
    const puspo = await screen.findByRole("group", { name: "Puspo" });

    expect(within(puspo).getByTestId("paw-pending")).toHaveTextContent(
      "Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.",
    );
    expect(within(puspo).getByText("Tidak ada cadangan tersisa.")).toBeInTheDocument();
    expect(within(puspo).queryByRole("button", { name: /Tetapkan pengganti/ })).not.toBeInTheDocument();
    // Nor another departure while this one waits.
    expect(within(puspo).queryByRole("button", { name: /Berhenti/ })).not.toBeInTheDocument();
  });

  it("shows “not yet settled” from the core as information, not as a failure", async () => {
    const calls: Call[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      throw {
        code: "stage",
        message: "Keanggotaan tersedia setelah hasil akhir ditetapkan (tahap hasil akhir ditutup).",
        field: null,
      };
    });
    renderPanel(pimpinan, ppk("akhir"));

    expect(await screen.findByTestId("paw-info")).toHaveTextContent(
      "Keanggotaan tersedia setelah hasil akhir ditetapkan (tahap hasil akhir ditutup).",
    );
    expect(screen.getByTestId("paw-info")).toHaveAttribute("role", "status");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByTestId("paw-unit")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Muat ulang" })).toBeEnabled());
  });

  it("shows any other error the core sends as an error", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Sesi Anda tidak berlaku lagi.", field: null };
    });
    renderPanel(pimpinan);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sesi Anda tidak berlaku lagi.");
    expect(screen.queryByTestId("paw-info")).not.toBeInTheDocument();
  });

  it("finds a unit by name or code and a person by name or number, and filters to units with PAW", async () => {
    serve();
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("paw-unit");
    const search = screen.getByRole("searchbox", { name: "Cari wilayah atau nama" });

    await user.type(search, "rina");
    expect(unitNames()).toEqual(["Purwodadi"]);
    await user.clear(search);
    await user.type(search, "PPK-3514-0026");
    expect(unitNames()).toEqual(["Tutur"]);
    // Someone who left is found too.
    await user.clear(search);
    await user.type(search, "yuni");
    expect(unitNames()).toEqual(["Puspo"]);
    await user.clear(search);
    await user.type(search, "351401");
    expect(unitNames()).toEqual(["Purwodadi"]);
    await user.clear(search);
    await user.type(search, "tidak ada");
    expect(screen.queryAllByTestId("paw-unit")).toEqual([]);
    expect(
      screen.getByText("Tidak ada wilayah atau nama yang cocok dengan pencarian atau saringan."),
    ).toBeInTheDocument();
    await user.clear(search);

    await user.click(screen.getByRole("checkbox", { name: /Hanya wilayah dengan PAW/ }));
    expect(unitNames()).toEqual(["Puspo", "Tutur"]);
    expect(screen.getByTestId("paw-count")).toHaveTextContent("2 dari 3 wilayah");
  });

  it("opens and closes a unit from the keyboard", async () => {
    serve();
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("paw-unit");

    const toggle = screen.getByRole("button", { name: "Tutur" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    toggle.focus();
    await user.keyboard("{Enter}");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(region("Tutur")).queryByRole("table")).not.toBeInTheDocument();
    await user.keyboard(" ");
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(within(region("Tutur")).getAllByRole("table")).toHaveLength(3);
  });
});

describe("PawPanel: who may act, and when", () => {
  it.each([
    ["Operator", operator],
    ["Verifikator", verifikator],
    ["Administrator", admin],
  ])("gives a %s no actions during masa kerja", async (_, session) => {
    serve();
    renderPanel(session);
    await screen.findAllByTestId("paw-unit");

    expect(screen.queryByRole("button", { name: /Berhenti/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Tetapkan pengganti/ })).not.toBeInTheDocument();
    expect(screen.getByTestId("paw-readonly")).toHaveTextContent(
      "Pemberhentian anggota dan penetapan pengganti dicatat oleh Pimpinan.",
    );
    // The data is there all the same.
    expect(within(region("Puspo")).getByTestId("paw-pending")).toHaveTextContent("Usulan pengganti: Eko Purnomo");
  });

  it("gives the Pimpinan no actions outside masa kerja, and says when PAW is recorded", async () => {
    serve();
    renderPanel(pimpinan, ppk("penetapan"));
    await screen.findAllByTestId("paw-unit");

    expect(screen.queryByRole("button", { name: /Berhenti/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Tetapkan pengganti/ })).not.toBeInTheDocument();
    expect(screen.getByTestId("paw-readonly")).toHaveTextContent(
      "PAW (pengganti antar waktu) dicatat pada masa kerja. Data di bawah hanya untuk dilihat.",
    );
    expect(rowNames(region("Purwodadi"), /^Anggota/)).toHaveLength(5);
  });

  it("gives the Pimpinan during masa kerja a “Berhenti…” per member, none where a replacement waits", async () => {
    serve();
    renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    expect(screen.queryByTestId("paw-readonly")).not.toBeInTheDocument();
    expect(within(region("Purwodadi")).getAllByRole("button", { name: /^Berhenti… / })).toHaveLength(5);
    expect(within(region("Tutur")).getAllByRole("button", { name: /^Berhenti… / })).toHaveLength(5);
    expect(within(region("Puspo")).queryByRole("button", { name: /^Berhenti… / })).not.toBeInTheDocument();
    expect(within(region("Puspo")).getByRole("button", { name: "Tetapkan pengganti… Puspo" })).toBeInTheDocument();
  });
});

describe("PawPanel: recording a departure", () => {
  it("sends the member, cause, date (today by default) and reason, then shows the proposed reserve", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2027, 0, 14, 9, 30));
    const calls = serve();
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    await user.click(screen.getByRole("button", { name: "Berhenti… Siti Aminah" }));
    const dialog = screen.getByRole("dialog", { name: "Anggota berhenti: Siti Aminah" });
    const radios = within(dialog).getAllByRole("radio");
    expect(radios.map((r) => r.closest("label")?.textContent)).toEqual([
      "Meninggal dunia",
      "Mengundurkan diri",
      "Berhalangan tetap",
      "Diberhentikan",
    ]);
    expect(radios[0]).toHaveFocus();
    const date = within(dialog).getByLabelText("Tanggal berhenti");
    // Today by default, shown DD-MM-YYYY (and sent as ISO).
    expect(date).toHaveValue("14-01-2027");

    await user.click(within(dialog).getByRole("radio", { name: "Mengundurkan diri" }));
    await user.type(within(dialog).getByLabelText("Keterangan"), "Surat pengunduran diri tanggal 13 Januari 2027");
    await user.click(within(dialog).getByRole("button", { name: "Catat berhenti" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "record_leave")).toEqual([
      {
        roundId: 1,
        leave: {
          member_id: siti.applicant_id,
          cause: "mengundurkan_diri",
          left_on: "2027-01-14",
          reason: "Surat pengunduran diri tanggal 13 Januari 2027",
        },
      },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);

    const purwodadi = region("Purwodadi");
    const pending = within(purwodadi).getByTestId("paw-pending");
    expect(pending).toHaveTextContent("Siti Aminah (PPK-3514-0011) berhenti: Mengundurkan diri, 14 Januari 2027.");
    expect(pending).toHaveTextContent(`Usulan pengganti: Rina Wulandari (${rina.reg_number}), cadangan peringkat 6.`);
    expect(pending).toHaveFocus();
    expect(within(pending).getByRole("button", { name: "Tetapkan pengganti… Purwodadi" })).toBeInTheDocument();
    expect(rowNames(purwodadi, /^Anggota/)).not.toContain("Siti Aminah");
    expect(within(purwodadi).queryByRole("button", { name: /^Berhenti… / })).not.toBeInTheDocument();
    expect(screen.getByTestId("paw-message")).toHaveTextContent(
      "Pemberhentian Siti Aminah dicatat. Usulan pengganti: Rina Wulandari (PPK-3514-0016), cadangan peringkat 6.",
    );
  });

  it("says so when the departure leaves no reserve to propose", async () => {
    serve({ recordLeave: () => ({ ...purwodadiAfterLeave(), reserves: [], proposed: null }) });
    const user = userEvent.setup();
    renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    await user.click(screen.getByRole("button", { name: "Berhenti… Budi Santoso" }));
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: "Meninggal dunia" }));
    await user.type(within(dialog).getByLabelText("Keterangan"), "Akta kematian Nomor 3514-KM-0114");
    await user.click(within(dialog).getByRole("button", { name: "Catat berhenti" }));

    expect(await screen.findByTestId("paw-message")).toHaveTextContent(
      "Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.",
    );
    const pending = within(region("Purwodadi")).getByTestId("paw-pending");
    expect(pending).toHaveTextContent("Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.");
    expect(within(pending).queryByRole("button", { name: /Tetapkan pengganti/ })).not.toBeInTheDocument();
  });

  it("asks for a cause, shows the core's refusal and keeps what was typed", async () => {
    const message =
      "Tuliskan keterangan (mis. nomor surat pengunduran diri atau akta kematian), paling sedikit 10 karakter.";
    const calls = serve({
      recordLeave: () => {
        throw { code: "validation", message, field: "alasan" };
      },
    });
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    await user.click(screen.getByRole("button", { name: "Berhenti… Budi Santoso" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Keterangan"), "Surat");
    await user.click(within(dialog).getByRole("button", { name: "Catat berhenti" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Pilih sebab berhenti.");
    expect(sent(calls, "record_leave")).toEqual([]);

    await user.click(within(dialog).getByRole("radio", { name: "Diberhentikan" }));
    await user.click(within(dialog).getByRole("button", { name: "Catat berhenti" }));
    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(sent(calls, "record_leave")).toHaveLength(1);
    expect(within(dialog).getByLabelText("Keterangan")).toHaveValue("Surat");
    expect(within(dialog).getByLabelText("Keterangan")).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByRole("radio", { name: "Diberhentikan" })).toBeChecked();
    expect(within(dialog).getByRole("button", { name: "Catat berhenti" })).toBeEnabled();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("closes on Escape without recording anything", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    const button = screen.getByRole("button", { name: "Berhenti… Budi Santoso" });
    await user.click(button);
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(sent(calls, "record_leave")).toEqual([]);
  });

  it("defaults the date to the computer's today", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2027, 11, 31, 23, 59));
    expect(localToday()).toBe("2027-12-31");
    vi.setSystemTime(new Date(2028, 1, 3, 0, 5));
    expect(localToday()).toBe("2028-02-03");
  });
});

describe("PawPanel: confirming the replacement", () => {
  it("shows the proposed reserve and sends its id with the note", async () => {
    const calls = serve();
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    await user.click(screen.getByRole("button", { name: "Tetapkan pengganti… Puspo" }));
    const dialog = screen.getByRole("dialog", { name: "Tetapkan pengganti: Puspo" });
    expect(dialog).toHaveTextContent("Yuni Kartika (PPK-3514-0032) berhenti: Meninggal dunia, 12 Januari 2027");
    const proposed = within(dialog).getByTestId("paw-proposed");
    expect(proposed).toHaveTextContent("Pengganti yang diusulkanEko Purnomo");
    expect(proposed).toHaveTextContent("Nomor pendaftaranPPK-3514-0036");
    expect(proposed).toHaveTextContent("Peringkat hasil akhir6");
    const note = within(dialog).getByLabelText("Dasar penetapan");
    expect(note).toHaveFocus();

    await user.type(note, "Keputusan KPU Kab. Pasuruan Nomor 15 Tahun 2027");
    await user.click(within(dialog).getByRole("button", { name: "Tetapkan pengganti" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "confirm_replacement")).toEqual([
      { roundId: 1, pawId: 2, replacementId: eko.applicant_id, note: "Keputusan KPU Kab. Pasuruan Nomor 15 Tahun 2027" },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("paw-message")).toHaveTextContent(
      "Eko Purnomo ditetapkan sebagai pengganti Yuni Kartika di Puspo.",
    );

    const puspo = region("Puspo");
    expect(within(puspo).queryByTestId("paw-pending")).not.toBeInTheDocument();
    const ekoRow = within(puspo)
      .getAllByTestId("paw-member")
      .find((r) => r.textContent?.includes("Eko Purnomo"));
    expect(ekoRow).toHaveTextContent("Pengganti");
    expect(within(puspo).getByTestId("paw-event")).toHaveTextContent(
      "Eko Purnomo (PPK-3514-0036)Keputusan KPU Kab. Pasuruan Nomor 15 Tahun 2027",
    );
    expect(rowNames(puspo, /^Cadangan/)).toEqual(["Putu Ayu"]);
    expect(screen.getByRole("button", { name: "Puspo" })).toHaveFocus();
    // Members may leave again in Puspo.
    expect(within(puspo).getAllByRole("button", { name: /^Berhenti… / })).toHaveLength(5);
  });

  it("shows the core's refusal and keeps the note", async () => {
    const message = "Tuliskan dasar penetapan pengganti (mis. nomor Keputusan KPU), paling sedikit 10 karakter.";
    serve({
      confirm: () => {
        throw { code: "validation", message, field: "catatan" };
      },
    });
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");

    await user.click(screen.getByRole("button", { name: "Tetapkan pengganti… Puspo" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Dasar penetapan"), "SK 15");
    await user.click(within(dialog).getByRole("button", { name: "Tetapkan pengganti" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
    expect(within(dialog).getByLabelText("Dasar penetapan")).toHaveValue("SK 15");
    expect(onChanged).not.toHaveBeenCalled();
    expect(within(region("Puspo")).getByTestId("paw-pending")).toBeInTheDocument();
  });
});

describe("PawPanel (PPS)", () => {
  it("groups desa by kecamatan, named from the region list, the kecamatan needing a look first", async () => {
    const calls = serve({ members: ppsMembers, regions: ppsRegions });
    renderPanel(verifikator, pps());

    const groups = await screen.findAllByTestId("paw-kecamatan");
    expect(sent(calls, "unit_members")).toEqual([{ roundId: 2, unit: null }]);
    await waitFor(() => expect(within(groups[0]!).getAllByRole("button")[0]).toHaveTextContent("Tutur"));
    expect(within(groups[1]!).getAllByRole("button")[0]).toHaveTextContent("Purwodadi");
    expect(groups[0]).toHaveTextContent("1 menunggu pengganti");
    // Blarang (waiting) before the kelurahan Tutur.
    expect(within(groups[0]!).getAllByTestId("paw-unit").map((u) => u.dataset.unit)).toEqual([
      "35.14.02.2001",
      "35.14.02.1001",
    ]);
    const blarang = region("Blarang");
    expect(within(blarang).getByTestId("paw-pending")).toHaveTextContent(
      "Anggota 53-1 (PPK-3514-0531) berhenti: Berhalangan tetap, 5 Januari 2027.",
    );
    expect(within(blarang).getByTestId("paw-pending")).toHaveTextContent(
      "Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.",
    );
    expect(blarang).toHaveTextContent("Anggota 2 dari 3");
  });

  it("finds a person in a desa of a large round, opening its kecamatan and desa", async () => {
    serve({ members: () => bigPps(130, 20) }); // 2,600 desa
    const user = userEvent.setup();
    renderPanel(pimpinan, pps());

    // (getByText, not getByRole: role queries over many sections are slow in jsdom.)
    expect(await screen.findAllByTestId("paw-kecamatan")).toHaveLength(100);
    expect(screen.queryAllByTestId("paw-unit")).toEqual([]);
    expect(screen.getByText("Menampilkan 100 dari 130 kecamatan.")).toBeInTheDocument();
    await user.click(screen.getByText("Tampilkan 30 lagi"));
    expect(screen.getAllByTestId("paw-kecamatan")).toHaveLength(130);

    const search = screen.getByLabelText("Cari wilayah atau nama");
    await user.click(search);
    await user.paste("warga 120-7");
    await waitFor(() => expect(screen.getAllByTestId("paw-kecamatan")).toHaveLength(1));
    const units = screen.getAllByTestId("paw-unit");
    expect(units).toHaveLength(1);
    expect(units[0]!.dataset.unit).toBe("35.14.120.2007");
    expect(within(units[0]!).getByText("Warga 120-7")).toBeInTheDocument();
    expect(within(units[0]!).getByText("Berhenti…")).toBeInTheDocument();

    // A kecamatan opens and closes by hand.
    await user.clear(search);
    await waitFor(() => expect(screen.getAllByTestId("paw-kecamatan")).toHaveLength(100));
    const first = screen.getAllByTestId("paw-kecamatan")[0]!;
    const toggle = within(first).getByText("Kecamatan 35.14.001").closest("button")!;
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(within(first).getAllByTestId("paw-unit")).toHaveLength(20);
    // Desa stay closed until opened.
    expect(within(first).queryAllByTestId("paw-member")).toEqual([]);
  }, 20_000);
});

describe("PawPanel: appointed members", () => {
  const appointed = person("Nur Hasanah", 0, {
    applicant_id: 0,
    reg_number: "",
    position: null,
    sex: "P",
    holder_id: 7,
    source: "penunjukan",
    source_label: "Penunjukan",
  });
  const withAppointed = () => {
    const units = ppkMembers();
    units[0]!.members = [...units[0]!.members.slice(0, 4), appointed];
    return units;
  };

  it("marks a member who holds the seat by appointment and records the departure as a seat holder's", async () => {
    const calls: Call[] = [];
    mockIPC((cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      if (cmd === "unit_members") return withAppointed();
      if (cmd === "record_holder_leave") return purwodadiAfterLeave();
      throw new Error(`${cmd} not expected`);
    });
    const user = userEvent.setup();
    renderPanel(pimpinan);
    await screen.findAllByTestId("paw-unit");
    const purwodadi = region("Purwodadi");
    expect(within(purwodadi).getByTestId("paw-member-source")).toHaveTextContent("Penunjukan");

    await user.click(screen.getByRole("button", { name: "Berhenti… Nur Hasanah" }));
    const dialog = screen.getByRole("dialog", { name: "Anggota berhenti: Nur Hasanah" });
    expect(dialog).toHaveTextContent("(Penunjukan), anggota Purwodadi.");
    await user.click(within(dialog).getByRole("radio", { name: "Mengundurkan diri" }));
    await user.type(within(dialog).getByLabelText("Keterangan"), "Surat pengunduran diri tanggal 13 Januari 2027");
    await user.click(within(dialog).getByRole("button", { name: "Catat berhenti" }));
    await waitFor(() => expect(sent(calls, "record_holder_leave")).toHaveLength(1));
    expect(sent(calls, "record_holder_leave")[0]).toMatchObject({
      roundId: 1,
      leave: { holder_id: 7, cause: "mengundurkan_diri" },
    });
    expect(sent(calls, "record_leave")).toHaveLength(0);
  });
});
