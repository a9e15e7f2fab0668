import { useId, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { RoundSettings } from "../bindings/RoundSettings";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { may } from "./may";
import { RoundTextsSection, textFieldOf, WINDOWS } from "./newRound/RoundTextsSection";

interface Props {
  session: Session;
  round: RoundSummary;
  onChanged?: () => void;
}

/** "2026-11-25" → "25-11-2026". */
function dmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

function combination(s: RoundSettings): string {
  const c = s.score_combination;
  if (c.mode === "wawancara") return "Nilai wawancara saja";
  if (c.mode === "jumlah") return "Jumlah nilai tes tertulis dan wawancara";
  return `Bobot tes tertulis ${c.tertulis}% dan wawancara ${c.wawancara}%`;
}

/**
 * The rule settings of a round as the core keeps them: the numbers, until
 * when public responses are taken, the items of the surat pernyataan and
 * the legal basis the official documents cite. An Administrator changes
 * the texts here while the core allows it (before anyone registers); the
 * core checks them and names what is wrong.
 */
export function RulesPanel({ session, round, onChanged }: Props) {
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const s = round.settings;
  const mayEdit = may(session, "manage_rounds") && round.settings_editable;
  const windowLabel = WINDOWS.find((w) => w.value === s.responses_until)?.label ?? s.responses_until;
  const basis = s.legal_basis.split("\n").filter((l) => l.trim() !== "");
  const unit = round.body === "PPS" ? "desa/kelurahan" : "kecamatan";

  return (
    <section className="card rules-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Aturan seleksi</h2>
        {mayEdit && (
          <button type="button" onClick={() => setEditing(true)}>
            Ubah tanggapan, pernyataan dan dasar hukum…
          </button>
        )}
      </div>
      {!round.settings_editable && (
        <p className="muted" data-testid="rules-frozen">
          Aturan seleksi tidak lagi dapat diubah: sudah ada pendaftar atau pendaftaran sudah ditutup.
        </p>
      )}
      {message && (
        <p className="ok-box" role="status">
          {message}
        </p>
      )}
      <dl className="rules-list">
        <dt>Kuota per {unit}</dt>
        <dd>{s.quota_per_unit}</dd>
        <dt>Lulus tes tertulis</dt>
        <dd>{s.written_pass_multiple} × kuota</dd>
        <dt>Peringkat akhir</dt>
        <dd>{s.final_rank_multiple} × kuota</dd>
        <dt>Usia minimal</dt>
        <dd>
          {s.min_age} tahun pada {dmy(s.reference_date)}
        </dd>
        <dt>Nilai akhir</dt>
        <dd>{combination(s)}</dd>
        <dt>Tanggapan masyarakat diterima</dt>
        <dd data-testid="rules-window">{windowLabel}</dd>
      </dl>
      <h3>Isi surat pernyataan</h3>
      <ol data-testid="rules-statement">
        {s.statement_items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
      <h3>Dasar hukum pada pengumuman dan Berita Acara</h3>
      {basis.length === 0 ? (
        <p className="muted">Tidak dicetak.</p>
      ) : (
        <ol data-testid="rules-basis">
          {basis.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      )}
      {editing && (
        <RoundTextsDialog
          round={round}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setMessage("Aturan seleksi disimpan.");
            onChanged?.();
          }}
        />
      )}
    </section>
  );
}

const dialogId = (field: string) => `round-texts-${field}`;

/** Edits the window, the statement items and the legal basis; the other settings are sent as they are. */
function RoundTextsDialog({ round, onClose, onSaved }: { round: RoundSummary; onClose: () => void; onSaved: () => void }) {
  const [settings, setSettingsState] = useState<RoundSettings>(round.settings);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const setSettings = (patch: Partial<RoundSettings>) => setSettingsState((s) => ({ ...s, ...patch }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call("update_round_settings", { roundId: round.id, settings });
      onSaved();
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field, message: p.message });
      const field = textFieldOf(p.field);
      if (field) document.getElementById(dialogId(field))?.focus();
    } finally {
      setBusy(false);
    }
  };

  const inline = textFieldOf(error?.field ?? null);
  return (
    <Modal title={`Aturan ${round.name}`} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RoundTextsSection
          settings={settings}
          setSettings={setSettings}
          errorOf={(f) => (error && inline === f ? error.message : null)}
          idOf={dialogId}
        />
        <ErrorBox message={error && !inline ? error.message : null} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Simpan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
