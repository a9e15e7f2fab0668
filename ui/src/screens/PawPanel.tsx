import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { Person } from "../bindings/Person";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { UnitMembers } from "../bindings/UnitMembers";
import { ErrorBox } from "../components/ErrorBox";
import { ConfirmDialog } from "./paw/ConfirmDialog";
import { KecamatanGroup } from "./paw/KecamatanGroup";
import { LeaveDialog } from "./paw/LeaveDialog";
import { type GroupView, hasPaw, pendingEvent, rank, type UnitView, who } from "./paw/shared";
import { UnitCard } from "./paw/UnitCard";
import { may } from "./may";
import "./PawPanel.css";

/** Top-level entries (kecamatan, or desa groups of a PPS round) rendered at first; more on request. */
const PAGE = 100;
/** Up to this many units, every unit is shown open. */
const SMALL_ROUND = 12;
/** At most this many units are opened by themselves (a departure waiting, a person found). */
const AUTO_OPEN_LIMIT = 40;

/** "35.14.01.2001" → "35.14.01". */
const kecamatanOf = (code: string) => code.split(".").slice(0, 3).join(".");

/** Units needing a look come first: a departure waiting, then any PAW; then by code. */
const weight = (u: UnitMembers) => (u.pending !== null ? 0 : u.history.length > 0 ? 1 : 2);
const byAttention = (a: UnitMembers, b: UnitMembers) => weight(a) - weight(b) || a.unit_code.localeCompare(b.unit_code);

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
  const mayAct = may(session, "plenary_decisions") && round.current_stage === "masa_kerja";

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
