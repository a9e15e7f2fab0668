import { useCallback, useEffect, useId, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ExtensionUnit } from "../bindings/ExtensionUnit";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { DateField } from "../components/DateField";
import { unreadableDate } from "../components/dates";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { DecideWithoutExtensionDialog } from "./DecideWithoutExtensionDialog";
import { may } from "./may";
import { addDays, shortDate } from "./TimelinePanel";
import "./TimelinePanel.css";

interface Props {
  session: Session;
  round: RoundSummary;
  /** Registration was extended for some units. */
  onChanged: () => void;
}

/** Where a unit's extension stands, in words. */
const STATE_TEXT: Record<string, string> = {
  perlu_perpanjangan: "Perlu diperpanjang",
  diperpanjang: "Sedang diperpanjang",
  perlu_perpanjangan_lagi: "Masih kurang; perlu diperpanjang lagi",
  boleh_lanjut: "Boleh lanjut (pendaftar sudah mencapai kuota)",
  lanjut_keputusan: "Lanjut dengan keputusan pimpinan",
  perlu_penunjukan: "Perpanjangan habis; perlu penunjukan",
};

const STATE_BADGE: Record<string, string> = {
  perlu_perpanjangan: "badge warn",
  perlu_perpanjangan_lagi: "badge warn",
  perlu_penunjukan: "badge warn",
  boleh_lanjut: "badge status-terdaftar",
  lanjut_keputusan: "badge status-terdaftar",
};

const stateText = (s: string) => STATE_TEXT[s] ?? s.replace(/_/g, " ");

/**
 * Registration extensions: the units that registration left short (fewer
 * applicants than threshold × quota) and where their extension stands. A
 * Pimpinan picks units and extends registration for them, by default for
 * the round's extension days from today.
 */
