import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Takeover } from "../../bindings/Takeover";
import { operator, pimpinan, round } from "../../test/fixtures";
import { takeover } from "./fixtures";
import { TakeoverPanel } from "./TakeoverPanel";

type Call = { cmd: string; args: Record<string, unknown> };

function mockCore(keep: (args: Record<string, unknown>) => Takeover) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "takeover_view") return args.fromRoundId === null ? takeover({ from_round_id: null, units: [] }) : takeover();
    if (cmd === "keep_members") return keep(args);
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const pilkada = () => round(2, "PPK", "Pilkada 2024 – PPK");

describe("TakeoverPanel", () => {
  it("keeps the members picked, with the end-of-term evaluation or one typed, after a confirmation", async () => {
    const kept = takeover();
    kept.units[0]!.held = 2;
    kept.units[0]!.seats_left = 3;
    const calls = mockCore(() => kept);
    const onChanged = vi.fn();
    const user = userEvent.setup();
    render(<TakeoverPanel session={pimpinan} round={pilkada()} onChanged={onChanged} />);

    await user.selectOptions(await screen.findByLabelText("Seleksi sebelumnya"), "1");
    const rows = await screen.findAllByTestId("candidate-row");
    expect(rows).toHaveLength(3);
    // Someone already applying cannot be picked; the core said why.
    expect(within(rows[2]!).getByRole("checkbox")).toBeDisabled();
    expect(rows[2]).toHaveTextContent("Sudah mendaftar pada seleksi ini.");

    await user.click(within(rows[0]!).getByRole("checkbox"));
    // Pre-filled from the end-of-term evaluation.
    expect(within(rows[0]!).getByLabelText("Nilai (0–100)")).toHaveValue("88");
    await user.click(within(rows[1]!).getByRole("checkbox"));
    await user.type(within(rows[1]!).getByLabelText("Nilai (0–100)"), "75");
    await user.type(within(rows[1]!).getByLabelText("Catatan evaluasi"), "Aktif dalam rapat pleno");
    await user.type(screen.getByLabelText("Nomor/rujukan keputusan KPU"), "12/2024");
    await user.type(screen.getByLabelText("Alasan"), "Evaluasi kinerja baik");
    await user.click(screen.getByRole("button", { name: "Lanjutkan 2 anggota…" }));

    const dialog = await screen.findByRole("dialog", { name: "Tetapkan anggota lanjutan" });
    expect(within(dialog).getByTestId("confirm-list")).toHaveTextContent("Ani");
    expect(calls.filter((c) => c.cmd === "keep_members")).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Ya, lanjutkan" }));

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    const sent = calls.find((c) => c.cmd === "keep_members")!.args;
    expect(sent).toEqual({
      roundId: 2,
      input: {
        from_round_id: 1,
        members: [
          {
            member: { applicant_id: 11, holder_id: null },
            evaluation: { score: 88, grade: "Baik", notes: "Disiplin dan teliti" },
          },
          {
            member: { applicant_id: 12, holder_id: null },
            evaluation: { score: 75, grade: null, notes: "Aktif dalam rapat pleno" },
          },
        ],
        decision: "12/2024",
        reason: "Evaluasi kinerja baik",
      },
    });
    expect(screen.getByTestId("seats-left")).toHaveTextContent("3");
    expect(screen.getByTestId("takeover-message")).toHaveTextContent("2 anggota dilanjutkan");
  });

  it("shows the core's refusal and lets only the Pimpinan pick", async () => {
    mockCore(() => {
      throw { code: "validation", message: "Kecamatan Purwodadi hanya memiliki 5 kursi", field: "anggota" };
    });
    const user = userEvent.setup();
    const { unmount } = render(<TakeoverPanel session={operator} round={pilkada()} />);
    await user.selectOptions(await screen.findByLabelText("Seleksi sebelumnya"), "1");
    const rows = await screen.findAllByTestId("candidate-row");
    expect(within(rows[0]!).getByRole("checkbox")).toBeDisabled();
    expect(screen.queryByRole("button", { name: /Lanjutkan/ })).not.toBeInTheDocument();
    unmount();

    render(<TakeoverPanel session={pimpinan} round={pilkada()} />);
    await user.selectOptions(await screen.findByLabelText("Seleksi sebelumnya"), "1");
    const again = await screen.findAllByTestId("candidate-row");
    await user.click(within(again[0]!).getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Lanjutkan 1 anggota…" }));
    await user.click(await screen.findByRole("button", { name: "Ya, lanjutkan" }));
    expect(await screen.findByText(/hanya memiliki 5 kursi/)).toBeInTheDocument();
  });
});
