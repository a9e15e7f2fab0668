import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../api";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { SiteChange } from "../bindings/SiteChange";
import type { TestSchedule } from "../bindings/TestSchedule";
import { DateInput } from "../components/DateInput";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";
import { may } from "./may";
import { AttendancePanel } from "./AttendancePanel";
import { TestSeatsTable } from "./TestSeatsTable";
import "./TestSchedulePanel.css";

interface Props {
  session: Session;
  round: RoundSummary;
}

interface VenueDraft {
  /** The venue being changed; null for a new one. */
  id: number | null;
  name: string;
  address: string;
}
interface RoomDraft {
  id: number | null;
  name: string;
  capacity: string;
  ground: boolean;
  note: string;
}
interface SessionDraft {
  id: number | null;
  label: string;
  /** As typed: dd-mm-yyyy. */
  date: string;
  start: string;
  end: string;
}
const NO_VENUE: VenueDraft = { id: null, name: "", address: "" };
const NO_ROOM: RoomDraft = { id: null, name: "", capacity: "", ground: false, note: "" };
const NO_SESSION: SessionDraft = { id: null, label: "", date: "", start: "", end: "" };


/** What staff see after an action: what it did, or why nothing was done. */
type Note = { ok: boolean; text: string } | null;

/** "Penempatan 12 peserta dihapus; ..." when a change cleared the unpublished seating. */
function cleared(change: SiteChange): string {
  return change.seats_cleared > 0
    ? ` Penempatan ${change.seats_cleared} peserta dihapus; jalankan lagi "Atur tempat duduk otomatis".`
    : "";
}

/**
 * Jadwal tes: the written test's logistics. Venues with rooms (capacity, or
 * CAT computers; ground floor), sessions with date and time, the participant
 * number format, "Beri nomor peserta" and "Atur tempat duduk otomatis" (the
 * Administrator's, while the written test is in progress), the participants
 * with their seats (search, move to a free seat), and the exports: the
 * announcement by participant number (PDF, which publishes the schedule) and
 * the list (Excel). The core checks every rule; this screen only asks.
 */
