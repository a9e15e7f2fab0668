import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { AboutInfo } from "../bindings/AboutInfo";
import { Modal } from "../components/Modal";

/** Version, where the data lives, and the attributions the licences ask for. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const [info, setInfo] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call("about").then(setInfo, (e) => setError(toErrorPayload(e).message));
  }, []);
  return (
    <Modal title="Tentang Seleksi Ad Hoc" onClose={onClose}>
      {error && <p className="error-box">{error}</p>}
      {info && (
        <dl className="about">
          <dt>Versi aplikasi</dt>
          <dd>{info.app_version}</dd>
          <dt>Versi skema database</dt>
          <dd>{info.schema_version}</dd>
          <dt>Berkas database</dt>
          <dd>
            <code>{info.database_path}</code>
          </dd>
          <dt>Data wilayah</dt>
          <dd data-testid="region-attribution">{info.region_data}</dd>
          <dt>Lisensi</dt>
          <dd>{info.licence}</dd>
        </dl>
      )}
    </Modal>
  );
}
