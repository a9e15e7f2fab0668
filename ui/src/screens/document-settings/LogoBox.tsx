import { useId, useState } from "react";

import { call, toErrorPayload } from "../../api";
import { Modal } from "../../components/Modal";
import { useMounted } from "../../components/useMounted";

/** The logo of the kop: a preview, upload and removal (saved at once, not with "Simpan"). */
export function LogoBox({
  logo,
  editable,
  onLogo,
}: {
  logo: string | null;
  editable: boolean;
  onLogo: (logo: string | null) => void;
}) {
  const mounted = useMounted();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const reload = async () => {
    const v = await call("publication_settings");
    // Only the logo: anything typed in the form and not yet saved stays.
    if (mounted.current) onLogo(v.logo);
  };
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const ok = await action();
      if (mounted.current && ok) setMessage({ kind: "ok", text: ok });
    } catch (e) {
      if (mounted.current) setMessage({ kind: "error", text: toErrorPayload(e).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const upload = () =>
    run(async () => {
      if (!(await call("upload_logo"))) return null;
      await reload();
      return "Logo disimpan dan dipakai pada kop dokumen berikutnya.";
    });
  const remove = () => {
    setConfirming(false);
    return run(async () => {
      await call("remove_logo");
      await reload();
      return "Logo dihapus; kop dicetak sebagai teks.";
    });
  };

  return (
    <div className="doc-logo" role="group" aria-label="Logo kop surat" aria-describedby={hintId}>
      <div className="doc-logo-preview">
        {logo ? (
          <img src={logo} alt="Logo pada kop surat" />
        ) : (
          <span className="muted" data-testid="no-logo">
            Belum ada logo
          </span>
        )}
      </div>
      <p id={hintId} className="muted doc-hint">
        Tanpa logo, kop dicetak sebagai teks saja. Berkas PNG atau JPEG; logo langsung tersimpan setelah diunggah.
      </p>
      <div className="row-actions">
        <button type="button" disabled={!editable || busy} onClick={() => void upload()}>
          {busy ? "Memproses…" : "Unggah logo"}
        </button>
        {logo && (
          <button type="button" disabled={!editable || busy} onClick={() => setConfirming(true)}>
            Hapus logo
          </button>
        )}
      </div>
      {message && (
        <p className={message.kind === "ok" ? "ok-box" : "error-box"} role={message.kind === "ok" ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      {confirming && (
        <Modal title="Hapus logo" onClose={() => setConfirming(false)}>
          <p>Hapus logo dari kop surat? Dokumen yang dibuat berikutnya dicetak dengan kop teks saja.</p>
          <div className="actions">
            <button type="button" data-autofocus onClick={() => setConfirming(false)}>
              Batal
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              Ya, hapus logo
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
