// The registration form on a mocked core: what it sends, and how it is opened.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render } from "@testing-library/react";
import { vi } from "vitest";

import type { RegistrationCheck } from "../bindings/RegistrationCheck";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { RegistrationResult } from "../bindings/RegistrationResult";
import { RegistrationForm, type RoundRef } from "../screens/RegistrationForm";
import { regions, registrationCheck } from "./fixtures";

export const PPK: RoundRef = { id: 1, name: "Pemilu 2024 – PPK", body: "PPK" };
export const PPS: RoundRef = { id: 2, name: "Pemilu 2024 – PPS", body: "PPS" };

export interface Sent {
  checks: { roundId: number; draft: RegistrationDraft; editing: number | null }[];
  saves: { cmd: string; args: { roundId?: number; id?: number; draft: RegistrationDraft } }[];
  receipts: unknown[];
}

/** The round's required documents, every one ticked as received. */
export const handedOver = registrationCheck().documents.map((d) => ({ ...d, received: true }));

/** A core whose live check and save answer from the draft. */
export function mockCore(
  checkOf: (d: RegistrationDraft) => RegistrationCheck = () => registrationCheck({ documents: handedOver }),
  saveOf: (d: RegistrationDraft) => RegistrationResult = (d) => ({ saved: { id: 9, reg_number: "PPK-3514-0007" }, check: checkOf(d) }),
) {
  const sent: Sent = { checks: [], saves: [], receipts: [] };
  mockIPC((cmd, args) => {
    const a = args as Sent["saves"][number]["args"] & { editing: number | null };
    if (cmd === "check_registration") {
      sent.checks.push({ roundId: a.roundId!, draft: a.draft, editing: a.editing });
      return checkOf(a.draft);
    }
    if (cmd === "register_applicant" || cmd === "update_applicant") {
      sent.saves.push({ cmd, args: a });
      return saveOf(a.draft);
    }
    if (cmd === "receive_files") {
      sent.receipts.push({ cmd, args });
      return { applicant_id: 3, reg_number: "PPK-3514-0001", full_name: "Siti Aminah", received_at: "03-12-2026 10:00" };
    }
    if (cmd === "print_receipt" || cmd === "save_receipt") {
      sent.receipts.push({ cmd, args });
      return { path: `/home/operator/Dokumen/tanda-terima-PPK-3514-0007.pdf`, not_opened: null };
    }
    return null;
  });
  return sent;
}

export function renderForm(props: Partial<React.ComponentProps<typeof RegistrationForm>> = {}) {
  const onClose = vi.fn();
  const onOpenApplicant = vi.fn();
  render(
    <RegistrationForm round={PPK} regions={regions()} onClose={onClose} onOpenApplicant={onOpenApplicant} {...props} />,
  );
  return { onClose, onOpenApplicant };
}

export const input = (id: string) => document.getElementById(id) as HTMLInputElement;
