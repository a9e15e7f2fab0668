import { useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ExtensionUnit } from "../bindings/ExtensionUnit";
import { Modal } from "../components/Modal";

interface Props {
  roundId: number;
  /** The units picked, each still short of applicants. */
  units: ExtensionUnit[];
  onClose: () => void;
  /** The core recorded the decision: the units as they now stand. */
  onDecided: (units: ExtensionUnit[]) => void;
}

/**
 * The Pimpinan decides that short units go on without (another)
 * extension, with one written reason. The core checks the reason and the
 * unit's state, records the decision in the audit trail and prints it in
 * the Berita Acara of registration.
 */
export function DecideWithoutExtensionDialog({ roundId, units, onClose, onDecided }: Props) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ field: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDecided(await call("decide_without_extension", { roundId, units: units.map((u) => u.unit_code), reason }));
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field === "alasan", text: p.message });
      if (p.field === "alasan") document.getElementById("no-extension-reason")?.focus();
      setBusy(false);
    }
  };

  return (
    <Modal title="Lanjut tanpa perpanjangan" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Lanjut tanpa perpanjangan">
        <p>
          Menurut aturan seleksi, <strong>{angka(units.length)} wilayah</strong> ini masih perlu diperpanjang
          pendaftarannya:
        </p>
        <ul className="compact">
          {units.map((u) => (
            <li key={u.unit_code}>
              {u.unit_label}: {angka(u.registered)} pendaftar,{" "}
              {u.extensions === 0
                ? `dibutuhkan ${angka(u.needed)}`
                : `kuota ${angka(u.quota)}, sudah diperpanjang ${angka(u.extensions)} kali`}
            </li>
          ))}
        </ul>
        <p>
          Dengan keputusan ini wilayah tersebut lanjut ke tahap berikutnya tanpa perpanjangan. Keputusan dicatat
          dalam jejak audit dan dicantumkan dalam Berita Acara pendaftaran.
        </p>
        <div className={`field${error?.field ? " has-error" : ""}`}>
          <label htmlFor="no-extension-reason">Alasan keputusan</label>
          <textarea
            id="no-extension-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error?.field ? true : undefined}
            aria-describedby={error?.field ? "no-extension-reason-error" : "no-extension-reason-hint"}
            data-autofocus
          />
          <small id="no-extension-reason-hint" className="muted">
            Paling sedikit 10 karakter, mis. “Rapat pleno 3 Desember: tidak ada lagi warga yang dapat diharapkan
            mendaftar.”
          </small>
          {error?.field && (
            <small id="no-extension-reason-error" className="error-text" role="alert">
              {error.text}
            </small>
          )}
        </div>
        {error && !error.field && (
          <p className="error-box" role="alert">
            {error.text}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Catat keputusan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
