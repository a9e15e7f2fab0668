import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { UnitQuotaList } from "../bindings/UnitQuotaList";
import { QuotaDialog } from "./QuotaDialog";

function list(override: number | null): UnitQuotaList {
  const units = [
    { code: "35.14.01", name: "Purwodadi", kecamatan: "Purwodadi", quota: override ?? 5, overridden: override !== null, reason: override ? "Wilayah luas" : null },
    { code: "35.14.02", name: "Tutur", kecamatan: "Tutur", quota: 5, overridden: false, reason: null },
  ];
  return { round_id: 1, round_name: "Pemilu 2024 – PPK", body: "PPK", default_quota: 5, total_quota: units.reduce((s, u) => s + u.quota, 0), units };
}

describe("QuotaDialog", () => {
  it("lets an administrator override a unit's quota with a reason", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "unit_quotas") return list(null);
      if (cmd === "set_unit_quota") {
        sent.push(args);
        return list(7);
      }
      return null;
    });
    const onChanged = vi.fn();
    const user = userEvent.setup();
    render(<QuotaDialog roundId={1} canEdit onClose={vi.fn()} onChanged={onChanged} />);
    expect(await screen.findByTestId("quota-total")).toHaveTextContent("10");

    await user.click(screen.getByRole("button", { name: "Ubah kuota Purwodadi" }));
    const quota = screen.getByLabelText("Kuota");
    await user.clear(quota);
    await user.type(quota, "7");
    await user.type(screen.getByLabelText("Alasan"), "Wilayah luas{Enter}");

    await waitFor(() => expect(screen.getByTestId("quota-total")).toHaveTextContent("12"));
    expect(sent).toEqual([{ roundId: 1, unitCode: "35.14.01", quota: 7, reason: "Wilayah luas" }]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Wilayah luas")).toBeInTheDocument();
  });

  it("is read-only for other roles", async () => {
    mockIPC((cmd) => (cmd === "unit_quotas" ? list(7) : null));
    render(<QuotaDialog roundId={1} canEdit={false} onClose={vi.fn()} onChanged={vi.fn()} />);
    expect(await screen.findAllByTestId("quota-row")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: /Ubah kuota/ })).not.toBeInTheDocument();
  });
});
