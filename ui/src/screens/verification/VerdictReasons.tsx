import type { VerificationView } from "../../bindings/VerificationView";

/** Why TMS, or what is still open. */
export function VerdictReasons({
  verdict,
  reasons,
  pending,
  muted = false,
}: {
  verdict: VerificationView["final_verdict"];
  reasons: string[];
  pending: string[];
  muted?: boolean;
}) {
  const cls = muted ? "compact muted" : "compact";
  if (verdict === "TMS" && reasons.length > 0) {
    return (
      <>
        <p className={muted ? "muted" : undefined}>Alasan:</p>
        <ul className={cls} data-testid="verdict-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </>
    );
  }
  if (verdict === null && pending.length > 0) {
    return (
      <>
        <p className={muted ? "muted" : undefined}>Yang belum selesai:</p>
        <ul className={cls} data-testid="verdict-pending">
          {pending.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </>
    );
  }
  return null;
}
