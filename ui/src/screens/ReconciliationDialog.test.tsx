import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Reconciliation } from "../bindings/Reconciliation";
import type { ReconciliationRow } from "../bindings/ReconciliationRow";
import { matches, ReconciliationDialog } from "./ReconciliationDialog";

function row(id: number, name: string, awaiting: boolean): ReconciliationRow {
  return {
    applicant_id: id,
    reg_number: `PPK-3514-000${id}`,
    full_name: name,
    unit_code: "35.14.01",
    unit_name: "Kecamatan Purwodadi",
    phone: "0812",
    standing: awaiting ? "menunggu_berkas" : "tanpa_daring",
    standing_label: awaiting ? "Daring, berkas belum diterima" : "Berkas tanpa pendaftaran daring",
    registered_at: "01-12-2026 08:00",
    files_received_at: awaiting ? "" : "02-12-2026 09:00",
  };
}

function data(received: boolean): Reconciliation {
  const awaiting = [row(1, "Siti Aminah", true), row(2, "Ahmad Fauzi", true)].filter((r) => !received || r.applicant_id !== 1);
  const deskOnly = [row(3, "Joko Susilo", false)];
  return {
    has_online_list: true,
    counts: {
      online: 3,
      received: received ? 3 : 2,
      lengkap: received ? 2 : 1,
      menunggu_berkas: awaiting.length,
      tanpa_daring: 1,
    },
    awaiting,
    desk_only: deskOnly,
    all: [...awaiting, ...deskOnly],
    can_receive: true,
  };
}

describe("ReconciliationDialog", () => {
  it("matches any word of the name or the number", () => {
    expect(matches(row(1, "Siti Aminah", true), "amin")).toBe(true);
    expect(matches(row(1, "Siti Aminah", true), "siti 0001")).toBe(true);
    expect(matches(row(1, "Siti Aminah", true), "budi")).toBe(false);
  });

  it("lists who has not brought a file, receives one and undoes it", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    let received = false;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      switch (cmd) {
        case "reconciliation":
          return data(received);
        case "receive_files":
          received = true;
          return { applicant_id: 1, reg_number: "PPK-3514-0001", full_name: "Siti Aminah", received_at: "03-12-2026 10:00" };
        case "cancel_file_receipt":
          received = false;
          return null;
      }
      return null;
    });
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const onClose = vi.fn();
    render(
      <ReconciliationDialog
        roundId={4}
        roundName="Pemilu 2024 – PPK"
        regions={[{ code: "35.14.02", name: "Tutur", desa: [] }]}
        mayReceive
        onClose={onClose}
        onOpenApplicant={onOpen}
      />,
    );
    const counts = await screen.findByTestId("reconciliation-counts");
    expect(counts).toHaveTextContent("Berkasnya belum diterima2");
    const table = screen.getByRole("table", { name: "Berkas belum diterima" });
    expect(within(table).getAllByTestId("reconciliation-row")).toHaveLength(2);

    await user.click(within(table).getAllByRole("button", { name: "Terima berkas" })[0]!);
    expect(await screen.findByTestId("file-received")).toHaveTextContent("Berkas PPK-3514-0001 (Siti Aminah) diterima");
    expect(calls.find((c) => c.cmd === "receive_files")?.args).toEqual({ applicantId: 1 });
    expect(await screen.findByRole("button", { name: /belum diterima \(1\)/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Batalkan" }));
    expect(calls.find((c) => c.cmd === "cancel_file_receipt")?.args).toEqual({ applicantId: 1 });
    expect(await screen.findByRole("button", { name: /belum diterima \(2\)/ })).toBeInTheDocument();

    // The other list, searched; a name opens the applicant.
    await user.click(screen.getByRole("button", { name: /tanpa pendaftaran daring \(1\)/ }));
    await user.type(screen.getByRole("searchbox", { name: "Cari nama atau nomor" }), "joko");
    await user.click(screen.getByRole("button", { name: "Joko Susilo" }));
    expect(onClose).toHaveBeenCalled();
    expect(onOpen).toHaveBeenCalledWith(3);

    await user.selectOptions(screen.getByRole("combobox", { name: "Kecamatan" }), "35.14.02");
    expect(calls.filter((c) => c.cmd === "reconciliation").at(-1)?.args).toEqual({ roundId: 4, unit: "35.14.02" });
  });

  it("offers no receipt to a role that cannot register", async () => {
    mockIPC((cmd) => (cmd === "reconciliation" ? data(false) : null));
    render(
      <ReconciliationDialog roundId={1} roundName="R" regions={[]} mayReceive={false} onClose={vi.fn()} onOpenApplicant={vi.fn()} />,
    );
    await screen.findByTestId("reconciliation-counts");
    expect(screen.queryByRole("button", { name: "Terima berkas" })).not.toBeInTheDocument();
  });
});
