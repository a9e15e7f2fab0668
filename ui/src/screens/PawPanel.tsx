import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../api";
import { angka, tanggal } from "../api/format";
import type { LeaveCause } from "../bindings/LeaveCause";
import type { PawEvent } from "../bindings/PawEvent";
import type { Person } from "../bindings/Person";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { UnitMembers } from "../bindings/UnitMembers";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { canDecidePlenary } from "./roles";
import "./PawPanel.css";

/** Top-level entries (kecamatan, or desa groups of a PPS round) rendered at first; more on request. */
const PAGE = 100;
/** Up to this many units, every unit is shown open. */
const SMALL_ROUND = 12;
/** At most this many units are opened by themselves (a departure waiting, a person found). */
const AUTO_OPEN_LIMIT = 40;

/** The causes of a departure in the order staff meet them. */
export const CAUSES: LeaveCause[] = ["meninggal", "mengundurkan_diri", "berhalangan_tetap", "diberhentikan"];

export const CAUSE_LABEL: Record<LeaveCause, string> = {
  meninggal: "Meninggal dunia",
  mengundurkan_diri: "Mengundurkan diri",
  berhalangan_tetap: "Berhalangan tetap",
  diberhentikan: "Diberhentikan",
};

const SEX_LABEL: Record<string, string> = { L: "Laki-laki", P: "Perempuan" };

/** Today on this computer, as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "35.14.01.2001" → "35.14.01". */
const kecamatanOf = (code: string) => code.split(".").slice(0, 3).join(".");

const hasPaw = (u: UnitMembers) => u.pending !== null || u.history.length > 0;

/** Units needing a look come first: a departure waiting, then any PAW; then by code. */
const weight = (u: UnitMembers) => (u.pending !== null ? 0 : u.history.length > 0 ? 1 : 2);
const byAttention = (a: UnitMembers, b: UnitMembers) => weight(a) - weight(b) || a.unit_code.localeCompare(b.unit_code);

/** The departure waiting for its replacement, if any. */
const pendingEvent = (u: UnitMembers): PawEvent | null =>
  u.pending === null ? null : (u.history.find((e) => e.id === u.pending) ?? null);

const rank = (p: Person) => (p.position === null ? "–" : angka(p.position));
const who = (p: Person) => `${p.full_name} (${p.reg_number})`;

interface Entry {
  unit: UnitMembers;
  /** Lower-cased: the unit's name and code (with and without dots), and its kecamatan's name. */
  unitKey: string;
  /** Lower-cased: the names and numbers of everyone in the unit, past and present. */
  peopleKey: string;
}

function entryOf(unit: UnitMembers, kecName: string | undefined): Entry {
  const people = [
    ...unit.members,
    ...unit.reserves,
    ...unit.history.flatMap((e) => (e.replacement ? [e.member, e.replacement] : [e.member])),
  ];
  return {
    unit,
    unitKey: `${unit.unit_code} ${unit.unit_code.replaceAll(".", "")} ${unit.unit_name} ${kecName ?? ""}`.toLowerCase(),
    peopleKey: people.map((p) => `${p.full_name} ${p.reg_number}`).join(" | ").toLowerCase(),
  };
}

interface UnitView {
  unit: UnitMembers;
  open: boolean;
}

interface GroupView {
  code: string;
  name: string;
  /** Desa/kelurahan of the kecamatan in the round. */
  total: number;
  /** The desa shown (search and filter applied), attention first. */
  units: UnitView[];
  open: boolean;
}

type Dialog = { kind: "leave"; unit: UnitMembers; member: Person } | { kind: "confirm"; unit: UnitMembers } | null;

interface Props {
  session: Session;
  round: RoundSummary;
  /** A departure or a replacement was recorded. */
  onChanged?: () => void;
}

/**
 * PAW (pengganti antar waktu): per unit its members, its reserves in order
 * and its history of replacements. During the term of office the Pimpinan
 * records a member's departure; the core proposes the best-ranked reserve
 * still available and the Pimpinan confirms it with the decision's note.
 * The core decides; its refusals are shown as it words them.
 */
