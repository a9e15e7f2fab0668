import { useState } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../../api";
import type { BackupEntry } from "../../bindings/BackupEntry";
import { Check } from "../../components/Check";
import { ErrorBox } from "../../components/ErrorBox";
import { Field } from "../../components/Field";
import { Modal } from "../../components/Modal";
import { useDialogAction } from "../../components/useDialogAction";

/** The field the core reports passphrase problems on. */
export const PASSPHRASE_FIELD = "kata_sandi_cadangan";

interface Props {
  onClose: () => void;
  /** The backup was written (the folder dialog was not cancelled). */
  onDone: (entry: BackupEntry) => void;
}

/**
 * A backup into a folder the user picks (a USB drive): sealed with a
 * passphrase unless the user says otherwise. The core checks the
 * passphrase; the two fields agreeing is checked here.
 */
export function FolderBackupDialog({ onClose, onDone }: Props) {
  const { busy, close, run, mounted } = useDialogAction(onClose);
  const [seal, setSeal] = useState(true);
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<ErrorPayload | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (seal && passphrase !== again) {
      setError({ code: "validation", field: "again", message: "Ulangi kata sandi cadangan yang sama persis." });
      return;
    }
    setError(null);
    return run(async () => {
      try {
        const entry = await call("backup_now", { toFolder: true, passphrase: seal ? passphrase : null });
        if (mounted.current && entry) onDone(entry);
      } catch (err) {
        if (mounted.current) setError(toErrorPayload(err));
      }
    });
  };

  const at = (field: string) => (error?.field === field ? error.message : null);
  const general = error && ![PASSPHRASE_FIELD, "again"].includes(error.field ?? "") ? error.message : null;
  return (
    <Modal title="Cadangkan ke folder lain" onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="folder-backup">
        <p>
          Cadangan berisi data pribadi seluruh pendaftar (NIK, alamat, pindaian KTP). Bila disimpan di flashdisk, kunci
          dengan kata sandi agar isinya tidak dapat dibaca bila flashdisk hilang atau dipinjam.
        </p>
        <Check checked={seal} disabled={busy} onChange={setSeal}>
          Kunci cadangan dengan kata sandi (disarankan)
        </Check>
        {seal ? (
          <>
            <Field
              label="Kata sandi cadangan"
              type="password"
              autoComplete="new-password"
              value={passphrase}
              disabled={busy}
              data-autofocus
              onChange={(e) => setPassphrase(e.target.value)}
              hint="Paling sedikit 10 karakter; kalimat pendek mudah diingat, misalnya “cadangan kpu pasuruan 2026”."
              error={at(PASSPHRASE_FIELD)}
            />
            <Field
              label="Ulangi kata sandi cadangan"
              type="password"
              autoComplete="new-password"
              value={again}
              disabled={busy}
              onChange={(e) => setAgain(e.target.value)}
              error={at("again")}
            />
            <p className="warn-box">
              Catat kata sandi ini dan simpan terpisah dari flashdisk. <strong>Tanpa kata sandi ini cadangan tidak dapat
              dipulihkan</strong>, juga oleh pembuat aplikasi.
            </p>
          </>
        ) : (
          <p className="warn-box" data-testid="unsealed-warning">
            Tanpa kata sandi, siapa pun yang memegang flashdisk dapat membaca seluruh data pendaftar.
          </p>
        )}
        <ErrorBox message={general} />
        {busy && (
          <div className="progress">
            <progress aria-label="Sedang mencadangkan ke folder yang dipilih…" />
            <span className="muted">Sedang mencadangkan ke folder yang dipilih…</span>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={close} disabled={busy}>
            Batal
          </button>
          <button type="submit" className="primary" id="folder-backup-go" disabled={busy}>
            {busy ? "Mencadangkan…" : "Pilih folder dan cadangkan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
