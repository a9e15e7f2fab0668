import type { Attachment } from "../../bindings/Attachment";
import { fileSize, scanKind, waktu } from "../scanText";

/** Scans as a list: name, kind, size, time, and "Lihat". */
export function ScanList({
  scans,
  onOpen,
  showCode = false,
}: {
  scans: Attachment[];
  onOpen: (scan: Attachment) => void;
  showCode?: boolean;
}) {
  return (
    <ul className="scans" data-testid="scan-list">
      {scans.map((s) => {
        const nameId = `scan-${s.code}-${s.sha256.slice(0, 16)}-name`;
        return (
          <li key={`${s.code}-${s.sha256}`} data-testid="scan" data-sha256={s.sha256}>
            <span id={nameId} className="scan-name">
              {s.file_name}
            </span>{" "}
            <span className="muted" data-testid="scan-meta">
              {showCode ? `${s.code} · ` : ""}
              {scanKind(s.media_type)} · {fileSize(s.size)} · {waktu(s.added_at)}
            </span>{" "}
            <button type="button" className="small" data-testid="scan-open" aria-describedby={nameId} onClick={() => onOpen(s)}>
              Lihat
            </button>
          </li>
        );
      })}
    </ul>
  );
}
