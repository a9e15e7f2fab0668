import { useCallback, useEffect, useId, useRef, useState } from "react";

import { call, toErrorPayload } from "../../api";
import { angka } from "../../api/format";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { SeatHolderView } from "../../bindings/SeatHolderView";
import type { Session } from "../../bindings/Session";
import type { Situation } from "../../bindings/Situation";
import type { UnitSituation } from "../../bindings/UnitSituation";
import { ErrorBox } from "../../components/ErrorBox";
import { may } from "../may";
import { AppointmentDialog } from "./AppointmentDialog";
import { CancelAppointment } from "./CancelAppointment";

interface Props {
  session: Session;
  round: RoundSummary;
  /** An appointment was recorded. */
  onChanged?: () => void;
}

const BADGE: Partial<Record<Situation, string>> = {
  perlu_perpanjangan: "badge warn",
  perlu_perpanjangan_lagi: "badge warn",
  perlu_penunjukan: "badge warn",
  diperpanjang: "badge",
};

/** Situations that call for a step; the others ("cukup") are only counted. */
const quiet = (s: Situation) => s === "cukup" || s === "pendaftaran_berjalan";

/**
 * Which units are in which situation (perlu perpanjangan, diperpanjang,
 * perlu penunjukan, …) and the next step, as the core words them; a
 * Pimpinan appoints for the seats left from here.
 */
export function UnitSituations({ session, round, onChanged }: Props) {
  const [units, setUnits] = useState<UnitSituation[] | null>(null);
  const [holders, setHolders] = useState<SeatHolderView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [appointing, setAppointing] = useState<UnitSituation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const titleId = useId();
  const latest = useRef(0);
  const mayAppoint = may(session, "plenary_decisions");

  const load = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const [list, held] = await Promise.all([
        call("unit_situations", { roundId: round.id }),
        call("seat_holders", { roundId: round.id }),
      ]);
      if (seq !== latest.current) return;
      setUnits(list ?? []);
      setHolders(held ?? []);
      setError(null);
    } catch (e) {
      if (seq === latest.current) setError(toErrorPayload(e).message);
    }
  }, [round.id]);

  useEffect(() => {
    void load();
  }, [load, round.current_stage]);

  const closeDialog = useCallback(() => setAppointing(null), []);

  const appointed = (h: SeatHolderView) => {
    setAppointing(null);
    setMessage(`${h.full_name} ditunjuk sebagai anggota ${h.unit_label}.`);
    void load();
    onChanged?.();
  };

  const needing = units?.filter((u) => !quiet(u.situation)) ?? [];
  const settled = (units?.length ?? 0) - needing.length;

  return (
    <section aria-labelledby={titleId} className="unit-situations" data-testid="unit-situations">
      <h2 id={titleId}>Keadaan wilayah dan langkah berikutnya</h2>
      <ErrorBox message={error} />
      {!units && !error && <p aria-busy="true">Memuat…</p>}
      {message && (
        <p className="ok-box" role="status" data-testid="appointment-message">
          {message}
        </p>
      )}
      {units && (
        <p className="muted" data-testid="situations-summary">
          {needing.length === 0
            ? `Semua ${angka(units.length)} wilayah tidak memerlukan langkah tambahan.`
            : `${angka(needing.length)} wilayah memerlukan langkah; ${angka(settled)} wilayah lainnya cukup.`}
        </p>
      )}
      {needing.length > 0 && (
        <div className="table-wrap short">
          <table className="data" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Wilayah tugas</th>
                <th scope="col" className="num">
                  Kuota
                </th>
                <th scope="col" className="num">
                  Kursi dipegang
                </th>
                <th scope="col" className="num">
                  Calon
                </th>
                <th scope="col">Perpanjangan</th>
                <th scope="col">Keadaan</th>
                <th scope="col">Langkah berikutnya</th>
              </tr>
            </thead>
            <tbody>
              {needing.map((u) => (
                <tr key={u.unit_code} data-testid="situation-row">
                  <th scope="row">{u.unit_label}</th>
                  <td className="num">{angka(u.quota)}</td>
                  <td className="num">{angka(u.held)}</td>
                  <td className="num">{angka(u.candidates)}</td>
                  <td>
                    {angka(u.extensions)} dari {angka(u.allowed)}
                  </td>
                  <td>
                    <span className={BADGE[u.situation] ?? "badge"}>{u.situation_label}</span>
                  </td>
                  <td>
                    {u.next_step}
                    {mayAppoint && u.situation === "perlu_penunjukan" && u.appointable > 0 && (
                      <>
                        {" "}
                        <button type="button" onClick={() => setAppointing(u)} data-testid="appoint-open">
                          Tunjuk anggota…
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {holders.length > 0 && (
        <>
          <h3>Anggota tanpa seleksi ini</h3>
          <ul className="compact" data-testid="seat-holders">
            {holders.map((h) => (
              <li key={h.id}>
                <strong>{h.full_name}</strong> ({h.sex}), {h.unit_label} —{" "}
                <span className="badge">{h.source_label}</span>
                {h.proposer ? `, diusulkan ${h.proposer}` : ""}; {h.decision}
                {mayAppoint && h.source === "penunjukan" && (
                  <>
                    {" "}
                    <CancelAppointment
                      roundId={round.id}
                      holder={h}
                      onCancelled={() => {
                        setMessage(`Penunjukan ${h.full_name} dibatalkan.`);
                        void load();
                        onChanged?.();
                      }}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {appointing && (
        <AppointmentDialog round={round} unit={appointing} onClose={closeDialog} onAppointed={appointed} />
      )}
    </section>
  );
}
