import type { ResponseWindow } from "../../bindings/ResponseWindow";
import type { RoundSettings } from "../../bindings/RoundSettings";

/** The fields of this section, as the core names them when it refuses one. */
export const TEXT_FIELDS = ["responses_until", "statement_items", "legal_basis"];

/** The field of this section a refusal is about (`statement_items.3` is the item list), or null. */
export function textFieldOf(field: string | null): string | null {
  if (!field) return null;
  const base = field.replace(/^statement_items\.\d+$/, "statement_items");
  return TEXT_FIELDS.includes(base) ? base : null;
}

/** The choices of the response window, as staff read them. */
export const WINDOWS: { value: ResponseWindow; label: string }[] = [
  { value: "wawancara", label: "Sampai sebelum tes wawancara" },
  { value: "pelantikan", label: "Sampai sebelum pelantikan (selama tahap penetapan)" },
];

interface Props {
  settings: RoundSettings;
  setSettings: (patch: Partial<RoundSettings>) => void;
  /** The message of a refusal about `field` (one of {@link TEXT_FIELDS}), or null. */
  errorOf: (field: string) => string | null;
  /** The element id of a field. */
  idOf: (field: string) => string;
}

/**
 * The settings that differ between offices and elections and are not
 * numbers: until when public responses are taken, the items of the surat
 * pernyataan (one per line) and the legal basis the official documents
 * cite (one regulation per line). The preset fills them in; the core
 * tidies and checks them when the round is saved.
 */
export function RoundTextsSection({ settings, setSettings, errorOf, idOf }: Props) {
  const area = (field: "statement_items" | "legal_basis", label: string, hint: string, value: string, onChange: (v: string) => void, rows: number) => {
    const id = idOf(field);
    const error = errorOf(field);
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={rows}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          onChange={(e) => onChange(e.target.value)}
        />
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
        {error && (
          <small id={`${id}-error`} className="error-text">
            {error}
          </small>
        )}
      </div>
    );
  };
  const windowId = idOf("responses_until");
  const windowError = errorOf("responses_until");
  return (
    <fieldset>
      <legend>Tanggapan masyarakat, surat pernyataan dan dasar hukum</legend>
      <div className={`field${windowError ? " has-error" : ""}`}>
        <label htmlFor={windowId}>Tanggapan masyarakat diterima</label>
        <select
          id={windowId}
          value={settings.responses_until}
          onChange={(e) => setSettings({ responses_until: e.target.value as ResponseWindow })}
        >
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
        {windowError && <small className="error-text">{windowError}</small>}
      </div>
      {area(
        "statement_items",
        "Isi surat pernyataan",
        "Satu butir per baris. Ditampilkan di loket dan pada penelitian administrasi di bawah surat pernyataan.",
        settings.statement_items.join("\n"),
        (v) => setSettings({ statement_items: v.split("\n") }),
        8,
      )}
      {area(
        "legal_basis",
        "Dasar hukum pada pengumuman dan Berita Acara",
        "Satu peraturan per baris; dicetak bernomor di bagian \u201cDasar\u201d. Kosongkan bila tidak dicetak.",
        settings.legal_basis,
        (v) => setSettings({ legal_basis: v }),
        5,
      )}
    </fieldset>
  );
}
