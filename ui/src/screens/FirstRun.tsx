import { useState } from "react";

import { call, toErrorPayload } from "../api";
import type { KabupatenChoice } from "../bindings/KabupatenChoice";
import type { Session } from "../bindings/Session";
import type { SetupStatus } from "../bindings/SetupStatus";
import { Field } from "../components/Field";
import { ErrorBox } from "../components/ErrorBox";
import { TypeAhead, useSearch } from "../components/TypeAhead";

interface Props {
  status: SetupStatus;
  onDone: (session: Session) => void;
}

type Errors = Partial<Record<"wilayah" | "username" | "full_name" | "password" | "confirm" | "form", string>>;

/** First run: choose the kabupaten/kota, then create the first administrator. */
export function FirstRun({ status, onDone }: Props) {
  const [kabupaten, setKabupaten] = useState<KabupatenChoice | null>(status.kabupaten);
  const [username, setUsername] = useState("");
  const [fullName, setFullName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!kabupaten) {
      setErrors({ wilayah: "Pilih kabupaten/kota dari daftar." });
      return;
    }
    if (password !== confirm) {
      setErrors({ confirm: "Ulangi kata sandi yang sama persis." });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const session = await call("complete_first_run", {
        kabupaten: status.kabupaten ? null : kabupaten.code,
        admin: { username, full_name: fullName, password },
      });
      onDone(session);
    } catch (err) {
      const p = toErrorPayload(err);
      const field = p.field as keyof Errors | null;
      setErrors(field && field !== "form" ? { [field]: p.message } : { form: p.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <form className="card narrow" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="first-run-title">
        <h1 id="first-run-title">Selamat datang di Seleksi Ad Hoc</h1>
        <p className="muted">
          Siapkan aplikasi untuk kantor Anda: pilih kabupaten/kota, lalu buat akun administrator pertama.
        </p>

        <fieldset>
          <legend>1. Kabupaten/kota</legend>
          {status.kabupaten ? (
            <p>
              <strong>{status.kabupaten.name}</strong>, {status.kabupaten.provinsi} ({status.kabupaten.code})
            </p>
          ) : (
            <KabupatenPicker onPick={setKabupaten} error={errors.wilayah} />
          )}
        </fieldset>

        <fieldset>
          <legend>2. Akun administrator</legend>
          <Field
            label="Nama pengguna"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            hint="Huruf kecil, angka, titik atau garis bawah; diawali huruf."
            error={errors.username}
            required
          />
          <Field
            label="Nama lengkap"
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            autoComplete="name"
            error={errors.full_name}
            required
          />
          <Field
            label="Kata sandi"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            hint="Minimal 10 karakter."
            error={errors.password}
            required
          />
          <Field
            label="Ulangi kata sandi"
            type="password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="new-password"
            error={errors.confirm}
            required
          />
        </fieldset>

        <ErrorBox message={errors.form} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Menyimpan…" : "Simpan dan mulai"}
        </button>
      </form>
    </main>
  );
}

const searchKabupaten = (query: string) => call("search_kabupaten", { query });
const kabupatenText = (k: KabupatenChoice) => `${k.name}, ${k.provinsi} (${k.code})`;

/** Finds the kabupaten/kota by name or code as one types; the first found is highlighted. */
function KabupatenPicker({ onPick, error }: { onPick: (k: KabupatenChoice) => void; error?: string }) {
  const [text, setText] = useState("");
  const { found, searching } = useSearch(text, searchKabupaten);
  return (
    <TypeAhead
      label="Kabupaten/kota"
      placeholder="Ketik nama atau kode, mis. Pasuruan atau 35.14"
      text={text}
      onTextChange={setText}
      options={found ?? []}
      optionKey={(k) => k.code}
      renderOption={kabupatenText}
      onPick={(k) => {
        setText(kabupatenText(k));
        onPick(k);
      }}
      autoSelect
      sayNoMatch={!searching}
      error={error}
      autoFocus
    />
  );
}
