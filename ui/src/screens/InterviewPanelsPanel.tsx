import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { Aspect } from "../bindings/Aspect";
import type { InterviewSetup } from "../bindings/InterviewSetup";
import type { NewInterviewer } from "../bindings/NewInterviewer";
import type { PanelSchedule } from "../bindings/PanelSchedule";
import type { Problems } from "../bindings/Problems";
import { ErrorBox } from "../components/ErrorBox";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { useMounted } from "../components/useMounted";
import { writtenText } from "./written";
import { InterviewGrid } from "./InterviewGrid";

interface Props {
  roundId: number;
  /** The session may enter scores (Verifikator). */
  mayEnter: boolean;
  /** Panel scores changed interview marks: the score sheet is read again. */
  onStored: () => void;
}

/** "Ani; 19800101 200501 1 001; Anggota" per line → interviewers (NIP and position optional). */
export function parseInterviewers(text: string): NewInterviewer[] {
  return text
    .split("\n")
    .map((l) => l.split(";").map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([name, nip, jabatan]) => ({ name: name!, nip: nip ?? "", jabatan: jabatan ?? "" }));
}

/**
 * Interviews by panels: the aspects of the form and their weights, the panels and their
 * interviewers, candidates spread over the panels, each panel's schedule, and each candidate's
 * grid of scores; the interview mark is the mean of the interviewers' weighted sums, computed
 * by the core.
 */
