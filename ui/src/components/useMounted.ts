import { useEffect, useRef } from "react";

/**
 * A ref that is true while the component is mounted: an answer from the
 * core that arrives after the component is gone is then dropped.
 */
export function useMounted() {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