export function PawPanel({ session, round, onChanged }: Props) {
  const [data, setData] = useState<UnitMembers[] | null>(null);
  const [kecNames, setKecNames] = useState<Map<string, string>>(new Map());
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [onlyPaw, setOnlyPaw] = useState(false);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [limit, setLimit] = useState(PAGE);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const request = useRef(0);
  const uid = useId();

  const isPps = round.body === "PPS";
  const mayAct = canDecidePlenary(session.role) && round.current_stage === "masa_kerja";

  const load = useCallback(async () => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const units = await call("unit_members", { roundId: round.id, unit: null });
      if (mine !== request.current) return;
      setData(units);
      setInfo(null);
      setError(null);
    } catch (e) {
      if (mine !== request.current) return;
      const p = toErrorPayload(e);
      setData(null);
      // Before the final results are settled the core says so: not a failure.
      if (p.code === "stage") {
        setInfo(p.message);
        setError(null);
      } else {
        setError(p.message);
        setInfo(null);
      }
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, [round.id]);

  useEffect(() => {
    void load();
    // The stage moved on elsewhere (the parent passes the round anew): read again.
  }, [load, round.current_stage]);

  useEffect(() => {
    setData(null);
    setOpen({});
    setMessage(null);
    setDialog(null);
    setLimit(PAGE);
  }, [round.id]);

  // PPS units are grouped by kecamatan; their names come from the region list.
  useEffect(() => {
    if (!isPps) return;
    let live = true;
    call("list_regions")
      .then((regions) => {
        if (live && Array.isArray(regions)) setKecNames(new Map(regions.map((k) => [k.code, k.name])));
      })
      .catch(() => {
        // Without names the kecamatan are shown by code.
      });
    return () => {
      live = false;
    };
  }, [isPps]);

  // Focus follows an action: to the proposal after a departure, to the unit after a replacement.
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, data]);

  const entries = useMemo(
    () => (data ?? []).map((u) => entryOf(u, isPps ? kecNames.get(kecamatanOf(u.unit_code)) : undefined)),
    [data, isPps, kecNames],
  );

  const deferredQuery = useDeferredValue(query);
  const q = deferredQuery.trim().toLowerCase();
  const small = entries.length <= SMALL_ROUND;

  // The units shown, each with whether a search found a person in it.
  const matches = useMemo(() => {
    const out: { unit: UnitMembers; byPerson: boolean }[] = [];
    for (const e of entries) {
      if (onlyPaw && !hasPaw(e.unit)) continue;
      if (!q || e.unitKey.includes(q)) out.push({ unit: e.unit, byPerson: false });
      else if (e.peopleKey.includes(q)) out.push({ unit: e.unit, byPerson: true });
    }
    return out.sort((a, b) => byAttention(a.unit, b.unit));
  }, [entries, onlyPaw, q]);

  const kecTotals = useMemo(() => {
    const m = new Map<string, number>();
    for (const u of data ?? []) m.set(kecamatanOf(u.unit_code), (m.get(kecamatanOf(u.unit_code)) ?? 0) + 1);
    return m;
  }, [data]);

  // What is rendered: units (PPK) or kecamatan groups (PPS), a page at a time, some opened by themselves.
  const view = useMemo(() => {
    let budget = AUTO_OPEN_LIMIT;
    const unitView = (m: { unit: UnitMembers; byPerson: boolean }): UnitView => {
      const chosen = open[m.unit.unit_code];
      if (chosen !== undefined) return { unit: m.unit, open: chosen };
      let auto = small;
      if (!auto && (m.unit.pending !== null || m.byPerson) && budget > 0) {
        budget -= 1;
        auto = true;
      }
      return { unit: m.unit, open: auto };
    };
    if (!isPps) {
      return { units: matches.slice(0, limit).map(unitView), groups: [] as GroupView[], top: matches.length };
    }
    const byKec = new Map<string, { unit: UnitMembers; byPerson: boolean }[]>();
    for (const m of matches) {
      const code = kecamatanOf(m.unit.unit_code);
      const list = byKec.get(code);
      if (list) list.push(m);
      else byKec.set(code, [m]);
    }
    // Matches are sorted, so each group's first unit says how much it needs a look.
    const codes = [...byKec.keys()].sort((a, b) => {
      const x = byKec.get(a)?.[0]?.unit;
      const y = byKec.get(b)?.[0]?.unit;
      return (x && y ? weight(x) - weight(y) : 0) || a.localeCompare(b);
    });
    const groups = codes.slice(0, limit).map((code): GroupView => {
      const units = (byKec.get(code) ?? []).map(unitView);
      const chosen = open[`kec:${code}`];
      return {
        code,
        name: kecNames.get(code) ?? `Kecamatan ${code}`,
        total: kecTotals.get(code) ?? units.length,
        units,
        open: chosen ?? (small || units.some((u) => u.open)),
      };
    });
    return { units: [] as UnitView[], groups, top: codes.length };
  }, [matches, open, small, isPps, limit, kecNames, kecTotals]);

  const toggle = useCallback((key: string, now: boolean) => setOpen((o) => ({ ...o, [key]: !now })), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const askLeave = useCallback((unit: UnitMembers, member: Person) => setDialog({ kind: "leave", unit, member }), []);
  const askConfirm = useCallback((unit: UnitMembers) => setDialog({ kind: "confirm", unit }), []);

  /** The core answered with the unit as it now stands: show it, open, and tell the parent. */
  const updated = (unit: UnitMembers, text: string, focus: string) => {
    setData((d) => (d ? d.map((u) => (u.unit_code === unit.unit_code ? unit : u)) : d));
    setOpen((o) => ({ ...o, [unit.unit_code]: true, [`kec:${kecamatanOf(unit.unit_code)}`]: true }));
    setDialog(null);
    setMessage(text);
    setFocusId(focus);
    onChanged?.();
  };

  const totals = useMemo(() => {
    const units = data ?? [];
    return {
      members: units.reduce((n, u) => n + u.members.length, 0),
      quota: units.reduce((n, u) => n + u.quota, 0),
      events: units.reduce((n, u) => n + u.history.length, 0),
      pending: units.filter((u) => u.pending !== null).length,
      withPaw: units.filter(hasPaw).length,
    };
  }, [data]);

  const topWord = isPps ? "kecamatan" : "wilayah";
  const cardProps = { idPrefix: uid, mayAct, onToggle: toggle, onLeave: askLeave, onConfirm: askConfirm };

  return (
    <section className="paw-panel" aria-labelledby={`${uid}-title`} aria-busy={loading}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>Keanggotaan dan PAW · {round.name}</h2>
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading && (data || info) ? "Memuat ulang…" : "Muat ulang"}
        </button>
      </div>
      <ErrorBox message={error} />
      {info && (
        <p className="paw-info" role="status" data-testid="paw-info">
          {info}
        </p>
      )}
      {!data && !error && !info && <p>Memuat…</p>}
      {message && (
        <p className="ok-box" role="status" data-testid="paw-message">
          {message}
        </p>
      )}
      {data && (
        <>
          {round.current_stage !== "masa_kerja" ? (
            <p className="paw-note" data-testid="paw-readonly">
              PAW (pengganti antar waktu) dicatat pada masa kerja. Data di bawah hanya untuk dilihat.
            </p>
          ) : (
            !mayAct && (
              <p className="paw-note" data-testid="paw-readonly">
                Pemberhentian anggota dan penetapan pengganti dicatat oleh Pimpinan. Data di bawah hanya untuk dilihat.
              </p>
            )
          )}
          <ul className="paw-summary" data-testid="paw-summary">
            <li>
              Anggota menjabat <strong>{angka(totals.members)}</strong> dari {angka(totals.quota)} kursi
            </li>
            <li>
              PAW tercatat <strong>{angka(totals.events)}</strong>
            </li>
            <li>
              Menunggu penetapan pengganti <strong>{angka(totals.pending)}</strong> wilayah
            </li>
          </ul>

          <div className="filters paw-filters">
            <label className="inline-field">
              <span>Cari wilayah atau nama</span>
              <input
                type="search"
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  setLimit(PAGE);
                }}
                placeholder="Nama wilayah, kode, nama orang atau nomor pendaftaran"
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={onlyPaw}
                onChange={(e) => {
                  setOnlyPaw(e.target.checked);
                  setLimit(PAGE);
                }}
              />
              <span>Hanya wilayah dengan PAW ({angka(totals.withPaw)})</span>
            </label>
            <span className="muted" aria-live="polite" data-testid="paw-count">
              {angka(matches.length)} dari {angka(data.length)} {isPps ? "desa/kelurahan" : "wilayah"}
            </span>
          </div>

          {matches.length === 0 && (
            <p className="empty">
              {data.length === 0
                ? "Belum ada wilayah dengan anggota pada seleksi ini."
                : onlyPaw && !q
                  ? "Belum ada PAW pada seleksi ini."
                  : "Tidak ada wilayah atau nama yang cocok dengan pencarian atau saringan."}
            </p>
          )}

          {!isPps && (
            <div className="paw-units">
              {view.units.map((v) => (
                <UnitCard key={v.unit.unit_code} view={v} level={3} {...cardProps} />
              ))}
            </div>
          )}
          {isPps && (
            <div className="paw-groups">
              {view.groups.map((g) => (
                <KecamatanGroup key={g.code} group={g} {...cardProps} />
              ))}
            </div>
          )}

          {view.top > limit && (
            <div className="actions start">
              <span className="muted">
                Menampilkan {angka(limit)} dari {angka(view.top)} {topWord}.
              </span>
              <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
                Tampilkan {angka(Math.min(PAGE, view.top - limit))} lagi
              </button>
            </div>
          )}
        </>
      )}

      {dialog?.kind === "leave" && (
        <LeaveDialog
          round={round}
          unit={dialog.unit}
          member={dialog.member}
          onClose={closeDialog}
          onRecorded={(unit) => {
            const proposal = unit.proposed
              ? `Usulan pengganti: ${who(unit.proposed)}, cadangan peringkat ${rank(unit.proposed)}.`
              : "Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.";
            updated(
              unit,
              `Pemberhentian ${dialog.member.full_name} dicatat. ${proposal}`,
              `${uid}-pending-${unit.unit_code}`,
            );
          }}
        />
      )}
      {dialog?.kind === "confirm" && (
        <ConfirmDialog
          round={round}
          unit={dialog.unit}
          onClose={closeDialog}
          onConfirmed={(unit) => {
            const proposed = dialog.unit.proposed;
            const left = pendingEvent(dialog.unit)?.member;
            updated(
              unit,
              `${proposed?.full_name ?? "Cadangan"} ditetapkan sebagai pengganti${left ? ` ${left.full_name}` : ""} di ${unit.unit_name}.`,
              `${uid}-toggle-${unit.unit_code}`,
            );
          }}
        />
      )}
    </section>
  );
}

