import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../../api";
import type { PersonHistory } from "../../bindings/PersonHistory";
import { ErrorBox } from "../../components/ErrorBox";

/**
 * A person's history by NIK across rounds and elections: applications and
 * how far they went, seats held without selection, PAW, monthly reports
 * and the end-of-term evaluation.
 */
export function PersonHistoryView({ nik }: { nik: string }) {
  const [data, setData] = useState<PersonHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call("person_history", { nik })
      .then((h) => {
        if (live) setData(h);
      })
      .catch((e) => {
        if (live) setError(toErrorPayload(e).message);
      });
    return () => {
      live = false;
    };
  }, [nik]);
  return (
    <section className="person-history" aria-label="Riwayat menurut NIK" data-testid="person-history">
      <h3>Riwayat menurut NIK</h3>
      <ErrorBox message={error} />
      {data && data.entries.length === 0 && <p className="muted">Belum ada riwayat lain.</p>}
      {data && data.entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Seleksi</th>
              <th scope="col">Wilayah</th>
              <th scope="col">Peran</th>
              <th scope="col">Hasil</th>
              <th scope="col">Evaluasi</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e, i) => (
              <tr key={i} data-testid="history-row">
                <td>
                  {e.round_name} ({e.body}, {e.election})
                </td>
                <td>{e.unit_label}</td>
                <td>
                  {e.role}
                  {e.decision && <div className="muted">{e.decision}</div>}
                </td>
                <td>
                  {e.outcome}
                  {e.left && <div className="muted">{e.left}</div>}
                </td>
                <td>
                  {e.reports > 0 && <div>{e.reports} laporan bulanan</div>}
                  {e.evaluation ? `Evaluasi akhir: ${e.evaluation.summary}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
