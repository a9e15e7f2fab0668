import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { RoundSettings } from "../bindings/RoundSettings";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { admin, operator, round } from "../test/fixtures";
import { RulesPanel } from "./RulesPanel";

type Sent = { roundId: number; settings: RoundSettings };

function mockCore(answer: (sent: Sent) => unknown = () => round(1, "PPK")) {
  const sent: Sent[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "update_round_settings") {
      sent.push(args as Sent);
      return answer(args as Sent);
    }
    return null;
  });
  return sent;
}

function renderPanel(session: Session, r: RoundSummary = round(1, "PPK")) {
  const onChanged = vi.fn();
  render(<RulesPanel session={session} round={r} onChanged={onChanged} />);
  return { onChanged };
}

describe("RulesPanel", () => {
  it("shows the window, the statement items and the legal basis the core keeps", () => {
    mockCore();
    renderPanel(operator);
    expect(screen.getByTestId("rules-window")).toHaveTextContent("Sampai sebelum tes wawancara");
    expect(within(screen.getByTestId("rules-statement")).getAllByRole("listitem").map((li) => li.textContent)).toEqual(
      round(1, "PPK").settings.statement_items,
    );
    expect(screen.getByTestId("rules-basis")).toHaveTextContent("Undang-Undang Nomor 7 Tahun 2017");
    // Only an Administrator changes them.
    expect(screen.queryByRole("button", { name: /Ubah tanggapan/ })).not.toBeInTheDocument();
  });

  it("lets an Administrator change them and sends the other settings unchanged", async () => {
    const sent = mockCore();
    const { onChanged } = renderPanel(admin);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /Ubah tanggapan/ }));
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Tanggapan masyarakat diterima"), "pelantikan");
    const basis = within(dialog).getByLabelText("Dasar hukum pada pengumuman dan Berita Acara");
    await user.clear(basis);
    await user.type(basis, "Undang-Undang Nomor 10 Tahun 2016");
    await user.click(within(dialog).getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent).toHaveLength(1);
    const before = round(1, "PPK").settings;
    expect(sent[0]).toEqual({
      roundId: 1,
      settings: { ...before, responses_until: "pelantikan", legal_basis: "Undang-Undang Nomor 10 Tahun 2016" },
    });
    expect(screen.getByRole("status")).toHaveTextContent("Aturan seleksi disimpan.");
  });

  it("puts the core's refusal beside the field it names", async () => {
    mockCore(() => {
      throw { code: "validation", message: "Dasar hukum berisi karakter kendali ESC pada karakter ke-3.", field: "legal_basis" };
    });
    const { onChanged } = renderPanel(admin);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /Ubah tanggapan/ }));
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    const basis = screen.getByLabelText("Dasar hukum pada pengumuman dan Berita Acara");
    await waitFor(() => expect(basis).toHaveAccessibleDescription(/karakter kendali/));
    expect(basis).toHaveFocus();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("offers no change once the core says the settings are frozen", () => {
    mockCore();
    renderPanel(admin, { ...round(1, "PPK"), applicants: 3, settings_editable: false });
    expect(screen.getByTestId("rules-frozen")).toHaveTextContent("sudah ada pendaftar");
    expect(screen.queryByRole("button", { name: /Ubah tanggapan/ })).not.toBeInTheDocument();
  });
});
