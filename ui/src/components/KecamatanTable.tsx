import { useMemo, useState } from "react";

import { angka } from "../api/format";
import type { KecamatanRow } from "../bindings/KecamatanRow";

type Key = "code" | "name" | "desa" | "kelurahan" | "quota_ppk" | "applicants_ppk" | "quota_pps" | "applicants_pps";

const COLUMNS: { key: Key; label: string; numeric: boolean }[] = [
  { key: "code", label: "Kode", numeric: false },
  { key: "name", label: "Kecamatan", numeric: false },
  { key: "desa", label: "Desa", numeric: true },
  { key: "kelurahan", label: "Kelurahan", numeric: true },
  { key: "quota_ppk", label: "Kuota PPK", numeric: true },
  { key: "applicants_ppk", label: "Pendaftar PPK", numeric: true },
  { key: "quota_pps", label: "Kuota PPS", numeric: true },
  { key: "applicants_pps", label: "Pendaftar PPS", numeric: true },
];

function cell(row: KecamatanRow, key: Key): string {
  const v = row[key];
  if (v === null) return "–";
  return typeof v === "number" ? angka(v) : v;
}

/** Per-kecamatan desa counts and quotas: filter by name or code, sort by any column. */
export function KecamatanTable({ rows, totals }: { rows: KecamatanRow[]; totals: KecamatanRow }) {
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: Key; asc: boolean }>({ key: "code", asc: true });

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const filtered = q ? rows.filter((r) => r.name.toLowerCase().includes(q) || r.code.includes(q)) : rows;
    const sorted = [...filtered].sort((a, b) => {
      const x = a[sort.key] ?? -1;
      const y = b[sort.key] ?? -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "id");
      return sort.asc ? c : -c;
    });
    return sorted;
  }, [rows, filter, sort]);

  const toggle = (key: Key) =>
    setSort((s) => (s.key === key ? { key, asc: !s.asc } : { key, asc: true }));

  return (
    <div>
      <div className="toolbar">
        <label className="inline-field">
          <span>Cari kecamatan</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Nama atau kode"
          />
        </label>
        <span className="muted" aria-live="polite">
          {shown.length} dari {rows.length} kecamatan
        </span>
      </div>
      <div className="table-wrap">
        <table className="data" aria-label="Kecamatan dan kuota">
          <thead>
            <tr>
              <th scope="col">No</th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? "num" : undefined}
                  aria-sort={sort.key === c.key ? (sort.asc ? "ascending" : "descending") : "none"}
                >
                  <button type="button" className="sort" onClick={() => toggle(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.asc ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={r.code} data-testid="kecamatan-row">
                <td className="num">{i + 1}</td>
                {COLUMNS.map((c) => (
                  <td key={c.key} className={c.numeric ? "num" : undefined}>
                    {cell(r, c.key)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Jumlah ({rows.length} kecamatan)
              </th>
              {COLUMNS.slice(2).map((c) => (
                <td key={c.key} className="num" data-testid={`total-${c.key}`}>
                  {cell(totals, c.key)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