export function ExtensionPanel({ session, round, onChanged }: Props) {
  const [units, setUnits] = useState<ExtensionUnit[] | null>(null);
  /** The core's today, to word the default end date (null when unknown). */
  const [today, setToday] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [endsOn, setEndsOn] = useState("");
  const [formError, setFormError] = useState<{ field: "units" | "date"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  /** The decision to go on without an extension is being written for the picked units. */
  const [deciding, setDeciding] = useState(false);
  const titleId = useId();
  const latest = useRef(0);
  const mayExtend = may(session, "plenary_decisions");
  const { extension_threshold: threshold, extension_days: days } = round.settings;
  const unitWord = round.body === "PPK" ? "kecamatan" : "desa/kelurahan";

  const load = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const [list, timeline] = await Promise.all([
        call("extension_list", { roundId: round.id }),
        // Only to word the default end date; the list stands without it.
        mayExtend ? call("stage_timeline", { roundId: round.id }).catch(() => null) : Promise.resolve(null),
      ]);
      if (seq !== latest.current) return;
      setUnits(list);
      setToday(timeline?.today ?? null);
      setError(null);
      // Keep only the picks that can still be extended.
      setPicked((p) => new Set(list.filter((u) => u.can_extend && p.has(u.unit_code)).map((u) => u.unit_code)));
    } catch (e) {
      if (seq === latest.current) setError(toErrorPayload(e).message);
    }
  }, [round.id, mayExtend]);

  useEffect(() => {
    void load();
  }, [load, round.current_stage]);

  useEffect(() => {
    setUnits(null);
    setPicked(new Set());
    setEndsOn("");
    setMessage(null);
    setFormError(null);
    setConfirming(false);
  }, [round.id]);

  const extendable = units?.filter((u) => u.can_extend) ?? [];
  const chosen = extendable.filter((u) => picked.has(u.unit_code));
  const defaultEnd = today ? addDays(today, days) : null;
  const endText = endsOn ? shortDate(endsOn) : defaultEnd ? shortDate(defaultEnd) : null;

  const toggle = (code: string, on: boolean) => {
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
    setFormError(null);
  };

  const pickAll = () => {
    setPicked(new Set(extendable.map((u) => u.unit_code)));
    setFormError(null);
  };

  const ask = () => {
    setMessage(null);
    if (chosen.length === 0) {
      setFormError({ field: "units", text: "Pilih wilayah yang akan diperpanjang pendaftarannya." });
      document.querySelector<HTMLInputElement>(`[data-extension-pick]`)?.focus();
      return;
    }
    const unread = unreadableDate(endsOn);
    if (unread) {
      setFormError({ field: "date", text: unread });
      document.getElementById(`${titleId}-until`)?.focus();
      return;
    }
    if (endsOn && today && endsOn < today) {
      setFormError({ field: "date", text: "Tanggal akhir perpanjangan tidak boleh sebelum hari ini." });
      document.getElementById(`${titleId}-until`)?.focus();
      return;
    }
    setFormError(null);
    setConfirming(true);
  };

  const closeConfirm = useCallback(() => setConfirming(false), []);

  const extended = (end: string, count: number) => {
    setConfirming(false);
    setMessage(`Pendaftaran diperpanjang sampai ${shortDate(end)} untuk ${angka(count)} wilayah.`);
    setPicked(new Set());
    setEndsOn("");
    void load();
    onChanged();
  };

  const askDecision = () => {
    setMessage(null);
    if (chosen.length === 0) {
      setFormError({ field: "units", text: "Pilih wilayah yang lanjut tanpa perpanjangan." });
      document.querySelector<HTMLInputElement>(`[data-extension-pick]`)?.focus();
      return;
    }
    setFormError(null);
    setDeciding(true);
  };

  const closeDecision = useCallback(() => setDeciding(false), []);

  const decided = (done: ExtensionUnit[]) => {
    setDeciding(false);
    setMessage(`${angka(done.length)} wilayah lanjut tanpa perpanjangan; keputusan dicatat.`);
    setPicked(new Set());
    void load();
    onChanged();
  };

  // Why a Pimpinan sees no unit to pick.
  const whyNone =
    round.current_stage === "pendaftaran"
      ? "Perpanjangan dapat diberikan setelah pendaftaran ditutup."
      : round.closed_stages.includes("administrasi")
        ? "Penelitian administrasi sudah ditutup; perpanjangan pendaftaran tidak dapat diberikan lagi."
        : "Saat ini tidak ada wilayah yang dapat diperpanjang.";
  const defaultHint = `Bila dikosongkan: ${days} hari sejak hari ini${defaultEnd ? ` (sampai ${shortDate(defaultEnd)})` : ""}.`;

  return (
    <section aria-labelledby={titleId} className="extension-panel">
      <h2 id={titleId}>Perpanjangan pendaftaran</h2>
      <p className="muted">
        Setelah pendaftaran ditutup, {unitWord} dengan pendaftar kurang dari {threshold} × kuota dapat diperpanjang masa
        pendaftarannya, masing-masing {days} hari kecuali ditentukan lain oleh pleno. Penelitian administrasi baru dapat
        ditutup setelah setiap wilayah itu diperpanjang atau diputuskan lanjut tanpa perpanjangan oleh pimpinan.
      </p>
      <ErrorBox message={error} />
      {!units && !error && <p aria-busy="true">Memuat…</p>}
      {message && (
        <p className="ok-box" role="status" data-testid="extension-message">
          {message}
        </p>
      )}
      {units && units.length === 0 && (
        <p className="empty" data-testid="extension-empty">
          {round.current_stage === "pendaftaran"
            ? "Pendaftaran masih berjalan. Daftar wilayah yang perlu diperpanjang muncul setelah pendaftaran ditutup."
            : `Semua wilayah sudah mencapai ambang pendaftar (${threshold} × kuota); tidak ada yang perlu diperpanjang.`}
        </p>
      )}
      {units && units.length > 0 && (
        <>
          <div className="table-wrap short">
            <table className="data extensions" aria-labelledby={titleId}>
              <thead>
                <tr>
                  {mayExtend && <th scope="col">Pilih</th>}
                  <th scope="col">Wilayah tugas</th>
                  <th scope="col" className="num">
                    Kuota
                  </th>
                  <th scope="col" className="num">
                    Pendaftar
                  </th>
                  <th scope="col" className="num">
                    Dibutuhkan
                  </th>
                  <th scope="col">Sudah diperpanjang</th>
                  <th scope="col">Diperpanjang sampai</th>
                  <th scope="col">Keadaan</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => {
                  const on = picked.has(u.unit_code);
                  return (
                    <tr key={u.unit_code} className={on ? "picked" : undefined} data-testid="extension-row">
                      {mayExtend && (
                        <td className="pick">
                          {u.can_extend && (
                            <input
                              type="checkbox"
                              checked={on}
                              onChange={(e) => toggle(u.unit_code, e.target.checked)}
                              aria-label={`Pilih ${u.unit_label}`}
                              aria-invalid={formError?.field === "units" ? true : undefined}
                              data-extension-pick
                            />
                          )}
                        </td>
                      )}
                      <th scope="row">{u.unit_label}</th>
                      <td className="num">{angka(u.quota)}</td>
                      <td className="num">{angka(u.registered)}</td>
                      <td className="num">{angka(u.needed)}</td>
                      <td>{u.extensions === 0 ? "Belum" : `${angka(u.extensions)} kali`}</td>
                      <td>{u.extended_until ? shortDate(u.extended_until) : "–"}</td>
                      <td>
                        <span className={STATE_BADGE[u.state] ?? "badge"}>{stateText(u.state)}</span>
                        {u.decision && (
                          <small className="muted decision" data-testid="extension-decision">
                            {u.decision}
                          </small>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {mayExtend && extendable.length === 0 && (
            <p className="muted" data-testid="extension-none">
              {whyNone}
            </p>
          )}
          {mayExtend && extendable.length > 0 && (
            <div className="extension-form" role="group" aria-label="Perpanjang pendaftaran">
              <button type="button" onClick={pickAll}>
                Pilih semua yang perlu
              </button>
              <span className="muted" aria-live="polite" data-testid="extension-count">
                {chosen.length === 0 ? "Belum ada wilayah dipilih" : `${angka(chosen.length)} wilayah dipilih`}
              </span>
              <DateField
                id={`${titleId}-until`}
                label="Diperpanjang sampai (boleh dikosongkan)"
                value={endsOn}
                onChange={(v) => {
                  setEndsOn(v);
                  setFormError(null);
                }}
                hint={defaultHint}
                error={formError?.field === "date" ? formError.text : null}
              />
              <button type="button" className="primary" onClick={ask}>
                Perpanjang pendaftaran
              </button>
              <button type="button" onClick={askDecision}>
                Lanjut tanpa perpanjangan…
              </button>
            </div>
          )}
          {formError?.field === "units" && <ErrorBox message={formError.text} />}
        </>
      )}

      {deciding && chosen.length > 0 && (
        <DecideWithoutExtensionDialog roundId={round.id} units={chosen} onClose={closeDecision} onDecided={decided} />
      )}

      {confirming && chosen.length > 0 && (
        <ConfirmExtension
          round={round}
          units={chosen}
          endsOn={endsOn || null}
          endText={endText}
          onClose={closeConfirm}
          onExtended={extended}
        />
      )}
    </section>
  );
}

interface ConfirmProps {
  round: RoundSummary;
  units: ExtensionUnit[];
  /** The date chosen, or null for the default. */
  endsOn: string | null;
  /** The end date in words, when known. */
  endText: string | null;
  onClose: () => void;
  onExtended: (end: string, count: number) => void;
}

/** Pimpinan confirms the extension: how many units, which, and until when. */
function ConfirmExtension({ round, units, endsOn, endText, onClose, onExtended }: ConfirmProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const days = round.settings.extension_days;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const end = await call("extend_registration", {
        roundId: round.id,
        units: units.map((u) => u.unit_code),
        endsOn,
      });
      onExtended(end, units.length);
    } catch (e) {
      setError(toErrorPayload(e).message);
      setBusy(false);
    }
  };

  return (
    <Modal title="Perpanjang pendaftaran" onClose={onClose}>
      <div data-testid="extension-confirm">
        <p>
          Pendaftaran <strong>{round.name}</strong> diperpanjang untuk <strong>{angka(units.length)} wilayah</strong>{" "}
          {endText ? (
            <>
              sampai <strong>{endText}</strong>
              {endsOn ? "" : ` (${days} hari sejak hari ini)`}.
            </>
          ) : (
            <>selama {days} hari sejak hari ini.</>
          )}
        </p>
        <ul className="compact">
          {units.map((u) => (
            <li key={u.unit_code}>
              {u.unit_label}: {angka(u.registered)} pendaftar dari {angka(u.needed)} yang dibutuhkan
            </li>
          ))}
        </ul>
        <p>Selama perpanjangan, pendaftaran dibuka kembali untuk wilayah tersebut. Keputusan ini dicatat dalam jejak audit.</p>
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} data-autofocus>
            Batal
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {busy ? "Menyimpan…" : "Ya, perpanjang"}
          </button>
        </div>
      </div>
    </Modal>
  );
}
