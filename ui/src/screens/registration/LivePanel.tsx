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

          {check.duplicate && (
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
