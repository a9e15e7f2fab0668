import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

import { call, toErrorPayload } from "../api";
import type { HomeView } from "../bindings/HomeView";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { ErrorBox } from "../components/ErrorBox";
import { DocumentsPanel } from "./DocumentsPanel";
import { UnitSituations } from "./appointment/UnitSituations";
import { ExtensionPanel } from "./ExtensionPanel";
import { MemberTermPanel } from "./continuity/MemberTermPanel";
import { TakeoverPanel } from "./continuity/TakeoverPanel";
import { PawPanel } from "./PawPanel";
import { QuotaPanel } from "./QuotaPanel";
import { ResponsesPanel } from "./ResponsesPanel";
import { ResultsPanel } from "./ResultsPanel";
import { RulesPanel } from "./RulesPanel";
import { ScoresPanel } from "./ScoresPanel";
import { TestSchedulePanel } from "./TestSchedulePanel";
import { TimelinePanel } from "./TimelinePanel";
import { rememberRound, roundInUse } from "./roundInUse";
import "./SelectionPage.css";

interface Props {
  session: Session;
  /**
   * The page is the one shown. Coming back to it reads the rounds again and
   * reloads the panel on screen (stages may have changed on another page).
   */
  active?: boolean;
}

/** What a tab gets to draw its panels. */
interface PanelContext {
  session: Session;
  round: RoundSummary;
  /**
   * The key of one panel of the tab (`slot` names it). It changes when the
   * round or something elsewhere in it changed, so the panel mounts anew and
   * reads again; it stays when the panel itself reported the change, so the
   * panel keeps its own message.
   */
  key: (slot: string) => string;
  /** The onChanged of the panel in `slot`. */
  changed: (slot: string) => () => void;
}

interface TabDef {
  id: string;
  label: string;
  /** Stages (opened) in which this tab is the one shown first. */
  stages: Stage[];
  render: (c: PanelContext) => ReactNode;
}

/** The sub-pages of a round, in order. Adding one is one line here. */
const TABS: TabDef[] = [
  {
    id: "tahapan",
    label: "Tahapan",
    stages: [],
    render: (c) => (
      <>
        <TimelinePanel key={c.key("timeline")} session={c.session} round={c.round} onChanged={c.changed("timeline")} />
        <ExtensionPanel key={c.key("extension")} session={c.session} round={c.round} onChanged={c.changed("extension")} />
        <UnitSituations key={c.key("situations")} session={c.session} round={c.round} onChanged={c.changed("situations")} />
      </>
    ),
  },
  {
    id: "nilai-tertulis",
    label: "Nilai tes tertulis",
    stages: ["tertulis"],
    render: (c) => <ScoresPanel key={c.key("scores-tertulis")} session={c.session} round={c.round} stage="tertulis" />,
  },
  {
    id: "nilai-wawancara",
    label: "Nilai wawancara",
    stages: ["wawancara"],
    render: (c) => <ScoresPanel key={c.key("scores-wawancara")} session={c.session} round={c.round} stage="wawancara" />,
  },
  {
    id: "jadwal-tes",
    label: "Jadwal tes",
    stages: [],
    render: (c) => <TestSchedulePanel key={c.key("test-schedule")} session={c.session} round={c.round} />,
  },
  {
    id: "hasil-tertulis",
    label: "Hasil tes tertulis",
    stages: [],
    render: (c) => (
      <ResultsPanel
        key={c.key("results-tertulis")}
        session={c.session}
        round={c.round}
        stage="tertulis"
        onChanged={c.changed("results-tertulis")}
      />
    ),
  },
  {
    id: "hasil-akhir",
    label: "Hasil akhir",
    stages: ["akhir"],
    render: (c) => (
      <ResultsPanel
        key={c.key("results-akhir")}
        session={c.session}
        round={c.round}
        stage="akhir"
        onChanged={c.changed("results-akhir")}
      />
    ),
  },
  {
    id: "tanggapan",
    label: "Tanggapan masyarakat",
    stages: [],
    render: (c) => (
      <ResponsesPanel key={c.key("responses")} session={c.session} round={c.round} onChanged={c.changed("responses")} />
    ),
  },
  {
    id: "kuota",
    label: "Kuota",
    stages: [],
    render: (c) => (
      <>
        <QuotaPanel key={c.key("quota")} round={c.round} />
        <UnitSituations key={c.key("situations")} session={c.session} round={c.round} onChanged={c.changed("situations")} />
      </>
    ),
  },
  {
    id: "aturan",
    label: "Aturan",
    stages: [],
    render: (c) => <RulesPanel key={c.key("rules")} session={c.session} round={c.round} onChanged={c.changed("rules")} />,
  },
  {
    id: "dokumen",
    label: "Dokumen resmi",
    stages: [],
    render: (c) => <DocumentsPanel key={c.key("documents")} session={c.session} round={c.round} />,
  },
  {
    id: "paw",
    label: "Anggota dan PAW",
    stages: ["penetapan", "masa_kerja"],
    render: (c) => (
      <>
        <PawPanel key={c.key("paw")} session={c.session} round={c.round} onChanged={c.changed("paw")} />
        <MemberTermPanel key={c.key("member-term")} session={c.session} round={c.round} />
      </>
    ),
  },
  {
    id: "lanjutan",
    label: "Anggota lanjutan",
    stages: [],
    render: (c) => (
      <TakeoverPanel key={c.key("takeover")} session={c.session} round={c.round} onChanged={c.changed("takeover")} />
    ),
  },
];

