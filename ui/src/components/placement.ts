// Where a popup (a type-ahead's list, a calendar) has room to open, and
// keeping the focused control clear of a bar stuck to the bottom of the
// window (the registration form's "Batal / Simpan" bar is marked
// `data-sticky-bottom`).

import { type RefObject, useEffect } from "react";

/**
 * The part of the window an element can be seen in: inside every scrolling
 * box around it, and above a sticky bottom bar in the same column.
 */
function visibleArea(el: HTMLElement): { top: number; bottom: number } {
  const own = el.getBoundingClientRect();
  let top = 0;
  let bottom = window.innerHeight;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowY)) {
      const r = p.getBoundingClientRect();
      // A box that lays out nothing (a test's DOM) does not narrow the view.
      if (r.height > 0) {
        top = Math.max(top, r.top);
        bottom = Math.min(bottom, r.bottom);
      }
    }
  }
  for (const bar of document.querySelectorAll<HTMLElement>("[data-sticky-bottom]")) {
    if (bar.contains(el)) continue;
    const r = bar.getBoundingClientRect();
    const sameColumn = r.left < own.right && r.right > own.left;
    if (r.height > 0 && sameColumn && r.top < bottom && r.bottom > top) bottom = Math.min(bottom, r.top);
  }
  return { top, bottom };
}

/** Room above and below an element, in pixels, where a popup would be seen. */
export function roomAround(el: HTMLElement): { above: number; below: number } {
  const r = el.getBoundingClientRect();
  const area = visibleArea(el);
  return { above: r.top - area.top, below: area.bottom - r.bottom };
}

/** Whether a popup of `height` should open above `el`: too little room below, more above. */
export function opensUpward(el: HTMLElement, height: number): boolean {
  const { above, below } = roomAround(el);
  return below < height && above > below;
}

const MARGIN = 8;

/**
 * Scrolls the window so that `el` is seen whole: not under a bar stuck to
 * the bottom, not above the top. Does nothing when it already is.
 */
export function revealAboveBar(el: HTMLElement): void {
  const r = el.getBoundingClientRect();
  const { top, bottom } = visibleArea(el);
  if (r.bottom > bottom - MARGIN) window.scrollBy({ top: r.bottom - bottom + MARGIN });
  else if (r.top < top + MARGIN) window.scrollBy({ top: r.top - top - MARGIN });
}

/**
 * Keeps whatever gets the focus inside `ref` (by Tab, a click, or a
 * refused save moving it) clear of the sticky bottom bar. Runs after the
 * browser's own scrolling, which does not know about the bar.
 */
export function useFocusClearOfBar(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let frame = 0;
    const onFocus = (e: FocusEvent) => {
      const target = e.target;
      if (!(target instanceof HTMLElement)) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (document.activeElement === target) revealAboveBar(target);
      });
    };
    root.addEventListener("focusin", onFocus);
    return () => {
      root.removeEventListener("focusin", onFocus);
      cancelAnimationFrame(frame);
    };
  }, [ref]);
}
