import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { SeatHolderView } from "../../bindings/SeatHolderView";
import { CancelAppointment } from "./CancelAppointment";

const holder: SeatHolderView = {
  id: 7,
  unit_code: "35.14.07",
  unit_label: "Kecamatan Wonorejo",
  source: "penunjukan",
  source_label: "Penunjukan",
  nik: "3514071208909001",
  full_name: "Siti Aminah",
  sex: "P",
  education: "S1",
  proposer_kind: "sekolah",
  proposer: "Sekolah: SMA Negeri 1 Wonorejo",
  decision: "BA 21/2026",
  reason: "Pendaftar tetap kurang",
  decided_at: "04-12-2026 10:00",
  decided_by: "pimpinan",
};

describe("CancelAppointment", () => {
  it("asks for a reason, sends it, and shows the core's refusal as it comes", async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    let refuse = true;
    mockIPC((cmd, args) => {
      if (cmd !== "cancel_appointment") return null;
      sent.push(args);
      if (refuse) throw { code: "validation", field: "alasan", message: "Tuliskan alasan pembatalan (paling sedikit 10 karakter)." };
      return null;
    });
    let cancelled = 0;
    render(<CancelAppointment roundId={3} holder={holder} onCancelled={() => cancelled++} />);
    await user.click(screen.getByTestId("cancel-appointment-open"));
    const field = screen.getByLabelText("Alasan membatalkan penunjukan Siti Aminah");
    expect(field).toHaveFocus();
    await user.type(field, "salah");
    await user.click(screen.getByRole("button", { name: "Batalkan penunjukan" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
    expect(cancelled).toBe(0);
    refuse = false;
    await user.type(field, " catat, NIK keliru");
    await user.click(screen.getByRole("button", { name: "Batalkan penunjukan" }));
    await screen.findByTestId("cancel-appointment-open");
    expect(cancelled).toBe(1);
    expect(sent.at(-1)).toEqual({ roundId: 3, holderId: 7, reason: "salah catat, NIK keliru" });
  });
});
