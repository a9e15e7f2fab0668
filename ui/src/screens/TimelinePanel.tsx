import { useCallback, useEffect, useId, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";
import type { StageState } from "../bindings/StageState";
import type { Timeline } from "../bindings/Timeline";
import type { TimelineStage } from "../bindings/TimelineStage";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { may } from "./may";
import { CloseStageDialog, ReopenStageDialog } from "./StageDialog";
import { TimelineChart } from "./TimelineChart";
import { shortDate } from "./timelineChart";
import { backupNote, STAGE_LABEL } from "./stages";
import "./TimelinePanel.css";

interface Props {
  session: Session;
  round: RoundSummary;
  /** Something changed in the round (a stage opened, closed or reopened). */
  onChanged: () => void;
}

export { shortDate };

/** `iso` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
export function addDays(iso: string, days: number): string {
  const [y = 0, m = 1, d = 1] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const STATE_LABEL: Record<StageState, string> = {
  selesai: "Selesai",
  berjalan: "Sedang berjalan",
  menunggu_dibuka: "Menunggu dibuka",
  belum: "Belum",
};

/** A recorded event as the core words it ("ditutup oleh ketua pada 27-11-2026 10:00"), capitalised. */
const eventText = (e: string) => e.charAt(0).toUpperCase() + e.slice(1);

/** Where today falls when no stage's dates include it: before, between two stages, or after. */
function todayGap(t: Timeline): { before: number; text: string } | null {
  if (t.stages.length === 0 || t.stages.some((s) => s.today_within)) return null;
  const next = t.stages.findIndex((s) => t.today < s.starts_on);
  if (next === 0) return { before: 0, text: "sebelum jadwal tahapan dimulai" };
  if (next === -1) return { before: t.stages.length, text: "sesudah jadwal tahapan berakhir" };
  const prev = t.stages[next - 1];
  const after = t.stages[next];
  return {
    before: next,
    text: prev && after ? `di antara ${prev.label.toLowerCase()} dan ${after.label.toLowerCase()}` : "di luar jadwal tahapan",
  };
}

type Dialog = { kind: "open" | "close" | "reopen"; stage: Stage } | null;

/**
 * The round's schedule as a timeline: each stage with its planned dates,
 * where it stands, today's position, and who opened and closed it when. A
 * Pimpinan opens the stage waiting to be opened and closes the one in
 * progress; an Administrator reopens a closed stage with a reason. The core
 * decides; its refusals are shown as it words them.
 */
export function TimelinePanel({ session, round, onChanged }: Props) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const titleId = useId();
  const latest = useRef(0);

  const load = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const t = await call("stage_timeline", { roundId: round.id });
      if (seq !== latest.current) return;
      setTimeline(t);
      setError(null);
    } catch (e) {
      if (seq === latest.current) setError(toErrorPayload(e).message);
    }
  }, [round.id]);

  useEffect(() => {
    void load();
    // A stage changed elsewhere (the parent passes the round anew): read again.
  }, [load, round.current_stage, round.stage_open]);

  useEffect(() => {
    setTimeline(null);
    setMessage(null);
    setDialog(null);
  }, [round.id]);

  const closeDialog = useCallback(() => setDialog(null), []);

  /** After a change: say what happened, read the timeline again, tell the parent. */
  const changed = (text: string) => {
    setDialog(null);
    setMessage(text);
    void load();
    onChanged();
  };

  const mayOpenClose = may(session, "close_stages");
  const mayReopen = may(session, "unlock_stages");
  const current = timeline?.stages.find((s) => s.state === "berjalan" || s.state === "menunggu_dibuka") ?? null;
  // The dialogs word the round as the timeline has it now.
  const stages = timeline?.stages ?? [];
  const at = current ? stages.indexOf(current) : -1;
  const roundNow: RoundSummary = current
    ? {
        ...round,
        current_stage: current.stage,
        current_stage_label: current.label,
        closed_stages: stages.slice(0, at).map((s) => s.stage),
        next_stage: stages[at + 1]?.stage ?? null,
        stage_open: current.state === "berjalan",
      }
    : round;
  const gap = timeline ? todayGap(timeline) : null;

  /** What this user may do on a stage: nothing, or one button. */
  const action = (s: TimelineStage) => {
    const label = s.label.toLowerCase();
    // The core lists the stages in their order; the last one has no next.
    const hasNext = stages.at(-1)?.stage !== s.stage;
    if (mayOpenClose && s.state === "menunggu_dibuka") {
      return (
        <button type="button" className="primary" onClick={() => setDialog({ kind: "open", stage: s.stage })}>
          Buka tahap {label}…
        </button>
      );
    }
    // The last stage (masa kerja) is never closed.
    if (mayOpenClose && s.state === "berjalan" && hasNext) {
      return (
        <button type="button" onClick={() => setDialog({ kind: "close", stage: s.stage })}>
          Tutup tahap {label}…
        </button>
      );
    }
    if (mayReopen && s.state === "selesai") {
      return (
        <button
          type="button"
          aria-label={`Buka kembali ${label}…`}
          onClick={() => setDialog({ kind: "reopen", stage: s.stage })}
        >
          Buka kembali…
        </button>
      );
    }
    return null;
  };

  const nowItem = timeline && gap && (
    <li key="now" className="timeline-now" data-testid="timeline-now">
      <span className="timeline-dot" aria-hidden="true" />
      <span>
        <strong>Hari ini</strong>, {shortDate(timeline.today)}: {gap.text}
      </span>
    </li>
  );

  return (
    <section className="timeline-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Jadwal tahapan</h2>
        {timeline && (
          <p className="timeline-today" data-testid="timeline-today">
            Hari ini: <strong>{shortDate(timeline.today)}</strong>
          </p>
        )}
      </div>
      <ErrorBox message={error} />
      {!timeline && !error && <p aria-busy="true">Memuat…</p>}
      {message && (
        <p className="ok-box" role="status" data-testid="timeline-message">
          {message}
        </p>
      )}
      {timeline && timeline.stages.length === 0 && <p className="empty">Jadwal tahapan belum diisi.</p>}
      {timeline && timeline.stages.length > 0 && <TimelineChart timeline={timeline} />}
      {timeline && timeline.stages.length > 0 && (
        <ol className="timeline" aria-label={`Tahapan ${timeline.round_name}`}>
          {timeline.stages.flatMap((s, i) => {
            const isCurrent = s === current;
            const overdue = isCurrent && timeline.today > s.ends_on;
            const button = action(s);
            const events = s.events.length > 0 ? s.events : [s.opened, s.closed].filter((e): e is string => !!e);
            return [
              gap?.before === i ? nowItem : null,
              <li
                key={s.stage}
                className={`timeline-stage state-${s.state}${s.today_within ? " is-today" : ""}`}
                aria-current={isCurrent ? "step" : undefined}
                data-testid={`timeline-stage-${s.stage}`}
              >
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-body">
                  <h3>{s.label}</h3>
                  <p className="timeline-meta">
                    <span className="timeline-dates">
                      {shortDate(s.starts_on)}
                      {s.ends_on !== s.starts_on && <> – {shortDate(s.ends_on)}</>}
                    </span>
                    <span className={`badge stage-badge state-${s.state}`} data-testid="stage-state">
                      {STATE_LABEL[s.state]}
                    </span>
                    {s.today_within && (
                      <span className="badge today-badge" data-testid="stage-today">
                        Hari ini
                      </span>
                    )}
                    {overdue && <span className="badge warn">Melewati jadwal</span>}
                  </p>
                  {events.length > 0 && (
                    <ul className="timeline-events" aria-label={`Catatan ${s.label.toLowerCase()}`}>
                      {events.map((e, j) => (
                        <li key={j}>{eventText(e)}</li>
                      ))}
                    </ul>
                  )}
                  {button && <div className="row-actions">{button}</div>}
                </div>
              </li>,
            ];
          })}
          {gap?.before === timeline.stages.length && nowItem}
        </ol>
      )}

      {dialog?.kind === "open" && (
        <OpenStageDialog
          round={roundNow}
          stage={dialog.stage}
          onClose={closeDialog}
          onOpened={() => changed(`Tahap ${STAGE_LABEL[dialog.stage].toLowerCase()} dibuka.`)}
        />
      )}
      {dialog?.kind === "close" && (
        <CloseStageDialog
          round={roundNow}
          stage={dialog.stage}
          onClose={closeDialog}
          onClosed={(r: StageClosed) => {
            const closed = STAGE_LABEL[r.closed].toLowerCase();
            changed(
              `Tahap ${closed} ditutup. Tahap berikutnya, ${STAGE_LABEL[r.current].toLowerCase()}, menunggu dibuka.` +
                backupNote(r),
            );
          }}
        />
      )}
      {dialog?.kind === "reopen" && (
        <ReopenStageDialog
          round={roundNow}
          stage={dialog.stage}
          onClose={closeDialog}
          onReopened={() =>
            changed(`Tahap ${STAGE_LABEL[dialog.stage].toLowerCase()} dibuka kembali dan sekarang sedang berjalan.`)
          }
        />
      )}
    </section>
  );
}

interface OpenProps {
  round: RoundSummary;
  stage: Stage;
  onClose: () => void;
  onOpened: () => void;
}

/** Pimpinan opens the stage that waits to be opened, after confirming. */
function OpenStageDialog({ round, stage, onClose, onOpened }: OpenProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = STAGE_LABEL[stage].toLowerCase();

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await call("open_stage", { roundId: round.id, stage });
      onOpened();
    } catch (e) {
      setError(toErrorPayload(e).message);
      setBusy(false);
    }
  };

  return (
    <Modal title={`Buka tahap ${label}`} onClose={onClose}>
      <div data-testid="stage-open-dialog">
        <p>
          Anda akan membuka tahap <strong>{STAGE_LABEL[stage]}</strong> pada <strong>{round.name}</strong>. Setelah
          dibuka, petugas dapat mulai bekerja pada tahap ini.
        </p>
        <p>Pembukaan dicatat dengan nama Anda dan waktunya dalam jejak audit.</p>
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} data-autofocus>
            Batal
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {busy ? "Membuka…" : `Ya, buka tahap ${label}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}
