import { useCallback, useEffect, useId, useRef, useState } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../api";
import { angka } from "../api/format";
import type { BackupEntry } from "../bindings/BackupEntry";
import type { RestoreCheck } from "../bindings/RestoreCheck";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { useMounted } from "../components/useMounted";
import "./BackupPage.css";

const MB = 1024 * 1024;

/** 12_901_234 bytes → "12,3 MB"; anything under 0,1 MB → "< 0,1 MB". */
export function ukuran(bytes: number): string {
  const mb = bytes / MB;
  if (mb < 0.05) return "< 0,1 MB";
  return `${mb.toLocaleString("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** The folder a file is in ("C:\\data\\cadangan\\x.db" → "C:\\data\\cadangan"). */
function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** The name of a file without its folder. */
function fileOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** The beginning of a SHA-256, enough to compare two files by eye. */
const shortHash = (sha: string) => (sha.length > 16 ? `${sha.slice(0, 16)}…` : sha);

type Busy = { kind: "now" } | { kind: "folder" } | { kind: "inspect"; row: number | null } | null;

const BUSY_TEXT: Record<"now" | "folder" | "inspect", string> = {
  now: "Sedang mencadangkan database dan berkas pindaian…",
  folder: "Sedang mencadangkan ke folder yang dipilih…",
  inspect: "Sedang memeriksa berkas cadangan…",
};

interface Props {
  /**
   * The session has ended (after a restore, or when the core says so):
   * back to the login screen.
   */
  onLoggedOut: () => void;
}

/**
 * Backups and restore, for the Administrator: the automatic backups, a
 * backup now (here or to another folder, e.g. a USB drive), and restoring
 * a backup after checking what it holds and a deliberate confirmation.
 */
export function BackupPage({ onLoggedOut }: Props) {
  const mounted = useMounted();
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [listError, setListError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [check, setCheck] = useState<RestoreCheck | null>(null);
  const [restored, setRestored] = useState<RestoreCheck | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await call("backup_list");
      if (!mounted.current) return;
      setEntries(list);
      setListError(null);
    } catch (e) {
      if (mounted.current) setListError(toErrorPayload(e));
    }
  }, [mounted]);
  useEffect(() => {
    void load();
  }, [load]);

  const backup = async (toFolder: boolean) => {
    setBusy({ kind: toFolder ? "folder" : "now" });
    setDone(null);
    setError(null);
    try {
      const entry = await call("backup_now", { toFolder });
      if (!mounted.current) return;
      if (entry) {
        const scans = entry.scans > 0 ? `, ${angka(entry.scans)} berkas pindaian` : ", tanpa berkas pindaian";
        setDone(
          toFolder
            ? `Cadangan disimpan di ${folderOf(entry.path)}: ${entry.file_name} (${ukuran(entry.bytes)}${scans}). ` +
                "Cadangan ini tidak tampil di daftar di bawah; untuk memulihkannya pilih “Pulihkan dari berkas lain…”."
            : `Cadangan disimpan: ${entry.file_name} (${ukuran(entry.bytes)}${scans}).`,
        );
        await load();
      }
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e));
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  const inspect = async (path: string | null, row: number | null) => {
    setBusy({ kind: "inspect", row });
    setDone(null);
    setError(null);
    try {
      const found = await call("inspect_backup", { path });
      if (mounted.current && found) setCheck(found);
    } catch (e) {
      if (!mounted.current) return;
      const p = toErrorPayload(e);
      setError({ ...p, message: `${p.message} Database yang sekarang tidak diubah.` });
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  // Back to the login screen, once (a button and Escape may both ask).
  const left = useRef(false);
  const leave = useCallback(() => {
    if (left.current) return;
    left.current = true;
    onLoggedOut();
  }, [onLoggedOut]);

  const closeCheck = useCallback(() => setCheck(null), []);
  const onRestored = useCallback((r: RestoreCheck) => {
    setCheck(null);
    setRestored(r);
  }, []);

  const working = busy !== null;
  const folder = entries?.[0] ? folderOf(entries[0].path) : null;

  return (
    <div className="content backup-page">
      <h1>Cadangan</h1>
      <section aria-labelledby="backup-auto-title" className="backup-intro">
        <h2 id="backup-auto-title">Cadangan otomatis</h2>
        <p>
          Aplikasi mencadangkan database beserta berkas pindaian secara otomatis ke folder <code>cadangan</code> di
          samping berkas database:
        </p>
        <ul className="compact">
          <li>saat aplikasi pertama kali dibuka setiap hari (7 cadangan harian terakhir disimpan);</li>
          <li>setiap kali sebuah tahap ditutup (disimpan seterusnya);</li>
          <li>sebelum database diperbarui oleh versi aplikasi yang baru.</li>
        </ul>
        {folder && (
          <p>
            Folder cadangan: <span className="mono backup-folder">{folder}</span>
          </p>
        )}
        <p className="muted">
          Cadangan di komputer yang sama ikut hilang bila komputer rusak. Simpan juga salinannya di tempat lain, misalnya
          flashdisk, dengan “Cadangkan ke folder lain…”.
        </p>
      </section>

      <div className="backup-toolbar" role="group" aria-label="Tindakan cadangan">
        <div className="row-actions">
          <button type="button" className="primary" id="backup-now" disabled={working} onClick={() => void backup(false)}>
            {busy?.kind === "now" ? "Mencadangkan…" : "Cadangkan sekarang"}
          </button>
          <button type="button" id="backup-folder" disabled={working} onClick={() => void backup(true)}>
            {busy?.kind === "folder" ? "Mencadangkan…" : "Cadangkan ke folder lain…"}
          </button>
        </div>
        <button type="button" id="restore-file" disabled={working} onClick={() => void inspect(null, null)}>
          {busy?.kind === "inspect" && busy.row === null ? "Memeriksa…" : "Pulihkan dari berkas lain…"}
        </button>
      </div>

      {busy && (
        <div className="progress backup-progress">
          <progress aria-label={BUSY_TEXT[busy.kind]} />
        </div>
      )}
      <div role="status" className="backup-feedback">
        {busy ? (
          <p className="muted">{BUSY_TEXT[busy.kind]}</p>
        ) : (
          done && <p className="ok-box">{done}</p>
        )}
      </div>
      <ErrorBox message={error?.message} />
      {error?.code === "unauthenticated" && <LoginAgain onLoggedOut={leave} />}

      <section aria-labelledby="backup-list-title">
        <h2 id="backup-list-title">Daftar cadangan</h2>
        <p className="muted">
          Untuk memulihkan, pilih “Pulihkan…” pada cadangan yang dikehendaki. Berkas diperiksa lebih dulu; tidak ada yang
          berubah sebelum Anda mengonfirmasi.
        </p>
        <ErrorBox message={listError?.message} />
        {listError?.code === "unauthenticated" && error?.code !== "unauthenticated" && (
          <LoginAgain onLoggedOut={leave} />
        )}
        {!entries && !listError && <p aria-busy="true">Memuat…</p>}
        {entries && entries.length === 0 && <p className="empty">Belum ada cadangan.</p>}
        {entries && entries.length > 0 && (
          <div className="table-wrap">
            <table className="data backup-table" aria-label="Daftar cadangan">
              <thead>
                <tr>
                  <th scope="col">Waktu</th>
                  <th scope="col">Alasan</th>
                  <th scope="col">Nama berkas</th>
                  <th scope="col" className="num">
                    Ukuran
                  </th>
                  <th scope="col" className="num">
                    Berkas pindaian
                  </th>
                  <th scope="col">Aksi</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={e.path} data-testid="backup-row">
                    <td className="backup-time">{e.taken}</td>
                    <td>{e.reason_label}</td>
                    <td className="mono backup-file">{e.file_name}</td>
                    <td className="num">{ukuran(e.bytes)}</td>
                    <td className="num">{angka(e.scans)}</td>
                    <td>
                      <button
                        type="button"
                        id={`restore-${i}`}
                        className="small"
                        disabled={working}
                        aria-label={`Pulihkan cadangan ${e.taken} (${e.reason_label})`}
                        onClick={() => void inspect(e.path, i)}
                      >
                        {busy?.kind === "inspect" && busy.row === i ? "Memeriksa…" : "Pulihkan…"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {check && <RestoreDialog check={check} onClose={closeCheck} onRestored={onRestored} />}
      {restored && <RestoredDialog restored={restored} onLoggedOut={leave} />}
    </div>
  );
}

function LoginAgain({ onLoggedOut }: { onLoggedOut: () => void }) {
  return (
    <div className="actions start">
      <button type="button" className="primary" onClick={onLoggedOut}>
        Masuk kembali
      </button>
    </div>
  );
}

interface DialogProps {
  check: RestoreCheck;
  onClose: () => void;
  onRestored: (r: RestoreCheck) => void;
}

/**
 * What the checked backup holds, the warning, and the confirmation: the
 * "Ya, pulihkan" button stays disabled until "Saya mengerti…" is ticked.
 */
function RestoreDialog({ check, onClose, onRestored }: DialogProps) {
  const mounted = useMounted();
  const understoodId = useId();
  const [understood, setUnderstood] = useState(false);
  // A backup whose audit trail does not continue this database's is
  // restored only when the user says it comes from elsewhere.
  const elsewhereId = useId();
  const [elsewhere, setElsewhere] = useState(false);
  const ready = understood && (check.continues || elsewhere);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While the restore runs the dialog cannot be closed (Escape, ×, backdrop);
  // a stable callback, so the dialog does not move the focus on each render.
  const busyRef = useRef(false);
  const close = useCallback(() => {
    if (!busyRef.current) onClose();
  }, [onClose]);

  const restore = async () => {
    if (!ready || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const r = await call("restore_backup", { path: check.path, fromElsewhere: !check.continues && elsewhere });
      if (mounted.current) onRestored(r);
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(false);
    }
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
            <div className="check">
              <input
                type="checkbox"
                id={elsewhereId}
                checked={elsewhere}
                disabled={busy}
                onChange={(e) => setElsewhere(e.target.checked)}
              />
              <label htmlFor={elsewhereId}>Saya tahu cadangan ini berasal dari tempat lain dan tetap ingin memulihkannya.</label>
            </div>
          </div>
        )}

        <div className="check backup-understood">
          <input
            type="checkbox"
            id={understoodId}
            checked={understood}
            disabled={busy}
            onChange={(e) => setUnderstood(e.target.checked)}
          />
          <label htmlFor={understoodId}>
            Saya mengerti bahwa data yang sekarang akan diganti dengan isi cadangan ini dan saya harus masuk kembali.
          </label>
        </div>
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
function RestoredDialog({ restored, onLoggedOut }: { restored: RestoreCheck; onLoggedOut: () => void }) {
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
