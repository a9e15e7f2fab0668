import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaFlag } from "../bindings/QuotaFlag";
import type { QuotaRow } from "../bindings/QuotaRow";
import type { RoundSummary } from "../bindings/RoundSummary";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { ApplicantsChart } from "./QuotaCharts";
import { WOMEN_STAGE_LABEL } from "./quotaCharts";
import { WomenSection } from "./WomenSection";
import "./QuotaPanel.css";

/** Top-level rows (kecamatan) rendered at first; more on request. */
const PAGE = 200;
/** At most this many desa are opened automatically by a search. */
const AUTO_OPEN_LIMIT = 300;

/** Every flag in staff words, in the order the core reports them. */
export const FLAG_LABEL: Record<QuotaFlag, string> = {
  perlu_perpanjangan: "Perlu perpanjangan",
  diperpanjang: "Diperpanjang",
  perlu_perpanjangan_lagi: "Perlu perpanjangan lagi",
  perlu_penunjukan: "Perlu penunjukan",
  kurang_calon: "Calon kurang dari kuota",
  seri_belum_diputuskan: "Seri menunggu pleno",
  perempuan_kurang30: "Perempuan < 30%",
};

/** What each flag means, shown as a tooltip. */
const FLAG_HELP: Record<QuotaFlag, string> = {
  perlu_perpanjangan: "Pendaftar kurang dari batas; masa pendaftaran perlu diperpanjang.",
  diperpanjang: "Masa pendaftaran sedang diperpanjang.",
  perlu_perpanjangan_lagi: "Sudah diperpanjang, tetapi pendaftar masih kurang dari kuota.",
  perlu_penunjukan: "Perpanjangan sudah habis dan pendaftar masih kurang; kursi yang kosong diisi dengan penunjukan.",
  kurang_calon: "Calon yang tersisa kurang dari kuota.",
  seri_belum_diputuskan: "Ada nilai seri pada batas peringkat yang menunggu keputusan rapat pleno.",
  perempuan_kurang30:
    "Keterwakilan perempuan di antara yang terpilih kurang dari 30% (perlu diperhatikan, bukan kuota wajib).",
};

const FLAG_TONE: Record<QuotaFlag, "info" | "warn" | "alert"> = {
  perlu_perpanjangan: "warn",
  diperpanjang: "info",
  perlu_perpanjangan_lagi: "alert",
  perlu_penunjukan: "alert",
  kurang_calon: "alert",
  seri_belum_diputuskan: "warn",
  perempuan_kurang30: "warn",
};

/** "2026-11-25" → "25-11-2026". */
function dmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

function flagText(flag: QuotaFlag, row: QuotaRow): string {
  if (flag === "diperpanjang" && row.extended_until) return `Diperpanjang s.d. ${dmy(row.extended_until)}`;
  return FLAG_LABEL[flag];
}

/** Women under 30% of the Terpilih: the core's flag on the row (units, kecamatan and the total alike). */
function womenLow(row: QuotaRow): boolean {
  return row.flags.includes("perempuan_kurang30");
}

type NumKey = "quota" | "registered" | "ms" | "passed_written" | "terpilih" | "cadangan";
type SortKey = "unit_code" | "unit_name" | NumKey | "women_percent" | "flags";

interface Sort {
  key: SortKey;
  asc: boolean;
}

const NUM_COLUMNS: { key: NumKey; label: string }[] = [
  { key: "quota", label: "Kuota" },
  { key: "registered", label: "Pendaftar" },
  { key: "ms", label: "MS" },
  { key: "passed_written", label: "Lulus tes tertulis" },
  { key: "terpilih", label: "Terpilih" },
  { key: "cadangan", label: "Cadangan" },
];

function sortValue(row: QuotaRow, key: SortKey): number | string {
  switch (key) {
    case "women_percent":
      return row.women_percent ?? -1;
    case "flags":
      return row.flags.length;
    default:
      return row[key];
  }
}

function compare(sort: Sort): (a: QuotaRow, b: QuotaRow) => number {
  return (a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    let c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "id");
    if (c === 0) c = a.unit_code.localeCompare(b.unit_code);
    return sort.asc ? c : -c;
  };
}

/** Lower-cased text a search matches: the name and the code with and without dots. */
function searchKey(row: QuotaRow): string {
  return `${row.unit_code} ${row.unit_code.replaceAll(".", "")} ${row.unit_name}`.toLowerCase();
}

