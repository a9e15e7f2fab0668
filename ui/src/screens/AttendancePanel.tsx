import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../api";
import type { AttendanceView } from "../bindings/AttendanceView";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { ScanAnswer } from "../bindings/ScanAnswer";
import type { Session } from "../bindings/Session";
import type { TestSchedule } from "../bindings/TestSchedule";
import { useMounted } from "../components/useMounted";
import { may } from "./may";

interface Props {
  session: Session;
  round: RoundSummary;
  schedule: TestSchedule;
  paper: "a4" | "f4";
}

type Note = { ok: boolean; text: string } | null;

/** Scans kept on screen, newest first. */
const KEPT = 8;

/**
 * Daftar hadir on test day: a number typed or scanned (a scanner types it and
 * Enter) is recorded present and answered with name, room and seat (green),
 * or refused (red); counts per room and session; closing a session's
 * attendance after a confirmation that says how many become absent (and out);
 * the daftar hadir and the Berita Acara as PDF. The core checks every rule.
 */
export function AttendancePanel({ session, round, schedule, paper }: Props) {
  const [view, setView] = useState<AttendanceView | null>(null);
  const [number, setNumber] = useState("");
  const [scans, setScans] = useState<ScanAnswer[]>([]);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [closing, setClosing] = useState<string>("");
  const [fixNumber, setFixNumber] = useState("");
  const [fixReason, setFixReason] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const mounted = useMounted();
  const recorder = may(session, "enter_scores");

  const load = useCallback(async () => {
    try {
      const v = await call("test_attendance", { roundId: round.id });
      if (mounted.current) setView(v);
    } catch (e) {
      if (mounted.current) setNote({ ok: false, text: toErrorPayload(e).message });
    }
  }, [round.id, mounted]);

  useEffect(() => {
    void load();
  }, [load]);

  const scan = (e: FormEvent) => {
    e.preventDefault();
    const typed = number.trim();
    if (typed === "" || busy) return;
    setBusy(true);
    void (async () => {
      try {
        const answer = await call("record_attendance", { roundId: round.id, number: typed });
        if (!mounted.current) return;
        setScans((s) => [answer, ...s].slice(0, KEPT));
        setNumber("");
        await load();
      } catch (err) {
        if (mounted.current) setNote({ ok: false, text: toErrorPayload(err).message });
      } finally {
        if (mounted.current) {
          setBusy(false);
          input.current?.focus();
        }
      }
    })();
  };

  const act = async (what: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setNote(null);
    try {
      const text = await what();
      if (mounted.current) setNote({ ok: true, text });
      await load();
    } catch (e) {
      if (mounted.current) setNote({ ok: false, text: toErrorPayload(e).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  /** One participant marked absent by hand, or a wrong record undone; both with a reason. */
  const correct = (how: "mark_participant_absent" | "undo_attendance") =>
    void act(async () => {
      const number = fixNumber.trim();
      await call(how, { roundId: round.id, number, reason: fixReason });
      setFixNumber("");
      setFixReason("");
      return how === "mark_participant_absent"
        ? `${number} dicatat tidak hadir (nilai tes tertulis "absen").`
        : `Catatan kehadiran ${number} dibatalkan.`;
    });

  const closeSession = () =>
    void act(async () => {
      const sessionId = closing === "" ? null : Number(closing);
      const preview = await call("attendance_closing_preview", { roundId: round.id, sessionId });
      if (preview.scored.length > 0) {
        return Promise.reject(
          new Error(
            `Belum dapat ditutup: ${preview.scored.length} peserta belum tercatat hadir tetapi sudah bernilai (${preview.scored.join("; ")}). Catat mereka hadir dahulu.`,
          ),
        );
      }
      const n = preview.becomes_absent.length;
      const ok = window.confirm(
        `Tutup daftar hadir? ${n} peserta yang belum tercatat hadir akan dicatat TIDAK HADIR dan gugur (nilai tes tertulis "absen"; tidak ada tes susulan).`,
      );
      if (!ok) return "Daftar hadir tidak ditutup.";
      const done = await call("close_attendance", { roundId: round.id, sessionId });
      return `Daftar hadir ditutup: ${done.absent} peserta dicatat tidak hadir.`;
    });

  const saved = (what: string, written: { path: string; not_opened: string | null } | null) =>
    written === null
      ? "Ekspor dibatalkan; tidak ada berkas yang disimpan."
      : `${what} disimpan di ${written.path}.${written.not_opened ? ` ${written.not_opened}` : ""}`;

  const exportList = () =>
    void act(async () => {
      const sessionId = closing === "" ? null : Number(closing);
      const written = await call("export_attendance_list", { roundId: round.id, roomId: null, sessionId, paper });
      return saved("Daftar hadir", written);
    });

  const exportReport = () =>
    void act(async () => {
      const written = await call("export_attendance_report", { roundId: round.id, paper, number: null });
      return saved("Berita acara pelaksanaan tes", written);
    });

  return (
    <section aria-labelledby="attendance-title" className="attendance">
      <h3 id="attendance-title">Daftar hadir</h3>
      {recorder && view?.open && (
        <form onSubmit={scan}>
          <label>
            Nomor peserta
            <input
              ref={input}
              autoFocus
              className="scan-input"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder="Ketik atau pindai nomor pada kartu, lalu Enter"
            />
          </label>
        </form>
      )}
      {view && !view.open && <p className="muted">Kehadiran dicatat selama tes tertulis dibuka.</p>}
      {recorder && view?.open && (
        <details className="attendance-fix">
          <summary>Tandai tidak hadir, atau batalkan catatan yang keliru</summary>
          <div className="actions start">
            <label>
              Nomor peserta yang dikoreksi
              <input value={fixNumber} onChange={(e) => setFixNumber(e.target.value)} />
            </label>
            <label>
              Alasan
              <input
                value={fixReason}
                onChange={(e) => setFixReason(e.target.value)}
                placeholder="mis. salah pindai kartu"
              />
            </label>
            <button type="button" disabled={busy} onClick={() => correct("mark_participant_absent")}>
              Tandai tidak hadir
            </button>
            <button type="button" disabled={busy} onClick={() => correct("undo_attendance")}>
              Batalkan catatan
            </button>
          </div>
        </details>
      )}
      {scans.length > 0 && (
        <ul aria-label="Pindaian terakhir">
          {scans.map((a, i) => (
            <li key={`${a.number}-${i}`} className={a.accepted ? "ok" : "error"}>
              {a.message}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p role={note.ok ? "status" : "alert"} className={note.ok ? "ok" : "error"}>
          {note.text}
        </p>
      )}
      {view && (
        <table className="data">
          <caption>Kehadiran per ruang dan sesi</caption>
          <thead>
            <tr>
              <th>Sesi</th>
              <th>Tempat</th>
              <th>Ruang</th>
              <th>Peserta</th>
              <th>Hadir</th>
              <th>Tidak hadir</th>
              <th>Belum dicatat</th>
            </tr>
          </thead>
          <tbody>
            {[...view.rooms, view.totals].map((r) => (
              <tr key={`${r.session_id ?? "x"}-${r.room_id ?? "x"}-${r.session_label}`}>
                <td>{r.session_label}</td>
                <td>{r.venue_name}</td>
                <td>{r.room_name}</td>
                <td>{r.seated}</td>
                <td>{r.present}</td>
                <td>{r.absent}</td>
                <td>{r.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <label>
          Sesi daftar hadir
          <select value={closing} onChange={(e) => setClosing(e.target.value)}>
            <option value="">Semua sesi</option>
            {schedule.sessions.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {recorder && view?.open && (
          <button type="button" disabled={busy} onClick={closeSession}>
            Tutup daftar hadir sesi…
          </button>
        )}
        <button type="button" disabled={busy} onClick={exportList}>
          Daftar hadir (PDF)
        </button>
        <button type="button" disabled={busy} onClick={exportReport}>
          Berita acara pelaksanaan tes (PDF)
        </button>
      </div>
    </section>
  );
}
