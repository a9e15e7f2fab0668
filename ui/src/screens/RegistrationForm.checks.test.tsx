// The registration form's dates, warnings, missing documents, party
// statement and keeping the focused field in view.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import { registrationCheck } from "../test/fixtures";
import { handedOver, input, mockCore, renderForm } from "../test/registrationCore";

const lastDraft = (sent: { checks: { draft: RegistrationDraft }[] }) => sent.checks.at(-1)?.draft;

afterEach(() => vi.restoreAllMocks());

describe("RegistrationForm dates", () => {
  it("types the birth date as DD-MM-YYYY, the dashes coming by themselves, and sends it as ISO", async () => {
    const sent = mockCore();
    const user = userEvent.setup();
    renderForm();
    const date = input("reg-tanggal-lahir");
    await user.type(date, "05031990");
    expect(date).toHaveValue("05-03-1990");
    await waitFor(() => expect(lastDraft(sent)?.fields.tanggal_lahir).toBe("1990-03-05"));

    // As people also write it: d/m/yyyy, shown the usual way once left.
    await user.clear(date);
    await user.type(date, "5/3/1990");
    await waitFor(() => expect(lastDraft(sent)?.fields.tanggal_lahir).toBe("1990-03-05"));
    await user.tab();
    expect(date).toHaveValue("05-03-1990");

    // No such day: the text goes to the core as typed, for it to say so.
    await user.clear(date);
    await user.type(date, "31021990");
    await waitFor(() => expect(lastDraft(sent)?.fields.tanggal_lahir).toBe("31-02-1990"));
  });

  it("marks the birth date the core says disagrees with the NIK", async () => {
    const warning = "Menurut NIK tanggal lahirnya 12-08-1990, tetapi yang diisi 13-08-1990. Periksa KTP-el.";
    mockCore((d) =>
      d.fields.tanggal_lahir === "1990-08-13"
        ? registrationCheck({
            nik_warnings: [warning],
            field_warnings: [{ field: "tanggal_lahir", reason: warning }],
            can_save: false,
            documents: handedOver,
          })
        : registrationCheck({ documents: handedOver }),
    );
    const user = userEvent.setup();
    renderForm();
    const date = input("reg-tanggal-lahir");
    await user.type(date, "13081990");
    const note = await screen.findByText(warning, { selector: "#reg-tanggal-lahir-warning" });
    expect(date.getAttribute("aria-describedby")).toContain(note.id);
    expect(date.closest(".field")).toHaveClass("has-warning");
    // Not the sex: only the field the core named is marked.
    expect(input("reg-jenis-kelamin").closest(".field")).not.toHaveClass("has-warning");
  });
});

