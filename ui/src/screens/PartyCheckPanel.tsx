import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { PartyCheckMethod } from "../bindings/PartyCheckMethod";
import type { PartyListState } from "../bindings/PartyListState";
import type { RoundSummary } from "../bindings/RoundSummary";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";

/** How membership was checked, as staff say it. */
const METHODS: { value: PartyCheckMethod; label: string; hint: string }[] = [
  { value: "sipol_daring", label: "Diperiksa langsung di SIPOL (daring)", hint: "Setiap NIK pendaftar dicek di SIPOL." },
  { value: "surat_kpu_ri", label: "Berdasarkan surat KPU RI", hint: "Tulis nomor dan tanggal suratnya di keterangan." },
  {
    value: "tanpa_daftar",
    label: "Tidak ada daftar anggota partai untuk pemilihan ini",
    hint: "Tulis dasar atau keterangannya.",
  },
];

interface Props {
  rounds: RoundSummary[];
  /** Administrators record and remove the check. */
  canChange: boolean;
  /** Asked again after the party list was imported. */
  listVersion: number;
}

/**
 * Per round, where the party-membership rule stands: an imported list (it
 * always takes precedence), or membership checked another way (recorded by
 * an administrator, with who and when), or neither yet. The core words the
 * state and says whether it may still change.
 */
export function PartyCheckPanel({ rounds, canChange, listVersion }: Props) {
  const [states, setStates] = useState<Record<number, PartyListState>>({});
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<RoundSummary | null>(null);
  const [clearing, setClearing] = useState<RoundSummary | null>(null);

  const load = useCallback(async () => {
    try {
      const pairs = await Promise.all(
        rounds.map(async (r) => [r.id, await call("party_list_state", { roundId: r.id })] as const),
      );
      setStates(Object.fromEntries(pairs));
      setError(null);
    } catch (e) {
      setError(toErrorPayload(e).message);
    }
  }, [rounds]);

  useEffect(() => {
    void load();
  }, [load, listVersion]);

  const changed = () => {
    setEditing(null);
    setClearing(null);
    void load();
  };

  if (rounds.length === 0) return null;
  return (
    <div className="party-checks">
      <h3 id="party-checks-title">Aturan keanggotaan partai per seleksi</h3>
      <ErrorBox message={error} />
      <table className="data" aria-labelledby="party-checks-title">
        <thead>
          <tr>
            <th scope="col">Seleksi</th>
            <th scope="col">Keadaan</th>
            {canChange && <th scope="col">Tindakan</th>}
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => {
            const s = states[r.id];
            return (
              <tr key={r.id} data-testid="party-check-row">
                <th scope="row">{r.name}</th>
                <td>{s ? s.summary : "Memuat…"}</td>
                {canChange && (
                  <td>
                    {s?.changeable && !s.imported_at && (
                      <button type="button" onClick={() => setEditing(r)}>
                        {s.check ? "Ubah catatan…" : "Catat pemeriksaan tanpa daftar…"}
                      </button>
                    )}
                    {s?.changeable && s.check && (
                      <button type="button" className="link-button" onClick={() => setClearing(r)}>
                        Hapus catatan
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing && (
        <PartyCheckDialog round={editing} state={states[editing.id]} onClose={() => setEditing(null)} onSaved={changed} />
      )}
      {clearing && <ClearCheckDialog round={clearing} onClose={() => setClearing(null)} onCleared={changed} />}
    </div>
  );
}

interface DialogProps {
  round: RoundSummary;
  state: PartyListState | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** An administrator records how membership was checked for a round. */
function PartyCheckDialog({ round, state, onClose, onSaved }: DialogProps) {
  const [method, setMethod] = useState<PartyCheckMethod>(state?.check?.method ?? "sipol_daring");
  const [note, setNote] = useState(state?.check?.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call("record_party_check", { roundId: round.id, method, note });
      onSaved();
    } catch (err) {
      setError(toErrorPayload(err).message);
      setBusy(false);
    }
  };

  return (
    <Modal title="Pemeriksaan keanggotaan partai" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Catat pemeriksaan keanggotaan partai">
        <p>
          Untuk <strong>{round.name}</strong>: keanggotaan partai pendaftar sudah diperiksa tanpa berkas daftar anggota.
          Setiap pendaftar lalu memenuhi aturan keanggotaan partai dengan catatan ini (nama Anda dan waktunya ikut
          dicatat). Bila kemudian daftar anggota partai diimpor, daftar itulah yang dipakai.
        </p>
        <fieldset>
          <legend>Cara pemeriksaan</legend>
          {METHODS.map((m, i) => (
            <label key={m.value} className="check">
              <input
                type="radio"
                name="party-check-method"
                value={m.value}
                checked={method === m.value}
                onChange={() => setMethod(m.value)}
                data-autofocus={i === 0 ? true : undefined}
              />
              <span>
                {m.label} <small className="muted">{m.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="party-check-note">Keterangan (boleh dikosongkan)</label>
          <textarea id="party-check-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Simpan catatan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Confirms removing the recorded check of a round. */
function ClearCheckDialog({ round, onClose, onCleared }: { round: RoundSummary; onClose: () => void; onCleared: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    setBusy(true);
    try {
      await call("clear_party_check", { roundId: round.id });
      onCleared();
    } catch (e) {
      setError(toErrorPayload(e).message);
      setBusy(false);
    }
  };
  return (
    <Modal title="Hapus catatan pemeriksaan" onClose={onClose}>
      <p>
        Catatan pemeriksaan keanggotaan partai untuk <strong>{round.name}</strong> dihapus. Selama belum ada daftar yang
        diimpor atau catatan baru, aturan keanggotaan partai kembali perlu diperiksa untuk setiap pendaftar.
      </p>
      <ErrorBox message={error} />
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          Batal
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void clear()}>
          {busy ? "Menghapus…" : "Ya, hapus catatan"}
        </button>
      </div>
    </Modal>
  );
}