interface CardProps {
  idPrefix: string;
  mayAct: boolean;
  onToggle: (key: string, now: boolean) => void;
  onLeave: (unit: UnitMembers, member: Person) => void;
  onConfirm: (unit: UnitMembers) => void;
}

/** A kecamatan of a PPS round, opening onto its desa/kelurahan. */
function KecamatanGroup({ group, ...card }: CardProps & { group: GroupView }) {
  const { code, name, total, units, open } = group;
  const bodyId = `${card.idPrefix}-kec-${code}`;
  const pending = units.filter((u) => u.unit.pending !== null).length;
  const withPaw = units.filter((u) => hasPaw(u.unit)).length;
  return (
    <section className="paw-group" role="group" aria-labelledby={`${bodyId}-title`} data-testid="paw-kecamatan">
      <div className="paw-head">
        <h3 id={`${bodyId}-title`}>
          <button
            type="button"
            className="paw-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => card.onToggle(`kec:${code}`, open)}
          >
            <span aria-hidden="true" className="paw-caret">
              {open ? "▾" : "▸"}
            </span>
            {name}
          </button>
        </h3>
        <span className="mono muted">{code}</span>
        <span className="muted">
          {units.length !== total ? `${angka(units.length)} dari ${angka(total)} desa/kel.` : `${angka(total)} desa/kel.`}
        </span>
        {pending > 0 && <span className="badge warn">{angka(pending)} menunggu pengganti</span>}
        {withPaw > 0 && <span className="badge paw-badge">{angka(withPaw)} desa/kel. dengan PAW</span>}
      </div>
      <div id={bodyId} className="paw-group-body">
        {open && units.map((v) => <UnitCard key={v.unit.unit_code} view={v} level={4} {...card} />)}
      </div>
    </section>
  );
}

