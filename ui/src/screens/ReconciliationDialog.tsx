import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { FileReceipt } from "../bindings/FileReceipt";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { Reconciliation } from "../bindings/Reconciliation";
import type { ReconciliationRow } from "../bindings/ReconciliationRow";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { Modal } from "../components/Modal";
import { useMounted } from "../components/useMounted";

interface Props {
  roundId: number;
  roundName: string;
  regions: KecamatanOption[];
  /** The session may receive files (Operator, Administrator). */
  mayReceive: boolean;
  onClose: () => void;
  /** Opens an applicant (the dialog closes first). */
  onOpenApplicant: (id: number) => void;
}

type Tab = "awaiting" | "desk_only";

/** Whether `row` matches what was typed: any word of the name, or the number. */
export function matches(row: ReconciliationRow, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${row.reg_number} ${row.full_name}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/**
 * Online registrations (an imported SIAKBA list) against the paper files the help desk received:
 * the counts, who registered online without bringing a file, and files with no online registration.
 * A file is received from here too, with an undo right after.
 */
export function ReconciliationDialog({ roundId, roundName, regions, mayReceive, onClose, onOpenApplicant }: Props) {
  const [unit, setUnit] = useState("");
  const [data, setData] = useState<Reconciliation | null>(null);
  const [tab, setTab] = useState<Tab>("awaiting");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [received, setReceived] = useState<FileReceipt | null>(null);
  const [reload, setReload] = useState(0);
  const mounted = useMounted();

  useEffect(() => {
    let live = true;
    call("reconciliation", { roundId, unit: unit || null })
      .then((r) => live && setData(r))
      .catch((e) => live && setError(toErrorPayload(e).message));
    return () => {
      live = false;
    };
  }, [roundId, unit, reload]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      if (mounted.current) setReload((n) => n + 1);
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const receive = (row: ReconciliationRow) =>
    act(async () => {
      const r = await call("receive_files", { applicantId: row.applicant_id });
      if (mounted.current) setReceived(r);
    });
  const undo = (r: FileReceipt) =>
    act(async () => {
      await call("cancel_file_receipt", { applicantId: r.applicant_id });
      if (mounted.current) setReceived(null);
    });

  const c = data?.counts;
  const rows = (data ? (tab === "awaiting" ? data.awaiting : data.desk_only) : []).filter((r) => matches(r, text));
  const canReceive = mayReceive && (data?.can_receive ?? false);

  return (
    <Modal title="Rekonsiliasi pendaftaran daring dan berkas" onClose={() => !busy && onClose()} wide>
      <p>
        Seleksi: <strong>{roundName}</strong>
      </p>
      <div className="actions start">
        <label className="inline-field">
          <span>Kecamatan</span>
          <select aria-label="Kecamatan" value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">Semua kecamatan</option>
            {regions.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <ExportButton
          list={{ list: "reconciliation", round_id: roundId }}
          title="Setiap pendaftar dengan keterangan berkasnya; yang belum menyerahkan berkas lebih dulu"
        />
      </div>
      <ErrorBox message={error} />
      {!data && !error && <p aria-busy="true">Memuat…</p>}
      {data && c && (
        <>
          {!data.has_online_list && (
            <p className="warn-box" data-testid="no-online-list">
              Belum ada daftar pendaftaran daring pada seleksi ini. Impor ekspor SIAKBA lewat "Impor dari spreadsheet /
              SIAKBA…" dengan pilihan "Ini daftar pendaftaran daring".
            </p>
          )}
          <dl className="about" data-testid="reconciliation-counts">
            <dt>Pendaftar daring</dt>
            <dd>{angka(c.online)}</dd>
            <dt>Berkasnya sudah diterima</dt>
            <dd>{angka(c.lengkap)}</dd>
            <dt>Berkasnya belum diterima</dt>
            <dd>{angka(c.menunggu_berkas)}</dd>
            <dt>Berkas tanpa pendaftaran daring</dt>
            <dd>{angka(c.tanpa_daring)}</dd>
          </dl>
          {!data.can_receive && (
            <p className="muted">Penelitian administrasi sudah ditutup: berkas tidak dapat diterima lagi.</p>
          )}
          {received && (
            <p className="ok-box" role="status" data-testid="file-received">
              Berkas {received.reg_number} ({received.full_name}) diterima pada {received.received_at}.{" "}
              <button type="button" className="small" disabled={busy} onClick={() => void undo(received)}>
                Batalkan
              </button>
            </p>
          )}
          <div className="actions start" role="group" aria-label="Daftar">
            <button type="button" aria-pressed={tab === "awaiting"} onClick={() => setTab("awaiting")}>
              Daring, berkas belum diterima ({angka(c.menunggu_berkas)})
            </button>
            <button type="button" aria-pressed={tab === "desk_only"} onClick={() => setTab("desk_only")}>
              Berkas tanpa pendaftaran daring ({angka(c.tanpa_daring)})
            </button>
            <label className="inline-field">
              <span>Cari</span>
              <input
                type="search"
                aria-label="Cari nama atau nomor"
                value={text}
                placeholder="Nama atau nomor pendaftaran"
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          </div>
          {rows.length === 0 ? (
            <p className="empty" data-testid="reconciliation-empty">
              {text
                ? "Tidak ada yang cocok."
                : tab === "awaiting" && data.has_online_list
                  ? "Semua pendaftar daring sudah menyerahkan berkas."
                  : "Tidak ada."}
            </p>
          ) : (
            <div className="table-wrap short">
              <table className="data" aria-label={tab === "awaiting" ? "Berkas belum diterima" : "Berkas tanpa pendaftaran daring"}>
                <thead>
                  <tr>
                    <th scope="col">Nomor</th>
                    <th scope="col">Nama</th>
                    <th scope="col">Wilayah tugas</th>
                    <th scope="col">Telepon</th>
                    <th scope="col">{tab === "awaiting" ? "Terdaftar" : "Berkas diterima"}</th>
                    {tab === "awaiting" && canReceive && <th scope="col">Berkas</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.applicant_id} data-testid="reconciliation-row">
                      <td>{r.reg_number}</td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            onClose();
                            onOpenApplicant(r.applicant_id);
                          }}
                        >
                          {r.full_name}
                        </button>
                      </td>
                      <td>{r.unit_name}</td>
                      <td>{r.phone}</td>
                      <td>{tab === "awaiting" ? r.registered_at : r.files_received_at}</td>
                      {tab === "awaiting" && canReceive && (
                        <td>
                          <button type="button" className="small" disabled={busy} onClick={() => void receive(r)}>
                            Terima berkas
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Tutup
        </button>
      </div>
    </Modal>
  );
}
