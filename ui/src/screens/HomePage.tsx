import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka, tanggal } from "../api/format";
import type { HomeView } from "../bindings/HomeView";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { KecamatanTable } from "../components/KecamatanTable";
import { NewRoundDialog } from "./NewRoundDialog";
import { PartyListSection } from "./PartyListSection";
import { QuotaDialog } from "./QuotaDialog";
import { RequirementsDialog } from "./RequirementsDialog";
import { may } from "./may";
import { ErrorBox } from "../components/ErrorBox";

interface Props {
  session: Session;
}

function registration(r: RoundSummary): string {
  const s = r.schedule.find((x) => x.stage === "pendaftaran");
  return s ? `${tanggal(s.starts_on)} – ${tanggal(s.ends_on)}` : "–";
}

/** Home page: the rounds, and per kecamatan its desa count and quotas. */
export function HomePage({ session }: Props) {
  const [view, setView] = useState<HomeView | null>(null);
  const [election, setElection] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"none" | "new-round">("none");
  const [quotaRound, setQuotaRound] = useState<number | null>(null);
  const [requirementsRound, setRequirementsRound] = useState<RoundSummary | null>(null);

  const load = useCallback(async (e: string | null) => {
    try {
      setView(await call("home", { election: e }));
      setError(null);
    } catch (err) {
      setError(toErrorPayload(err).message);
    }
  }, []);

  useEffect(() => {
    void load(election);
  }, [load, election]);

  const closeDialog = useCallback(() => setDialog("none"), []);
  const closeQuota = useCallback(() => setQuotaRound(null), []);
  const closeRequirements = useCallback(() => setRequirementsRound(null), []);
  const mayManageRounds = may(session, "manage_rounds");

  return (
    <>
      <div className="content">
        <ErrorBox message={error} />
        {!view && !error && <p aria-busy="true">Memuat…</p>}
        {view && (
          <>
            <section aria-labelledby="rounds-title">
              <div className="section-head">
                <h1 id="rounds-title">Seleksi</h1>
                {mayManageRounds && (
                  <button type="button" className="primary" onClick={() => setDialog("new-round")}>
                    Buat seleksi baru
                  </button>
                )}
              </div>
              {view.rounds.length === 0 ? (
                <p className="empty">
                  Belum ada seleksi.{" "}
                  {mayManageRounds ? "Buat seleksi baru dari preset Pemilu 2024 atau Pilkada 2024." : "Hubungi administrator."}
                </p>
              ) : (
                <table className="data" aria-label="Daftar seleksi">
                  <thead>
                    <tr>
                      <th scope="col">Nama</th>
                      <th scope="col">Badan</th>
                      <th scope="col">Tahapan</th>
                      <th scope="col">Pendaftaran</th>
                      <th scope="col" className="num">
                        Kuota per wilayah
                      </th>
                      <th scope="col" className="num">
                        Pendaftar
                      </th>
                      <th scope="col" aria-label="Aksi" />
                    </tr>
                  </thead>
                  <tbody>
                    {view.rounds.map((r) => (
                      <tr key={r.id} data-testid="round-row">
                        <td>{r.name}</td>
                        <td>{r.body}</td>
                        <td>{r.current_stage_label}</td>
                        <td>{registration(r)}</td>
                        <td className="num">{r.settings.quota_per_unit}</td>
                        <td className="num">{angka(r.applicants)}</td>
                        <td>
                          <div className="row-actions">
                            <button type="button" className="small" onClick={() => setQuotaRound(r.id)}>
                              Kuota per wilayah
                            </button>
                            <button
                              type="button"
                              className="small"
                              id={`requirements-${r.id}`}
                              onClick={() => setRequirementsRound(r)}
                            >
                              Daftar berkas
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            <section aria-labelledby="regions-title">
              <div className="section-head">
                <h2 id="regions-title">Wilayah dan kuota{view.election ? ` · ${view.election}` : ""}</h2>
                {view.elections.length > 1 && (
                  <label className="inline-field">
                    <span>Pemilihan</span>
                    <select value={view.election ?? ""} onChange={(e) => setElection(e.target.value)}>
                      {view.elections.map((e) => (
                        <option key={e}>{e}</option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
              <p className="muted">
                {view.kecamatan.length} kecamatan, {angka(view.totals.desa)} desa dan {angka(view.totals.kelurahan)}{" "}
                kelurahan. Kuota PPK {angka(view.totals.quota_ppk)} orang, kuota PPS {angka(view.totals.quota_pps)}{" "}
                orang.
              </p>
              <KecamatanTable rows={view.kecamatan} totals={view.totals} />
            </section>

            <PartyListSection canImport={mayManageRounds} rounds={view.rounds} />
          </>
        )}
      </div>

      {dialog === "new-round" && (
        <NewRoundDialog
          onClose={closeDialog}
          onCreated={() => {
            closeDialog();
            void load(election);
          }}
        />
      )}
      {quotaRound !== null && (
        <QuotaDialog
          roundId={quotaRound}
          canEdit={mayManageRounds}
          onClose={closeQuota}
          onChanged={() => void load(election)}
        />
      )}
      {requirementsRound !== null && (
        <RequirementsDialog
          roundId={requirementsRound.id}
          roundName={requirementsRound.name}
          canEdit={mayManageRounds}
          onClose={closeRequirements}
        />
      )}
    </>
  );
}
