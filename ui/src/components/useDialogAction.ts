import { useCallback, useRef, useState } from "react";

import { useMounted } from "./useMounted";

/**
 * A dialog's one action at a time: `run` starts the work unless some is
 * already running, and while it runs the dialog cannot be closed (Escape,
 * ×, backdrop or Batal go through `close`). `close` is a stable callback,
 * so the dialog does not move the focus on each render. `mounted` tells
 * whether an answer still has a dialog to land in.
 */
export function useDialogAction(onClose: () => void) {
  const mounted = useMounted();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const close = useCallback(() => {
    if (!busyRef.current) onClose();
  }, [onClose]);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      try {
        await work();
      } finally {
        busyRef.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [mounted],
  );
  return { busy, close, run, mounted };
}