const FIRST_TAB = TABS[0]!.id;

/**
 * The tab to show first for a round: the one for the stage in progress once
 * it is opened; otherwise Tahapan, where the stage is opened.
 */
export function defaultTab(round: RoundSummary): string {
  if (!round.stage_open) return FIRST_TAB;
  return TABS.find((t) => t.stages.includes(round.current_stage))?.id ?? FIRST_TAB;
}

/** Rounds of the newest election first; within one election PPK before PPS, newest first. */
export function sortRounds(home: HomeView): RoundSummary[] {
  const rank = (r: RoundSummary) => {
    const i = home.elections.indexOf(r.election);
    return i === -1 ? home.elections.length : i;
  };
  return [...home.rounds].sort(
    (a, b) => rank(a) - rank(b) || (a.body === b.body ? 0 : a.body === "PPK" ? -1 : 1) || b.id - a.id,
  );
}

/**
 * Seleksi: one round's stages and work after the administrative check, as
 * tabs: the timeline (opening and closing stages, registration extensions),
 * score entry for the written test and the interview, the result lists and
 * the quota dashboard. Only the panel of the tab shown is mounted, so each
 * visit reads fresh data.
 */
export function SelectionPage({ session, active = true }: Props) {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [roundId, setRoundId] = useState<number | null>(null);
  const [tab, setTab] = useState(FIRST_TAB);
  const [error, setError] = useState<string | null>(null);
  // Panel keys: every change bumps `epoch`; the panel that reported it also
  // counts it in `own`, so its key (epoch − own) stays and it is kept.
  const [versions, setVersions] = useState<{ epoch: number; own: Record<string, number> }>({ epoch: 0, own: {} });
  const baseId = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const chosen = useRef(roundId);
  chosen.current = roundId;
  const latest = useRef(0);

  /** Reads the rounds; keeps the chosen one when it is still there, else picks the default and its tab. */
  const loadRounds = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const h = await call("home", { election: null });
      if (seq !== latest.current) return;
      const sorted = sortRounds(h);
      setRounds(sorted);
      setError(null);
      const keep = chosen.current;
      if (!sorted.some((r) => r.id === keep)) {
        const pick = roundInUse(session.username, sorted, h.round_in_use);
        setRoundId(pick?.id ?? null);
        setTab(pick ? defaultTab(pick) : FIRST_TAB);
      }
    } catch (e) {
      if (seq === latest.current) setError(toErrorPayload(e).message);
    }
  }, [session.username]);

  useEffect(() => {
    void loadRounds();
  }, [loadRounds]);

  /** Something changed in the round: read its summary again and reload the other panels. */
  const changed = useCallback(
    (slot: string | null) => {
      setVersions((v) => ({
        epoch: v.epoch + 1,
        own: slot === null ? v.own : { ...v.own, [slot]: (v.own[slot] ?? 0) + 1 },
      }));
      void loadRounds();
    },
    [loadRounds],
  );

  // Coming back to the page: the stage may have changed elsewhere.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) changed(null);
    wasActive.current = active;
  }, [active, changed]);

  const round = rounds?.find((r) => r.id === roundId) ?? null;

  const choose = (id: string) => {
    setTab(id);
    tabRefs.current.get(id)?.focus();
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.id === tab);
    let next: number;
    switch (e.key) {
      case "ArrowRight":
        next = (at + 1) % TABS.length;
        break;
      case "ArrowLeft":
        next = (at - 1 + TABS.length) % TABS.length;
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = TABS.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    choose(TABS[next]!.id);
  };

  const context: PanelContext | null = round && {
    session,
    round,
    key: (slot) => `${slot}:${round.id}:${versions.epoch - (versions.own[slot] ?? 0)}`,
    changed: (slot) => () => changed(slot),
  };
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;
  const elections = rounds ? new Set(rounds.map((r) => r.election)).size : 0;

  return (
    <div className="content selection-page">
      <section aria-labelledby={`${baseId}-title`}>
        <div className="section-head">
          <h1 id={`${baseId}-title`}>Seleksi</h1>
        </div>
        <ErrorBox message={error} />
        {!rounds && !error && <p aria-busy="true">Memuat…</p>}
        {rounds && rounds.length === 0 && (
          <p className="empty" data-testid="selection-empty">
            Belum ada seleksi. Administrator membuat seleksi di Beranda.
          </p>
        )}
        {rounds && round && (
          <div className="selection-head">
            {rounds.length > 1 && (
              <label className="inline-field">
                <span>Seleksi</span>
                <select
                  id="selection-round"
                  value={round.id}
                  onChange={(e) => {
                    const r = rounds.find((x) => x.id === Number(e.target.value));
                    if (!r) return;
                    setRoundId(r.id);
                    rememberRound(session.username, r.id);
                    setTab(defaultTab(r));
                  }}
                >
                  {/* No group headings: WebKit's list lets the arrow keys stop on them. */}
                  {rounds.map((r) => (
                    <option key={r.id} value={r.id}>
                      {elections > 1 && !r.name.includes(r.election) ? `${r.name} (${r.election})` : r.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <p className="selection-summary" data-testid="selection-round">
              <strong>{round.name}</strong>
              <span className="muted"> · </span>
              <span data-testid="selection-stage">
                Tahap sekarang: {round.current_stage_label}
                {!round.stage_open && (
                  <>
                    {" "}
                    <span className="badge warn">belum dibuka</span>
                  </>
                )}
              </span>
            </p>
          </div>
        )}
      </section>

      {context && (
        <div className="selection-tabs">
          <div role="tablist" aria-label={`Bagian ${context.round.name}`} className="subtabs" onKeyDown={onTabKey}>
            {TABS.map((t) => {
              const selected = t.id === tab;
              return (
                <button
                  key={t.id}
                  ref={(el) => {
                    if (el) tabRefs.current.set(t.id, el);
                    else tabRefs.current.delete(t.id);
                  }}
                  type="button"
                  role="tab"
                  id={tabId(t.id)}
                  aria-selected={selected}
                  aria-controls={panelId(t.id)}
                  tabIndex={selected ? 0 : -1}
                  className={selected ? "subtab current" : "subtab"}
                  onClick={() => setTab(t.id)}
                >
                  {t.label}
                </button>
              );
            })}
          </div>
          {TABS.map((t) => (
            <div
              key={t.id}
              role="tabpanel"
              id={panelId(t.id)}
              aria-labelledby={tabId(t.id)}
              hidden={t.id !== tab}
              tabIndex={0}
              className="subtab-panel"
            >
              {t.id === tab && t.render(context)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