function FlagBadges({ row, counts, unitWord }: { row: QuotaRow; counts?: Map<QuotaFlag, number>; unitWord?: string }) {
  if (row.flags.length === 0) return null;
  return (
    <ul className="quota-flags" aria-label="Perlu perhatian">
      {row.flags.map((f) => {
        const n = counts?.get(f);
        return (
          <li key={f} className={`badge quota-flag-${FLAG_TONE[f]}`} title={FLAG_HELP[f]}>
            {flagText(f, row)}
            {n !== undefined && n > 0 ? ` · ${angka(n)} ${unitWord ?? ""}`.trimEnd() : ""}
          </li>
        );
      })}
    </ul>
  );
}

/** Women among the Terpilih; below 30% marked in words, not only colour. */
function Women({ row }: { row: QuotaRow }) {
  if (row.women_percent === null) return <span title="Belum ada yang terpilih">–</span>;
  const text = `${angka(row.women_terpilih)} (${row.women_percent}%)`;
  if (!womenLow(row)) return <>{text}</>;
  return (
    <span className="quota-women-low">
      <span aria-hidden="true">⚠ </span>
      {text} <span className="quota-women-note">di bawah 30%</span>
    </span>
  );
}

/** The number cells of a row, from Kuota to the flags. */
const Cells = memo(function Cells({
  row,
  counts,
  unitWord,
}: {
  row: QuotaRow;
  counts?: Map<QuotaFlag, number>;
  unitWord?: string;
}) {
  return (
    <>
      {NUM_COLUMNS.map((c) => (
        <td key={c.key} className="num">
          {angka(row[c.key])}
        </td>
      ))}
      <td className="num">
        <Women row={row} />
      </td>
      <td className="quota-flag-cell">
        <FlagBadges row={row} counts={counts} unitWord={unitWord} />
      </td>
    </>
  );
});

interface Group {
  kec: QuotaRow;
  /** Every desa of the kecamatan. */
  all: QuotaRow[];
  /** The desa shown when the group is open (the filters applied). */
  desa: QuotaRow[];
  /** Opened by a search that matched desa (not the kecamatan itself). */
  auto: boolean;
}

/**
 * The quota dashboard of a round: per unit its quota, applicants, MS, passes,
 * Terpilih, Cadangan and women among the Terpilih, with what needs attention.
 * PPS rounds show one row per kecamatan, each opening onto its desa.
 */
