import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload, type ErrorPayload } from "./api";
import type { Session } from "./bindings/Session";
import type { SetupStatus } from "./bindings/SetupStatus";
import { FirstRun } from "./screens/FirstRun";
import { Home } from "./screens/Home";
import { Login } from "./screens/Login";

type State =
  | { kind: "loading" }
  | { kind: "fatal"; error: ErrorPayload }
  | { kind: "first-run"; status: SetupStatus }
  | { kind: "login"; status: SetupStatus }
  | { kind: "home"; session: Session };

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
      setState(session ? { kind: "home", session } : { kind: "login", status });
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
      return <FirstRun status={state.status} onDone={(session) => setState({ kind: "home", session })} />;
    case "login":
      return <Login status={state.status} onLogin={(session) => setState({ kind: "home", session })} />;
    case "home":
      return <Home session={state.session} onLogout={() => void logout()} />;
  }
}
