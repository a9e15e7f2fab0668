import { useCallback, useEffect, useRef, useState } from "react";

import { call, SESSION_CHECK_EVENT, SESSION_LOCKED_EVENT } from "../api";
import type { ChainReport } from "../bindings/ChainReport";
import type { Session } from "../bindings/Session";
import { useIdleLock } from "../components/useIdleLock";
import { AboutDialog } from "./AboutDialog";
import { AccountsPage } from "./AccountsPage";
import { ApplicantsPage } from "./ApplicantsPage";
import { AuditPage } from "./AuditPage";
import { BackupPage } from "./BackupPage";
import { ChangePasswordDialog } from "./ChangePasswordDialog";
import { DocumentSettingsPage } from "./DocumentSettingsPage";
import { HomePage } from "./HomePage";
import { LockScreen } from "./LockScreen";
import { may } from "./may";
import { ROLE_LABEL } from "./roleLabels";
import { SelectionPage } from "./SelectionPage";
import { VerificationPage } from "./VerificationPage";

type Page = "home" | "applicants" | "verification" | "selection" | "documents" | "accounts" | "audit" | "backup";

interface Props {
  session: Session;
  kabupaten: string | null;
  idleMinutes: number;
  initiallyLocked?: boolean;
  onLogout: () => void;
}

/**
 * The logged-in app: top bar with the pages the role may use, the audit
 * warning banner, and the lock screen, drawn over the page (which stays
 * mounted, so unsaved input is kept).
 */
