import { useState } from "react";

import { call, toErrorPayload } from "../api";
import type { Session } from "../bindings/Session";
import type { SetupStatus } from "../bindings/SetupStatus";
import { Field } from "../components/Field";
import { ErrorBox } from "../components/ErrorBox";

interface Props {
  status: SetupStatus;
  onLogin: (session: Session) => void;
}

export function Login({ status, onLogin }: Props) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await call("login", { username, password }));
    } catch (err) {
      setError(toErrorPayload(err).message);
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Masuk</h1>
        {status.kabupaten && <p className="muted">KPU {status.kabupaten.name}</p>}
        <Field
          label="Nama pengguna"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoFocus
          required
        />
        <Field
          label="Kata sandi"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
        <ErrorBox message={error} />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? "Memeriksa…" : "Masuk"}
        </button>
      </form>
    </main>
  );
}
