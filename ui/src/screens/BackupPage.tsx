import { useCallback, useEffect, useRef, useState } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../api";
import { angka } from "../api/format";
import type { BackupEntry } from "../bindings/BackupEntry";
import type { RestoreCheck } from "../bindings/RestoreCheck";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";
import { FolderBackupDialog, PASSPHRASE_FIELD } from "./backup/FolderBackupDialog";
import { folderOf } from "./backup/names";
import { RestoreDialog, RestoredDialog } from "./backup/RestoreDialog";
import { UnlockDialog } from "./backup/UnlockDialog";
import "./BackupPage.css";

const MB = 1024 * 1024;

/** 12_901_234 bytes → "12,3 MB"; anything under 0,1 MB → "< 0,1 MB". */
export function ukuran(bytes: number): string {
  const mb = bytes / MB;
  if (mb < 0.05) return "< 0,1 MB";
  return `${mb.toLocaleString("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

type Busy = { kind: "now" } | { kind: "inspect"; row: number | null } | null;

const BUSY_TEXT: Record<"now" | "inspect", string> = {
  now: "Sedang mencadangkan database dan berkas pindaian…",
  inspect: "Sedang memeriksa berkas cadangan…",
};

/** What was written, for the line under the buttons. */
function saved(entry: BackupEntry, toFolder: boolean): string {
  const scans = entry.scans > 0 ? `, ${angka(entry.scans)} berkas pindaian` : ", tanpa berkas pindaian";
  const sealed = entry.file_name.endsWith(".age") ? ", terkunci dengan kata sandi" : "";
  return toFolder
    ? `Cadangan disimpan di ${folderOf(entry.path)}: ${entry.file_name} (${ukuran(entry.bytes)}${scans}${sealed}). ` +
        "Cadangan ini tidak tampil di daftar di bawah; untuk memulihkannya pilih “Pulihkan dari berkas lain…”."
    : `Cadangan disimpan: ${entry.file_name} (${ukuran(entry.bytes)}${scans}).`;
}

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
  const [check, setCheck] = useState<{ check: RestoreCheck; passphrase: string | null } | null>(null);
  const [folderDialog, setFolderDialog] = useState(false);
  const [locked, setLocked] = useState<string | null>(null);
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

  const backupNow = async () => {
    setBusy({ kind: "now" });
    setDone(null);
    setError(null);
    try {
      const entry = await call("backup_now", { toFolder: false });
      if (!mounted.current) return;
      if (entry) {
        setDone(saved(entry, false));
        await load();
      }
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e));
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  const openFolderDialog = () => {
    setDone(null);
    setError(null);
    setFolderDialog(true);
  };
  const closeFolderDialog = useCallback(() => setFolderDialog(false), []);
  const onFolderBackup = useCallback(
    (entry: BackupEntry) => {
      setFolderDialog(false);
      setDone(saved(entry, true));
      void load();
    },
    [load],
  );

  // A listed backup (`path`), or (null) a file picked in a dialog; a sealed
  // one asks for its passphrase first.
  const inspect = async (path: string | null, row: number | null) => {
    setBusy({ kind: "inspect", row });
    setDone(null);
    setError(null);
    let file = path;
    try {
      file = path ?? (await call("pick_backup_file"));
      if (!file || !mounted.current) return;
      const found = await call("inspect_backup", { path: file });
      if (mounted.current) setCheck({ check: found, passphrase: null });
    } catch (e) {
      if (!mounted.current) return;
      const p = toErrorPayload(e);
      if (p.field === PASSPHRASE_FIELD && file) {
        setLocked(file);
        return;
      }
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
  const closeLocked = useCallback(() => setLocked(null), []);
  const onUnlocked = useCallback((found: RestoreCheck, passphrase: string) => {
    setLocked(null);
    setCheck({ check: found, passphrase });
  }, []);
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
          <button type="button" className="primary" id="backup-now" disabled={working} onClick={() => void backupNow()}>
            {busy?.kind === "now" ? "Mencadangkan…" : "Cadangkan sekarang"}
          </button>
          <button type="button" id="backup-folder" disabled={working} onClick={openFolderDialog}>
            Cadangkan ke folder lain…
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

      {folderDialog && <FolderBackupDialog onClose={closeFolderDialog} onDone={onFolderBackup} />}
      {locked && <UnlockDialog path={locked} onClose={closeLocked} onOpened={onUnlocked} />}
      {check && (
        <RestoreDialog
          check={check.check}
          passphrase={check.passphrase}
          onClose={closeCheck}
          onRestored={onRestored}
        />
      )}
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

