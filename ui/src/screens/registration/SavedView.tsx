import { useState } from "react";

import { call, toErrorPayload } from "../../api";
import { writtenText } from "../written";
import type { SavedApplicant } from "../../bindings/SavedApplicant";

interface Props {
  saved: SavedApplicant;
  /** The applicant's name as typed. */
  name: string;
  /** An application was changed, not a new one registered. */
  edited: boolean;
  /** A new form for the next applicant. */
  onNext: () => void;
  /** Back to the list. */
  onClose: () => void;
}

/** After a save: the registration number, the receipt to print, and where to go next. */
export function SavedView({ saved, name, edited, onNext, onClose }: Props) {
  const [receipt, setReceipt] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  // Printing opens the receipt in the PDF viewer (print from there); saving asks where first.
  const receiptOut = async (how: "print_receipt" | "save_receipt") => {
    try {
      const w = await call(how, { id: saved.id });
      if (!w) setReceipt(null);
      else if (w.not_opened) setReceipt({ kind: "error", text: writtenText("Tanda terima", w) });
      else
        setReceipt({
          kind: "ok",
          text:
            how === "print_receipt"
              ? "Tanda terima dibuka di penampil PDF: cetak dari sana (Ctrl+P)."
              : writtenText("Tanda terima", w),
        });
    } catch (e) {
      setReceipt({ kind: "error", text: toErrorPayload(e).message });
    }
  };

  return (
    <section className="content" aria-labelledby="reg-title">
      <h1 id="reg-title">{edited ? "Perubahan tersimpan" : "Pendaftaran tersimpan"}</h1>
      <div className="ok-box saved" role="status">
        {edited ? "Perubahan data tersimpan: " : "Pendaftaran tersimpan: "}
        <strong data-testid="saved-reg-number">{saved.reg_number}</strong>
        {" · "}
        {name}
      </div>
      {receipt && (
        <p className={receipt.kind === "ok" ? "ok-box" : "error-box"} role={receipt.kind === "ok" ? "status" : "alert"}>
          {receipt.text}
        </p>
      )}
      <div className="actions start">
        <button type="button" id="reg-cetak" className="primary" onClick={() => void receiptOut("print_receipt")}>
          Cetak tanda terima
        </button>
        <button type="button" id="reg-simpan-pdf" onClick={() => void receiptOut("save_receipt")}>
          Simpan PDF…
        </button>
        {!edited && (
          <button type="button" id="reg-berikutnya" onClick={onNext}>
            Daftarkan berikutnya
          </button>
        )}
        <button type="button" id="reg-lihat-daftar" onClick={onClose}>
          Lihat daftar
        </button>
      </div>
    </section>
  );
}
