// What the dialogs of the responses panel share.

import type { ResponseView } from "../../bindings/ResponseView";

/** The core's minimum for a content, a clarification or a reason (used in hints only; the core decides). */
export const MIN_CHARS = 10;

/** A dialog about one listed response. */
export interface ResponseDialogProps {
  response: ResponseView;
  onClose: () => void;
  onSaved: (r: ResponseView) => void;
}
