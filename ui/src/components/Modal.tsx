import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Room for a wider content (a record in full). */
  wide?: boolean;
}

/** A modal dialog: focus moves into it (to a `data-autofocus` control if any), Escape closes it. */
export function Modal({ title, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, so that the effect below runs once: a parent that
  // passes a new function each render (an inline arrow) must not move the
  // focus back to the first control while someone types in the dialog.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // A control marked data-autofocus gets the focus; else the first one.
    const first =
      ref.current?.querySelector<HTMLElement>("[data-autofocus]") ??
      ref.current?.querySelector<HTMLElement>("input, select, button, textarea");
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      // Not while the page under it is inert (the lock screen is over it):
      // the key was typed on the lock screen.
      if (e.key === "Escape" && !ref.current?.closest("[inert]")) close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      previous?.focus();
    };
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={wide ? "card modal wide" : "card modal"} role="dialog" aria-modal="true" aria-label={title}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="ghost" onClick={onClose} aria-label="Tutup">
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
