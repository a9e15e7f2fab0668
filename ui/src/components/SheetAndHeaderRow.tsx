interface Props {
  sheets: string[];
  sheet: string;
  headerRow: number;
  busy: boolean;
  /** Another sheet chosen: the mapping is proposed again for it. */
  onSheet: (sheet: string) => void;
  /** Another header row typed (from 1). */
  onHeaderRow: (row: number) => void;
}

/** Which sheet of a spreadsheet is read, and its header row: the first choices of every sheet import. */
export function SheetAndHeaderRow({ sheets, sheet, headerRow, busy, onSheet, onHeaderRow }: Props) {
  return (
    <div className="actions start">
      {sheets.length > 1 && (
        <label>
          Lembar{" "}
          <select aria-label="Lembar kerja" value={sheet} disabled={busy} onChange={(e) => onSheet(e.target.value)}>
            {sheets.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        Baris judul{" "}
        <input
          type="number"
          min={1}
          aria-label="Baris judul"
          value={headerRow}
          disabled={busy}
          onChange={(e) => {
            const row = Number(e.target.value);
            if (row >= 1) onHeaderRow(row);
          }}
        />
      </label>
    </div>
  );
}
