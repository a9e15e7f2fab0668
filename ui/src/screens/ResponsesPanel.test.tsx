import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { ApplicantPage } from "../bindings/ApplicantPage";
import type { ResponseInput } from "../bindings/ResponseInput";
import type { ResponseView } from "../bindings/ResponseView";
import type { Session } from "../bindings/Session";
import { shownDate } from "../components/dates";
import { admin, applicantRow, atStage, operator, pimpinan, round, verifikator } from "../test/fixtures";
import { responseView, sampleResponses } from "../test/fixtures_responses";
import { ResponsesPanel } from "./ResponsesPanel";
import { todayIso } from "./responses/RecordDialog";
import { CONTENT_PREVIEW_CHARS } from "./responses/ResponseItem";

type Call = { cmd: string; args: Record<string, unknown> };

interface Options {
  /** What list_responses answers. */
  list?: () => ResponseView[];
  /** Answers list_applicants. */
  applicants?: (args: { query: { text: string } }) => ApplicantPage;
  /** Answers record_response: the response stored, null (file dialog cancelled), or throws a refusal. */
  record?: (args: { input: ResponseInput; attach: boolean }) => ResponseView | null;
  clarify?: (args: { id: number; text: string }) => ResponseView;
  decide?: (args: { id: number; outcome: string; reason: string }) => ResponseView;
}

const unexpected = (cmd: string) => () => {
  throw new Error(`${cmd} not expected`);
};

/** Two candidates named Siti; the search answers whatever was typed with them. */
const sitiPage = (): ApplicantPage => ({
  total: 2,
  offset: 0,
  rows: [
    applicantRow(7, { full_name: "Siti Nur'aini" }),
    applicantRow(12, { full_name: "Siti Rahayu", unit_code: "35.14.02", unit_label: "Kecamatan Tutur" }),
  ],
});

function mockCore({
  list = sampleResponses,
  applicants = sitiPage,
  record = unexpected("record_response"),
  clarify = unexpected("clarify_response"),
  decide = unexpected("decide_response"),
}: Options = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "list_responses") return list();
    if (cmd === "list_applicants") return applicants(args as { query: { text: string } });
    if (cmd === "record_response") return record(args as { input: ResponseInput; attach: boolean });
    if (cmd === "clarify_response") return clarify(args as { id: number; text: string });
    if (cmd === "decide_response") return decide(args as { id: number; outcome: string; reason: string });
    if (cmd === "open_scan") return null;
    throw new Error(`${cmd} not expected`);
  });
  return calls;
}

const sent = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** The PPK round (id 1) at the interview stage. */
// Responses are taken during the written test (the default window ends before the interviews).
const ppk = () => atStage(round(1, "PPK"), "tertulis");

function renderPanel(session: Session, r = ppk()) {
  const onChanged = vi.fn();
  render(<ResponsesPanel session={session} round={r} onChanged={onChanged} />);
  return { onChanged };
}

const items = () => screen.getAllByTestId("response-item");
/** The listed response about `name`. */
const itemOf = (name: string) => {
  const found = items().find((i) => within(i).queryByRole("heading", { name: new RegExp(name) }));
  if (!found) throw new Error(`no response about ${name}`);
  return found;
};
const headings = () => items().map((i) => within(i).getByRole("heading").textContent);