export function QuotaPanel({ round }: { round: RoundSummary }) {
  const [data, setData] = useState<QuotaDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attention, setAttention] = useState(false);
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<Sort>({ key: "unit_code", asc: true });
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [limit, setLimit] = useState(PAGE);
  const request = useRef(0);
  const uid = useId();

  const load = useCallback(async (roundId: number) => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const d = await call("quota_dashboard", { roundId });
      if (mine !== request.current) return;
      setData(d);
      setError(null);
    } catch (e) {
      if (mine !== request.current) return;
      setError(toErrorPayload(e).message);
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(null);
    setOpen({});
    void load(round.id);
  }, [load, round.id]);

  const deferredQuery = useDeferredValue(query);
  const q = deferredQuery.trim().toLowerCase();
  const isPps = data?.body === "PPS";
  const unitWord = isPps ? "desa/kelurahan" : "kecamatan";

  // Search keys and the desa of each kecamatan, computed once per load.
  const index = useMemo(() => {
    const keys = new Map<QuotaRow, string>();
    const byKec = new Map<string, QuotaRow[]>();
    for (const u of data?.units ?? []) {
      keys.set(u, searchKey(u));
      const list = byKec.get(u.kecamatan_code);
      if (list) list.push(u);
      else byKec.set(u.kecamatan_code, [u]);
    }
    for (const k of data?.kecamatan ?? []) keys.set(k, searchKey(k));
    return { keys, byKec };
  }, [data]);

  const needing = useMemo(() => (data?.units ?? []).filter((u) => u.flags.length > 0).length, [data]);

  // PPK: the units, filtered and sorted.
  const flat = useMemo(() => {
    if (!data || data.body === "PPS") return [];
    return data.units
      .filter((u) => (!attention || u.flags.length > 0) && (!q || (index.keys.get(u) ?? "").includes(q)))
      .sort(compare(sort));
  }, [data, attention, q, sort, index]);

  // PPS: the kecamatan to show, each with the desa it would show when open.
  const groups = useMemo(() => {
    if (!data || data.body !== "PPS") return [];
    const out: Group[] = [];
    for (const kec of data.kecamatan) {
      const all = index.byKec.get(kec.kecamatan_code) ?? [];
      const candidates = attention ? all.filter((u) => u.flags.length > 0) : all;
      if (!q || (index.keys.get(kec) ?? "").includes(q)) {
        if (attention && candidates.length === 0 && kec.flags.length === 0) continue;
        out.push({ kec, all, desa: candidates, auto: false });
      } else {
        const matched = candidates.filter((u) => (index.keys.get(u) ?? "").includes(q));
        if (matched.length > 0) out.push({ kec, all, desa: matched, auto: true });
      }
    }
    return out.sort((a, b) => compare(sort)(a.kec, b.kec));
  }, [data, attention, q, sort, index]);

  const matchedDesa = useMemo(
    () => (q ? groups.reduce((n, g) => n + (g.auto || attention ? g.desa.length : g.all.length), 0) : 0),
    [groups, q, attention],
  );

  const toggleSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, asc: !s.asc } : { key, asc: true }));
  const toggleGroup = (code: string, now: boolean) => setOpen((o) => ({ ...o, [code]: !now }));

  const topCount = isPps ? groups.length : flat.length;
  const allTop = isPps ? (data?.kecamatan.length ?? 0) : (data?.units.length ?? 0);

  // Which groups are open: the user's choice, else opened by a search while the budget lasts.
  let autoBudget = AUTO_OPEN_LIMIT;
  let autoHeld = false;
  const shownGroups = groups.slice(0, limit).map((g) => {
    const chosen = open[g.kec.kecamatan_code];
    let isOpen = chosen ?? false;
    if (chosen === undefined && g.auto) {
      if (g.desa.length <= autoBudget) {
        isOpen = true;
        autoBudget -= g.desa.length;
      } else {
        autoHeld = true;
      }
    }
    return { ...g, isOpen };
  });

  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.asc ? "ascending" : "descending") : "none");
  const header = (key: SortKey, label: string, numeric: boolean) => (
    <th key={key} scope="col" className={numeric ? "num" : undefined} aria-sort={ariaSort(key)}>
      <button type="button" className="sort" onClick={() => toggleSort(key)}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.asc ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );

  return (
    <section className="quota-panel" aria-labelledby={`${uid}-title`} aria-busy={loading}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>Rekap kuota · {data?.round_name ?? round.name}</h2>
        <div className="row-actions">
          <ExportButton list={{ list: "quota", round_id: round.id }} />
          <ExportButton list={{ list: "women", round_id: round.id }} label="Ekspor keterwakilan perempuan" />
          <button type="button" onClick={() => void load(round.id)} disabled={loading}>
            {loading && data ? "Memuat ulang…" : "Muat ulang"}
          </button>
        </div>
      </div>
      <ErrorBox message={error} />
      {!data && !error && <p>Memuat…</p>}
      {data && (
        <>
          <div className="quota-summary" data-testid="quota-summary">
            <ul>
              <li>
                Kuota <strong>{angka(data.total.quota)}</strong> orang
              </li>
              <li>
                Pendaftar <strong>{angka(data.total.registered)}</strong>
              </li>
              <li>
                Terpilih <strong>{angka(data.total.terpilih)}</strong>
              </li>
              <li>
                Perempuan di antara yang terpilih{" "}
                {data.total.women_percent === null ? (
                  <strong>belum ada yang terpilih</strong>
                ) : (
                  <strong>
                    <Women row={data.total} />
                  </strong>
                )}
              </li>
              {data.women_low.length > 0 && (
                <li className="quota-women-low" data-testid="women-low-stages">
                  <span aria-hidden="true">⚠ </span>
                  Perempuan di bawah 30% pada tahap {data.women_low.map((s) => WOMEN_STAGE_LABEL[s]).join(", ")}
                </li>
              )}
            </ul>
            {needing === 0 ? (
              <p className="quota-attention-none">Tidak ada wilayah yang perlu perhatian.</p>
            ) : (
              <p className="quota-attention">
                <strong>{angka(needing)} wilayah perlu perhatian</strong>
                {data.flagged.length > 0 && ": "}
                {data.flagged.map(([f, n], i) => (
                  <span key={f}>
                    {i > 0 && "; "}
                    {FLAG_LABEL[f]}: {angka(n)}
                  </span>
                ))}
                .
              </p>
            )}
          </div>

          <div className="filters quota-filters">
            <label className="check">
              <input
                type="checkbox"
                checked={attention}
                onChange={(e) => {
                  setAttention(e.target.checked);
                  setLimit(PAGE);
                }}
              />
              <span>Hanya yang perlu perhatian</span>
            </label>
            <label className="inline-field">
              <span>Cari wilayah</span>
              <input
                type="search"
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  setLimit(PAGE);
                }}
                placeholder={isPps ? "Nama atau kode kecamatan/desa" : "Nama atau kode kecamatan"}
              />
            </label>
            <span className="muted" aria-live="polite" data-testid="quota-count">
              {angka(topCount)} dari {angka(allTop)} kecamatan
              {isPps && q ? `, ${angka(matchedDesa)} desa/kelurahan cocok` : ""}
            </span>
          </div>
          {autoHeld && (
            <p className="muted">
              Hasil pencarian banyak: sebagian kecamatan tidak dibuka otomatis. Buka satu per satu atau persempit
              pencarian.
            </p>
          )}

          <div className="table-wrap quota-table-wrap">
            <table className="data quota-table" aria-label={`Rekap kuota per ${unitWord}`}>
              <thead>
                <tr>
                  {header("unit_code", "Kode", false)}
                  {header("unit_name", isPps ? "Kecamatan / desa" : "Kecamatan", false)}
                  {NUM_COLUMNS.map((c) => header(c.key, c.label, true))}
                  {header("women_percent", "Perempuan terpilih", true)}
                  {header("flags", "Perlu perhatian", false)}
                </tr>
              </thead>
              {!isPps && (
                <tbody>
                  {flat.slice(0, limit).map((u) => (
                    <tr key={u.unit_code} data-testid="unit-row">
                      <td className="mono">{u.unit_code}</td>
                      <th scope="row">{u.unit_name}</th>
                      <Cells row={u} />
                    </tr>
                  ))}
                </tbody>
              )}
              {isPps &&
                shownGroups.map((g) => (
                  <PpsGroup key={g.kec.kecamatan_code} idPrefix={uid} group={g} sort={sort} onToggle={toggleGroup} />
                ))}
              <tfoot>
                <tr data-testid="total-row">
                  <th scope="row" colSpan={2}>
                    Jumlah kabupaten ({angka(data.units.length)} {unitWord})
                  </th>
                  <Cells row={data.total} />
                </tr>
              </tfoot>
            </table>
          </div>
          {topCount === 0 && (
            <p className="empty">
              {attention && !q
                ? "Tidak ada wilayah yang perlu perhatian."
                : "Tidak ada wilayah yang cocok dengan pencarian atau saringan."}
            </p>
          )}
          {topCount > limit && (
            <div className="actions start">
              <span className="muted">
                Menampilkan {angka(limit)} dari {angka(topCount)} kecamatan.
              </span>
              <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
                Tampilkan {angka(Math.min(PAGE, topCount - limit))} lagi
              </button>
            </div>
          )}

          {/* Below the table, the main work tool: charts and the women's share per stage. */}
          <div className="quota-visuals">
            <ApplicantsChart data={data} />
            <WomenSection key={data.round_id} data={data} />
          </div>
        </>
      )}
    </section>
  );
}