/** One unit: a heading that opens onto its members, reserves, history and any departure waiting. */
const UnitCard = memo(function UnitCard({
  view,
  level,
  idPrefix,
  mayAct,
  onToggle,
  onLeave,
  onConfirm,
}: CardProps & { view: UnitView; level: 3 | 4 }) {
  const { unit, open } = view;
  const code = unit.unit_code;
  const base = `${idPrefix}-unit-${code}`;
  const H = level === 3 ? "h3" : "h4";
  const waiting = pendingEvent(unit);
  const vacant = unit.quota - unit.members.length;
  const replacements = useMemo(
    () => new Set(unit.history.flatMap((e) => (e.replacement ? [e.replacement.applicant_id] : []))),
    [unit.history],
  );
  const canLeave = mayAct && unit.pending === null;

  return (
    <section className="paw-unit" role="group" aria-labelledby={`${base}-title`} data-testid="paw-unit" data-unit={code}>
      <div className="paw-head">
        <H id={`${base}-title`}>
          <button
            type="button"
            id={`${idPrefix}-toggle-${code}`}
            className="paw-toggle"
            aria-expanded={open}
            aria-controls={`${base}-body`}
            onClick={() => onToggle(code, open)}
          >
            <span aria-hidden="true" className="paw-caret">
              {open ? "▾" : "▸"}
            </span>
            {unit.unit_name}
          </button>
        </H>
        <span className="mono muted">{code}</span>
        <span className="muted">
          Anggota {angka(unit.members.length)} dari {angka(unit.quota)} · Cadangan {angka(unit.reserves.length)}
        </span>
        {unit.pending !== null && <span className="badge warn">Menunggu penetapan pengganti</span>}
        {unit.history.length > 0 && <span className="badge paw-badge">{angka(unit.history.length)} PAW</span>}
        {vacant > 0 && unit.pending === null && (
          <span className="badge warn">{angka(vacant)} kursi kosong</span>
        )}
      </div>
      <div id={`${base}-body`} className="paw-body">
        {open && (
          <>
            {unit.pending !== null && (
              <div className="warn-box paw-pending" id={`${idPrefix}-pending-${code}`} tabIndex={-1} data-testid="paw-pending">
                <p>
                  <strong>Menunggu penetapan pengganti.</strong>{" "}
                  {waiting
                    ? `${who(waiting.member)} berhenti: ${waiting.cause_label || CAUSE_LABEL[waiting.cause]}, ${tanggal(waiting.left_on)}.`
                    : "Seorang anggota berhenti."}
                </p>
                {unit.proposed ? (
                  <p>
                    Usulan pengganti: <strong>{unit.proposed.full_name}</strong> ({unit.proposed.reg_number}), cadangan
                    peringkat {rank(unit.proposed)}.
                  </p>
                ) : (
                  <p>
                    <strong>Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.</strong>
                  </p>
                )}
                {mayAct && (
                  <div className="row-actions">
                    {unit.proposed && (
                      <button
                        type="button"
                        className="primary"
                        aria-label={`Tetapkan pengganti… ${unit.unit_name}`}
                        onClick={() => onConfirm(unit)}
                      >
                        Tetapkan pengganti…
                      </button>
                    )}
                    <span className="muted">
                      Pemberhentian anggota lain di wilayah ini dapat dicatat setelah penggantinya ditetapkan.
                    </span>
                  </div>
                )}
              </div>
            )}

            <div className="table-wrap paw-table-wrap">
              <table className="data paw-table">
                <caption>Anggota ({angka(unit.members.length)} dari {angka(unit.quota)})</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Peringkat
                    </th>
                    <th scope="col">Nama</th>
                    <th scope="col">Nomor pendaftaran</th>
                    <th scope="col">L/P</th>
                    {canLeave && <th scope="col">Tindakan</th>}
                  </tr>
                </thead>
                <tbody>
                  {unit.members.map((m) => (
                    <tr key={m.applicant_id} data-testid="paw-member">
                      <td className="num">{rank(m)}</td>
                      <th scope="row">
                        {m.full_name}
                        {replacements.has(m.applicant_id) && <span className="badge paw-badge">Pengganti</span>}
                      </th>
                      <td className="mono">{m.reg_number}</td>
                      <td>
                        <Sex sex={m.sex} />
                      </td>
                      {canLeave && (
                        <td>
                          <button
                            type="button"
                            className="small"
                            aria-label={`Berhenti… ${m.full_name}`}
                            onClick={() => onLeave(unit, m)}
                          >
                            Berhenti…
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                  {unit.members.length === 0 && (
                    <tr>
                      <td colSpan={canLeave ? 5 : 4} className="muted">
                        Tidak ada anggota yang menjabat.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>

            <div className="table-wrap paw-table-wrap">
              <table className="data paw-table">
                <caption>Cadangan, urut peringkat ({angka(unit.reserves.length)})</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Urutan
                    </th>
                    <th scope="col" className="num">
                      Peringkat
                    </th>
                    <th scope="col">Nama</th>
                    <th scope="col">Nomor pendaftaran</th>
                    <th scope="col">L/P</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.reserves.map((r, i) => (
                    <tr key={r.applicant_id} data-testid="paw-reserve">
                      <td className="num">{angka(i + 1)}</td>
                      <td className="num">{rank(r)}</td>
                      <th scope="row">{r.full_name}</th>
                      <td className="mono">{r.reg_number}</td>
                      <td>
                        <Sex sex={r.sex} />
                      </td>
                    </tr>
                  ))}
                  {unit.reserves.length === 0 && (
                    <tr>
                      <td colSpan={5} className="muted">
                        Tidak ada cadangan tersisa.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>

            {unit.history.length === 0 ? (
              <p className="muted paw-no-history">Belum ada PAW di wilayah ini.</p>
            ) : (
              <div className="table-wrap paw-table-wrap">
                <table className="data paw-table">
                  <caption>Riwayat PAW</caption>
                  <thead>
                    <tr>
                      <th scope="col">Tanggal berhenti</th>
                      <th scope="col">Anggota yang berhenti</th>
                      <th scope="col">Sebab</th>
                      <th scope="col">Keterangan</th>
                      <th scope="col">Pengganti</th>
                      <th scope="col">Dasar penetapan</th>
                    </tr>
                  </thead>
                  <tbody>
                    {unit.history.map((e) => (
                      <tr key={e.id} data-testid="paw-event">
                        <td className="paw-date">{tanggal(e.left_on)}</td>
                        <th scope="row">{who(e.member)}</th>
                        <td>{e.cause_label || CAUSE_LABEL[e.cause]}</td>
                        <td>{e.reason}</td>
                        <td>
                          {e.replacement
                            ? who(e.replacement)
                            : e.id === unit.pending && !unit.proposed
                              ? "Tidak ada cadangan tersisa"
                              : "Menunggu penetapan"}
                        </td>
                        <td>{e.decision_note ?? "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
});

function Sex({ sex }: { sex: string }) {
  const label = SEX_LABEL[sex];
  return label ? <abbr title={label}>{sex}</abbr> : <>{sex || "–"}</>;
}

/** A multi-line input with its label, hint and error, linked for screen readers. */
function TextArea({
  label,
  hint,
  value,
  onChange,
  invalid,
  autoFocus,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
  /** Gets the focus when the dialog opens. */
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field${invalid ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        data-autofocus={autoFocus || undefined}
      />
      <small id={`${id}-hint`} className="muted">
        {hint}
      </small>
    </div>
  );
}

interface LeaveProps {
  round: RoundSummary;
  unit: UnitMembers;
  member: Person;
  onClose: () => void;
  onRecorded: (unit: UnitMembers) => void;
}

/** The Pimpinan records that a member leaves: why, when, and on what basis. */
function LeaveDialog({ round, unit, member, onClose, onRecorded }: LeaveProps) {
  const [cause, setCause] = useState<LeaveCause | null>(null);
  const today = useMemo(localToday, []);
  const [leftOn, setLeftOn] = useState(today);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!cause) {
      setError({ message: "Pilih sebab berhenti.", field: "sebab" });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call("record_leave", {
        roundId: round.id,
        leave: { member_id: member.applicant_id, cause, left_on: leftOn, reason },
      });
      onRecorded(result);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ message: p.message, field: p.field });
      setBusy(false);
    }
  };

  return (
    <Modal title={`Anggota berhenti: ${member.full_name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} data-testid="paw-leave-dialog" noValidate>
        <p>
          <strong>{member.full_name}</strong> ({member.reg_number}), anggota {unit.unit_name}, peringkat {rank(member)}.
          Setelah dicatat, aplikasi mengusulkan cadangan dengan peringkat terbaik yang masih tersedia sebagai pengganti.
        </p>
        <fieldset className={error?.field === "sebab" ? "has-error" : undefined}>
          <legend>Sebab berhenti</legend>
          {CAUSES.map((c, i) => (
            <label key={c} className="check">
              <input
                type="radio"
                name={`${ids}-cause`}
                value={c}
                checked={cause === c}
                onChange={() => setCause(c)}
                data-autofocus={i === 0 || undefined}
              />
              <span>{CAUSE_LABEL[c]}</span>
            </label>
          ))}
        </fieldset>
        <div className={`field${error?.field === "tanggal" ? " has-error" : ""}`}>
          <label htmlFor={`${ids}-date`}>Tanggal berhenti</label>
          <input
            id={`${ids}-date`}
            type="date"
            value={leftOn}
            max={today}
            onChange={(e) => setLeftOn(e.target.value)}
            aria-invalid={error?.field === "tanggal" || undefined}
            aria-describedby={`${ids}-date-hint`}
          />
          <small id={`${ids}-date-hint`} className="muted">
            Paling lambat hari ini.
          </small>
        </div>
        <TextArea
          label="Keterangan"
          hint="Mis. nomor surat pengunduran diri, akta kematian atau surat keputusan pemberhentian; paling sedikit 10 karakter."
          value={reason}
          onChange={setReason}
          invalid={error?.field === "alasan"}
        />
        <p className="muted">Pencatatan disimpan dengan nama Anda dan waktunya dalam jejak audit.</p>
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Mencatat…" : "Catat berhenti"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface ConfirmProps {
  round: RoundSummary;
  unit: UnitMembers;
  onClose: () => void;
  onConfirmed: (unit: UnitMembers) => void;
}

/** The Pimpinan confirms the proposed reserve as the replacement, with the decision's note. */
function ConfirmDialog({ round, unit, onClose, onConfirmed }: ConfirmProps) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = pendingEvent(unit);
  const proposed = unit.proposed;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || unit.pending === null || !proposed) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call("confirm_replacement", {
        roundId: round.id,
        pawId: unit.pending,
        replacementId: proposed.applicant_id,
        note,
      });
      onConfirmed(result);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ message: p.message, field: p.field });
      setBusy(false);
    }
  };

  return (
    <Modal title={`Tetapkan pengganti: ${unit.unit_name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} data-testid="paw-confirm-dialog" noValidate>
        {waiting && (
          <p>
            {who(waiting.member)} berhenti: {waiting.cause_label || CAUSE_LABEL[waiting.cause]},{" "}
            {tanggal(waiting.left_on)} ({waiting.reason}).
          </p>
        )}
        {proposed ? (
          <dl className="about paw-proposed" data-testid="paw-proposed">
            <dt>Pengganti yang diusulkan</dt>
            <dd>
              <strong>{proposed.full_name}</strong>
            </dd>
            <dt>Nomor pendaftaran</dt>
            <dd className="mono">{proposed.reg_number}</dd>
            <dt>Peringkat hasil akhir</dt>
            <dd>{rank(proposed)}</dd>
            <dt>Jenis kelamin</dt>
            <dd>{SEX_LABEL[proposed.sex] ?? proposed.sex}</dd>
          </dl>
        ) : (
          <p className="warn-box">Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.</p>
        )}
        <p className="muted">Pengganti adalah calon cadangan dengan peringkat terbaik yang masih tersedia.</p>
        <TextArea
          label="Dasar penetapan"
          hint="Mis. nomor Keputusan KPU tentang penetapan pengganti antar waktu; paling sedikit 10 karakter."
          value={note}
          onChange={setNote}
          invalid={error?.field === "catatan"}
          autoFocus
        />
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy || !proposed}>
            {busy ? "Menetapkan…" : "Tetapkan pengganti"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