describe("RegistrationForm gaps", () => {
  it("asks before saving without a required document, listing them; going back saves nothing", async () => {
    const sent = mockCore((d) =>
      registrationCheck({ documents: handedOver.map((x) => ({ ...x, received: d.documents.includes(x.code) })) }),
    );
    const user = userEvent.setup();
    renderForm();
    await screen.findAllByTestId("rule");

    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    const dialog = await screen.findByRole("dialog", { name: "Berkas wajib belum diserahkan" });
    expect(within(dialog).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Surat pendaftaran",
      "Fotokopi KTP-el",
    ]);
    await user.click(within(dialog).getByRole("button", { name: "Kembali, lengkapi berkas" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(sent.saves).toHaveLength(0);
    // Back at the first document missing.
    await waitFor(() => expect(input("reg-berkas-surat_pendaftaran")).toHaveFocus());

    await user.click(input("reg-berkas-surat_pendaftaran"));
    await user.keyboard("{Control>}s{/Control}");
    const again = await screen.findByRole("dialog", { name: "Berkas wajib belum diserahkan" });
    expect(within(again).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Fotokopi KTP-el"]);
    // Ctrl+S does not save over the question.
    await user.keyboard("{Control>}s{/Control}");
    expect(sent.saves).toHaveLength(0);
    await user.click(within(again).getByRole("button", { name: "Tetap simpan tanpa berkas itu" }));
    expect(await screen.findByTestId("saved-reg-number")).toHaveTextContent("PPK-3514-0007");
    expect(sent.saves).toHaveLength(1);
    expect(sent.saves[0]!.args.draft.documents).toEqual(["surat_pendaftaran"]);
  });

  it("does not ask when every required document was received", async () => {
    const sent = mockCore();
    const user = userEvent.setup();
    renderForm();
    await screen.findAllByTestId("rule");
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(await screen.findByTestId("saved-reg-number")).toBeInTheDocument();
    expect(sent.saves).toHaveLength(1);
  });

  it("chooses no party statement for the applicant and shows the core's refusal on it", async () => {
    const refusal = "Pernyataan keanggotaan partai politik wajib dipilih: tidak pernah menjadi anggota, atau mantan anggota.";
    const checkOf = (d: RegistrationDraft) =>
      d.party_status === null
        ? registrationCheck({ problems: [{ field: "status_partai", reason: refusal }], can_save: false, documents: handedOver })
        : registrationCheck({ documents: handedOver });
    const sent = mockCore(checkOf, (d) =>
      d.party_status === null ? { saved: null, check: checkOf(d) } : { saved: { id: 9, reg_number: "PPK-3514-0009" }, check: checkOf(d) },
    );
    const user = userEvent.setup();
    renderForm();
    const never = screen.getByLabelText("Tidak pernah menjadi anggota partai politik");
    const former = screen.getByLabelText("Mantan anggota partai politik");
    expect(never).not.toBeChecked();
    expect(former).not.toBeChecked();
    await waitFor(() => expect(lastDraft(sent)?.party_status).toBeNull());
    // Not shown before anything was tried.
    expect(screen.queryByText(refusal)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    const message = await screen.findByText(refusal);
    expect(message).toHaveAttribute("id", "reg-partai-error");
    expect(document.getElementById("reg-partai")).toHaveAttribute("aria-describedby", "reg-partai-error");
    await waitFor(() => expect(never).toHaveFocus());
    expect(sent.saves).toHaveLength(1);
    expect(screen.queryByTestId("saved-reg-number")).not.toBeInTheDocument();

    await user.click(never);
    await waitFor(() => expect(screen.queryByText(refusal)).not.toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    expect(await screen.findByTestId("saved-reg-number")).toHaveTextContent("PPK-3514-0009");
    expect(sent.saves.at(-1)!.args.draft.party_status).toBe("bukan");
  });
});

/** Lays out the bar stuck at the bottom of a 768-pixel window and `id` at `top` (jsdom lays out nothing). */
function layout(id: string, top: number) {
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    const box = (t: number, h: number) => ({ top: t, bottom: t + h, left: 0, right: 700, height: h, width: 700, x: 0, y: t }) as DOMRect;
    if (this.hasAttribute("data-sticky-bottom")) return box(668, 100);
    if (this.id === id) return box(top, 36);
    return box(0, 0);
  });
  const scrollBy = vi.fn();
  window.scrollBy = scrollBy as typeof window.scrollBy;
  return scrollBy;
}

describe("RegistrationForm focus", () => {
  it("scrolls a field reached with Tab out from under the Simpan bar", async () => {
    mockCore();
    const user = userEvent.setup();
    renderForm();
    const scrollBy = layout("reg-pekerjaan", 650);
    screen.getByLabelText("Pendidikan terakhir").focus();
    await user.tab();
    expect(input("reg-pekerjaan")).toHaveFocus();
    // Its bottom (686) goes above the bar's top (668), with a margin of 8.
    await waitFor(() => expect(scrollBy).toHaveBeenCalledWith({ top: 686 - 668 + 8 }));
  });

  it("leaves a field alone when the bar does not hide it", async () => {
    mockCore();
    const user = userEvent.setup();
    renderForm();
    const scrollBy = layout("reg-pekerjaan", 300);
    screen.getByLabelText("Pendidikan terakhir").focus();
    await user.tab();
    expect(input("reg-pekerjaan")).toHaveFocus();
    await new Promise((r) => requestAnimationFrame(r));
    expect(scrollBy).not.toHaveBeenCalled();
  });

  it("after a refused save focuses the first wrong field and brings it above the bar", async () => {
    const problems = [{ field: "tanggal_lahir", reason: 'Tanggal lahir "31-02-1990" tidak terbaca; tulis 1990-08-12 atau 12-08-1990.' }];
    mockCore(
      () => registrationCheck({ problems, can_save: false }),
      () => ({ saved: null, check: registrationCheck({ problems, can_save: false }) }),
    );
    const user = userEvent.setup();
    renderForm();
    await screen.findAllByTestId("rule");
    const scrollBy = layout("reg-tanggal-lahir", 700);
    await user.click(screen.getByRole("button", { name: "Simpan pendaftaran" }));
    await waitFor(() => expect(input("reg-tanggal-lahir")).toHaveFocus());
    await waitFor(() => expect(scrollBy).toHaveBeenCalledWith({ top: 736 - 668 + 8 }));
    expect(input("reg-tanggal-lahir")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("RegistrationForm recorded service", () => {
  it("shows the service the core found recorded for the NIK, read-only, beside the typed history", async () => {
    const recorded = {
      round_id: 1,
      round_name: "PPK Pemilu 2024",
      election: "Pemilu 2024",
      body: "PPK" as const,
      unit_label: "Kecamatan Purwodadi",
      how: "Hasil seleksi",
    };
    mockCore((d) =>
      d.fields.nik === "3514011208900001"
        ? registrationCheck({ recorded_service: [recorded], documents: handedOver })
        : registrationCheck({ documents: handedOver }),
    );
    const user = userEvent.setup();
    renderForm();
    expect(screen.queryByTestId("recorded-service")).not.toBeInTheDocument();
    await user.type(input("reg-nik"), "3514011208900001");
    const shown = await screen.findByTestId("recorded-service");
    expect(shown).toHaveTextContent("PPK Pemilu 2024 (Pemilu 2024) · Kecamatan Purwodadi · Hasil seleksi");
    expect(within(shown).queryByRole("textbox")).not.toBeInTheDocument();
  });
});
