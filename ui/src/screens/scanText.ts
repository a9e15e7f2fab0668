// Scans in staff words: kind, size and when they were attached.
import { tanggal } from "../api/format";

const KIND: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPG",
  "image/png": "PNG",
};

/** "application/pdf" → "PDF". */
export const scanKind = (mediaType: string) => KIND[mediaType] ?? mediaType;

/** 2048 → "2 KB", 2621440 → "2,5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("id-ID")} KB`;
  }
  return `${(bytes / (1024 * 1024)).toLocaleString("id-ID", { maximumFractionDigits: 1 })} MB`;
}

/** An RFC 3339 time as a local date and time: "24 November 2026 08.05". */
export function waktu(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = tanggal(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
  return `${date} ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}
