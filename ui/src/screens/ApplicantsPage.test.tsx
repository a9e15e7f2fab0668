import { mockIPC } from "@tauri-apps/api/mocks";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { ApplicantListRow } from "../bindings/ApplicantListRow";
import type { ApplicantPage as Page } from "../bindings/ApplicantPage";
import type { ApplicantQuery } from "../bindings/ApplicantQuery";
import {
  admin,
  applicantDetail,
  applicantRow,
  atStage,
  homeWithRounds,
  operator,
  regions,
  registrationCheck,
  standingOptions,
} from "../test/fixtures";
import { ApplicantsPage } from "./ApplicantsPage";

const TOTAL = 100000;

/** A core with 100,000 applicants; records every list query. */
function mockCore(answer?: (q: ApplicantQuery) => Page | Promise<Page>) {
  const queries: ApplicantQuery[] = [];
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "home") return homeWithRounds();
    if (cmd === "list_regions") return regions();
    if (cmd === "standing_options") return standingOptions();
    if (cmd === "list_applicants") {
      const q = (args as { query: ApplicantQuery }).query;
      queries.push(q);
      if (answer) return answer(q);
      const rows: ApplicantListRow[] = Array.from({ length: q.limit }, (_, i) => applicantRow(q.offset + i + 1));
      return { total: TOTAL, offset: q.offset, rows };
    }
    if (cmd === "applicant_detail") return applicantDetail({ id: (args as { id: number }).id });
    if (cmd === "check_registration") return registrationCheck();
    return null;
  });
  return { queries, calls };
}

