import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { ExtensionUnit } from "../bindings/ExtensionUnit";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { atStage, operator, pimpinan, round, verifikator } from "../test/fixtures";
import { extensionUnit, extensionUnits, timeline } from "../test/fixtures_timeline";
import { ExtensionPanel } from "./ExtensionPanel";

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What extension_list answers (asked again after an extension). */
  list?: () => ExtensionUnit[];
  /** Answers extend_registration: the end date; may throw a refusal. */
  extend?: (args: Record<string, unknown>) => string;
  /** Answers decide_without_extension: the units as they now stand; may throw. */
  decide?: (args: Record<string, unknown>) => ExtensionUnit[];
}

function mockCore({
  list = extensionUnits,
  extend = () => {
    throw new Error("extend_registration not expected");
  },
  decide = () => {
    throw new Error("decide_without_extension not expected");
  },
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "extension_list") return list();
    // The core's today is 28 November 2026.
    if (cmd === "stage_timeline") return timeline({ today: "2026-11-28" });
    if (cmd === "extend_registration") return extend(args);
    if (cmd === "decide_without_extension") return decide(args);
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** The PPK round (id 1) after registration closed. */
const administrasi = () => atStage(round(1, "PPK"), "administrasi");

function renderPanel(session: Session, r: RoundSummary = administrasi()) {
  const onChanged = vi.fn();
  render(<ExtensionPanel session={session} round={r} onChanged={onChanged} />);
  return { onChanged };
}

const cells = (row: HTMLElement) =>
  [...within(row).queryAllByRole("rowheader"), ...within(row).getAllByRole("cell")].map((c) => c.textContent);

describe("ExtensionPanel", () => {
  it("lists the units left short with their extensions, in words, for anyone to read", async () => {
    const calls = mockCore();
    renderPanel(verifikator);

    const rows = await screen.findAllByTestId("extension-row");
    expect(sent(calls, "extension_list")).toEqual([{ roundId: 1 }]);
    // Only a Pimpinan needs the core's today (for the default end date).
    expect(sent(calls, "stage_timeline")).toEqual([]);
    const table = screen.getByRole("table", { name: "Perpanjangan pendaftaran" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Wilayah tugas",
      "Kuota",
      "Pendaftar",
      "Dibutuhkan",
      "Sudah diperpanjang",
      "Diperpanjang sampai",
      "Keadaan",
    ]);
    expect(rows.map(cells)).toEqual([
      ["Kecamatan Tutur", "5", "4", "10", "Belum", "–", "Perlu diperpanjang"],
      ["Kecamatan Tosari", "5", "6", "10", "1 kali", "1 Des 2026", "Sedang diperpanjang"],
      ["Kecamatan Lumbang", "5", "3", "10", "1 kali", "27 Nov 2026", "Masih kurang; perlu diperpanjang lagi"],
      ["Kecamatan Puspo", "5", "7", "10", "1 kali", "27 Nov 2026", "Boleh lanjut (pendaftar sudah mencapai kuota)"],
    ]);
    expect(screen.getByText(/kecamatan dengan pendaftar kurang dari 2 × kuota/)).toBeInTheDocument();
    // Nothing to decide for a verifier.
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("says when every unit reached the threshold", async () => {
    mockCore({ list: () => [] });
    renderPanel(pimpinan);
    expect(await screen.findByTestId("extension-empty")).toHaveTextContent(
      "Semua wilayah sudah mencapai ambang pendaftar (2 × kuota); tidak ada yang perlu diperpanjang.",
    );
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("says the list comes once registration is closed, while registration is in progress", async () => {
    mockCore({ list: () => [] });
    renderPanel(operator, round(2, "PPS"));
    expect(await screen.findByTestId("extension-empty")).toHaveTextContent(
      "Pendaftaran masih berjalan. Daftar wilayah yang perlu diperpanjang muncul setelah pendaftaran ditutup.",
    );
    expect(screen.getByText(/desa\/kelurahan dengan pendaftar kurang dari 2 × kuota/)).toBeInTheDocument();
  });

  it("shows why the list could not be read", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Sesi Anda sudah berakhir. Silakan masuk kembali.", field: null };
    });
    renderPanel(verifikator);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sesi Anda sudah berakhir. Silakan masuk kembali.");
  });

  describe("as Pimpinan", () => {
    it("lets picked units go on without an extension, with the reason the core checks", async () => {
      let decided = false;
      const decision = "Diputuskan lanjut oleh pimpinan pada 28-11-2026 10:00: Rapat pleno: tidak ada warga lain";
      const after = () =>
        extensionUnits().map((u) =>
          u.unit_code === "35.14.07" ? { ...u, state: "lanjut_keputusan" as const, decision, can_extend: false } : u,
        );
      const calls = mockCore({
        list: () => (decided ? after() : extensionUnits()),
        decide: (a) => {
          if (String(a.reason).length < 10) {
            throw {
              code: "validation",
              field: "alasan",
              message: "Tuliskan alasan melanjutkan tanpa perpanjangan (paling sedikit 10 karakter).",
            };
          }
          decided = true;
          return after().filter((u) => (a.units as string[]).includes(u.unit_code));
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await screen.findAllByTestId("extension-row");

      await user.click(screen.getByRole("button", { name: "Lanjut tanpa perpanjangan…" }));
      expect(screen.getByRole("alert")).toHaveTextContent("Pilih wilayah yang lanjut tanpa perpanjangan.");
      await user.click(screen.getByRole("checkbox", { name: "Pilih Kecamatan Lumbang" }));
      await user.click(screen.getByRole("button", { name: "Lanjut tanpa perpanjangan…" }));
      const dialog = screen.getByRole("dialog", { name: "Lanjut tanpa perpanjangan" });
      expect(within(dialog).getAllByRole("listitem").map((l) => l.textContent)).toEqual([
        "Kecamatan Lumbang: 3 pendaftar, kuota 5, sudah diperpanjang 1 kali",
      ]);
      const reason = within(dialog).getByLabelText("Alasan keputusan");
      expect(reason).toHaveFocus();

      // The core refuses a short reason; its words land on the field.
      await user.type(reason, "singkat");
      await user.click(within(dialog).getByRole("button", { name: "Catat keputusan" }));
      expect(await within(dialog).findByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
      expect(reason).toHaveAttribute("aria-invalid", "true");

      await user.clear(reason);
      await user.type(reason, "Rapat pleno: tidak ada warga lain");
      await user.click(within(dialog).getByRole("button", { name: "Catat keputusan" }));
      expect(await screen.findByTestId("extension-message")).toHaveTextContent(
        "1 wilayah lanjut tanpa perpanjangan; keputusan dicatat.",
      );
      expect(sent(calls, "decide_without_extension").at(-1)).toEqual({
        roundId: 1,
        units: ["35.14.07"],
        reason: "Rapat pleno: tidak ada warga lain",
      });
      expect(onChanged).toHaveBeenCalledTimes(1);
      // Read again: the unit says who decided and why.
      expect(await screen.findByTestId("extension-decision")).toHaveTextContent(decision);
      const lumbang = screen.getAllByTestId("extension-row")[2]!;
      expect(lumbang).toHaveTextContent("Lanjut dengan keputusan pimpinan");
    });

    it("picks every unit that needs it, confirms, and extends until the default date", async () => {
      let extended = false;
      const calls = mockCore({
        list: () =>
          extended
            ? extensionUnits().map((u) =>
                u.can_extend
                  ? { ...u, state: "diperpanjang", extensions: u.extensions + 1, extended_until: "2026-12-01", can_extend: false }
                  : u,
              )
            : extensionUnits(),
        extend: () => {
          extended = true;
          return "2026-12-01";
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await screen.findAllByTestId("extension-row");

      // Checkboxes only where an extension can be given now.
      const boxes = screen.getAllByRole("checkbox");
      expect(boxes.map((b) => b.getAttribute("aria-label"))).toEqual(["Pilih Kecamatan Tutur", "Pilih Kecamatan Lumbang"]);
      expect(boxes.every((b) => !(b as HTMLInputElement).checked)).toBe(true);
      expect(screen.getByTestId("extension-count")).toHaveTextContent("Belum ada wilayah dipilih");
      expect(screen.getByLabelText("Diperpanjang sampai (boleh dikosongkan)")).toHaveAccessibleDescription(
        "Bila dikosongkan: 3 hari sejak hari ini (sampai 1 Des 2026).",
      );

      await user.click(screen.getByRole("button", { name: "Pilih semua yang perlu" }));
      expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);
      expect(screen.getByTestId("extension-count")).toHaveTextContent("2 wilayah dipilih");

      await user.click(screen.getByRole("button", { name: "Perpanjang pendaftaran" }));
      const dialog = screen.getByRole("dialog", { name: "Perpanjang pendaftaran" });
      expect(dialog).toHaveTextContent(
        "Pendaftaran Pemilu 2024 – PPK diperpanjang untuk 2 wilayah sampai 1 Des 2026 (3 hari sejak hari ini).",
      );
      expect(within(dialog).getAllByRole("listitem").map((l) => l.textContent)).toEqual([
        "Kecamatan Tutur: 4 pendaftar dari 10 yang dibutuhkan",
        "Kecamatan Lumbang: 3 pendaftar dari 10 yang dibutuhkan",
      ]);
      expect(within(dialog).getByRole("button", { name: "Batal" })).toHaveFocus();
      expect(sent(calls, "extend_registration")).toEqual([]);

      await user.click(within(dialog).getByRole("button", { name: "Ya, perpanjang" }));
      expect(await screen.findByTestId("extension-message")).toHaveTextContent(
        "Pendaftaran diperpanjang sampai 1 Des 2026 untuk 2 wilayah.",
      );
      expect(sent(calls, "extend_registration")).toEqual([
        { roundId: 1, units: ["35.14.02", "35.14.07"], endsOn: null },
      ]);
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(onChanged).toHaveBeenCalledTimes(1);

      // Read again: both are now extended and nothing is left to pick.
      await waitFor(() => expect(sent(calls, "extension_list")).toHaveLength(2));
      await waitFor(() => expect(screen.queryAllByRole("checkbox")).toEqual([]));
      const tutur = screen.getAllByTestId("extension-row")[0]!;
      // Row header first, then the (now empty) pick cell and the rest.
      expect(cells(tutur)).toEqual(["Kecamatan Tutur", "", "5", "4", "10", "1 kali", "1 Des 2026", "Sedang diperpanjang"]);
      expect(screen.getByTestId("extension-none")).toHaveTextContent("Saat ini tidak ada wilayah yang dapat diperpanjang.");
    });

    it("toggles a unit with Space and extends it until the date chosen", async () => {
      const calls = mockCore({ extend: (a) => a.endsOn as string });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await screen.findAllByTestId("extension-row");

      const lumbang = screen.getByRole("checkbox", { name: "Pilih Kecamatan Lumbang" });
      lumbang.focus();
      await user.keyboard(" ");
      expect(lumbang).toBeChecked();
      await user.keyboard(" ");
      expect(lumbang).not.toBeChecked();
      await user.keyboard(" ");
      expect(lumbang).toBeChecked();
      expect(screen.getByRole("checkbox", { name: "Pilih Kecamatan Tutur" })).not.toBeChecked();
      expect(lumbang.closest("tr")).toHaveClass("picked");

      const until = screen.getByLabelText("Diperpanjang sampai (boleh dikosongkan)");
      // Typed as staff write it; the core gets ISO.
      await user.type(until, "05122026");
      expect(until).toHaveValue("05-12-2026");

      await user.click(screen.getByRole("button", { name: "Perpanjang pendaftaran" }));
      const dialog = screen.getByRole("dialog", { name: "Perpanjang pendaftaran" });
      expect(dialog).toHaveTextContent("diperpanjang untuk 1 wilayah sampai 5 Des 2026.");
      expect(dialog).not.toHaveTextContent("hari sejak hari ini");
      await user.click(within(dialog).getByRole("button", { name: "Ya, perpanjang" }));

      expect(await screen.findByTestId("extension-message")).toHaveTextContent(
        "Pendaftaran diperpanjang sampai 5 Des 2026 untuk 1 wilayah.",
      );
      expect(sent(calls, "extend_registration")).toEqual([{ roundId: 1, units: ["35.14.07"], endsOn: "2026-12-05" }]);
      expect(onChanged).toHaveBeenCalledTimes(1);
      // The form starts afresh.
      await waitFor(() => expect(screen.getByLabelText("Diperpanjang sampai (boleh dikosongkan)")).toHaveValue(""));
      expect(screen.getByRole("checkbox", { name: "Pilih Kecamatan Lumbang" })).not.toBeChecked();
    });

    it("asks for a unit first, and refuses an end date before today, without asking the core", async () => {
      const calls = mockCore();
      const user = userEvent.setup();
      renderPanel(pimpinan);
      await screen.findAllByTestId("extension-row");

      await user.click(screen.getByRole("button", { name: "Perpanjang pendaftaran" }));
      expect(screen.getByRole("alert")).toHaveTextContent("Pilih wilayah yang akan diperpanjang pendaftarannya.");
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(screen.getByRole("checkbox", { name: "Pilih Kecamatan Tutur" })).toHaveFocus();

      await user.keyboard(" ");
      expect(screen.queryByRole("alert")).not.toBeInTheDocument();
      const until = screen.getByLabelText("Diperpanjang sampai (boleh dikosongkan)");
      fireEvent.change(until, { target: { value: "2026-11-20" } });
      await user.click(screen.getByRole("button", { name: "Perpanjang pendaftaran" }));
      expect(until).toHaveAccessibleDescription(expect.stringContaining("tidak boleh sebelum hari ini"));
      expect(until).toHaveAttribute("aria-invalid", "true");
      expect(until).toHaveFocus();
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(sent(calls, "extend_registration")).toEqual([]);
    });

    it("shows the core's refusal in the confirmation and changes nothing", async () => {
      const calls = mockCore({
        extend: () => {
          throw {
            code: "validation",
            message: "Kecamatan Tutur tidak dapat diperpanjang sekarang (diperpanjang).",
            field: "wilayah",
          };
        },
      });
      const user = userEvent.setup();
      const { onChanged } = renderPanel(pimpinan);
      await user.click(await screen.findByRole("checkbox", { name: "Pilih Kecamatan Tutur" }));
      await user.click(screen.getByRole("button", { name: "Perpanjang pendaftaran" }));
      const dialog = screen.getByRole("dialog", { name: "Perpanjang pendaftaran" });
      await user.click(within(dialog).getByRole("button", { name: "Ya, perpanjang" }));

      expect(await within(dialog).findByRole("alert")).toHaveTextContent(
        "Kecamatan Tutur tidak dapat diperpanjang sekarang (diperpanjang).",
      );
      expect(sent(calls, "extend_registration")).toEqual([{ roundId: 1, units: ["35.14.02"], endsOn: null }]);
      expect(onChanged).not.toHaveBeenCalled();
      expect(sent(calls, "extension_list")).toHaveLength(1);
      expect(screen.queryByTestId("extension-message")).not.toBeInTheDocument();

      await user.click(within(dialog).getByRole("button", { name: "Batal" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      // The pick is kept for another try.
      expect(screen.getByRole("checkbox", { name: "Pilih Kecamatan Tutur" })).toBeChecked();
    });

    it("explains why nothing can be extended once penelitian administrasi is closed", async () => {
      mockCore({
        list: () => [
          extensionUnit("35.14.02", "Kecamatan Tutur", { can_extend: false }),
          extensionUnit("35.14.07", "Kecamatan Lumbang", { state: "boleh_lanjut", extensions: 1, can_extend: false }),
        ],
      });
      renderPanel(pimpinan, atStage(round(1, "PPK"), "tertulis"));
      await screen.findAllByTestId("extension-row");
      expect(screen.queryAllByRole("checkbox")).toEqual([]);
      expect(screen.queryByRole("button", { name: "Perpanjang pendaftaran" })).not.toBeInTheDocument();
      expect(screen.getByTestId("extension-none")).toHaveTextContent(
        "Penelitian administrasi sudah ditutup; perpanjangan pendaftaran tidak dapat diberikan lagi.",
      );
      // The pick column is there for the chair, empty on these rows.
      expect(screen.getAllByRole("columnheader")[0]).toHaveTextContent("Pilih");
    });
  });
});
