import "./DocumentSettingsPage.css";

import { useEffect, useState } from "react";

import { call, toErrorPayload, type PublicationSettingsView } from "../api";
import type { KindTexts } from "../bindings/KindTexts";
import type { Session } from "../bindings/Session";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";
import { SettingsForm } from "./document-settings/SettingsForm";
import { TextsEditor } from "./document-settings/TextsEditor";
import { ROLE_LABEL } from "./roleLabels";

/**
 * The commission's official documents: the kop (address, contacts, logo),
 * who signs, the numbering and the texts of every kind. Everyone who may
 * open it sees the settings; only an Administrator changes them.
 */
export function DocumentSettingsPage({ session }: { session: Session }) {
  const mounted = useMounted();
  const [view, setView] = useState<PublicationSettingsView | null>(null);
  const [kinds, setKinds] = useState<KindTexts[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call("publication_settings"), call("publication_texts")]).then(
      ([v, k]) => {
        if (!mounted.current) return;
        setView(v);
        setKinds(k);
      },
      (e) => mounted.current && setLoadError(toErrorPayload(e).message),
    );
  }, [mounted]);

  return (
    <div className="content doc-settings">
      <section aria-labelledby="doc-settings-title">
        <h1 id="doc-settings-title">Pengaturan dokumen</h1>
        <p className="muted doc-intro">
          Kop surat, penandatangan, penomoran dan teks yang dipakai pada pengumuman, Berita Acara dan lampiran SK
          penetapan.
        </p>
        {view && !view.editable && (
          <p className="doc-readonly" role="note" data-testid="doc-readonly">
            Hanya Administrator yang dapat mengubah pengaturan dokumen. Anda masuk sebagai {ROLE_LABEL[session.role]};
            pengaturan ini hanya dapat dilihat.
          </p>
        )}
        <ErrorBox message={loadError} />
        {!view && !loadError && <p className="muted">Memuat pengaturan…</p>}
      </section>
      {view && (
        <SettingsForm
          initial={view.settings}
          logo={view.logo}
          editable={view.editable}
          onLogo={(logo) => setView((v) => (v ? { ...v, logo } : v))}
        />
      )}
      {view && kinds && <TextsEditor initial={kinds} placeholders={view.placeholders} editable={view.editable} />}
    </div>
  );
}
