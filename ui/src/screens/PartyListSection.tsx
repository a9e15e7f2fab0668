import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { PartyHit } from "../bindings/PartyHit";
import type { PartyImport } from "../bindings/PartyImport";
import type { RoundSummary } from "../bindings/RoundSummary";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { PartyCheckPanel } from "./PartyCheckPanel";

/**
 * The party-membership list (SIPOL export): applicants whose NIK is in it,
 * and, for administrators, importing a new list from a CSV file.
 */
export function PartyListSection({ canImport, rounds }: { canImport: boolean; rounds: RoundSummary[] }) {
  const [hits, setHits] = useState<PartyHit[] | null>(null);
  /** Bumped after an import, so the per-round states are asked again. */
  const [imports, setImports] = useState(0);
  const [report, setReport] = useState<PartyImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call("party_hits").then(setHits, (e) => setError(toErrorPayload(e).message));
  }, []);

  const importFile = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call("import_party_list");
      if (r) {
        setReport(r);
        if (problemCount(r.problems) === 0) {
          setHits(r.hits);
          setImports((n) => n + 1);
        }
      }
    } catch (e) {
      setError(toErrorPayload(e).message);
    } finally {
      setBusy(false);
    }
  };

  const refused = report && problemCount(report.problems) > 0;
  return (
    <section aria-labelledby="party-title">
      <div className="section-head">
        <h2 id="party-title">Daftar anggota partai politik (SIPOL)</h2>
        <div className="row-actions">
          <ExportButton list={{ list: "party_hits" }} title="Pendaftar yang NIK-nya tercantum dalam daftar" />
          {canImport && (
            <button type="button" onClick={() => void importFile()} disabled={busy}>
              {busy ? "Mengimpor…" : "Impor berkas CSV…"}
            </button>
          )}
        </div>
      </div>
      {canImport && (
        <p className="muted">
          Berkas CSV dengan kolom <code>nik</code> dan <code>partai</code> (pemisah koma atau titik koma). Impor
          mengganti seluruh daftar; bila ada baris yang salah, tidak ada yang disimpan. Daftar tanpa baris data juga
          sah (tidak ada anggota partai di kabupaten ini). Bila keanggotaan diperiksa dengan cara lain, catat per
          seleksi di bawah.
        </p>
      )}
      <ErrorBox message={error} />
      {refused && (
        <div role="alert">
          <p className="error-box">
            {angka(problemCount(report.problems))} masalah ditemukan; tidak ada yang disimpan dan daftar lama tetap berlaku.
            Perbaiki berkasnya lalu impor ulang.
          </p>
          <MoreProblems problems={report.problems} />
          <ProblemTable problems={report.problems} label="Masalah pada berkas" />
        </div>
      )}
      {report && !refused && (
        <p className="ok-box" role="status">
          {angka(report.members)} anggota partai disimpan; {angka(report.hits.length)} pendaftar tercantum di dalamnya.
        </p>
      )}
      <PartyCheckPanel rounds={rounds} canChange={canImport} listVersion={imports} />
      {hits && hits.length === 0 && <p className="muted">Tidak ada pendaftar yang NIK-nya tercantum.</p>}
      {hits && hits.length > 0 && (
        <table className="data" aria-label="Pendaftar yang tercantum">
          <thead>
            <tr>
              <th scope="col">Nomor pendaftaran</th>
              <th scope="col">Nama</th>
              <th scope="col">Seleksi</th>
              <th scope="col">Partai</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.reg_number + h.round_name} data-testid="party-hit">
                <td>{h.reg_number}</td>
                <td>{h.full_name}</td>
                <td>{h.round_name}</td>
                <td>{h.parties}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