describe("ResponsesPanel", () => {
  it("lists the responses newest first with candidate, sender, status, file, clarification and finding", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel(admin);
    await screen.findAllByTestId("response-item");
    expect(sent(calls, "list_responses")).toEqual([{ roundId: 1 }]);
    expect(screen.getByRole("heading", { name: "Tanggapan masyarakat" })).toBeInTheDocument();
    expect(headings()).toEqual(["PPK-3514-0007 Siti Nur'aini", "PPK-3514-0005 Eko Prasetyo", "PPK-3514-0003 Budi Santoso"]);
    expect(screen.getByTestId("responses-counters")).toHaveTextContent(
      "3 tanggapan: 1 dalam proses, 1 terbukti, 1 tidak terbukti",
    );

    const eko = itemOf("Eko Prasetyo");
    expect(within(eko).getByTestId("response-date")).toHaveTextContent("30 November 2026");
    expect(within(eko).getByTestId("response-unit")).toHaveTextContent("Kecamatan Tutur");
    expect(within(eko).getByTestId("response-sender")).toHaveTextContent("Forum Warga Tutur (forumtutur@example.org)");
    expect(within(eko).getByTestId("response-status")).toHaveTextContent("Terbukti – calon gugur");
    expect(within(eko).getByTestId("response-clarification")).toHaveTextContent("Salinan putusan dicocokkan");
    expect(within(eko).getByTestId("response-finding")).toHaveTextContent(
      "Terbukti; BA pleno nomor 13/PL.01.2-BA/3514/2026.",
    );
    expect(within(eko).getByText("putusan.pdf")).toBeInTheDocument();

    const siti = itemOf("Siti Nur'aini");
    expect(within(siti).getByTestId("response-status")).toHaveTextContent("Dalam proses");
    expect(within(siti).getByTestId("response-sender")).toHaveTextContent("Anonim");
    expect(within(siti).getByTestId("response-clarification")).toHaveTextContent("Belum ada klarifikasi.");
    expect(within(siti).getByTestId("response-finding")).toHaveTextContent("Belum diputuskan.");
    expect(within(siti).queryByRole("button", { name: "Buka lampiran" })).not.toBeInTheDocument();

    // A long content is cut, and shown whole on request.
    const full = sampleResponses()[2]!.content;
    const content = within(siti).getByTestId("response-content");
    expect(content.textContent!.length).toBeLessThanOrEqual(CONTENT_PREVIEW_CHARS + 1);
    expect(content.textContent).toMatch(/…$/);
    const more = within(siti).getByRole("button", { name: "Selengkapnya" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    await user.click(more);
    expect(content).toHaveTextContent(full);
    expect(within(siti).getByRole("button", { name: "Ringkas" })).toHaveAttribute("aria-expanded", "true");

    // The attached file opens in the system viewer.
    await user.click(within(eko).getByRole("button", { name: "Buka lampiran" }));
    expect(sent(calls, "open_scan")).toEqual([{ sha256: "ab".repeat(32) }]);
  });

  it("filters by status and by text", async () => {
    mockCore();
    const user = userEvent.setup();
    renderPanel(admin);
    await screen.findAllByTestId("response-item");
    const status = screen.getByRole("combobox", { name: "Status" });
    expect(within(status).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Semua status (3)",
      "Dalam proses (1)",
      "Tidak terbukti (1)",
      "Terbukti (calon gugur) (1)",
    ]);
    await user.selectOptions(status, "terbukti");
    expect(headings()).toEqual(["PPK-3514-0005 Eko Prasetyo"]);
    expect(screen.getByTestId("responses-shown")).toHaveTextContent("1 dari 3 tanggapan");
    await user.selectOptions(status, "");
    await user.type(screen.getByRole("searchbox"), "kampanye");
    expect(headings()).toEqual(["PPK-3514-0003 Budi Santoso"]);
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "0005");
    expect(headings()).toEqual(["PPK-3514-0005 Eko Prasetyo"]);
    await user.selectOptions(status, "proses");
    expect(screen.getByText("Tidak ada tanggapan yang cocok dengan saringan.")).toBeInTheDocument();
  });

  it("lets a Verifikator record a response: candidate picked by name with the keyboard, file attached", async () => {
    const stored = responseView(9, {
      applicant_id: 12,
      reg_number: "PPK-3514-0012",
      full_name: "Siti Rahayu",
      unit_label: "Kecamatan Tutur",
      received_on: "2026-11-30",
      sender: "Ahmad Zainuri",
      contact: "0812 3456 789",
      content: "Calon adalah perangkat desa yang masih aktif menjabat.",
      attachment_sha256: "cd".repeat(32),
      attachment_name: "sk-perangkat.pdf",
    });
    const calls = mockCore({ record: () => stored });
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    await user.click(screen.getByRole("button", { name: "Catat tanggapan…" }));
    const dialog = screen.getByRole("dialog", { name: "Catat tanggapan masyarakat" });

    // The search box has the focus; typing asks the core for the round's candidates.
    const picker = within(dialog).getByRole("combobox", { name: "Calon yang ditanggapi" });
    expect(picker).toHaveFocus();
    await user.type(picker, "siti");
    const options = await within(dialog).findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "PPK-3514-0007 · Siti Nur'aini · Kecamatan Purwodadi",
      "PPK-3514-0012 · Siti Rahayu · Kecamatan Tutur",
    ]);
    expect(sent(calls, "list_applicants").at(-1)).toEqual({
      query: { round_id: 1, text: "siti", unit: "", status: "terdaftar", order: "nama", offset: 0, limit: 10 },
    });
    expect(picker).toHaveAttribute("aria-expanded", "true");
    expect(picker).toHaveAttribute("aria-activedescendant", options[0]!.id);
    // Escape closes only the list, not the dialog; ↓ opens it again on the first.
    await user.keyboard("{Escape}");
    expect(within(dialog).queryByRole("listbox")).not.toBeInTheDocument();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await user.keyboard("{ArrowDown}");
    expect(picker).toHaveAttribute("aria-activedescendant", within(dialog).getAllByRole("option")[0]!.id);
    await user.keyboard("{ArrowDown}");
    expect(picker).toHaveAttribute("aria-activedescendant", within(dialog).getAllByRole("option")[1]!.id);
    expect(within(dialog).getAllByRole("option")[1]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(within(dialog).queryByRole("listbox")).not.toBeInTheDocument();
    expect(picker).toHaveValue("PPK-3514-0012 – Siti Rahayu");
    expect(within(dialog).getByTestId("picker-hint")).toHaveTextContent(
      "Dipilih: Siti Rahayu, PPK-3514-0012, Kecamatan Tutur.",
    );

    const date = within(dialog).getByLabelText("Tanggal diterima");
    expect(date).toHaveValue(shownDate(todayIso()));
    await user.clear(date);
    await user.type(date, "30112026");
    await user.type(within(dialog).getByLabelText("Pengirim"), "Ahmad Zainuri");
    await user.type(within(dialog).getByLabelText("Kontak pengirim"), "0812 3456 789");
    await user.type(
      within(dialog).getByLabelText("Isi tanggapan"),
      "Calon adalah perangkat desa yang masih aktif menjabat.",
    );
    await user.click(within(dialog).getByRole("checkbox", { name: "Lampirkan berkas" }));
    await user.click(within(dialog).getByRole("button", { name: "Pilih berkas dan simpan…" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "record_response")).toEqual([
      {
        input: {
          applicant_id: 12,
          received_on: "2026-11-30",
          sender: "Ahmad Zainuri",
          contact: "0812 3456 789",
          content: "Calon adalah perangkat desa yang masih aktif menjabat.",
        },
        attach: true,
      },
    ]);
    // Listed by the date received: after 1 December, before the one recorded earlier on 30 November.
    expect(headings()).toEqual([
      "PPK-3514-0007 Siti Nur'aini",
      "PPK-3514-0012 Siti Rahayu",
      "PPK-3514-0005 Eko Prasetyo",
      "PPK-3514-0003 Budi Santoso",
    ]);
    expect(screen.getByTestId("responses-message")).toHaveTextContent(
      "Tanggapan tentang Siti Rahayu (PPK-3514-0012) dicatat.",
    );
    expect(screen.getByTestId("responses-counters")).toHaveTextContent("4 tanggapan: 2 dalam proses");
    expect(itemOf("Siti Rahayu")).toHaveFocus();
    expect(within(itemOf("Siti Rahayu")).getByRole("button", { name: "Buka lampiran" })).toBeInTheDocument();
  });

  it("records an anonymous response without a file, picked by number with the mouse", async () => {
    const calls = mockCore({
      applicants: () => ({ total: 1, offset: 0, rows: [applicantRow(7, { full_name: "Siti Nur'aini" })] }),
      record: ({ input }) => responseView(9, { received_on: input.received_on }),
    });
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    await user.click(screen.getByRole("button", { name: "Catat tanggapan…" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByRole("combobox"), "0007");
    await user.click(await within(dialog).findByRole("option", { name: /Siti Nur'aini/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /Anonim/ }));
    expect(within(dialog).getByLabelText("Pengirim")).toHaveValue("Anonim");
    await user.type(within(dialog).getByLabelText("Isi tanggapan"), "Calon masih menjadi pengurus partai.");
    await user.click(within(dialog).getByRole("button", { name: "Simpan tanggapan" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "list_applicants").at(-1)).toMatchObject({ query: { text: "0007" } });
    expect(sent(calls, "record_response")).toEqual([
      {
        input: {
          applicant_id: 7,
          received_on: todayIso(),
          sender: "Anonim",
          contact: "",
          content: "Calon masih menjadi pengurus partai.",
        },
        attach: false,
      },
    ]);
  });

  it("asks for a candidate before sending anything", async () => {
    const calls = mockCore();
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    await user.click(screen.getByRole("button", { name: "Catat tanggapan…" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Isi tanggapan"), "Isi tanggapan yang cukup panjang.");
    await user.click(within(dialog).getByRole("button", { name: "Simpan tanggapan" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Pilih calon yang ditanggapi");
    expect(within(dialog).getByRole("combobox")).toHaveFocus();
    expect(within(dialog).getByRole("combobox")).toHaveAttribute("aria-invalid", "true");
    expect(sent(calls, "record_response")).toEqual([]);
  });

  it("shows the core's refusal and keeps everything typed; a cancelled file choice saves nothing", async () => {
    let answer: "refuse" | "cancel" | "ok" = "refuse";
    const calls = mockCore({
      record: ({ input }) => {
        if (answer === "refuse")
          throw { code: "validation", message: "Tuliskan isi tanggapan (paling sedikit 10 karakter).", field: "isi" };
        if (answer === "cancel") return null;
        return responseView(9, { content: input.content, sender: input.sender });
      },
    });
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    await user.click(screen.getByRole("button", { name: "Catat tanggapan…" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByRole("combobox"), "siti");
    await within(dialog).findAllByRole("option");
    await user.keyboard("{Enter}");
    await user.type(within(dialog).getByLabelText("Pengirim"), "Bu Lurah");
    await user.type(within(dialog).getByLabelText("Isi tanggapan"), "Pendek");
    await user.click(within(dialog).getByRole("button", { name: "Simpan tanggapan" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Tuliskan isi tanggapan (paling sedikit 10 karakter).",
    );
    const content = within(dialog).getByLabelText("Isi tanggapan");
    expect(content).toHaveValue("Pendek");
    expect(content).toHaveAttribute("aria-invalid", "true");
    expect(content).toHaveFocus();
    expect(within(dialog).getByRole("combobox")).toHaveValue("PPK-3514-0007 – Siti Nur'aini");
    expect(within(dialog).getByLabelText("Pengirim")).toHaveValue("Bu Lurah");
    expect(items()).toHaveLength(3);

    // With a file: the dialog was closed without choosing one.
    answer = "cancel";
    await user.type(content, " sekali isinya.");
    await user.click(within(dialog).getByRole("checkbox", { name: "Lampirkan berkas" }));
    await user.click(within(dialog).getByRole("button", { name: "Pilih berkas dan simpan…" }));
    expect(await within(dialog).findByTestId("response-attach-cancelled")).toHaveTextContent(
      "tanggapan belum disimpan",
    );
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    expect(content).toHaveValue("Pendek sekali isinya.");

    answer = "ok";
    await user.click(within(dialog).getByRole("button", { name: "Pilih berkas dan simpan…" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "record_response").map((a) => [(a.input as ResponseInput).content, a.attach])).toEqual([
      ["Pendek", false],
      ["Pendek sekali isinya.", true],
      ["Pendek sekali isinya.", true],
    ]);
    expect(items()).toHaveLength(4);
  });

  it("lets a Verifikator clarify an undecided response, and shows a refusal", async () => {
    let refuse = true;
    const calls = mockCore({
      clarify: ({ id, text }) => {
        if (refuse) throw { code: "validation", message: "Tuliskan hasil klarifikasi (paling sedikit 10 karakter).", field: "klarifikasi" };
        return { ...sampleResponses()[2]!, id, clarification: text };
      },
    });
    const user = userEvent.setup();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    // Decided responses are not clarified any more.
    expect(within(itemOf("Eko Prasetyo")).queryByRole("button", { name: "Klarifikasi…" })).not.toBeInTheDocument();
    expect(within(itemOf("Budi Santoso")).queryByRole("button", { name: "Klarifikasi…" })).not.toBeInTheDocument();
    const button = within(itemOf("Siti Nur'aini")).getByRole("button", { name: "Klarifikasi…" });
    expect(button).toHaveAccessibleDescription("PPK-3514-0007 Siti Nur'aini");
    await user.click(button);
    const dialog = screen.getByRole("dialog", { name: "Klarifikasi tanggapan" });
    const text = within(dialog).getByLabelText("Hasil klarifikasi");
    expect(text).toHaveFocus();
    await user.type(text, "Belum");
    await user.click(within(dialog).getByRole("button", { name: "Simpan klarifikasi" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("paling sedikit 10 karakter");
    expect(text).toHaveValue("Belum");

    refuse = false;
    await user.type(text, " ada SK kepengurusan; calon menyatakan sudah mundur.");
    await user.click(within(dialog).getByRole("button", { name: "Simpan klarifikasi" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "clarify_response").at(-1)).toEqual({
      id: 3,
      text: "Belum ada SK kepengurusan; calon menyatakan sudah mundur.",
    });
    expect(within(itemOf("Siti Nur'aini")).getByTestId("response-clarification")).toHaveTextContent(
      "Belum ada SK kepengurusan; calon menyatakan sudah mundur.",
    );
    expect(screen.getByTestId("responses-message")).toHaveTextContent("Klarifikasi tanggapan tentang Siti Nur'aini disimpan.");
  });

  it("lets a Pimpinan find a response terbukti only after confirming that the candidate is dropped", async () => {
    const calls = mockCore({
      decide: ({ id, outcome, reason }) => ({
        ...sampleResponses()[2]!,
        id,
        outcome: outcome as "terbukti",
        outcome_label: "Terbukti – calon gugur",
        outcome_reason: reason,
        decided_at: "2026-12-05T03:00:00Z",
      }),
    });
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("response-item");
    expect(screen.getAllByRole("button", { name: "Putuskan…" })).toHaveLength(1);
    await user.click(within(itemOf("Siti Nur'aini")).getByRole("button", { name: "Putuskan…" }));
    const dialog = screen.getByRole("dialog", { name: "Putuskan tanggapan" });
    expect(within(dialog).getByRole("radio", { name: /^Terbukti/ })).toHaveFocus();

    // Nothing chosen yet.
    await user.click(within(dialog).getByRole("button", { name: "Simpan keputusan" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Pilih hasil rapat pleno");

    await user.click(within(dialog).getByRole("radio", { name: /^Terbukti/ }));
    expect(within(dialog).getByTestId("response-consequence")).toHaveTextContent(
      "Siti Nur'aini (PPK-3514-0007) dinyatakan gugur dari seleksi dan cadangan berikutnya di Kecamatan Purwodadi naik",
    );
    await user.type(within(dialog).getByLabelText("Dasar keputusan"), "BA pleno nomor 14/PL.01.2-BA/3514/2026.");
    await user.click(within(dialog).getByRole("button", { name: "Nyatakan terbukti" }));
    const confirm = within(dialog).getByRole("checkbox", {
      name: "Saya mengerti: calon dinyatakan gugur; cadangan berikutnya naik.",
    });
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Centang pernyataan ini");
    expect(confirm).toHaveFocus();
    expect(sent(calls, "decide_response")).toEqual([]);

    await user.click(confirm);
    await user.click(within(dialog).getByRole("button", { name: "Nyatakan terbukti" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent(calls, "decide_response")).toEqual([
      { id: 3, outcome: "terbukti", reason: "BA pleno nomor 14/PL.01.2-BA/3514/2026." },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    const siti = itemOf("Siti Nur'aini");
    expect(within(siti).getByTestId("response-status")).toHaveTextContent("Terbukti – calon gugur");
    expect(within(siti).getByTestId("response-finding")).toHaveTextContent("BA pleno nomor 14/PL.01.2-BA/3514/2026.");
    expect(within(siti).queryByRole("button", { name: "Putuskan…" })).not.toBeInTheDocument();
    expect(screen.getByTestId("responses-message")).toHaveTextContent(
      "dinyatakan terbukti: calon dinyatakan gugur dan cadangan berikutnya naik.",
    );
  });

  it("shows the core's refusal of a finding and keeps the choice and reason", async () => {
    const calls = mockCore({
      decide: () => {
        throw {
          code: "validation",
          message: "Tuliskan dasar keputusan (mis. hasil klarifikasi dan nomor Berita Acara), paling sedikit 10 karakter.",
          field: "alasan",
        };
      },
    });
    const user = userEvent.setup();
    const { onChanged } = renderPanel(pimpinan);
    await screen.findAllByTestId("response-item");
    await user.click(screen.getByRole("button", { name: "Putuskan…" }));
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: /^Tidak terbukti/ }));
    expect(within(dialog).queryByTestId("response-consequence")).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Dasar keputusan"), "BA");
    await user.click(within(dialog).getByRole("button", { name: "Nyatakan tidak terbukti" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Tuliskan dasar keputusan");
    expect(within(dialog).getByLabelText("Dasar keputusan")).toHaveValue("BA");
    expect(within(dialog).getByLabelText("Dasar keputusan")).toHaveFocus();
    expect(within(dialog).getByRole("radio", { name: /^Tidak terbukti/ })).toBeChecked();
    expect(sent(calls, "decide_response")).toEqual([{ id: 3, outcome: "tidak_terbukti", reason: "BA" }]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it.each([
    ["Administrator", admin],
    ["Operator", operator],
  ])("shows no action to an %s, only the attached file", async (_, session) => {
    mockCore();
    renderPanel(session);
    await screen.findAllByTestId("response-item");
    expect(screen.queryByRole("button", { name: "Catat tanggapan…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Klarifikasi…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Putuskan…" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Buka lampiran" })).toBeInTheDocument();
  });

  it("gives each role only its own actions", async () => {
    mockCore();
    renderPanel(verifikator);
    await screen.findAllByTestId("response-item");
    expect(screen.getByRole("button", { name: "Catat tanggapan…" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Putuskan…" })).not.toBeInTheDocument();
  });

  it("keeps the Pimpinan from recording or clarifying", async () => {
    mockCore();
    renderPanel(pimpinan);
    await screen.findAllByTestId("response-item");
    expect(screen.queryByRole("button", { name: "Catat tanggapan…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Klarifikasi…" })).not.toBeInTheDocument();
  });

  it("records and decides nothing more once the term of office has begun", async () => {
    mockCore();
    renderPanel(verifikator, atStage(round(1, "PPK"), "masa_kerja"));
    await screen.findAllByTestId("response-item");
    expect(screen.getByTestId("responses-closed")).toHaveTextContent("Seleksi sudah memasuki masa kerja");
    expect(screen.queryByRole("button", { name: "Catat tanggapan…" })).not.toBeInTheDocument();
  });

  it("records no new response once the round's window has ended, as the core says, but still decides", async () => {
    mockCore();
    renderPanel(verifikator, atStage(round(1, "PPK"), "wawancara"));
    await screen.findAllByTestId("response-item");
    expect(screen.getByTestId("responses-closed")).toHaveTextContent("Masa tanggapan masyarakat sudah berakhir");
    expect(screen.queryByRole("button", { name: "Catat tanggapan…" })).not.toBeInTheDocument();
  });

  it("records at the final result when the round takes responses until the swearing in", async () => {
    mockCore();
    const note = "Tanggapan dan masukan masyarakat tentang calon diterima sejak pengumuman hasil penelitian administrasi sampai sebelum pelantikan (pengaturan seleksi).";
    renderPanel(verifikator, { ...atStage(round(1, "PPK"), "akhir"), responses_open: true, responses_note: note });
    await screen.findAllByTestId("response-item");
    expect(screen.getByTestId("responses-window")).toHaveTextContent("sampai sebelum pelantikan");
    expect(screen.queryByTestId("responses-closed")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Catat tanggapan…" })).toBeInTheDocument();
  });

  it("says when there is no response yet", async () => {
    mockCore({ list: () => [] });
    renderPanel(verifikator);
    expect(await screen.findByText("Belum ada tanggapan masyarakat pada seleksi ini.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Catat tanggapan…" })).toBeInTheDocument();
  });

  it("shows a failure to load", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "Anda tidak berhak melihat tanggapan.", field: null };
    });
    renderPanel(admin);
    expect(await screen.findByRole("alert")).toHaveTextContent("Anda tidak berhak melihat tanggapan.");
  });
});
