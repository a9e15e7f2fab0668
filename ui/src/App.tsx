import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload, type ErrorPayload } from "./api";
import type { SessionStatus } from "./bindings/SessionStatus";
import type { SetupStatus } from "./bindings/SetupStatus";
import { FirstRun } from "./screens/FirstRun";
import { Login } from "./screens/Login";
import { Shell } from "./screens/Shell";

type State =
  | { kind: "loading" }
  | { kind: "fatal"; error: ErrorPayload }
  | { kind: "first-run"; status: SetupStatus }
  | { kind: "login"; status: SetupStatus }
  | { kind: "app"; status: SetupStatus; session: SessionStatus };

/** Decides which screen to show: first run, login or the app itself. */
export function App() {
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(async () => {
    try {
      const status = await call("setup_status");
      if (!status.kabupaten || !status.has_accounts) {
        setState({ kind: "first-run", status });
        return;
      }
      const session = await call("current_session");
      setState(session.session ? { kind: "app", status, session } : { kind: "login", status });
    } catch (e) {
      setState({ kind: "fatal", error: toErrorPayload(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const logout = async () => {
    await call("logout");
    await load();
  };

  switch (state.kind) {
    case "loading":
      return <main className="centered" aria-busy="true">Memuat…</main>;
    case "fatal":
      return (
        <main className="centered">
          <section className="card narrow" role="alert">
            <h1>Database tidak dapat dibuka</h1>
            <p>{state.error.message}</p>
            <p className="muted">Tutup aplikasi, perbaiki masalah di atas, lalu buka kembali.</p>
          </section>
        </main>
      );
    case "first-run":
      return <FirstRun status={state.status} onDone={() => void load()} />;
    case "login":
      return <Login status={state.status} onLogin={() => void load()} />;
    case "app":
      return state.session.session ? (
        <Shell
          session={state.session.session}
          kabupaten={state.status.kabupaten?.name ?? null}
          idleMinutes={state.session.idle_minutes}
          initiallyLocked={state.session.locked}
          onLogout={() => void logout()}
        />
      ) : null;
  }
}
