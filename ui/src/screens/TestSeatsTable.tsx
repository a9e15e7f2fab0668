import { useEffect, useId, useMemo, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../api";
import type { Participant } from "../bindings/Participant";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { TestSchedule } from "../bindings/TestSchedule";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { useMounted } from "../components/useMounted";
import { ALL_CARDS, printCards } from "./participantCards";

interface Props {
  round: RoundSummary;
  schedule: TestSchedule;
  /** The session may move participants now (Administrator, written test in progress). */
  canMove: boolean;
  /** After a move: what it did. */
  onMoved: (text: string) => void;
}

/** Whether a participant matches what was typed: number, name or registration number. */
export function matches(p: Participant, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return [p.number ?? "", p.full_name, p.reg_number].some((v) => v.toLowerCase().includes(q));
}

/**
 * The participants with number and seat, in number order: searched by
 * number or name, narrowed to one venue (the schedule per venue), and
 * moved one at a time to a free seat (the core refuses an occupied seat or
 * one beyond the room's capacity, and asks for a reason once published).
 * Participant cards: of the venue and session chosen (eight to a sheet),
 * or one participant's (one to a page).
 */
export function TestSeatsTable({ round, schedule, canMove, onMoved }: Props) {
  const [rows, setRows] = useState<Participant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [venueId, setVenueId] = useState<number | null>(null);
  const [sessionId, setSessionId] = useState<number | null>(null);
  const [cardNote, setCardNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [moving, setMoving] = useState<Participant | null>(null);
  const [target, setTarget] = useState({ session: "", room: "", seat: "", reason: "" });
  const [moveError, setMoveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useMounted();
  const uid = useId();

  useEffect(() => {
    let live = true;
    call("test_participants", { roundId: round.id, venueId })
      .then((list) => {
        if (live) setRows(list);
      })
      .catch((e: unknown) => {
        if (live) setError(toErrorPayload(e).message);
      });
    return () => {
      live = false;
    };
  }, [round.id, venueId]);

  const shown = useMemo(
    () => (rows ?? []).filter((p) => matches(p, query) && (sessionId === null || p.session_id === sessionId)),
    [rows, query, sessionId],
  );

  /** Cards of the venue and session chosen, or of one participant (one to a page). */
  const cards = async (applicantId: number | null) => {
    if (busy) return;
    setBusy(true);
    setCardNote(null);
    try {
      const filter =
        applicantId === null
          ? { ...ALL_CARDS, venue_id: venueId, session_id: sessionId }
          : { ...ALL_CARDS, applicant_id: applicantId };
      const text = await printCards(round.id, filter, applicantId !== null);
      if (mounted.current) setCardNote({ ok: true, text });
    } catch (err) {
      if (mounted.current) setCardNote({ ok: false, text: toErrorPayload(err).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const rooms = schedule.venues.flatMap((v) => v.rooms.map((r) => ({ ...r, venue: v.name })));

  const startMove = (p: Participant) => {
    setMoving(p);
    setMoveError(null);
    setTarget({
      session: String(p.session_id ?? schedule.sessions[0]?.id ?? ""),
      room: String(p.room_id ?? rooms[0]?.id ?? ""),
      seat: "",
      reason: "",
    });
  };

  const submitMove = async (e: FormEvent) => {
    e.preventDefault();
    if (!moving?.number || busy) return;
    setBusy(true);
    setMoveError(null);
    try {
      await call("move_participant", {
        roundId: round.id,
        seatMove: {
          number: moving.number,
          session_id: Number(target.session),
          room_id: Number(target.room),
          seat: Number.parseInt(target.seat, 10) || 0,
          reason: target.reason,
        },
      });
      if (!mounted.current) return;
      const text = `Peserta ${moving.number} dipindahkan ke kursi ${target.seat}.`;
      setMoving(null);
      onMoved(text);
    } catch (err) {
      if (mounted.current) setMoveError(toErrorPayload(err).message);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  if (error) return <ErrorBox message={error} />;
  const titleId = `${uid}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Peserta dan tempat duduk</h3>
      <div className="test-form" role="search">
        <label className="test-inline">
          <span>Cari nomor atau nama</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label className="test-inline">
          <span>Tempat</span>
          <select
            value={venueId ?? ""}
            onChange={(e) => setVenueId(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">Semua tempat</option>
            {schedule.venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="test-inline">
          <span>Sesi</span>
          <select
            value={sessionId ?? ""}
            onChange={(e) => setSessionId(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">Semua sesi</option>
            {schedule.sessions.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <ExportButton
          list={{ list: "schedule", round_id: round.id, venue: venueId }}
          label={venueId === null ? "Ekspor jadwal (Excel)" : "Ekspor jadwal tempat ini (Excel)"}
        />
        <button type="button" disabled={busy} onClick={() => void cards(null)}>
          {venueId === null && sessionId === null ? "Cetak kartu peserta" : "Cetak kartu peserta pilihan ini"}
        </button>
      </div>
      {cardNote && (
        <p role={cardNote.ok ? "status" : "alert"} className={cardNote.ok ? "test-note" : "error-box"}>
          {cardNote.text}
        </p>
      )}
      {moving && (
        <form className="test-move" aria-label={`Pindahkan ${moving.number ?? ""}`} onSubmit={(e) => void submitMove(e)}>
          <strong>
            {moving.number} {moving.full_name}
          </strong>
          <label className="test-inline">
            <span>Sesi</span>
            <select value={target.session} onChange={(e) => setTarget({ ...target, session: e.target.value })}>
              {schedule.sessions.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <label className="test-inline">
            <span>Ruang</span>
            <select value={target.room} onChange={(e) => setTarget({ ...target, room: e.target.value })}>
              {rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.venue} – {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="test-inline">
            <span>Kursi</span>
            <input
              inputMode="numeric"
              size={4}
              value={target.seat}
              onChange={(e) => setTarget({ ...target, seat: e.target.value })}
            />
          </label>
          <label className="test-inline">
            <span>{schedule.published_at ? "Alasan (wajib)" : "Alasan"}</span>
            <input value={target.reason} onChange={(e) => setTarget({ ...target, reason: e.target.value })} />
          </label>
          <button type="submit" disabled={busy}>
            Pindahkan
          </button>
          <button type="button" onClick={() => setMoving(null)}>
            Batal
          </button>
          <ErrorBox message={moveError} />
        </form>
      )}
      {rows === null ? (
        <p className="muted">Memuat peserta…</p>
      ) : shown.length === 0 ? (
        <p className="muted">Tidak ada peserta yang cocok.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Nomor peserta</th>
              <th scope="col">Nama</th>
              <th scope="col">L/P</th>
              <th scope="col">Sesi</th>
              <th scope="col">Tempat</th>
              <th scope="col">Ruang</th>
              <th scope="col">Kursi</th>
              <th scope="col">Kartu</th>
              {canMove && <th scope="col">Aksi</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.applicant_id}>
                <td className="mono">{p.number ?? "belum bernomor"}</td>
                <th scope="row">
                  {p.full_name}
                  {p.needs_ground_floor && <span className="muted"> (disabilitas)</span>}
                </th>
                <td>{p.sex}</td>
                <td>{p.session_label ?? "–"}</td>
                <td>{p.venue_name ?? "–"}</td>
                <td>{p.room_name ?? "–"}</td>
                <td>{p.seat ?? "–"}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy || !p.number || p.seat === null}
                    aria-label={`Kartu peserta ${p.number ?? p.full_name}`}
                    onClick={() => void cards(p.applicant_id)}
                  >
                    Kartu
                  </button>
                </td>
                {canMove && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      disabled={!p.number}
                      onClick={() => startMove(p)}
                    >
                      Pindah
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
