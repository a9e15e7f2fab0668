import { tanggal } from "../../api/format";
import type { ResponseView } from "../../bindings/ResponseView";

/** What the dialogs repeat about the response being handled. */
export function ResponseSummary({ response: r }: { response: ResponseView }) {
  return (
    <div className="response-summary">
      <p>
        Tanggapan tentang <strong>{r.full_name}</strong> ({r.reg_number}, {r.unit_label}) dari {r.sender}, diterima{" "}
        {tanggal(r.received_on)}:
      </p>
      <blockquote className="response-quote">{r.content}</blockquote>
    </div>
  );
}
