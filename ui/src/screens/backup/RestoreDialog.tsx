import { useState } from "react";

import { call, toErrorPayload } from "../../api";
import { angka } from "../../api/format";
import type { RestoreCheck } from "../../bindings/RestoreCheck";
import { Check } from "../../components/Check";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { useDialogAction } from "../../components/useDialogAction";
import { fileOf } from "./names";

/** The beginning of a SHA-256, enough to compare two files by eye. */
const shortHash = (sha: string) => (sha.length > 16 ? `${sha.slice(0, 16)}…` : sha);

interface DialogProps {
  check: RestoreCheck;
  /** The passphrase a sealed backup was opened with. */
  passphrase: string | null;
  onClose: () => void;
  onRestored: (r: RestoreCheck) => void;
}

/**
 * What the checked backup holds, the warning, and the confirmation: the
 * "Ya, pulihkan" button stays disabled until "Saya mengerti…" is ticked.
 */
export function RestoreDialog({ check, passphrase, onClose, onRestored }: DialogProps) {
  // While the restore runs the dialog cannot be closed (Escape, ×, backdrop).
  const { busy, close, run, mounted } = useDialogAction(onClose);
  const [understood, setUnderstood] = useState(false);
  // A backup whose audit trail does not continue this database's is
  // restored only when the user says it comes from elsewhere.
  const [elsewhere, setElsewhere] = useState(false);
  const ready = understood && (check.continues || elsewhere);
  const [error, setError] = useState<string | null>(null);

  const restore = () => {
    if (!ready) return;
    setError(null);
    return run(async () => {
      try {
        const r = await call("restore_backup", {
          path: check.path,
          fromElsewhere: !check.continues && elsewhere,
          ...(passphrase === null ? {} : { passphrase }),
        });
        if (mounted.current) onRestored(r);
      } catch (e) {
        if (mounted.current) setError(toErrorPayload(e).message);
      }
    });
  };

  const missing = check.scans_missing.length;
  return (
    <Modal title="Pulihkan cadangan" onClose={close} wide>
      <div className="backup-check" data-testid="restore-dialog">
        <p>
          Berkas <span className="mono">{fileOf(check.path)}</span> sudah diperiksa dan dapat dipulihkan. Isinya:
        </p>
        <dl className="about backup-facts">
          <dt>Kabupaten/kota</dt>
          <dd data-testid="restore-kabupaten">{check.kabupaten}</dd>
          <dt>Seleksi</dt>
          <dd>
            {check.rounds.length === 0 ? (
              "Belum ada seleksi"
            ) : (
              <ul className="backup-rounds" data-testid="restore-rounds">
                {check.rounds.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Pendaftar</dt>
          <dd data-testid="restore-applicants">{angka(check.applicants)} orang</dd>
          <dt>Jejak audit</dt>
          <dd data-testid="restore-audit">
            {angka(check.audit_entries)} catatan
            {check.last_audit && (
              <>
                ; terakhir: <span className="mono">{check.last_audit}</span>
              </>
            )}
          </dd>
          <dt>Manifest</dt>
          <dd data-testid="restore-manifest">{check.manifest}</dd>
          {check.sealed && (
            <>
              <dt>Kunci</dt>
              <dd data-testid="restore-sealed">Terkunci dengan kata sandi; kata sandi benar, isi utuh</dd>
            </>
          )}
          <dt>SHA-256</dt>
          <dd>
            <span className="mono" title={check.sha256} data-testid="restore-sha">
              {shortHash(check.sha256)}
            </span>
          </dd>
          <dt>Versi skema</dt>
          <dd>{check.schema_version}</dd>
        </dl>

        <div className="warn-box" data-testid="restore-warning">
          <p>
            <strong>Seluruh data yang sekarang ada di aplikasi akan diganti dengan isi cadangan ini.</strong> Perubahan
            yang dibuat setelah cadangan ini diambil tidak ikut dipulihkan.
          </p>
          <p>
            Database yang sekarang tidak hilang: disimpan lebih dulu sebagai cadangan “Database sebelum dipulihkan dari
            cadangan”.
          </p>
          <p>
            Setelah dipulihkan, sesi Anda berakhir dan Anda harus masuk kembali dengan akun yang tercatat di cadangan
            ini.
          </p>
        </div>
        {missing > 0 && (
          <div className="warn-box backup-missing" data-testid="restore-missing">
            <p>
              <strong>{angka(missing)} berkas pindaian tidak ditemukan</strong>, baik di cadangan ini maupun di
              database yang sekarang. Pindaian tersebut tidak dapat dibuka setelah pemulihan.
            </p>
            <details>
              <summary>Lihat daftar berkas</summary>
              <ul className="compact mono">
                {check.scans_missing.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </details>
          </div>
        )}

        {!check.continues && (
          <div className="warn-box" data-testid="restore-elsewhere">
            <p>
              <strong>Cadangan ini bukan cadangan dari database ini.</strong> Jejak auditnya berbeda: cadangan berasal
              dari komputer atau kantor lain, atau dibuat sebelum pemulihan yang lain.
            </p>
            <Check checked={elsewhere} disabled={busy} onChange={setElsewhere}>
              Saya tahu cadangan ini berasal dari tempat lain dan tetap ingin memulihkannya.
            </Check>
          </div>
        )}

        <Check className="backup-understood" checked={understood} disabled={busy} onChange={setUnderstood}>
          Saya mengerti bahwa data yang sekarang akan diganti dengan isi cadangan ini dan saya harus masuk kembali.
        </Check>
        <ErrorBox message={error} />
        {busy && (
          <div className="progress">
            <progress aria-label="Sedang memulihkan database…" />
            <span className="muted">Sedang memulihkan database… Jangan menutup aplikasi.</span>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={close} disabled={busy} data-autofocus>
            Batal
          </button>
          <button
            type="button"
            id="restore-confirm"
            className="danger"
            disabled={!ready || busy}
            onClick={() => void restore()}
          >
            {busy ? "Memulihkan…" : "Ya, pulihkan"}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** After a restore: the session has ended, so the only way on is to log in again. */
export function RestoredDialog({ restored, onLoggedOut }: { restored: RestoreCheck; onLoggedOut: () => void }) {
  return (
    <Modal title="Database dipulihkan" onClose={onLoggedOut}>
      <div role="status" data-testid="restore-done">
        <p className="ok-box">
          Database telah dipulihkan dari cadangan <span className="mono">{fileOf(restored.path)}</span> (
          {restored.kabupaten}).
        </p>
        <p>
          Sesi Anda telah berakhir. Silakan masuk kembali dengan akun yang tercatat di cadangan tersebut. Database
          sebelum pemulihan disimpan sebagai cadangan “Database sebelum dipulihkan dari cadangan”.
        </p>
        {restored.warning && (
          <p className="warn-box" data-testid="restore-after-warning">
            {restored.warning}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={onLoggedOut}>
          Masuk kembali
        </button>
      </div>
    </Modal>
  );
}