export function Shell({ session: initial, kabupaten, idleMinutes, initiallyLocked = false, onLogout }: Props) {
  const [session, setSession] = useState(initial);
  const [page, setPage] = useState<Page>("home");
  const [locked, setLocked] = useState(initiallyLocked);
  const [dialog, setDialog] = useState<"none" | "about" | "password">("none");
  const [audit, setAudit] = useState<ChainReport | null>(null);
  // The applicants page stays mounted once opened, so a half-filled
  // registration form survives a look at another page.
  const [applicantsOpened, setApplicantsOpened] = useState(false);
  // Likewise the verification page keeps the open file and a reason being written.
  const [verificationOpened, setVerificationOpened] = useState(false);
  // And the selection page keeps the round and tab chosen and marks being typed.
  const [selectionOpened, setSelectionOpened] = useState(false);
  // And the documents' settings keep a kop or a text being edited.
  const [documentsOpened, setDocumentsOpened] = useState(false);

  const lock = useCallback(() => {
    setLocked(true);
    call("lock_session").catch(() => undefined);
  }, []);
  useIdleLock(idleMinutes, !locked, lock);

  useEffect(() => {
    const onLocked = () => setLocked(true);
    window.addEventListener(SESSION_LOCKED_EVENT, onLocked);
    return () => window.removeEventListener(SESSION_LOCKED_EVENT, onLocked);
  }, []);

  // When the core refuses for want of a role or a session, the account
  // may have changed since the login: the core's session as it is now
  // replaces ours (the pages follow the new role); a deactivated account is
  // logged out. Not on the backup page, which ends the session itself after
  // a restore and says so there.
  const pageRef = useRef(page);
  const onLogoutRef = useRef(onLogout);
  useEffect(() => {
    pageRef.current = page;
    onLogoutRef.current = onLogout;
  });
  useEffect(() => {
    let live = true;
    const onCheck = () => {
      call("current_session").then(
        (status) => {
          if (!live || !status) return;
          const fresh = status.session;
          // Kept as it is when nothing changed: pages that read the session
          // again on a new one must not ask, be refused and ask again.
          if (fresh) setSession((held) => (JSON.stringify(held) === JSON.stringify(fresh) ? held : fresh));
          else if (pageRef.current !== "backup") onLogoutRef.current();
        },
        () => undefined,
      );
    };
    window.addEventListener(SESSION_CHECK_EVENT, onCheck);
    return () => {
      live = false;
      window.removeEventListener(SESSION_CHECK_EVENT, onCheck);
    };
  }, []);

  useEffect(() => {
    call("audit_status").then(setAudit, () => undefined);
  }, []);

  // While locked the page is `inert` and hidden from screen readers. Where
  // `inert` is not honoured (an older WebView, jsdom), these handlers keep
  // it so: focus landing under the lock goes back to its password, and
  // clicks and keys do not reach what is under it.
  const underLock = locked
    ? {
        onFocusCapture: (e: React.FocusEvent) => {
          (e.target as HTMLElement).blur();
          document.querySelector<HTMLElement>("[data-lock-focus]")?.focus();
        },
        onClickCapture: (e: React.SyntheticEvent) => {
          e.preventDefault();
          e.stopPropagation();
        },
        onKeyDownCapture: (e: React.SyntheticEvent) => {
          e.preventDefault();
          e.stopPropagation();
        },
      }
    : {};

  const closeDialog = useCallback(() => setDialog("none"), []);
  const nav: { page: Page; label: string; shown: boolean }[] = [
    { page: "home", label: "Beranda", shown: true },
    { page: "applicants", label: "Pendaftar", shown: true },
    // Whoever verifies the files, closes the stage or reopens it.
    {
      page: "verification",
      label: "Penelitian berkas",
      shown: may(session, "verify_documents", "close_stages", "unlock_stages"),
    },
    { page: "selection", label: "Seleksi", shown: true },
    // Edited by whoever manages rounds, read by whoever signs what they shape.
    { page: "documents", label: "Pengaturan dokumen", shown: may(session, "manage_rounds", "sign_announcements") },
    { page: "accounts", label: "Akun petugas", shown: may(session, "manage_accounts") },
    { page: "audit", label: "Jejak audit", shown: may(session, "read_audit") },
    { page: "backup", label: "Cadangan", shown: may(session, "manage_backups") },
  ];
  // A page the (new) role may not use is left for the home page.
  const allowed = nav.find((n) => n.page === page)?.shown ?? false;
  useEffect(() => {
    if (!allowed) setPage("home");
  }, [allowed]);

  return (
    <>
      <div className="app" inert={locked} aria-hidden={locked || undefined} {...underLock}>
        <header className="topbar">
          <div className="brand">
            <strong>Seleksi Ad Hoc</strong>
            {kabupaten && <span className="muted"> · KPU {kabupaten}</span>}
          </div>
          <nav className="pages" aria-label="Halaman">
            {nav
              .filter((n) => n.shown)
              .map((n) => (
                <button
                  key={n.page}
                  type="button"
                  id={`nav-${n.page}`}
                  className={page === n.page ? "tab current" : "tab"}
                  aria-current={page === n.page ? "page" : undefined}
                  onClick={() => {
                    if (n.page === "applicants") setApplicantsOpened(true);
                    if (n.page === "verification") setVerificationOpened(true);
                    if (n.page === "selection") setSelectionOpened(true);
                    if (n.page === "documents") setDocumentsOpened(true);
                    setPage(n.page);
                  }}
                >
                  {n.label}
                </button>
              ))}
          </nav>
          <nav className="topbar-actions" aria-label="Akun">
            <span data-testid="current-user">
              {session.full_name} ({ROLE_LABEL[session.role]})
            </span>
            <button type="button" className="ghost" onClick={() => setDialog("password")}>
              Ganti kata sandi
            </button>
            <button type="button" className="ghost" onClick={lock}>
              Kunci layar
            </button>
            <button type="button" className="ghost" onClick={() => setDialog("about")}>
              Tentang
            </button>
            <button type="button" onClick={onLogout}>
              Keluar
            </button>
          </nav>
        </header>
        {audit && audit.first_broken !== null && (
          <p className="banner" role="alert" data-testid="audit-banner">
            Peringatan: jejak audit rusak mulai catatan {audit.first_broken}. {audit.problem} Jangan mengubah database;
            laporkan kepada pimpinan dan administrator.
          </p>
        )}
        <main>
          {page === "home" && <HomePage session={session} />}
          {(page === "applicants" || applicantsOpened) && (
            <div hidden={page !== "applicants"}>
              <ApplicantsPage session={session} active={page === "applicants" && !locked && dialog === "none"} />
            </div>
          )}
          {(page === "verification" || verificationOpened) && (
            <div hidden={page !== "verification"}>
              <VerificationPage session={session} active={page === "verification" && !locked && dialog === "none"} />
            </div>
          )}
          {(page === "selection" || selectionOpened) && (
            <div hidden={page !== "selection"}>
              <SelectionPage session={session} active={page === "selection"} />
            </div>
          )}
          {(page === "documents" || documentsOpened) && (
            <div hidden={page !== "documents"}>
              <DocumentSettingsPage session={session} />
            </div>
          )}
          {page === "accounts" && <AccountsPage session={session} />}
          {page === "audit" && <AuditPage />}
          {/* A restore ends the session: back to the login screen as "Keluar" does. */}
          {page === "backup" && <BackupPage onLoggedOut={onLogout} />}
        </main>
        {dialog === "about" && <AboutDialog onClose={closeDialog} />}
        {dialog === "password" && <ChangePasswordDialog onClose={closeDialog} />}
      </div>
      {locked && (
        <LockScreen
          session={session}
          onUnlocked={(s) => {
            setSession(s);
            setLocked(false);
          }}
          onLogout={onLogout}
        />
      )}
    </>
  );
}
