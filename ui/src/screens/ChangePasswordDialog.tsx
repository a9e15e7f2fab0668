import { useState } from "react";

import { call, toErrorPayload } from "../api";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";
import { ErrorBox } from "../components/ErrorBox";

/** Changes the logged-in user's own password. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (next !== confirm) {
      setError({ field: "confirm", message: "Ulangi kata sandi baru yang sama persis." });
      return;
    }
    try {
      await call("change_own_password", { current, newPassword: next });
      setDone(true);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field, message: p.message });
    }
  };
  const at = (f: string) => (error?.field === f ? error.message : null);
  return (
    <Modal title="Ganti kata sandi" onClose={onClose}>
      {done ? (
        <>
          <p role="status">Kata sandi Anda sudah diganti.</p>
          <div className="actions">
            <button type="button" className="primary" onClick={onClose}>
              Tutup
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label="Kata sandi saat ini" type="password" value={current} onChange={(e) => setCurrent(e.target.value)} error={at("current")} />
          <Field label="Kata sandi baru" type="password" value={next} onChange={(e) => setNext(e.target.value)} hint="Minimal 10 karakter." error={at("password")} />
          <Field label="Ulangi kata sandi baru" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={at("confirm")} />
          <ErrorBox message={error && !["current", "password", "confirm"].includes(error.field ?? "") ? error.message : null} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Batal
            </button>
            <button type="submit" className="primary">
              Simpan
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