export function InterviewPanelsPanel({ roundId, mayEnter, onStored }: Props) {
  const mounted = useMounted();
  const [setup, setSetup] = useState<InterviewSetup | null>(null);
  const [schedule, setSchedule] = useState<PanelSchedule[]>([]);
  const [aspects, setAspects] = useState<Aspect[]>([]);
  const [panelName, setPanelName] = useState("");
  const [room, setRoom] = useState("");
  const [people, setPeople] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [s, sch] = await Promise.all([
        call("interview_setup", { roundId }),
        call("interview_schedule", { roundId }),
      ]);
      if (!mounted.current) return;
      setSetup(s);
      setSchedule(sch);
      setAspects(s.aspects.map((a) => ({ name: a.name, weight: a.weight })));
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    }
  }, [roundId, mounted]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (what: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setProblems(null);
    try {
      const said = await what();
      if (mounted.current && said) setNotice(said);
      await load();
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  if (!setup) {
    return (
      <section className="card" aria-label="Panel wawancara">
        <ErrorBox message={error} />
        {!error && <p aria-busy="true">Memuat…</p>}
      </section>
    );
  }
  const canChange = mayEnter && setup.editable;
  const weightTotal = aspects.reduce((s, a) => s + (Number.isFinite(a.weight) ? a.weight : 0), 0);

  return (
    <details className="card" open={setup.panels.length > 0} data-testid="interview-panels">
      <summary>
        <strong>Wawancara dengan panel</strong>{" "}
        <span className="muted">
          ({angka(setup.panels.length)} panel; {angka(setup.unassigned)} peserta belum dibagi)
        </span>
      </summary>
      <p className="muted">
        Setiap pewawancara menilai setiap aspek 0–100. Nilai seorang pewawancara adalah jumlah berbobotnya; nilai
        wawancara peserta adalah rata-rata nilai para pewawancara di panelnya, dihitung setelah semua aspek dinilai.
      </p>
      <ErrorBox message={error} />
      {notice && (
        <p className="ok-box" role="status">
          {notice}
        </p>
      )}
      {problems && problemCount(problems) > 0 && (
        <>
          <MoreProblems problems={problems} />
          <div className="table-wrap short">
            <ProblemTable problems={problems} label="Masalah pada rekap nilai panel" />
          </div>
        </>
      )}

      <h3>Aspek penilaian</h3>
      <table className="data" aria-label="Aspek penilaian">
        <thead>
          <tr>
            <th scope="col">Aspek</th>
            <th scope="col">Bobot</th>
          </tr>
        </thead>
        <tbody>
          {aspects.map((a, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Nama aspek ${i + 1}`}
                  value={a.name}
                  disabled={!mayEnter || !setup.aspects_editable}
                  onChange={(e) => setAspects(aspects.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                />
              </td>
              <td>
                <input
                  aria-label={`Bobot aspek ${i + 1}`}
                  inputMode="numeric"
                  value={a.weight}
                  disabled={!mayEnter || !setup.aspects_editable}
                  onChange={(e) =>
                    setAspects(aspects.map((x, j) => (j === i ? { ...x, weight: Number(e.target.value) } : x)))
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayEnter && setup.aspects_editable ? (
        <div className="actions start">
          <button type="button" disabled={busy} onClick={() => setAspects([...aspects, { name: "", weight: 10 }])}>
            Tambah aspek
          </button>
          {aspects.length > 1 && (
            <button type="button" disabled={busy} onClick={() => setAspects(aspects.slice(0, -1))}>
              Hapus aspek terakhir
            </button>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await call("set_interview_aspects", { roundId, aspects });
                return "Aspek penilaian disimpan.";
              })
            }
          >
            Simpan aspek (jumlah bobot {angka(weightTotal)})
          </button>
        </div>
      ) : (
        <p className="muted">Aspek tidak dapat diubah lagi: sudah ada nilai panel.</p>
      )}

      <h3>Panel dan pewawancara</h3>
      {setup.panels.length === 0 && <p className="empty">Belum ada panel.</p>}
      <ul className="compact" aria-label="Panel">
        {setup.panels.map((p) => (
          <li key={p.id} data-testid="panel">
            <strong>{p.name}</strong>
            {p.room ? ` (${p.room})` : ""}: {p.interviewers.map((i) => i.name).join(", ")} · {angka(p.candidates)}{" "}
            peserta{" "}
            {canChange && (
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await call("delete_interview_panel", { panelId: p.id });
                    return `${p.name} dihapus; pesertanya menunggu panel lain.`;
                  })
                }
              >
                Hapus panel
              </button>
            )}
          </li>
        ))}
      </ul>
      {canChange && (
        <form
          className="panel-form"
          aria-label="Panel baru"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await call("add_interview_panel", { roundId, name: panelName, room, interviewers: parseInterviewers(people) });
              setPanelName("");
              setRoom("");
              setPeople("");
              return `Panel ${panelName} ditambahkan.`;
            });
          }}
        >
          <div className="actions start">
            <label>
              Nama panel <input value={panelName} onChange={(e) => setPanelName(e.target.value)} placeholder="Panel 1" />
            </label>
            <label>
              Ruang <input value={room} onChange={(e) => setRoom(e.target.value)} placeholder="Ruang Rapat" />
            </label>
          </div>
          <label>
            Pewawancara (satu per baris: nama; NIP; jabatan — NIP dan jabatan boleh kosong)
            <textarea rows={3} value={people} onChange={(e) => setPeople(e.target.value)} />
          </label>
          <div className="actions start">
            <button type="submit" disabled={busy}>
              Tambah panel
            </button>
            {setup.panels.length > 0 && setup.unassigned > 0 && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const n = await call("assign_interview_panels", { roundId });
                    return `${angka(n)} peserta dibagi ke panel (satu wilayah tetap dalam satu panel).`;
                  })
                }
              >
                Bagi {angka(setup.unassigned)} peserta ke panel
              </button>
            )}
            {mayEnter && setup.scoring && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const r = await call("import_interview_scores", { roundId });
                    if (!r) return null;
                    if (problemCount(r.problems) > 0) {
                      setProblems(r.problems);
                      return null;
                    }
                    onStored();
                    return `${angka(r.scores)} nilai aspek dari ${angka(r.candidates)} peserta disimpan; ${angka(r.marks)} nilai wawancara lengkap.`;
                  })
                }
              >
                Impor rekap nilai panel…
              </button>
            )}
          </div>
        </form>
      )}

      <h3>Jadwal per panel</h3>
      {schedule.map((s) => (
        <div key={s.panel_id} className="table-wrap" data-testid="panel-schedule">
          <table className="data" aria-label={s.panel_id ? `Jadwal ${s.panel}` : "Belum dibagi ke panel"}>
            <caption>
              {s.panel_id ? `${s.panel}${s.room ? ` · ${s.room}` : ""} · ${s.interviewers.join(", ")}` : "Belum dibagi ke panel"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Urutan</th>
                <th scope="col">Waktu</th>
                <th scope="col">Nomor</th>
                <th scope="col">Nama</th>
                <th scope="col">Wilayah</th>
                <th scope="col">Nilai</th>
                <th scope="col">
                  <span className="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.applicant_id} data-testid="schedule-row">
                  <td className="num">{r.turn || "–"}</td>
                  <td>{r.time}</td>
                  <td>{r.reg_number}</td>
                  <td>{r.full_name}</td>
                  <td>{r.unit}</td>
                  <td className="num">{r.mark || "–"}</td>
                  <td>
                    {s.panel_id !== 0 && (
                      <>
                        <button type="button" className="small" onClick={() => setOpen(r.applicant_id)}>
                          Nilai panel
                        </button>{" "}
                        <button
                          type="button"
                          className="small"
                          onClick={() =>
                            void act(async () => {
                              const w = await call("save_interview_form", { roundId, applicantId: r.applicant_id });
                              return w ? writtenText("Formulir penilaian", w) : null;
                            })
                          }
                        >
                          Formulir PDF…
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {open !== null && (
        <InterviewGrid
          key={open}
          roundId={roundId}
          applicantId={open}
          mayEnter={mayEnter}
          onChanged={() => {
            onStored();
            void load();
          }}
          onClose={() => setOpen(null)}
        />
      )}
    </details>
  );
}
