import { useState } from "react";

import { call, toErrorPayload } from "../../api";
import type { FileReceipt } from "../../bindings/FileReceipt";
import type { RegistrationCheck } from "../../bindings/RegistrationCheck";
import { ErrorBox } from "../../components/ErrorBox";
import { SEX_LABEL } from "../applicantText";
import { RuleList } from "../RuleList";

interface PanelProps {
  check: RegistrationCheck | null;
  error: string | null;
  acknowledged: boolean;
  onAcknowledge: (on: boolean) => void;
  onOpenApplicant: (id: number) => void;
}

/** What the core says about the draft, updated as it is typed. */
export function LivePanel({ check, error, acknowledged, onAcknowledge, onOpenApplicant }: PanelProps) {
  const info = check?.nik_info;
  const [receipt, setReceipt] = useState<FileReceipt | null>(null);
  const [receiveError, setReceiveError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const dup = check?.duplicate ?? null;

  /** Receives the file against the online registration, then opens it. */
  const receive = async (id: number) => {
    setReceiving(true);
    setReceiveError(null);
    try {
      const r = await call("receive_files", { applicantId: id });
      setReceipt(r);
      onOpenApplicant(id);
    } catch (e) {
      setReceiveError(toErrorPayload(e).message);
    } finally {
      setReceiving(false);
    }
  };
  return (
    <aside className="live-panel card" aria-live="polite" aria-labelledby="live-title" data-testid="live-panel">
      <h2 id="live-title">Pemeriksaan</h2>
      <ErrorBox message={error} />
      {!check && !error && <p className="muted">Memeriksa…</p>}
      {check && (
        <>
          <p className={check.can_save ? "ok-text" : "muted"} data-testid="live-summary">
            <span aria-hidden="true">{check.can_save ? "✓ " : "… "}</span>
            {check.can_save
              ? "Data lengkap; pendaftaran dapat disimpan."
              : check.problems.length > 0
                ? `Belum dapat disimpan: ${check.problems.length} isian belum benar.`
                : "Belum dapat disimpan."}
          </p>

          <h3>Menurut NIK</h3>
          {info ? (
            <dl className="about" data-testid="nik-info">
              <dt>Jenis kelamin</dt>
              <dd>{SEX_LABEL[info.sex] ?? info.sex}</dd>
              <dt>Tanggal lahir</dt>
              <dd>{info.birth_date ?? "tidak terbaca"}</dd>
              <dt>Tempat terbit</dt>
              <dd>{info.issued_in}</dd>
            </dl>
          ) : (
            <p className="muted">Ketik 16 angka NIK untuk melihat isinya.</p>
          )}

          {receipt && (
            <p className="ok-box" role="status" data-testid="files-received">
              Berkas {receipt.reg_number} ({receipt.full_name}) diterima pada {receipt.received_at}. Centang dokumen yang
              diserahkan pada pendaftaran itu (Ubah data).
            </p>
          )}
          {dup && dup.awaiting_files && (
            <div className="warn-box" data-testid="online-registration">
              <p>
                NIK ini sudah mendaftar daring: <strong>{dup.reg_number}</strong> atas nama {dup.full_name} pada{" "}
                {dup.round_name}, berkas fisiknya belum diterima. Terima berkasnya pada pendaftaran itu; tidak perlu
                didaftarkan lagi.
              </p>
              <ErrorBox message={receiveError} />
              <div className="actions start">
                <button
                  type="button"
                  id="reg-duplikat-terima"
                  className="small primary"
                  disabled={receiving}
                  onClick={() => void receive(dup.id)}
                >
                  Terima berkas
                </button>
                <button type="button" id="reg-duplikat-buka" className="small" onClick={() => onOpenApplicant(dup.id)}>
                  Buka pendaftaran itu
                </button>
              </div>
            </div>
          )}
          {check.duplicate && !check.duplicate.awaiting_files && (
            <div className="error-box" data-testid="duplicate">
              <p>
                NIK ini sudah terdaftar: <strong>{check.duplicate.reg_number}</strong> atas nama {check.duplicate.full_name} pada{" "}
                {check.duplicate.round_name}. Satu orang hanya boleh punya satu pendaftaran aktif per pemilihan.
              </p>
              <button type="button" id="reg-duplikat-buka" className="small" onClick={() => onOpenApplicant(check.duplicate!.id)}>
                Buka pendaftaran itu
              </button>
            </div>
          )}

          {check.nik_warnings.length > 0 && (
            <div className="warn-box" data-testid="nik-warnings">
              <p>
                <span aria-hidden="true">! </span>Peringatan NIK:
              </p>
              <ul className="compact">
                {check.nik_warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <div className="check">
                <input type="checkbox" id="reg-ack-nik" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />
                <label htmlFor="reg-ack-nik">Saya sudah memeriksa KTP-el dan data ini benar</label>
              </div>
            </div>
          )}

          <h3>Persyaratan</h3>
          <RuleList rules={check.rules} />
        </>
      )}
    </aside>
  );
}
