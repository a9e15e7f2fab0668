import { useState } from "react";

import { call, toErrorPayload } from "../api";
import type { Session } from "../bindings/Session";
import { Field } from "../components/Field";
import { ErrorBox } from "../components/ErrorBox";

interface Props {
  session: Session;
  onUnlocked: (session: Session) => void;
  onLogout: () => void;
}

/**
 * Shown over the app after the idle time. The app underneath stays as it
 * was, so unsaved form input is kept; only the logged-in user's password
 * unlocks it.
 */
export function LockScreen({ session, onUnlocked, onLogout }: Props) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onUnlocked(await call("unlock_session", { password }));
    } catch (err) {
      setError(toErrorPayload(err).message);
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="backdrop lock" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        <h1 id="lock-title">Layar terkunci</h1>
        <p className="muted">
          Tidak ada aktivitas untuk beberapa saat. Data yang sedang Anda isi tetap tersimpan di layar; masukkan kata
          sandi <strong>{session.full_name}</strong> ({session.username}) untuk melanjutkan.
        </p>
        <Field
          label="Kata sandi"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          autoFocus
          data-lock-focus
        />
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={onLogout}>
            Keluar (pengguna lain)
          </button>
          <button type="submit" className="primary" disabled={busy || !password}>
            Buka kunci
          </button>
        </div>
      </form>
    </div>
  );
}
