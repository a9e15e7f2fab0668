import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { DesaOption } from "../bindings/DesaOption";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { PublicationItem } from "../bindings/PublicationItem";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { useMounted } from "../components/useMounted";
import { may } from "./may";
import { STAGE_LABEL } from "./stages";
import "./DocumentsPanel.css";

export type Paper = "a4" | "f4";

const PAPERS: { value: Paper; label: string; hint: string }[] = [
  { value: "a4", label: "A4", hint: "21 × 29,7 cm" },
  { value: "f4", label: "F4", hint: "folio, 21,5 × 33 cm" },
];

interface Props {
  session: Session;
  round: RoundSummary;
}

/** What the last export came to, for the line above the list. */
type ExportNote = { kind: "saved"; text: string } | { kind: "cancelled"; text: string } | null;

interface StageGroup {
  stage: Stage;
  items: PublicationItem[];
}

/** The documents by stage, in the order the core listed them. */
export function byStage(items: PublicationItem[]): StageGroup[] {
  const groups = new Map<Stage, PublicationItem[]>();
  for (const item of items) {
    const list = groups.get(item.stage);
    if (list) list.push(item);
    else groups.set(item.stage, [item]);
  }
  return [...groups].map(([stage, list]) => ({ stage, items: list }));
}

/** "Desa Gerbo", "Kelurahan Tutur". */
function desaLabel(d: DesaOption): string {
  if (d.kind === "kelurahan") return `Kelurahan ${d.name}`;
  if (d.kind === "desa") return `Desa ${d.name}`;
  return d.name;
}

/**
 * Dokumen resmi: the official documents of a round (Berita Acara and
 * Pengumuman per stage, the Lampiran SK after the final results), each
 * exported as PDF for the whole kabupaten or one office's own area, on A4 or
 * F4. A document can be made once its stage is closed; its number comes
 * from the numbering template the first time the Pimpinan (who signs them
 * off) exports it and stays the same afterwards, unless a number is typed
 * for this export only. Before that, other roles get a draft (konsep)
 * without a number; the core says which rows would be one.
 */
