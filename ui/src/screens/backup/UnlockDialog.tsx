import { useState } from "react";

import { call, toErrorPayload } from "../../api";
import type { RestoreCheck } from "../../bindings/RestoreCheck";
import { Field } from "../../components/Field";
import { Modal } from "../../components/Modal";
import { useDialogAction } from "../../components/useDialogAction";
import { fileOf } from "./names";

interface Props {
  /** The sealed backup file. */
  path: string;
  onClose: () => void;
  /** Opened and checked with `passphrase`. */
  onOpened: (check: RestoreCheck, passphrase: string) => void;
}

/** Asks for the passphrase of a sealed backup and checks the backup with it. */
export function UnlockDialog({ path, onClose, onOpened }: Props) {
  const { busy, close, run, mounted } = useDialogAction(onClose);
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    return run(async () => {
      try {
        const check = await call("inspect_backup", { path, passphrase });
        if (mounted.current) onOpened(check, passphrase);
      } catch (err) {
        if (mounted.current) setError(toErrorPayload(err).message);
      }
    });
  };

  return (
    <Modal title="Cadangan terkunci" onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="unlock-backup">
        <p>
          Cadangan <span className="mono">{fileOf(path)}</span> dikunci dengan kata sandi. Masukkan kata sandi yang
          dipakai saat cadangan dibuat.
        </p>
        <Field
          label="Kata sandi cadangan"
          type="password"
          autoComplete="off"
          value={passphrase}
          disabled={busy}
          data-autofocus
          onChange={(e) => setPassphrase(e.target.value)}
          error={error}
        />
        {busy && (
          <div className="progress">
            <progress aria-label="Sedang membuka dan memeriksa cadangan…" />
            <span className="muted">Sedang membuka dan memeriksa cadangan…</span>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={close} disabled={busy}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy || passphrase === ""}>
            {busy ? "Membuka…" : "Buka cadangan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
