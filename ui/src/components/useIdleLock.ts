import { useEffect } from "react";

import { call } from "../api";

const ACTIVITY = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] as const;
/** At most one keep-alive a minute while someone is working. */
const PING_MS = 60_000;

/**
 * Calls `onIdle` after `minutes` without keyboard or mouse activity, and
 * tells the core about activity (so a long form does not lock the session
 * while someone is typing in it).
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void) {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    let lastPing = last;
    const onActivity = () => {
      last = Date.now();
      if (last - lastPing >= PING_MS) {
        lastPing = last;
        call("keep_alive").catch(() => undefined);
      }
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) onIdle();
    }, 1_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
    };
  }, [minutes, active, onIdle]);
}