export function DocumentsPanel({ session, round }: Props) {
  const [items, setItems] = useState<PublicationItem[] | null>(null);
  const [regions, setRegions] = useState<KecamatanOption[]>([]);
  const [regionsFailed, setRegionsFailed] = useState(false);
  const [kecamatan, setKecamatan] = useState("");
  const [desa, setDesa] = useState("");
  const [paper, setPaper] = useState<Paper>("a4");
  const [manual, setManual] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ExportNote>(null);
  const [error, setError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const request = useRef(0);
  const mounted = useMounted();
  const uid = useId();

  const isPps = round.body === "PPS";
  const signer = may(session, "sign_announcements");

  const load = useCallback(async () => {
    const mine = ++request.current;
    try {
      const list = await call("publication_list", { roundId: round.id });
      if (!mounted.current || mine !== request.current) return;
      setItems(list);
    } catch (e) {
      if (mounted.current && mine === request.current) setError(toErrorPayload(e).message);
    }
  }, [round.id, mounted]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let live = true;
    call("list_regions")
      .then((list) => {
        if (live && Array.isArray(list)) setRegions(list);
      })
      .catch(() => {
        // Without the region list only the whole kabupaten can be chosen.
        if (live) setRegionsFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);

  // Back on the button once an export is over (it was disabled meanwhile).
  useEffect(() => {
    if (busy !== null || focusKey === null) return;
    document.getElementById(`export-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [busy, focusKey, items]);

  const groups = useMemo(() => byStage(items ?? []), [items]);
  const chosenKec = regions.find((k) => k.code === kecamatan);
  const chosenDesa = chosenKec?.desa.find((d) => d.code === desa);
  const unit = chosenDesa?.code ?? chosenKec?.code ?? null;
  const unitText = chosenDesa
    ? `${desaLabel(chosenDesa)}, Kecamatan ${chosenKec?.name ?? ""}`
    : chosenKec
      ? `Kecamatan ${chosenKec.name}`
      : "seluruh kabupaten";

  const exportDoc = async (item: PublicationItem) => {
    if (busy !== null || !item.ready) return;
    const typed = signer ? manual.trim() : "";
    setBusy(item.key);
    setOutcome(null);
    setError(null);
    try {
      const written = await call("export_publication", {
        roundId: round.id,
        kind: item.kind,
        unit,
        paper,
        number: typed === "" ? null : typed,
      });
      if (!mounted.current) return;
      if (written === null) {
        setOutcome({ kind: "cancelled", text: "Ekspor dibatalkan; tidak ada berkas yang disimpan." });
      } else {
        const what = `${item.label} (${unitText}, kertas ${paper.toUpperCase()})`;
        const path = written.path;
        const opened = written.not_opened ? ` ${written.not_opened}` : "";
        setOutcome({
          kind: "saved",
          text: item.draft
            ? `${what} sudah disimpan sebagai konsep tanpa nomor di ${path}.${opened}`
            : `${what} sudah disimpan di ${path}.${opened}`,
        });
        // The first export gives the document its number.
        await load();
      }
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) {
        setBusy(null);
        setFocusKey(item.key);
      }
    }
  };

  const titleId = `${uid}-title`;
  const regionHintId = `${uid}-region-hint`;
  const numberHint =
    "Kosongkan untuk memakai nomor otomatis dari templat penomoran. Nomor yang diketik dicetak apa adanya dan tidak dicatat.";

  return (
    <section className="documents-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Dokumen resmi</h2>
      </div>
      <p className="muted">
        Berita acara, pengumuman, dan lampiran SK dibuat dari hasil tahap yang sudah ditutup. Nomor dokumen diberikan
        saat pertama kali diekspor oleh Pimpinan dan tetap sama pada ekspor berikutnya.
      </p>
      {!signer && (
        <p className="muted" data-testid="documents-draft-note">
          Peran Anda tidak memberi nomor dokumen. Dokumen yang belum bernomor diekspor sebagai konsep: tanpa nomor dan
          bertanda KONSEP di setiap halaman. Setelah Pimpinan mengekspornya, dokumen dicetak dengan nomornya.
        </p>
      )}

      <div className="documents-options" role="group" aria-label="Pilihan dokumen">
        <fieldset className="documents-region">
          <legend>Wilayah</legend>
          <label className="documents-select">
            <span>Kecamatan</span>
            <select
              id={`${uid}-kecamatan`}
              value={kecamatan}
              aria-describedby={regionHintId}
              onChange={(e) => {
                setKecamatan(e.target.value);
                setDesa("");
              }}
            >
              <option value="">Seluruh kabupaten</option>
              {regions.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          {isPps && (
            <label className="documents-select">
              <span>Desa/kelurahan</span>
              <select
                id={`${uid}-desa`}
                value={desa}
                disabled={!chosenKec}
                onChange={(e) => setDesa(e.target.value)}
                aria-describedby={regionHintId}
              >
                <option value="">{chosenKec ? "Seluruh kecamatan" : "Pilih kecamatan dahulu"}</option>
                {(chosenKec?.desa ?? []).map((d) => (
                  <option key={d.code} value={d.code}>
                    {desaLabel(d)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <small className="muted" id={regionHintId}>
            {regionsFailed
              ? "Daftar wilayah tidak dapat dimuat; dokumen dibuat untuk seluruh kabupaten."
              : isPps
                ? "Pilih kecamatan atau desa/kelurahan untuk membuat salinan bagi kantornya sendiri."
                : "Pilih kecamatan untuk membuat salinan bagi kantornya sendiri."}
          </small>
        </fieldset>

        <fieldset className="documents-paper">
          <legend>Kertas</legend>
          {PAPERS.map((p) => (
            <label key={p.value} className="check">
              <input
                type="radio"
                name={`${uid}-paper`}
                value={p.value}
                checked={paper === p.value}
                onChange={() => setPaper(p.value)}
              />
              <span>
                {p.label} <span className="muted">({p.hint})</span>
              </span>
            </label>
          ))}
        </fieldset>

        {signer && (
          <div className="documents-number">
            <Field
              id={`${uid}-number`}
              label="Nomor manual"
              value={manual}
              onChange={(e) => setManual(e.target.value)}
              hint={numberHint}
              autoComplete="off"
              placeholder="Nomor otomatis"
            />
          </div>
        )}
      </div>

      <ErrorBox message={error} />
      {outcome && (
        <p
          className={outcome.kind === "saved" ? "ok-box" : "muted documents-cancelled"}
          role="status"
          data-testid="documents-message"
        >
          {outcome.text}
        </p>
      )}
      {!items && !error && <p aria-busy="true">Memuat…</p>}
      {items && items.length === 0 && <p className="empty">Belum ada dokumen untuk seleksi ini.</p>}

      {groups.map((g) => {
        const headId = `${uid}-stage-${g.stage}`;
        return (
          <section key={g.stage} className="documents-stage" aria-labelledby={headId} data-testid="documents-stage">
            <h3 id={headId}>{STAGE_LABEL[g.stage]}</h3>
            <ul className="documents-list" aria-labelledby={headId}>
              {g.items.map((item) => {
                const noteId = `${uid}-note-${item.key}`;
                const exporting = busy === item.key;
                return (
                  <li key={item.key} className="documents-row" data-testid="documents-row" aria-busy={exporting}>
                    <div className="documents-what">
                      <span className="documents-label">{item.label}</span>
                      <span className="documents-meta" id={noteId}>
                        {item.number !== null ? (
                          <span className="documents-numbered">Nomor {item.number}</span>
                        ) : item.draft ? (
                          <span className="muted">belum bernomor; diekspor sebagai konsep</span>
                        ) : (
                          <span className="muted">belum bernomor</span>
                        )}
                        {!item.ready && <span className="badge warn">Tahap belum ditutup</span>}
                      </span>
                    </div>
                    <button
                      type="button"
                      id={`export-${item.key}`}
                      disabled={!item.ready || busy !== null}
                      aria-describedby={noteId}
                      onClick={() => void exportDoc(item)}
                    >
                      {exporting ? "Membuat PDF…" : "Ekspor PDF"}{" "}
                      <span className="documents-sr">{item.label}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