/** A kecamatan's subtotal row and, when open, its desa. */
function PpsGroup({
  idPrefix,
  group,
  sort,
  onToggle,
}: {
  idPrefix: string;
  group: Group & { isOpen: boolean };
  sort: Sort;
  onToggle: (code: string, now: boolean) => void;
}) {
  const { kec, all, desa, isOpen } = group;
  const counts = useMemo(() => {
    const m = new Map<QuotaFlag, number>();
    for (const u of all) for (const f of u.flags) m.set(f, (m.get(f) ?? 0) + 1);
    // The kecamatan's own women share is its subtotal, not a count of desa.
    m.delete("perempuan_kurang30");
    return m;
  }, [all]);
  const rows = useMemo(() => (isOpen ? [...desa].sort(compare(sort)) : []), [isOpen, desa, sort]);
  const code = kec.kecamatan_code;
  const listId = `${idPrefix}-desa-${code}`;

  return (
    <>
      <tbody className="quota-group">
        <tr className="quota-kec" data-testid="kecamatan-row">
          <td className="mono">{kec.unit_code}</td>
          <th scope="row">
            <button
              type="button"
              className="quota-toggle"
              aria-expanded={isOpen}
              aria-controls={listId}
              onClick={() => onToggle(code, isOpen)}
            >
              <span aria-hidden="true" className="quota-caret">
                {isOpen ? "▾" : "▸"}
              </span>
              {kec.unit_name}
            </button>{" "}
            <span className="muted quota-desa-count">
              {desa.length !== all.length
                ? `${angka(desa.length)} dari ${angka(all.length)} desa/kel.`
                : `${angka(all.length)} desa/kel.`}
            </span>
          </th>
          <Cells row={kec} counts={counts} unitWord="desa/kel." />
        </tr>
      </tbody>
      <tbody className="quota-desa-list" id={listId}>
        {rows.map((u) => (
          <tr key={u.unit_code} className="quota-desa" data-testid="desa-row">
            <td className="mono">{u.unit_code}</td>
            <th scope="row">{u.unit_name}</th>
            <Cells row={u} />
          </tr>
        ))}
      </tbody>
    </>
  );
}
