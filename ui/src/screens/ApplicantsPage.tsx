import { useCallback, useEffect, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ApplicantOrder } from "../bindings/ApplicantOrder";
import type { ApplicantPage as Page } from "../bindings/ApplicantPage";
import type { ApplicantQuery } from "../bindings/ApplicantQuery";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { StandingOption } from "../bindings/StandingOption";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { desaName } from "./applicantText";
import { ApplicantDetailDialog } from "./ApplicantDetailDialog";
import { ImportApplicantsDialog } from "./ImportApplicantsDialog";
import { ImportSheetDialog } from "./ImportSheetDialog";
import { ReconciliationDialog } from "./ReconciliationDialog";
import { type Editing, RegistrationForm, type RoundRef } from "./RegistrationForm";
import { may } from "./may";
import { rememberRound, roundInUse } from "./roundInUse";

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 150;

interface Props {
  session: Session;
  /** The page is the one shown (it stays mounted to keep a half-filled form). */
  active?: boolean;
}

type View = { kind: "list" } | { kind: "form"; round: RoundRef; editing: Editing | null; key: number };

/**
 * The applicants of one round: instant search, filters, paging; opening
 * one; and, for operators, registering, changing, withdrawing and importing.
 */
export function ApplicantsPage({ session, active = true }: Props) {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [regions, setRegions] = useState<KecamatanOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [kecamatan, setKecamatan] = useState("");
  const [query, setQuery] = useState<ApplicantQuery | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  // The search text the page shown answers.
  const [pageText, setPageText] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [view, setView] = useState<View>({ kind: "list" });
  const [detailId, setDetailId] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [importingSheet, setImportingSheet] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [recheck, setRecheck] = useState(0);
  const [standings, setStandings] = useState<StandingOption[]>([]);
  const mayRegister = may(session, "register_applicants");

  useEffect(() => {
    call("home", { election: null }).then(
      (h) => {
        setRounds(h.rounds);
        const first = roundInUse(session.username, h.rounds, h.round_in_use);
        if (first) {
          setQuery({ round_id: first.id, text: "", unit: "", status: "", order: "nomor", offset: 0, limit: PAGE_SIZE });
        }
      },
      (e) => setError(toErrorPayload(e).message),
    );
    call("list_regions").then(setRegions, (e) => setError(toErrorPayload(e).message));
    call("standing_options").then(setStandings, (e) => setError(toErrorPayload(e).message));
  }, [session.username]);

  // Search as the operator types, a moment after the last key.
  useEffect(() => {
    const t = setTimeout(() => setQuery((q) => (q && q.text !== text ? { ...q, text, offset: 0 } : q)), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [text]);

  const ticket = useRef(0);
  useEffect(() => {
    if (!query) return;
    const mine = ++ticket.current;
    call("list_applicants", { query }).then(
      (p) => {
        // An answer to an older query (the operator typed on) is dropped.
        if (mine !== ticket.current) return;
        setPage(p);
        setPageText(query.text);
        setListError(null);
      },
      (e) => {
        if (mine === ticket.current) setListError(toErrorPayload(e).message);
      },
    );
  }, [query, reload]);

  // Enter or ↓ in the search box: to the results, once they answer the text
  // typed (the search may still be waiting for the pause after the last key).
  const wanted = useRef<"enter" | "down" | null>(null);
  const tableBody = useRef<HTMLTableSectionElement>(null);
  const rowAt = (i: number) => tableBody.current?.querySelectorAll<HTMLElement>("tr")[i] ?? null;
  useEffect(() => {
    const want = wanted.current;
    if (!want || !page || pageText !== text) return;
    wanted.current = null;
    // One match opens; several put the focus on the first, where Enter opens it.
    if (want === "enter" && page.total === 1 && page.rows[0]) setDetailId(page.rows[0].id);
    else rowAt(0)?.focus();
  }, [page, pageText, text]);
  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter" && e.key !== "ArrowDown") return;
    e.preventDefault();
    wanted.current = e.key === "Enter" ? "enter" : "down";
    if (pageText === text) setPage((p) => (p ? { ...p } : p));
    else setQuery((q) => (q ? { ...q, text, offset: 0 } : q));
  };
  const onRowKey = (e: React.KeyboardEvent<HTMLTableRowElement>, i: number, id: number) => {
    if (e.key === "Enter") {
      e.preventDefault();
      setDetailId(id);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = rowAt(e.key === "ArrowDown" ? i + 1 : i - 1);
      if (next) next.focus();
      else if (e.key === "ArrowUp") document.getElementById("applicant-search")?.focus();
    }
  };

  // Coming back to the page shows fresh numbers.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) setReload((n) => n + 1);
    wasActive.current = active;
  }, [active]);

  const round = rounds?.find((r) => r.id === query?.round_id) ?? null;
  const isPps = round?.body === "PPS";
  const set = (patch: Partial<ApplicantQuery>) => setQuery((q) => (q ? { ...q, ...patch, offset: 0 } : q));
  const offset = query?.offset ?? 0;
  const total = page?.total ?? 0;
  const canPrev = offset > 0;
  const canNext = offset + PAGE_SIZE < total;
  const goto = useCallback((o: number) => setQuery((q) => (q ? { ...q, offset: Math.max(0, o) } : q)), []);

  // New registrations and imports only while the round's registration is open.
  const registrationOpen = round?.current_stage === "pendaftaran";
  const openNew = useCallback(() => {
    if (round && registrationOpen) setView({ kind: "form", round: { id: round.id, name: round.name, body: round.body }, editing: null, key: Date.now() });
  }, [round, registrationOpen]);

  // Keyboard: PageUp/PageDown page the list; Alt+N starts a registration.
  const listShown = active && view.kind === "list" && detailId === null && !importing && !importingSheet;
  useEffect(() => {
    if (!listShown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && (e.code === "KeyN" || e.key.toLowerCase() === "n")) {
        if (mayRegister && round) {
          e.preventDefault();
          openNew();
        }
      } else if (e.key === "PageDown" && !e.altKey && !e.ctrlKey) {
        if (canNext) {
          e.preventDefault();
          goto(offset + PAGE_SIZE);
        }
      } else if (e.key === "PageUp" && !e.altKey && !e.ctrlKey) {
        if (canPrev) {
          e.preventDefault();
          goto(offset - PAGE_SIZE);
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [listShown, mayRegister, round, canNext, canPrev, offset, goto, openNew]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const closeDetail = useCallback(() => {
    setDetailId(null);
    setRecheck((n) => n + 1);
  }, []);
  const backToList = useCallback(() => {
    setView({ kind: "list" });
    refresh();
  }, [refresh]);

  const kec = regions.find((k) => k.code === kecamatan);

  const detail = detailId !== null && (
    <ApplicantDetailDialog
      id={detailId}
      regions={regions}
      canRegister={mayRegister}
      canEdit={view.kind === "list"}
      onClose={closeDetail}
      onChanged={refresh}
      onEdit={(d) => {
        setDetailId(null);
        setView({
          kind: "form",
          round: { id: d.round_id, name: d.round_name, body: d.body },
          editing: { id: d.id, regNumber: d.reg_number, draft: d.draft },
          key: Date.now(),
        });
      }}
    />
  );

  if (view.kind === "form") {
    return (
      <>
        <RegistrationForm
          key={view.key}
          round={view.round}
          regions={regions}
          editing={view.editing}
          paused={!active || detailId !== null}
          recheck={recheck}
          onClose={backToList}
          onSaved={refresh}
          onOpenApplicant={setDetailId}
        />
        {detail}
      </>
    );
  }

  return (
    <div className="content">
      <section aria-labelledby="applicants-title">
        <div className="section-head">
          <h1 id="applicants-title">Pendaftar</h1>
          {mayRegister && round && !registrationOpen && (
            <p className="muted" data-testid="registration-closed">
              Pendaftaran {round.name} sudah ditutup (tahap sekarang: {round.current_stage_label}).
            </p>
          )}
          {mayRegister && round && registrationOpen && (
            <div className="row-actions">
              <button type="button" onClick={() => setImporting(true)}>
                Impor CSV…
              </button>
              <button type="button" onClick={() => setImportingSheet(true)}>
                Impor dari spreadsheet / SIAKBA…
              </button>
              <button type="button" id="applicant-new" className="primary" aria-keyshortcuts="Alt+N" onClick={openNew}>
                Daftarkan pendaftar baru
                <kbd className="shortcut" aria-hidden="true">
                  Alt+N
                </kbd>
              </button>
            </div>
          )}
        </div>
        <ErrorBox message={error} />
        {rounds && rounds.length === 0 && <p className="empty">Belum ada seleksi. Administrator membuat seleksi di Beranda.</p>}
        {!rounds && !error && <p aria-busy="true">Memuat…</p>}
        {query && rounds && rounds.length > 0 && (
          <>
            <form className="filters" role="search" aria-label="Cari pendaftar" onSubmit={(e) => e.preventDefault()}>
              <label className="inline-field">
                <span>Seleksi</span>
                <select
                  id="applicant-round"
                  value={query.round_id}
                  onChange={(e) => {
                    setKecamatan("");
                    rememberRound(session.username, Number(e.target.value));
                    set({ round_id: Number(e.target.value), unit: "" });
                  }}
                >
                  {rounds.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
              <div className="inline-field grow">
                <input
                  id="applicant-search"
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onKeyDown={onSearchKey}
                  placeholder="Cari nama, NIK, atau nomor pendaftaran"
                  aria-label="Cari nama, NIK, atau nomor pendaftaran"
                  autoComplete="off"
                />
              </div>
              <label className="inline-field">
                <span>Kecamatan</span>
                <select
                  id="applicant-kecamatan"
                  value={kecamatan}
                  onChange={(e) => {
                    setKecamatan(e.target.value);
                    set({ unit: e.target.value });
                  }}
                >
                  <option value="">Semua kecamatan</option>
                  {regions.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.name}
                    </option>
                  ))}
                </select>
              </label>
              {isPps && (
                <label className="inline-field">
                  <span>Desa/kelurahan</span>
                  <select
                    id="applicant-desa"
                    value={query.unit.length > kecamatan.length ? query.unit : ""}
                    disabled={!kec}
                    onChange={(e) => set({ unit: e.target.value || kecamatan })}
                  >
                    <option value="">Semua desa/kelurahan</option>
                    {kec?.desa.map((d) => (
                      <option key={d.code} value={d.code}>
                        {desaName(d)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label className="inline-field">
                <span>Status</span>
                <select id="applicant-status" value={query.status} onChange={(e) => set({ status: e.target.value })}>
                  <option value="">Semua</option>
                  {standings.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-field">
                <span>Urutkan</span>
                <select
                  id="applicant-order"
                  value={query.order}
                  onChange={(e) => set({ order: e.target.value as ApplicantOrder })}
                >
                  <option value="nomor">Nomor pendaftaran</option>
                  <option value="nama">Nama</option>
                </select>
              </label>
              <ExportButton
                list={{ list: "applicants", round_id: query.round_id }}
                title="Semua pendaftar seleksi ini, dengan kolom yang sama dengan impor"
              />
              <button
                type="button"
                onClick={() => setReconciling(true)}
                title="Pendaftaran daring (SIAKBA) dibandingkan dengan berkas yang diterima di loket"
              >
                Rekonsiliasi daring…
              </button>
            </form>
            <ErrorBox message={listError} />
            {page && (
              <>
                <p className="muted" aria-live="polite" data-testid="applicant-total">
                  {total === 0
                    ? query.text || query.unit || query.status
                      ? "Tidak ada pendaftar yang cocok."
                      : "Belum ada pendaftar pada seleksi ini."
                    : `Menampilkan ${angka(offset + 1)}–${angka(offset + page.rows.length)} dari ${angka(total)}`}
                </p>
                {page.rows.length > 0 && (
                  <div className="table-wrap">
                    <table className="data applicants" aria-label="Daftar pendaftar">
                      <thead>
                        <tr>
                          <th scope="col">Nomor</th>
                          <th scope="col">Nama</th>
                          <th scope="col">L/P</th>
                          <th scope="col">Wilayah tugas</th>
                          <th scope="col">Status</th>
                          <th scope="col">Catatan</th>
                        </tr>
                      </thead>
                      <tbody ref={tableBody}>
                        {page.rows.map((r, i) => (
                          <tr
                            key={r.id}
                            data-testid="applicant-row"
                            tabIndex={0}
                            className={`clickable${r.status === "mundur" ? " withdrawn" : ""}`}
                            onClick={() => setDetailId(r.id)}
                            onKeyDown={(e) => onRowKey(e, i, r.id)}
                          >
                            <td className="mono">{r.reg_number}</td>
                            <td>{r.full_name}</td>
                            <td>{r.sex}</td>
                            <td>{r.unit_label}</td>
                            <td>
                              <span className={`standing standing-${r.standing}`} data-testid="applicant-standing">
                                {r.standing_label}
                              </span>
                            </td>
                            <td>
                              {r.nik_warning_pending && <span className="badge warn">Peringatan NIK</span>}
                              {r.party_listed && <span className="badge party">Daftar partai</span>}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                <div className="actions">
                  <button type="button" disabled={!canPrev} onClick={() => goto(offset - PAGE_SIZE)} aria-keyshortcuts="PageUp">
                    Sebelumnya
                  </button>
                  <button type="button" disabled={!canNext} onClick={() => goto(offset + PAGE_SIZE)} aria-keyshortcuts="PageDown">
                    Berikutnya
                  </button>
                </div>
              </>
            )}
          </>
        )}
      </section>
      {detail}
      {importing && round && (
        <ImportApplicantsDialog
          roundId={round.id}
          roundName={round.name}
          onClose={() => setImporting(false)}
          onImported={refresh}
        />
      )}
      {reconciling && round && (
        <ReconciliationDialog
          roundId={round.id}
          roundName={round.name}
          regions={regions}
          mayReceive={mayRegister}
          onClose={() => {
            setReconciling(false);
            refresh();
          }}
          onOpenApplicant={setDetailId}
        />
      )}
      {importingSheet && round && (
        <ImportSheetDialog
          roundId={round.id}
          roundName={round.name}
          onClose={() => setImportingSheet(false)}
          onImported={refresh}
        />
      )}
    </div>
  );
}
