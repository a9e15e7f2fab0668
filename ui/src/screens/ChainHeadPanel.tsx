import { type FormEvent, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { ChainHead } from "../bindings/ChainHead";

/**
 * The audit chain's head in the words every official document prints at its
 * foot, and a check of a head typed from a printed Berita Acara: the chain
 * must still hold that entry with that hash (it may have grown since).
 * `version` changes when the page recorded something (an export).
 */
export function ChainHeadPanel({ version }: { version: number }) {
  const [head, setHead] = useState<ChainHead | null>(null);
  const [entries, setEntries] = useState("");
  const [hash, setHash] = useState("");
  const [result, setResult] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  useEffect(() => {
    call("audit_head").then(setHead, () => setHead(null));
  }, [version]);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const report = await call("verify_printed_audit", { entries, hash });
      setResult(
        report.first_broken === null
          ? {
              kind: "ok",
              text: "Cocok: jejak audit masih memuat catatan itu dengan hash yang sama; tidak ditulis ulang sejak dokumen dibuat.",
            }
          : { kind: "error", text: `Tidak cocok. ${report.problem ?? ""}` },
      );
    } catch (err) {
      setResult({ kind: "error", text: toErrorPayload(err).message });
    }
  };

  return (
    <div className="chain-head">
      {head && <p data-testid="chain-head">Jejak audit saat ini: {head.text}</p>}
      <form className="inline-form" onSubmit={(e) => void check(e)} aria-label="Cocokkan dengan dokumen cetak">
        <span>Cocokkan dengan dokumen cetak (kaki Berita Acara):</span>
        <label className="inline-field">
          <span>Jumlah catatan</span>
          <input name="entries" value={entries} onChange={(e) => setEntries(e.target.value)} size={8} inputMode="numeric" />
        </label>
        <label className="inline-field">
          <span>Hash terakhir</span>
          <input name="hash" value={hash} onChange={(e) => setHash(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" disabled={!entries.trim() || !hash.trim()}>
          Cocokkan
        </button>
      </form>
      {result && (
        <p className={result.kind === "ok" ? "ok-box" : "error-box"} role={result.kind === "ok" ? "status" : "alert"}>
          {result.text}
        </p>
      )}
    </div>
  );
}
