import { useCallback, useEffect, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";
import type { UnitProgress } from "../bindings/UnitProgress";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { may } from "./may";
import { rememberRound, roundInUse } from "./roundInUse";
import { CloseStageDialog, ReopenStageDialog } from "./StageDialog";
import { backupNote, STAGE_LABEL } from "./stages";
import { VerificationPanel } from "./VerificationPanel";

interface Props {
  session: Session;
  /** The page is the one shown and nothing is drawn over it (keyboard shortcuts work). */
  active?: boolean;
}

/** The applicant on screen; `seq` makes opening the same one again reload it. */
interface Opened {
  id: number;
  seq: number;
}

/** The stage a Pimpinan may close from this page: registration, then the administrative stage. */
function closableStage(round: RoundSummary): Stage | null {
  return round.current_stage === "pendaftaran" || round.current_stage === "administrasi" ? round.current_stage : null;
}

/** What closing a stage did, in words. */
function closedText(r: StageClosed): string {
  const now = `tahap sekarang: ${STAGE_LABEL[r.current]}.`;
  const text =
    r.closed === "administrasi"
      ? `Penelitian administrasi ditutup. ${angka(r.applicants)} pendaftar; ${now}`
      : `${STAGE_LABEL[r.closed]} ditutup; ${now}`;
  return text + backupNote(r);
}

/**
 * Per-unit progress of one round. Reloads are coalesced: while one is under
 * way, further requests make a single reload once it ends (the count is
 * heavy on a large round and the verifier saves often).
 */
function useProgress(roundId: number | null) {
  const [rows, setRows] = useState<UnitProgress[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const state = useRef({ round: roundId, running: false, again: false });

  const run = useCallback(() => {
    const s = state.current;
    if (s.round === null) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    const round = s.round;
    call("verification_progress", { roundId: round })
      .then(
        (p) => {
          if (s.round !== round) return;
          setRows(p);
          setError(null);
        },
        (e) => {
          if (s.round === round) setError(toErrorPayload(e).message);
        },
      )
      .finally(() => {
        s.running = false;
        if (s.again) {
          s.again = false;
          run();
        }
      });
  }, []);

  useEffect(() => {
    state.current.round = roundId;
    setRows(null);
    setError(null);
    run();
  }, [roundId, run]);

  return { rows, error, reload: run };
}

/**
 * Penelitian administrasi: per-unit progress of a round, the work queue
 * ("Berkas berikutnya", Alt+B), opening a file by registration number, and
 * the file itself. Only a Verifikator records anything. A Pimpinan closes
 * the stage (results are then frozen); an Administrator reopens it.
 */
export function VerificationPage({ session, active = true }: Props) {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [roundId, setRoundId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [number, setNumber] = useState("");
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [stageDialog, setStageDialog] = useState<"none" | "close" | "reopen">("none");
  const username = session.username;
  const mayVerify = may(session, "verify_documents");
  // Scans are attached at the help desk and by verifiers (the core allows either).
  const mayAttach = may(session, "record_documents", "verify_documents");
  const { rows, error: progressError, reload: reloadProgress } = useProgress(roundId);

  /** Loads the rounds; keeps the chosen one when it is still there. */
  const loadRounds = useCallback(async (keep: number | null) => {
    try {
      const h = await call("home", { election: null });
      setRounds(h.rounds);
      setRoundId(
        h.rounds.some((r) => r.id === keep) ? keep : (roundInUse(username, h.rounds, h.round_in_use)?.id ?? null),
      );
      setError(null);
    } catch (e) {
      setError(toErrorPayload(e).message);
    }
  }, [username]);

  useEffect(() => {
    void loadRounds(null);
  }, [loadRounds]);

  // Coming back to the page shows fresh counts and stages.
  const wasActive = useRef(active);
  const chosen = useRef(roundId);
  chosen.current = roundId;
  useEffect(() => {
    if (active && !wasActive.current) {
      reloadProgress();
      void loadRounds(chosen.current);
    }
    wasActive.current = active;
  }, [active, reloadProgress, loadRounds]);

  const open = useCallback((id: number) => {
    setOpened((o) => ({ id, seq: (o?.seq ?? 0) + 1 }));
  }, []);

  const lastId = opened?.id ?? null;
  const next = useCallback(async () => {
    if (roundId === null || busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const id = await call("next_unchecked", { roundId, after: lastId });
      if (id === null) setMessage({ kind: "info", text: "Semua berkas sudah diperiksa." });
      else open(id);
    } catch (e) {
      setMessage({ kind: "error", text: toErrorPayload(e).message });
    } finally {
      setBusy(false);
    }
  }, [roundId, lastId, busy, open]);

  const openByNumber = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = number.trim();
    if (roundId === null) return;
    if (!text) {
      setMessage({ kind: "error", text: "Tuliskan nomor pendaftaran yang akan dibuka." });
      document.getElementById("verify-open-number")?.focus();
      return;
    }
    setMessage(null);
    try {
      const page = await call("list_applicants", {
        query: { round_id: roundId, text, unit: "", status: "", order: "nomor", offset: 0, limit: 10 },
      });
      const exact = page.rows.find((r) => r.reg_number.toUpperCase() === text.toUpperCase());
      const only = page.total === 1 ? page.rows[0] : undefined;
      const found = exact ?? only;
      if (found) {
        open(found.id);
        setNumber("");
      } else if (page.total === 0) {
        setMessage({ kind: "error", text: `Tidak ada pendaftar dengan nomor “${text}” pada seleksi ini.` });
      } else {
        setMessage({
          kind: "error",
          text: `Ada ${angka(page.total)} pendaftar yang cocok dengan “${text}”. Tuliskan nomor pendaftaran selengkapnya.`,
        });
      }
    } catch (err) {
      setMessage({ kind: "error", text: toErrorPayload(err).message });
    }
  };

  // Alt+B opens the next file to check (not while a dialog is open).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code !== "KeyB" && e.key.toLowerCase() !== "b") return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      void next();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active, next]);

  const round = rounds?.find((r) => r.id === roundId) ?? null;
  // Past the administrative stage its results are frozen: nobody changes them.
  const frozen = round !== null && round.closed_stages.includes("administrasi");
  const closable = round && may(session, "close_stages") ? closableStage(round) : null;
  const mayReopen = frozen && may(session, "unlock_stages");
  const closeStageDialog = useCallback(() => setStageDialog("none"), []);
  const totals = rows?.reduce(
    (t, r) => ({ applicants: t.applicants + r.applicants, ms: t.ms + r.ms, tms: t.tms + r.tms, open: t.open + r.open }),
    { applicants: 0, ms: 0, tms: 0, open: 0 },
  );

  return (
    <div className="content">
      <section aria-labelledby="verification-title">
        <div className="section-head">
          <h1 id="verification-title">Penelitian berkas</h1>
        </div>
        <p className="muted">
          Penelitian administrasi: setiap berkas pendaftar diteliti, lalu hasilnya Memenuhi Syarat (MS) atau Tidak
          Memenuhi Syarat (TMS).{mayVerify ? "" : " Halaman ini hanya untuk dilihat; hasil penelitian diisi oleh verifikator."}
        </p>
        <ErrorBox message={error} />
        {rounds && rounds.length === 0 && <p className="empty">Belum ada seleksi. Administrator membuat seleksi di Beranda.</p>}
        {!rounds && !error && <p aria-busy="true">Memuat…</p>}
        {rounds && rounds.length > 0 && roundId !== null && (
          <div className="filters verify-toolbar">
            <label className="inline-field">
              <span>Seleksi</span>
              <select
                id="verify-round"
                value={roundId}
                onChange={(e) => {
                  setRoundId(Number(e.target.value));
                  rememberRound(username, Number(e.target.value));
                  setOpened(null);
                  setMessage(null);
                }}
              >
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            {round && (
              <span className="muted" data-testid="verify-stage">
                Tahapan: {round.current_stage_label}
              </span>
            )}
            <ExportButton
              list={{ list: "results", round_id: roundId, stage: "administrasi", unit: null }}
              label="Ekspor hasil (Excel)"
              title="Hasil penelitian administrasi (MS/TMS) dan alasannya, semua pendaftar seleksi ini"
            />
            <form className="inline-form" role="search" aria-label="Buka berkas menurut nomor" onSubmit={(e) => void openByNumber(e)}>
              <input
                id="verify-open-number"
                type="search"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                placeholder="Nomor pendaftaran"
                aria-label="Nomor pendaftaran"
                autoComplete="off"
              />
              <button type="submit" id="verify-open">
                Buka
              </button>
            </form>
            <button
              type="button"
              id="verify-next"
              className="primary"
              aria-keyshortcuts="Alt+B"
              title="Alt+B"
              disabled={busy}
              onClick={() => void next()}
            >
              Berkas berikutnya
              <kbd className="shortcut" aria-hidden="true">
                Alt+B
              </kbd>
            </button>
          </div>
        )}
        {round && (frozen || closable) && (
          <div className="stage-bar" data-testid="stage-bar">
            {frozen && (
              <p className="warn-box" data-testid="stage-frozen">
                Hasil penelitian administrasi sudah dibekukan. Berkas hanya dapat dilihat;
                {mayReopen
                  ? " bila perlu diubah, buka kembali penelitian administrasi dengan alasan."
                  : " bila perlu diubah, Administrator dapat membuka kembali penelitian administrasi."}
              </p>
            )}
            {closable && (
              <button type="button" id="stage-close" onClick={() => setStageDialog("close")}>
                {closable === "administrasi" ? "Tutup penelitian administrasi…" : "Tutup pendaftaran…"}
              </button>
            )}
            {mayReopen && (
              <button type="button" id="stage-reopen" onClick={() => setStageDialog("reopen")}>
                Buka kembali…
              </button>
            )}
          </div>
        )}
        {message && (
          <p
            className={message.kind === "info" ? "ok-box" : "error-box"}
            role={message.kind === "info" ? "status" : "alert"}
            data-testid="verify-message"
          >
            {message.text}
          </p>
        )}
      </section>

      {opened && roundId !== null && (
        <VerificationPanel
          key={opened.seq}
          id={opened.id}
          canVerify={mayVerify && !frozen}
          canAttach={mayAttach && !frozen}
          onChanged={reloadProgress}
        />
      )}

      {roundId !== null && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">Kemajuan penelitian per wilayah tugas</h2>
          <ErrorBox message={progressError} />
          {!rows && !progressError && <p aria-busy="true">Memuat…</p>}
          {rows && rows.length === 0 && <p className="empty">Belum ada pendaftar pada seleksi ini.</p>}
          {rows && rows.length > 0 && totals && (
            <div className="table-wrap short">
              <table className="data" aria-labelledby="progress-title">
                <thead>
                  <tr>
                    <th scope="col">Wilayah tugas</th>
                    <th scope="col" className="num">
                      Pendaftar
                    </th>
                    <th scope="col" className="num">
                      MS
                    </th>
                    <th scope="col" className="num">
                      TMS
                    </th>
                    <th scope="col" className="num">
                      Belum selesai
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.unit_code} data-testid="progress-row">
                      <td>{r.unit_label}</td>
                      <td className="num">{angka(r.applicants)}</td>
                      <td className="num">{angka(r.ms)}</td>
                      <td className="num">{angka(r.tms)}</td>
                      <td className="num">{angka(r.open)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-testid="progress-total">
                    <th scope="row">Jumlah</th>
                    <td className="num">{angka(totals.applicants)}</td>
                    <td className="num">{angka(totals.ms)}</td>
                    <td className="num">{angka(totals.tms)}</td>
                    <td className="num">{angka(totals.open)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </section>
      )}

      {stageDialog === "close" && round && closable && (
        <CloseStageDialog
          round={round}
          stage={closable}
          onClose={closeStageDialog}
          onClosed={(r) => {
            setStageDialog("none");
            setMessage({ kind: "info", text: closedText(r) });
            void loadRounds(round.id);
            reloadProgress();
          }}
        />
      )}
      {stageDialog === "reopen" && round && mayReopen && (
        <ReopenStageDialog
          round={round}
          stage="administrasi"
          onClose={closeStageDialog}
          onReopened={() => {
            setStageDialog("none");
            setMessage({ kind: "info", text: "Penelitian administrasi dibuka kembali; tahap sekarang: Penelitian administrasi." });
            void loadRounds(round.id);
            reloadProgress();
          }}
        />
      )}
    </div>
  );
}
