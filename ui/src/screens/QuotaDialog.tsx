import { useEffect, useMemo, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { UnitQuota } from "../bindings/UnitQuota";
import type { UnitQuotaList } from "../bindings/UnitQuotaList";
import { Modal } from "../components/Modal";
import { ErrorBox } from "../components/ErrorBox";

interface Props {
  roundId: number;
  canEdit: boolean;
  onClose: () => void;
  onChanged: () => void;
}

/** A round's units with their quotas; administrators can override one with a reason. */
export function QuotaDialog({ roundId, canEdit, onClose, onChanged }: Props) {
  const [list, setList] = useState<UnitQuotaList | null>(null);
  const [filter, setFilter] = useState("");
  const [editing, setEditing] = useState<UnitQuota | null>(null);
  const [quota, setQuota] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call("unit_quotas", { roundId }).then(setList, (e) => setError(toErrorPayload(e).message));
  }, [roundId]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const units = list?.units ?? [];
    return q
      ? units.filter((u) => u.name.toLowerCase().includes(q) || u.kecamatan.toLowerCase().includes(q) || u.code.includes(q))
      : units;
  }, [list, filter]);

  const startEdit = (u: UnitQuota) => {
    setEditing(u);
    setQuota(String(u.quota));
    setReason(u.reason ?? "");
    setError(null);
  };

  const save = async (value: number | null) => {
    if (!editing) return;
    try {
      setList(await call("set_unit_quota", { roundId, unitCode: editing.code, quota: value, reason }));
      setEditing(null);
      onChanged();
    } catch (e) {
      setError(toErrorPayload(e).message);
    }
  };

  const isPps = list?.body === "PPS";
  return (
    <Modal title={list ? `Kuota ${list.round_name}` : "Kuota"} onClose={onClose}>
      {list && (
        <p className="muted">
          Kuota bawaan {list.default_quota} orang per {isPps ? "desa/kelurahan" : "kecamatan"}; jumlah kuota{" "}
          <strong data-testid="quota-total">{angka(list.total_quota)}</strong> orang.
        </p>
      )}
      <ErrorBox message={error} />
      {editing && (
        <form
          className="quota-edit"
          onSubmit={(e) => {
            e.preventDefault();
            void save(Number(quota));
          }}
        >
          <strong>
            {editing.name} ({editing.code})
          </strong>
          <label>
            Kuota
            <input type="number" min={1} value={quota} onChange={(e) => setQuota(e.target.value)} autoFocus />
          </label>
          <label>
            Alasan
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Wajib diisi" />
          </label>
          <button type="submit" className="primary">
            Simpan
          </button>
          {editing.overridden && (
            <button type="button" onClick={() => void save(null)}>
              Kembalikan ke bawaan
            </button>
          )}
          <button type="button" className="ghost" onClick={() => setEditing(null)}>
            Batal
          </button>
        </form>
      )}
      <label className="inline-field">
        <span>Cari</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Nama atau kode" />
      </label>
      <div className="table-wrap short">
        <table className="data" aria-label="Kuota per wilayah">
          <thead>
            <tr>
              <th scope="col">Kode</th>
              <th scope="col">{isPps ? "Desa/kelurahan" : "Kecamatan"}</th>
              {isPps && <th scope="col">Kecamatan</th>}
              <th scope="col" className="num">
                Kuota
              </th>
              <th scope="col">Alasan</th>
              {canEdit && <th scope="col" aria-label="Aksi" />}
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.code} data-testid="quota-row">
                <td>{u.code}</td>
                <td>{u.name}</td>
                {isPps && <td>{u.kecamatan}</td>}
                <td className="num">{u.overridden ? <strong>{u.quota}</strong> : u.quota}</td>
                <td>{u.reason ?? ""}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="small" onClick={() => startEdit(u)} aria-label={`Ubah kuota ${u.name}`}>
                      Ubah
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
