import { useId, useState, type FormEvent } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../../api";
import type { ApplicantListRow } from "../../bindings/ApplicantListRow";
import type { ResponseView } from "../../bindings/ResponseView";
import type { RoundSummary } from "../../bindings/RoundSummary";
import { DateInput } from "../../components/DateInput";
import { unreadableDate } from "../../components/dates";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { ApplicantPicker } from "./ApplicantPicker";
import { MIN_CHARS } from "./shared";

/** Today on this computer as YYYY-MM-DD (the default received date). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The core's field names, mapped to the inputs of the record form. */
type RecordField = "tanggal_diterima" | "pengirim" | "isi";

interface RecordProps {
  round: RoundSummary;
  onClose: () => void;
  onSaved: (r: ResponseView) => void;
}

/** A Verifikator records a response: about whom, when received, from whom, what it says, an optional file. */
export function RecordDialog({ round, onClose, onSaved }: RecordProps) {
  const base = useId();
  const ids = {
    picker: `${base}-calon`,
    date: `${base}-tanggal`,
    sender: `${base}-pengirim`,
    anonymous: `${base}-anonim`,
    contact: `${base}-kontak`,
    content: `${base}-isi`,
    attach: `${base}-lampiran`,
  };
  const [applicant, setApplicant] = useState<ApplicantListRow | null>(null);
  const [receivedOn, setReceivedOn] = useState(todayIso);
  const [sender, setSender] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [contact, setContact] = useState("");
  const [content, setContent] = useState("");
  const [attach, setAttach] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);

  const invalid = (field: RecordField) => (error?.field === field ? true : undefined);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setCancelled(false);
    if (!applicant) {
      setPickError("Pilih calon yang ditanggapi: ketik nama atau nomor pendaftaran, lalu pilih dari daftar.");
      document.getElementById(ids.picker)?.focus();
      return;
    }
    setPickError(null);
    const unread = unreadableDate(receivedOn);
    if (unread) {
      setError({ code: "validation", message: unread, field: "tanggal_diterima" });
      document.getElementById(ids.date)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const saved = await call("record_response", {
        input: {
          applicant_id: applicant.id,
          received_on: receivedOn,
          sender: anonymous ? "Anonim" : sender,
          contact,
          content,
        },
        attach,
      });
      if (saved) {
        onSaved(saved);
        return;
      }
      // The file dialog was closed without a file: nothing was saved.
      setCancelled(true);
    } catch (err) {
      const p = toErrorPayload(err);
      setError(p);
      const target = { tanggal_diterima: ids.date, pengirim: ids.sender, isi: ids.content }[p.field as RecordField];
      if (target) document.getElementById(target)?.focus();
    }
    setBusy(false);
  };

  return (
    <Modal title="Catat tanggapan masyarakat" onClose={onClose} wide>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Catat tanggapan" data-testid="response-record-dialog">
        <ApplicantPicker
          inputId={ids.picker}
          roundId={round.id}
          value={applicant}
          onChange={(a) => {
            setApplicant(a);
            if (a) setPickError(null);
          }}
          error={pickError}
        />
        <div className="grid-2">
          <div className={`field${invalid("tanggal_diterima") ? " has-error" : ""}`}>
            <label htmlFor={ids.date}>Tanggal diterima</label>
            <DateInput
              id={ids.date}
              value={receivedOn}
              onChange={setReceivedOn}
              aria-invalid={invalid("tanggal_diterima")}
            />
          </div>
          <div className={`field${invalid("pengirim") ? " has-error" : ""}`}>
            <label htmlFor={ids.sender}>Pengirim</label>
            <input
              id={ids.sender}
              type="text"
              value={anonymous ? "Anonim" : sender}
              disabled={anonymous}
              onChange={(e) => setSender(e.target.value)}
              autoComplete="off"
              aria-invalid={invalid("pengirim")}
            />
            <label className="check" htmlFor={ids.anonymous}>
              <input
                id={ids.anonymous}
                type="checkbox"
                checked={anonymous}
                onChange={(e) => setAnonymous(e.target.checked)}
              />
              <span>Pengirim tidak menyebutkan nama (Anonim)</span>
            </label>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.contact}>Kontak pengirim</label>
          <input
            id={ids.contact}
            type="text"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            autoComplete="off"
            aria-describedby={`${ids.contact}-hint`}
          />
          <small id={`${ids.contact}-hint`} className="muted">
            Nomor telepon, surel, atau alamat; boleh dikosongkan.
          </small>
        </div>
        <div className={`field${invalid("isi") ? " has-error" : ""}`}>
          <label htmlFor={ids.content}>Isi tanggapan</label>
          <textarea
            id={ids.content}
            rows={5}
            value={content}
            onChange={(e) => setContent(e.target.value)}
            aria-invalid={invalid("isi")}
            aria-describedby={`${ids.content}-hint`}
          />
          <small id={`${ids.content}-hint`} className="muted">
            Tuliskan pokok tanggapan sebagaimana disampaikan, paling sedikit {MIN_CHARS} karakter.
          </small>
        </div>
        <label className="check" htmlFor={ids.attach}>
          <input
            id={ids.attach}
            type="checkbox"
            checked={attach}
            onChange={(e) => setAttach(e.target.checked)}
            aria-describedby={`${ids.attach}-hint`}
          />
          <span>Lampirkan berkas</span>
        </label>
        <small id={`${ids.attach}-hint`} className="muted response-attach-hint">
          Berkas PDF, JPG, atau PNG (mis. surat atau foto bukti) dipilih sesudah menekan Simpan.
        </small>
        {cancelled && (
          <p className="warn-box" role="status" data-testid="response-attach-cancelled">
            Berkas lampiran tidak dipilih, jadi tanggapan belum disimpan. Tekan Simpan lagi untuk memilih berkas, atau
            hapus centang “Lampirkan berkas”.
          </p>
        )}
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : attach ? "Pilih berkas dan simpan…" : "Simpan tanggapan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