export function TestSchedulePanel({ session, round }: Props) {
  const [schedule, setSchedule] = useState<TestSchedule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [format, setFormat] = useState("");
  const [venue, setVenue] = useState<VenueDraft>(NO_VENUE);
  const [rooms, setRooms] = useState<Record<number, RoomDraft>>({});
  const [sess, setSess] = useState<SessionDraft>(NO_SESSION);
  const [paper, setPaper] = useState<"a4" | "f4">("a4");
  const request = useRef(0);
  const mounted = useMounted();
  const uid = useId();
  const manager = may(session, "manage_rounds");

  const load = useCallback(async () => {
    const mine = ++request.current;
    try {
      const s = await call("test_schedule", { roundId: round.id });
      if (!mounted.current || mine !== request.current) return;
      setSchedule(s);
      setFormat((f) => (f === "" ? s.number_format : f));
      setVersion((v) => v + 1);
    } catch (e) {
      if (mounted.current && mine === request.current) setError(toErrorPayload(e).message);
    }
  }, [round.id, mounted]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one action; says what it did, or why not; reads the schedule again. */
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

  const addVenue = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await call("save_test_venue", {
        roundId: round.id,
        id: venue.id,
        input: { name: venue.name, address: venue.address },
      });
      setVenue(NO_VENUE);
      return `Tempat "${venue.name.trim()}" ${venue.id === null ? "ditambahkan" : "disimpan"}.`;
    });
  };

  const roomDraft = (venueId: number) => rooms[venueId] ?? NO_ROOM;
  const addRoom = (venueId: number) => (e: FormEvent) => {
    e.preventDefault();
    const d = roomDraft(venueId);
    void act(async () => {
      const capacity = Number.parseInt(d.capacity, 10);
      const change = await call("save_test_room", {
        venueId,
        id: d.id,
        input: { name: d.name, capacity: Number.isFinite(capacity) ? capacity : 0, ground_floor: d.ground, note: d.note },
      });
      setRooms((r) => ({ ...r, [venueId]: NO_ROOM }));
      return `Ruang "${d.name.trim()}" ${d.id === null ? "ditambahkan" : "disimpan"}.${cleared(change)}`;
    });
  };

  const addSession = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await call("save_test_session", {
        roundId: round.id,
        id: sess.id,
        input: { label: sess.label, date: sess.date, starts_at: sess.start, ends_at: sess.end },
      });
      setSess(NO_SESSION);
      return `Sesi "${sess.label.trim()}" ${sess.id === null ? "ditambahkan" : "disimpan"}.`;
    });
  };

  const remove = (what: string, run: () => Promise<SiteChange>) => {
    if (!window.confirm(`Hapus ${what}?`)) return;
    void act(async () => `${what[0]?.toUpperCase()}${what.slice(1)} dihapus.${cleared(await run())}`);
  };

  const exportPdf = () =>
    void act(async () => {
      const written = await call("export_test_schedule", { roundId: round.id, paper, number: null });
      if (written === null) return "Ekspor dibatalkan; tidak ada berkas yang disimpan.";
      const opened = written.not_opened ? ` ${written.not_opened}` : "";
      return `Pengumuman jadwal tes disimpan di ${written.path}.${opened}`;
    });

  if (error) return <ErrorBox message={error} />;
  if (!schedule) return <p className="muted">Memuat jadwal tes…</p>;

  const s = schedule;
  const editable = manager && s.in_progress;
  const titleId = `${uid}-title`;
  const attendance = <AttendancePanel session={session} round={round} schedule={s} paper={paper} />;
  return (
    <section className="test-schedule" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Jadwal tes tertulis</h2>
      </div>
      <ul className="test-summary" aria-label="Ringkasan">
        <li>{s.participants} peserta (pendaftar MS)</li>
        <li>{s.numbered} bernomor</li>
        <li>{s.seated} mendapat tempat duduk</li>
        <li>
          {s.seats_per_session} kursi per sesi × {s.sessions.length} sesi
        </li>
        {s.ground_floor_needed > 0 && <li>{s.ground_floor_needed} peserta dengan catatan disabilitas</li>}
      </ul>
      <p className="muted" data-testid="published-note">
        {s.published_at
          ? `Jadwal diumumkan pada ${s.published_at}: nomor peserta dan tempat duduk tidak berubah lagi. Peserta baru mendapat nomor dan kursi berikutnya; pemindahan memerlukan alasan.`
          : "Jadwal belum diumumkan. Sampai pengumuman jadwal dicetak, nomor dan tempat duduk dapat diatur ulang."}
      </p>
      {note && (
        <p role={note.ok ? "status" : "alert"} className={note.ok ? "test-note" : "error-box"}>
          {note.text}
        </p>
      )}
      {/* On test day (the schedule published) the attendance comes first. */}
      {s.published_at && attendance}

      <div className="test-actions" role="group" aria-label="Nomor dan tempat duduk">
        {editable && (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  const g = await call("give_participant_numbers", { roundId: round.id });
                  return `${g.given} nomor peserta diberikan; ${g.total} peserta bernomor.`;
                })
              }
            >
              Beri nomor peserta
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  const a = await call("assign_seats", { roundId: round.id });
                  const kept = a.kept > 0 ? `; ${a.kept} tetap di kursinya` : "";
                  const ground =
                    a.ground_floor_unmet > 0
                      ? ` Perhatian: ${a.ground_floor_unmet} peserta dengan catatan disabilitas, tetapi tidak ada ruang lantai dasar.`
                      : "";
                  return `${a.placed} peserta mendapat tempat duduk${kept}.${ground}`;
                })
              }
            >
              Atur tempat duduk otomatis
            </button>
          </>
        )}
        <label className="test-inline">
          <span>Kertas</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value === "f4" ? "f4" : "a4")}>
            <option value="a4">A4</option>
            <option value="f4">F4</option>
          </select>
        </label>
        <button type="button" disabled={busy} onClick={exportPdf}>
          Pengumuman jadwal (PDF)
        </button>
      </div>

      {manager && !s.published_at && (
        <form
          className="test-form"
          aria-label="Format nomor peserta"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              const first = await call("set_participant_number_format", { roundId: round.id, format });
              return `Format nomor peserta disimpan; nomor pertama: ${first}.`;
            });
          }}
        >
          <label className="test-inline">
            <span>Format nomor peserta</span>
            <input value={format} onChange={(e) => setFormat(e.target.value)} aria-describedby={`${uid}-fmt`} />
          </label>
          <button type="submit" disabled={busy}>
            Simpan format
          </button>
          <small id={`${uid}-fmt`} className="muted">
            {"{BODY} = PPK/PPS, {KAB4} = kode kabupaten, {NNNN} = urutan. Contoh sekarang: "}
            {s.example_number}
          </small>
        </form>
      )}

      <h3>Tempat dan ruang</h3>
      {s.venues.length === 0 && <p className="muted">Belum ada tempat tes.</p>}
      {s.venues.map((v) => {
        const d = roomDraft(v.id);
        const set = (patch: Partial<typeof d>) => setRooms((r) => ({ ...r, [v.id]: { ...d, ...patch } }));
        return (
          <div key={v.id} className="test-venue">
            <h4>
              {v.name}
              {v.address && <span className="muted"> — {v.address}</span>}
              {manager && (
                <>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setVenue({ id: v.id, name: v.name, address: v.address })}
                  >
                    Ubah tempat
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => remove(`tempat ${v.name}`, () => call("delete_test_venue", { id: v.id }))}
                  >
                    Hapus tempat
                  </button>
                </>
              )}
            </h4>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Ruang</th>
                  <th scope="col">Kapasitas</th>
                  <th scope="col">Lantai dasar</th>
                  <th scope="col">Catatan</th>
                  <th scope="col">Terisi</th>
                  {manager && <th scope="col">Aksi</th>}
                </tr>
              </thead>
              <tbody>
                {v.rooms.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{r.capacity}</td>
                    <td>{r.ground_floor ? "Ya" : "Tidak"}</td>
                    <td>{r.note}</td>
                    <td>{r.seated}</td>
                    {manager && (
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Ubah ruang ${r.name}`}
                          onClick={() =>
                            set({
                              id: r.id,
                              name: r.name,
                              capacity: String(r.capacity),
                              ground: r.ground_floor,
                              note: r.note,
                            })
                          }
                        >
                          Ubah
                        </button>{" "}
                        <button
                          type="button"
                          className="link-button"
                          disabled={busy}
                          onClick={() => remove(`ruang ${r.name}`, () => call("delete_test_room", { id: r.id }))}
                        >
                          Hapus
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {manager && (
              <form
                className="test-form"
                aria-label={d.id === null ? `Tambah ruang di ${v.name}` : `Ubah ruang di ${v.name}`}
                onSubmit={addRoom(v.id)}
              >
                <label className="test-inline">
                  <span>Nama ruang</span>
                  <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
                </label>
                <label className="test-inline">
                  <span>Kapasitas</span>
                  <input
                    inputMode="numeric"
                    size={5}
                    value={d.capacity}
                    onChange={(e) => set({ capacity: e.target.value })}
                  />
                </label>
                <label className="test-inline check">
                  <input type="checkbox" checked={d.ground} onChange={(e) => set({ ground: e.target.checked })} />
                  <span>Lantai dasar</span>
                </label>
                <label className="test-inline">
                  <span>Catatan</span>
                  <input value={d.note} onChange={(e) => set({ note: e.target.value })} />
                </label>
                <button type="submit" disabled={busy}>
                  {d.id === null ? "Tambah ruang" : "Simpan ruang"}
                </button>
                {d.id !== null && (
                  <button type="button" onClick={() => setRooms((r) => ({ ...r, [v.id]: NO_ROOM }))}>
                    Batal
                  </button>
                )}
              </form>
            )}
          </div>
        );
      })}
      {manager && (
        <form
          className="test-form"
          aria-label={venue.id === null ? "Tambah tempat tes" : "Ubah tempat tes"}
          onSubmit={addVenue}
        >
          <label className="test-inline">
            <span>Nama tempat</span>
            <input value={venue.name} onChange={(e) => setVenue({ ...venue, name: e.target.value })} />
          </label>
          <label className="test-inline">
            <span>Alamat tempat</span>
            <input value={venue.address} onChange={(e) => setVenue({ ...venue, address: e.target.value })} />
          </label>
          <button type="submit" disabled={busy}>
            {venue.id === null ? "Tambah tempat" : "Simpan tempat"}
          </button>
          {venue.id !== null && (
            <button type="button" onClick={() => setVenue(NO_VENUE)}>
              Batal
            </button>
          )}
        </form>
      )}

      <h3>Sesi</h3>
      {s.sessions.length === 0 ? (
        <p className="muted">Belum ada sesi tes.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Sesi</th>
              <th scope="col">Tanggal</th>
              <th scope="col">Jam</th>
              <th scope="col">Terisi</th>
              {manager && <th scope="col">Aksi</th>}
            </tr>
          </thead>
          <tbody>
            {s.sessions.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.label}</th>
                <td>{x.date_text}</td>
                <td>
                  {x.starts_at}–{x.ends_at}
                </td>
                <td>{x.seated}</td>
                {manager && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Ubah sesi ${x.label}`}
                      onClick={() =>
                        setSess({ id: x.id, label: x.label, date: x.date, start: x.starts_at, end: x.ends_at })
                      }
                    >
                      Ubah
                    </button>{" "}
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy}
                      onClick={() => remove(`sesi ${x.label}`, () => call("delete_test_session", { id: x.id }))}
                    >
                      Hapus
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manager && (
        <form className="test-form" aria-label={sess.id === null ? "Tambah sesi" : "Ubah sesi"} onSubmit={addSession}>
          <label className="test-inline">
            <span>Nama sesi</span>
            <input value={sess.label} onChange={(e) => setSess({ ...sess, label: e.target.value })} />
          </label>
          <label className="test-inline">
            <span>Tanggal</span>
            <DateInput value={sess.date} onChange={(v) => setSess({ ...sess, date: v })} />
          </label>
          <label className="test-inline">
            <span>Mulai</span>
            <input size={6} value={sess.start} onChange={(e) => setSess({ ...sess, start: e.target.value })} />
          </label>
          <label className="test-inline">
            <span>Selesai</span>
            <input size={6} value={sess.end} onChange={(e) => setSess({ ...sess, end: e.target.value })} />
          </label>
          <button type="submit" disabled={busy}>
            {sess.id === null ? "Tambah sesi" : "Simpan sesi"}
          </button>
          {sess.id !== null && (
            <button type="button" onClick={() => setSess(NO_SESSION)}>
              Batal
            </button>
          )}
        </form>
      )}

      <TestSeatsTable
        key={version}
        round={round}
        schedule={s}
        canMove={editable}
        onMoved={(text) => {
          setNote({ ok: true, text });
          void load();
        }}
      />
      {!s.published_at && attendance}
    </section>
  );
}
