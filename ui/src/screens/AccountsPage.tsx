import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { Account } from "../bindings/Account";
import type { Role } from "../bindings/Role";
import type { Session } from "../bindings/Session";
import { Field } from "../components/Field";
import { ROLE_LABEL, ROLES } from "./roleLabels";
import { ErrorBox } from "../components/ErrorBox";

type RowAction = { username: string; kind: "deactivate" | "reset" } | null;

function lockedUntil(a: Account): string | null {
  if (!a.locked_until) return null;
  const d = new Date(a.locked_until);
  return Number.isNaN(d.getTime()) ? a.locked_until : d.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
}

/** Staff accounts, for administrators: accounts are never deleted, only deactivated. */
export function AccountsPage({ session }: { session: Session }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [rowAction, setRowAction] = useState<RowAction>(null);
  const [newPassword, setNewPassword] = useState("");

  const load = useCallback(async () => {
    try {
      setAccounts(await call("list_accounts"));
    } catch (e) {
      setMessage({ kind: "error", text: toErrorPayload(e).message });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (action: () => Promise<unknown>, ok: string) => {
    try {
      await action();
      setMessage({ kind: "ok", text: ok });
      setRowAction(null);
      setNewPassword("");
      await load();
    } catch (e) {
      setMessage({ kind: "error", text: toErrorPayload(e).message });
    }
  };

  return (
    <div className="content">
      <section aria-labelledby="accounts-title">
        <h1 id="accounts-title">Akun petugas</h1>
        <p className="muted">
          Akun tidak pernah dihapus agar jejak audit tetap menunjuk orang yang benar; petugas yang tidak bertugas lagi
          dinonaktifkan.
        </p>
        {message && (
          <p className={message.kind === "ok" ? "ok-box" : "error-box"} role={message.kind === "ok" ? "status" : "alert"}>
            {message.text}
          </p>
        )}
        <table className="data" aria-label="Daftar akun">
          <thead>
            <tr>
              <th scope="col">Nama pengguna</th>
              <th scope="col">Nama lengkap</th>
              <th scope="col">Peran</th>
              <th scope="col">Status</th>
              <th scope="col">Aksi</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const until = lockedUntil(a);
              const busy = rowAction?.username === a.username ? rowAction.kind : null;
              return (
                <tr key={a.id} data-testid="account-row">
                  <td>{a.username}</td>
                  <td>{a.full_name}</td>
                  <td>
                    <select
                      aria-label={`Peran ${a.username}`}
                      value={a.role}
                      onChange={(e) =>
                        void run(
                          () => call("set_account_role", { username: a.username, role: e.target.value as Role }),
                          `Peran ${a.username} menjadi ${ROLE_LABEL[e.target.value as Role]}.`,
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {a.active ? "Aktif" : "Nonaktif"}
                    {until && <span className="error-text"> · terkunci sampai {until}</span>}
                  </td>
                  <td>
                    <div className="row-actions">
                    {busy === "deactivate" ? (
                      <>
                        <span>Nonaktifkan {a.username}?</span>
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            void run(
                              () => call("set_account_active", { username: a.username, active: false }),
                              `Akun ${a.username} dinonaktifkan.`,
                            )
                          }
                        >
                          Ya, nonaktifkan
                        </button>
                        <button type="button" onClick={() => setRowAction(null)}>
                          Batal
                        </button>
                      </>
                    ) : busy === "reset" ? (
                      <form
                        className="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          void run(
                            () => call("reset_account_password", { username: a.username, password: newPassword }),
                            `Kata sandi ${a.username} diatur ulang. Sampaikan kepada yang bersangkutan secara langsung.`,
                          );
                        }}
                      >
                        <input
                          type="password"
                          aria-label={`Kata sandi baru ${a.username}`}
                          placeholder="Kata sandi baru (min. 10)"
                          value={newPassword}
                          onChange={(e) => setNewPassword(e.target.value)}
                          autoFocus
                        />
                        <button type="submit" className="primary">
                          Simpan
                        </button>
                        <button type="button" onClick={() => setRowAction(null)}>
                          Batal
                        </button>
                      </form>
                    ) : (
                      <>
                        {a.active ? (
                          <button
                            type="button"
                            disabled={a.username === session.username}
                            onClick={() => setRowAction({ username: a.username, kind: "deactivate" })}
                          >
                            Nonaktifkan
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() =>
                              void run(
                                () => call("set_account_active", { username: a.username, active: true }),
                                `Akun ${a.username} diaktifkan.`,
                              )
                            }
                          >
                            Aktifkan
                          </button>
                        )}
                        <button type="button" onClick={() => setRowAction({ username: a.username, kind: "reset" })}>
                          Atur ulang sandi
                        </button>
                        {until && (
                          <button
                            type="button"
                            onClick={() =>
                              void run(() => call("unlock_account", { username: a.username }), `Kunci akun ${a.username} dibuka.`)
                            }
                          >
                            Buka kunci
                          </button>
                        )}
                      </>
                    )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <NewAccountForm onCreated={(a) => run(async () => undefined, `Akun ${a.username} dibuat.`)} />
      <IdleSetting />
    </div>
  );
}

function NewAccountForm({ onCreated }: { onCreated: (a: Account) => void }) {
  const [username, setUsername] = useState("");
  const [fullName, setFullName] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const a = await call("create_account", { input: { username, full_name: fullName, password }, role });
      setUsername("");
      setFullName("");
      setPassword("");
      setError(null);
      onCreated(a);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field, message: p.message });
    }
  };
  const at = (f: string) => (error?.field === f ? error.message : null);
  return (
    <section aria-labelledby="new-account-title">
      <h2 id="new-account-title">Tambah akun</h2>
      <form className="card grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Nama pengguna baru" value={username} onChange={(e) => setUsername(e.target.value)} error={at("username")} />
        <Field label="Nama lengkap petugas" value={fullName} onChange={(e) => setFullName(e.target.value)} error={at("full_name")} />
        <div className="field">
          <label htmlFor="new-role">Peran</label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Kata sandi awal"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="Minimal 10 karakter; petugas dapat menggantinya sendiri."
          error={at("password")}
        />
        <ErrorBox message={error && !["username", "full_name", "password"].includes(error.field ?? "") ? error.message : null} />
        <div className="actions">
          <button type="submit" className="primary">
            Tambah akun
          </button>
        </div>
      </form>
    </section>
  );
}

function IdleSetting() {
  const [minutes, setMinutes] = useState<string>("");
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    call("current_session").then((s) => setMinutes(String(s.idle_minutes)), () => undefined);
  }, []);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await call("set_idle_minutes", { minutes: Number(minutes) });
      setMessage(`Layar akan terkunci setelah ${minutes} menit tanpa aktivitas.`);
    } catch (err) {
      setMessage(toErrorPayload(err).message);
    }
  };
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">Keamanan</h2>
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <label className="inline-field">
          <span>Kunci layar setelah</span>
          <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <span>menit tanpa aktivitas</span>
        </label>
        <button type="submit">Simpan</button>
        {message && <span role="status">{message}</span>}
      </form>
    </section>
  );
}
