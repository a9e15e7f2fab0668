import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { AuditPage as Page } from "../bindings/AuditPage";
import type { AuditQuery } from "../bindings/AuditQuery";
import { DateInput } from "../components/DateInput";
import { isIsoDate } from "../components/dates";
import { ExportButton } from "../components/ExportButton";
import { ChainHeadPanel } from "./ChainHeadPanel";

const PAGE_SIZE = 100;

/** What each recorded action means, in the words staff use. */
export const ACTION_LABEL: Record<string, string> = {
  login: "Masuk",
  "login.failed": "Gagal masuk",
  logout: "Keluar",
  "setup.initialize": "Database disiapkan",
  "user.create": "Akun dibuat",
  "user.deactivate": "Akun dinonaktifkan",
  "user.activate": "Akun diaktifkan",
  "user.role": "Peran diubah",
  "user.password_reset": "Kata sandi diatur ulang",
  "user.password_change": "Kata sandi diganti",
  "user.unlock": "Kunci akun dibuka",
  "round.create": "Seleksi dibuat",
  "round.unit_quota": "Kuota wilayah diubah",
  "applicants.import": "Impor pendaftar",
  "audit.export": "Jejak audit diekspor",
  "settings.idle_minutes": "Waktu kunci layar diubah",
};

const OBJECTS: [string, string][] = [
  ["", "Semua objek"],
  ["user", "Akun"],
  ["round", "Seleksi"],
  ["kabupaten", "Kabupaten/kota"],
  ["settings", "Pengaturan"],
  ["audit", "Jejak audit"],
];

function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "medium" });
}

const empty: AuditQuery = {
  username: null,
  object_type: null,
  object_id: null,
  action: null,
  from: null,
  until: null,
  limit: PAGE_SIZE,
  offset: 0,
};

/**
 * The audit trail: its head (as documents print it) and a check against a
 * printed one; filter by user, object and date; page through; export as CSV
 * or as an Excel workbook.
 */
export function AuditPage() {
  const [query, setQuery] = useState<AuditQuery>(empty);
  const [page, setPage] = useState<Page | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  // Moves on when the page records something (an export), to show the new head.
  const [recorded, setRecorded] = useState(0);

  const load = useCallback(async (q: AuditQuery) => {
    try {
      setPage(await call("list_audit", { query: q }));
    } catch (e) {
      setMessage({ kind: "error", text: toErrorPayload(e).message });
    }
  }, []);
  useEffect(() => {
    void load(query);
  }, [load, query]);

  const set = (patch: Partial<AuditQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));
  const offset = query.offset ?? 0;

  const exportCsv = async () => {
    try {
      const n = await call("export_audit_csv", { query: { ...query, limit: null, offset: null } });
      if (n !== null) setRecorded((v) => v + 1);
      setMessage(n === null ? null : { kind: "ok", text: `${angka(n)} catatan disimpan sebagai CSV.` });
    } catch (e) {
      setMessage({ kind: "error", text: toErrorPayload(e).message });
    }
  };

  return (
    <div className="content">
      <section aria-labelledby="audit-title">
        <div className="section-head">
          <h1 id="audit-title">Jejak audit</h1>
          <div className="row-actions">
            <button type="button" onClick={() => void exportCsv()}>
              Ekspor CSV
            </button>
            <ExportButton
              list={{ list: "audit", query: { ...query, limit: null, offset: null } }}
              title="Catatan yang cocok dengan saringan, dari yang terlama"
              onSaved={() => setRecorded((v) => v + 1)}
            />
          </div>
        </div>
        <ChainHeadPanel version={recorded} />
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Saring jejak audit">
          <label className="inline-field">
            <span>Pengguna</span>
            <input value={query.username ?? ""} onChange={(e) => set({ username: e.target.value || null })} />
          </label>
          <label className="inline-field">
            <span>Objek</span>
            <select value={query.object_type ?? ""} onChange={(e) => set({ object_type: e.target.value || null })}>
              {OBJECTS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>ID objek</span>
            <input
              value={query.object_id ?? ""}
              onChange={(e) => set({ object_id: e.target.value || null })}
              placeholder="mis. opr1 atau 1"
              size={12}
            />
          </label>
          <label className="inline-field">
            <span>Dari</span>
            <DateInput value={query.from ?? ""} onChange={(v) => set({ from: isIsoDate(v) ? v : null })} />
          </label>
          <label className="inline-field">
            <span>Sampai</span>
            <DateInput value={query.until ?? ""} onChange={(v) => set({ until: isIsoDate(v) ? v : null })} />
          </label>
        </form>
        {message && (
          <p className={message.kind === "ok" ? "ok-box" : "error-box"} role={message.kind === "ok" ? "status" : "alert"}>
            {message.text}
          </p>
        )}
        {page && (
          <>
            <p className="muted" aria-live="polite">
              {angka(page.total)} catatan
              {page.total > 0 && `, menampilkan ${angka(offset + 1)}–${angka(offset + page.entries.length)}`}
            </p>
            <div className="table-wrap">
              <table className="data" aria-label="Catatan jejak audit">
                <thead>
                  <tr>
                    <th scope="col" className="num">No</th>
                    <th scope="col">Waktu</th>
                    <th scope="col">Pengguna</th>
                    <th scope="col">Aksi</th>
                    <th scope="col">Objek</th>
                    <th scope="col">Sebelum</th>
                    <th scope="col">Sesudah</th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((e) => (
                    <tr key={e.id} data-testid="audit-row">
                      <td className="num">{e.id}</td>
                      <td>{when(e.at)}</td>
                      <td>{e.username}</td>
                      <td title={e.action}>{ACTION_LABEL[e.action] ?? e.action}</td>
                      <td>
                        {e.object_type}
                        {e.object_id ? ` ${e.object_id}` : ""}
                      </td>
                      <td className="json">
                        <div>{e.before ?? ""}</div>
                      </td>
                      <td className="json">
                        <div>{e.after ?? ""}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="actions">
              <button type="button" disabled={offset === 0} onClick={() => setQuery((q) => ({ ...q, offset: Math.max(0, offset - PAGE_SIZE) }))}>
                Sebelumnya
              </button>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => setQuery((q) => ({ ...q, offset: offset + PAGE_SIZE }))}
              >
                Berikutnya
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