describe("ApplicantsPage", () => {
  it("offers registration only while the round's registration is open", async () => {
    mockIPC((cmd) => {
      if (cmd === "home") {
        const h = homeWithRounds();
        return { ...h, rounds: [atStage(h.rounds[0]!, "tertulis"), h.rounds[1]!] };
      }
      if (cmd === "list_regions") return regions();
      if (cmd === "standing_options") return standingOptions();
      if (cmd === "list_applicants") return { total: 0, offset: 0, rows: [] };
      return null;
    });
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    expect(await screen.findByTestId("registration-closed")).toHaveTextContent("sudah ditutup (tahap sekarang: Tes tertulis)");
    expect(screen.queryByRole("button", { name: "Daftarkan pendaftar baru" })).not.toBeInTheDocument();
    await user.keyboard("{Alt>}n{/Alt}");
    expect(screen.queryByRole("heading", { name: /Pendaftaran baru/ })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Seleksi"), "2");
    expect(await screen.findByRole("button", { name: "Daftarkan pendaftar baru" })).toBeInTheDocument();
  });

  it("lists the first round's applicants 50 at a time and shows the total", async () => {
    const { queries } = mockCore();
    render(<ApplicantsPage session={operator} />);
    expect(await screen.findAllByTestId("applicant-row")).toHaveLength(50);
    expect(screen.getByTestId("applicant-total")).toHaveTextContent("Menampilkan 1–50 dari 100.000");
    expect(queries[0]).toEqual({ round_id: 1, text: "", unit: "", status: "", order: "nomor", offset: 0, limit: 50 });
    const first = screen.getAllByTestId("applicant-row")[0]!;
    expect(within(first).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "PPK-3514-0001",
      "Pendaftar 0001",
      "L",
      "Kecamatan Purwodadi",
      "Terdaftar",
      "",
    ]);
  });

  it("shows where each applicant stands and filters by the standings the core names", async () => {
    const { queries } = mockCore(() => ({
      total: 2,
      offset: 0,
      rows: [
        applicantRow(1, { standing: "ms", standing_label: "MS" }),
        applicantRow(2, { standing: "pengganti", standing_label: "Pengganti antarwaktu" }),
      ],
    }));
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    const standings = await screen.findAllByTestId("applicant-standing");
    expect(standings.map((s) => s.textContent)).toEqual(["MS", "Pengganti antarwaktu"]);
    const filter = screen.getByLabelText("Status");
    expect(within(filter).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Semua",
      ...standingOptions().map((o) => o.label),
    ]);
    await user.selectOptions(filter, "TMS");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: "tms", offset: 0 }));
  });

  it("searches as the operator types (once, after a pause) and filters by unit, status and order", async () => {
    const { queries } = mockCore();
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await screen.findAllByTestId("applicant-row");

    await user.type(screen.getByRole("searchbox", { name: "Cari nama, NIK, atau nomor pendaftaran" }), "siti");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ text: "siti", offset: 0 }));
    // Typing fast sends the finished word, not every prefix.
    expect(queries.map((q) => q.text).filter((t) => t !== "" && t !== "siti")).toEqual([]);

    await user.selectOptions(screen.getByLabelText("Kecamatan"), "35.14.01");
    await user.selectOptions(screen.getByLabelText("Status"), "mundur");
    await user.selectOptions(screen.getByLabelText("Urutkan"), "nama");
    await waitFor(() =>
      expect(queries.at(-1)).toEqual({
        round_id: 1,
        text: "siti",
        unit: "35.14.01",
        status: "mundur",
        order: "nama",
        offset: 0,
        limit: 50,
      }),
    );
    // A PPK round has no desa filter.
    expect(screen.queryByLabelText("Desa/kelurahan")).not.toBeInTheDocument();
  });

  it("pages with the buttons and with PageDown/PageUp", async () => {
    const { queries } = mockCore();
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await screen.findAllByTestId("applicant-row");
    expect(screen.getByRole("button", { name: "Sebelumnya" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Berikutnya" }));
    await waitFor(() => expect(screen.getByTestId("applicant-total")).toHaveTextContent("Menampilkan 51–100 dari 100.000"));
    expect(queries.at(-1)).toMatchObject({ offset: 50, limit: 50 });
    expect(screen.getAllByTestId("applicant-row")[0]).toHaveTextContent("PPK-3514-0051");

    await user.keyboard("{PageDown}");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ offset: 100 }));
    await user.keyboard("{PageUp}{PageUp}");
    await waitFor(() => expect(screen.getByTestId("applicant-total")).toHaveTextContent("Menampilkan 1–50 dari 100.000"));
    expect(queries.at(-1)).toMatchObject({ offset: 0 });
  });

  it("drops an answer that arrives after a newer one", async () => {
    let releaseOld: (p: Page) => void = () => undefined;
    const named = (name: string): Page => ({ total: 1, offset: 0, rows: [applicantRow(1, { full_name: name })] });
    mockCore((q) => {
      if (q.text === "ab") return new Promise<Page>((resolve) => (releaseOld = resolve));
      if (q.text === "abc") return named("Abcde Newer");
      return named("Awal");
    });
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await screen.findByText("Awal");
    const search = screen.getByRole("searchbox");
    await user.type(search, "ab");
    await new Promise((r) => setTimeout(r, 200)); // the "ab" query is now pending
    await user.type(search, "c");
    expect(await screen.findByText("Abcde Newer")).toBeInTheDocument();
    await act(async () => releaseOld(named("Ab Stale")));
    expect(screen.queryByText("Ab Stale")).not.toBeInTheDocument();
    expect(screen.getByText("Abcde Newer")).toBeInTheDocument();
  });

  it("offers a desa filter within the chosen kecamatan for a PPS round", async () => {
    const { queries } = mockCore();
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await screen.findAllByTestId("applicant-row");
    await user.selectOptions(screen.getByLabelText("Seleksi"), "2");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ round_id: 2, unit: "" }));
    const desa = screen.getByLabelText("Desa/kelurahan");
    expect(desa).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Kecamatan"), "35.14.02");
    expect(desa).toBeEnabled();
    expect(within(desa).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Semua desa/kelurahan",
      "Desa Blarang",
      "Kelurahan Tutur",
    ]);
    await user.selectOptions(desa, "35.14.02.1001");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ round_id: 2, unit: "35.14.02.1001", offset: 0 }));
    await user.selectOptions(desa, "");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ unit: "35.14.02" }));
  });

  it("marks NIK warnings and party listings, and opens a row with Enter", async () => {
    const { calls } = mockCore(() => ({
      total: 2,
      offset: 0,
      rows: [
        applicantRow(3, { nik_warning_pending: true }),
        applicantRow(4, { party_listed: true, status: "mundur", standing: "mundur", standing_label: "Mundur" }),
      ],
    }));
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    const rows = await screen.findAllByTestId("applicant-row");
    expect(screen.getByTestId("applicant-total")).toHaveTextContent("Menampilkan 1–2 dari 2");
    expect(rows[0]).toHaveTextContent("Peringatan NIK");
    expect(rows[0]).not.toHaveTextContent("Daftar partai");
    expect(rows[1]).toHaveTextContent("Daftar partai");
    expect(rows[1]).toHaveTextContent("Mundur");

    rows[0]!.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("dialog", { name: "Pendaftar PPK-3514-0007" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "applicant_detail")?.args).toEqual({ id: 3 });
  });

  it("goes from the search box to the results by keyboard: Enter opens a single match, ↓ and ↑ move along the rows", async () => {
    const { calls } = mockCore((q) =>
      q.text === "sutris"
        ? { total: 1, offset: 0, rows: [applicantRow(9, { full_name: "Budi Sutrisno" })] }
        : { total: 3, offset: 0, rows: [applicantRow(1), applicantRow(2), applicantRow(3)] },
    );
    const user = userEvent.setup();
    render(<ApplicantsPage session={operator} />);
    await screen.findAllByTestId("applicant-row");
    const search = screen.getByRole("searchbox", { name: "Cari nama, NIK, atau nomor pendaftaran" });

    // Several results: ↓ puts the focus on the first, ↓ again on the next, ↑ ↑ back to the box.
    await user.click(search);
    await user.keyboard("{ArrowDown}");
    const rows = screen.getAllByTestId("applicant-row");
    await waitFor(() => expect(rows[0]).toHaveFocus());
    await user.keyboard("{ArrowDown}");
    expect(rows[1]).toHaveFocus();
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(search).toHaveFocus();

    // Typed and Enter at once (before the pause): the single match opens.
    await user.type(search, "sutris{Enter}");
    expect(await screen.findByRole("dialog", { name: "Pendaftar PPK-3514-0007" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "applicant_detail")?.args).toEqual({ id: 9 });
  });

  it("lets operators register (also with Alt+N) and import; others only look", async () => {
    mockCore();
    const user = userEvent.setup();
    const { unmount } = render(<ApplicantsPage session={admin} />);
    await screen.findAllByTestId("applicant-row");
    expect(screen.queryByRole("button", { name: "Daftarkan pendaftar baru" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Impor CSV…" })).not.toBeInTheDocument();
    await user.keyboard("{Alt>}n{/Alt}");
    expect(screen.queryByRole("heading", { name: /Pendaftaran baru/ })).not.toBeInTheDocument();
    unmount();

    render(<ApplicantsPage session={operator} />);
    await screen.findAllByTestId("applicant-row");
    expect(screen.getByRole("button", { name: "Impor CSV…" })).toBeInTheDocument();
    await user.keyboard("{Alt>}n{/Alt}");
    expect(await screen.findByRole("heading", { name: /Pendaftaran baru/ })).toHaveTextContent("Pemilu 2024 – PPK");
    expect(screen.getByLabelText("NIK")).toHaveFocus();
    // Nothing typed yet: back to the list without a question.
    await user.click(screen.getByRole("button", { name: "Kembali ke daftar" }));
    expect(await screen.findAllByTestId("applicant-row")).toHaveLength(50);
  });
});
