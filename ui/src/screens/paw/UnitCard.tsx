import { memo, useMemo } from "react";

import { angka, tanggal } from "../../api/format";
import { CAUSE_LABEL, type CardProps, pendingEvent, rank, SEX_LABEL, type UnitView, who } from "./shared";

/** One unit: a heading that opens onto its members, reserves, history and any departure waiting. */
export const UnitCard = memo(function UnitCard({
  view,
  level,
  idPrefix,
  mayAct,
  onToggle,
  onLeave,
  onConfirm,
}: CardProps & { view: UnitView; level: 3 | 4 }) {
  const { unit, open } = view;
  const code = unit.unit_code;
  const base = `${idPrefix}-unit-${code}`;
  const H = level === 3 ? "h3" : "h4";
  const waiting = pendingEvent(unit);
  const vacant = unit.quota - unit.members.length;
  const replacements = useMemo(
    () => new Set(unit.history.flatMap((e) => (e.replacement ? [e.replacement.applicant_id] : []))),
    [unit.history],
  );
  const canLeave = mayAct && unit.pending === null;

  return (
    <section className="paw-unit" role="group" aria-labelledby={`${base}-title`} data-testid="paw-unit" data-unit={code}>
      <div className="paw-head">
        <H id={`${base}-title`}>
          <button
            type="button"
            id={`${idPrefix}-toggle-${code}`}
            className="paw-toggle"
            aria-expanded={open}
            aria-controls={`${base}-body`}
            onClick={() => onToggle(code, open)}
          >
            <span aria-hidden="true" className="paw-caret">
              {open ? "▾" : "▸"}
            </span>
            {unit.unit_name}
          </button>
        </H>
        <span className="mono muted">{code}</span>
        <span className="muted">
          Anggota {angka(unit.members.length)} dari {angka(unit.quota)} · Cadangan {angka(unit.reserves.length)}
        </span>
        {unit.pending !== null && <span className="badge warn">Menunggu penetapan pengganti</span>}
        {unit.history.length > 0 && <span className="badge paw-badge">{angka(unit.history.length)} PAW</span>}
        {vacant > 0 && unit.pending === null && (
          <span className="badge warn">{angka(vacant)} kursi kosong</span>
        )}
      </div>
      <div id={`${base}-body`} className="paw-body">
        {open && (
          <>
            {unit.pending !== null && (
              <div className="warn-box paw-pending" id={`${idPrefix}-pending-${code}`} tabIndex={-1} data-testid="paw-pending">
                <p>
                  <strong>Menunggu penetapan pengganti.</strong>{" "}
                  {waiting
                    ? `${who(waiting.member)} berhenti: ${waiting.cause_label || CAUSE_LABEL[waiting.cause]}, ${tanggal(waiting.left_on)}.`
                    : "Seorang anggota berhenti."}
                </p>
                {unit.proposed ? (
                  <p>
                    Usulan pengganti: <strong>{unit.proposed.full_name}</strong> ({unit.proposed.reg_number}), cadangan
                    peringkat {rank(unit.proposed)}.
                  </p>
                ) : (
                  <p>
                    <strong>Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.</strong>
                  </p>
                )}
                {mayAct && (
                  <div className="row-actions">
                    {unit.proposed && (
                      <button
                        type="button"
                        className="primary"
                        aria-label={`Tetapkan pengganti… ${unit.unit_name}`}
                        onClick={() => onConfirm(unit)}
                      >
                        Tetapkan pengganti…
                      </button>
                    )}
                    <span className="muted">
                      Pemberhentian anggota lain di wilayah ini dapat dicatat setelah penggantinya ditetapkan.
                    </span>
                  </div>
                )}
              </div>
            )}

            <div className="table-wrap paw-table-wrap">
              <table className="data paw-table">
                <caption>Anggota ({angka(unit.members.length)} dari {angka(unit.quota)})</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Peringkat
                    </th>
                    <th scope="col">Nama</th>
                    <th scope="col">Nomor pendaftaran</th>
                    <th scope="col">L/P</th>
                    {canLeave && <th scope="col">Tindakan</th>}
                  </tr>
                </thead>
                <tbody>
                  {unit.members.map((m) => (
                    <tr key={m.holder_id != null ? `h${m.holder_id}` : m.applicant_id} data-testid="paw-member">
                      <td className="num">{m.holder_id != null ? "–" : rank(m)}</td>
                      <th scope="row">
                        {m.full_name}
                        {m.holder_id == null && replacements.has(m.applicant_id) && (
                          <span className="badge paw-badge">Pengganti</span>
                        )}
                        {m.source_label && (
                          <span className="badge paw-badge" data-testid="paw-member-source">
                            {m.source_label}
                          </span>
                        )}
                      </th>
                      <td className="mono">{m.reg_number || "–"}</td>
                      <td>
                        <Sex sex={m.sex} />
                      </td>
                      {canLeave && (
                        <td>
                          <button
                            type="button"
                            className="small"
                            aria-label={`Berhenti… ${m.full_name}`}
                            onClick={() => onLeave(unit, m)}
                          >
                            Berhenti…
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                  {unit.members.length === 0 && (
                    <tr>
                      <td colSpan={canLeave ? 5 : 4} className="muted">
                        Tidak ada anggota yang menjabat.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>

            <div className="table-wrap paw-table-wrap">
              <table className="data paw-table">
                <caption>Cadangan, urut peringkat ({angka(unit.reserves.length)})</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Urutan
                    </th>
                    <th scope="col" className="num">
                      Peringkat
                    </th>
                    <th scope="col">Nama</th>
                    <th scope="col">Nomor pendaftaran</th>
                    <th scope="col">L/P</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.reserves.map((r, i) => (
                    <tr key={r.applicant_id} data-testid="paw-reserve">
                      <td className="num">{angka(i + 1)}</td>
                      <td className="num">{rank(r)}</td>
                      <th scope="row">{r.full_name}</th>
                      <td className="mono">{r.reg_number}</td>
                      <td>
                        <Sex sex={r.sex} />
                      </td>
                    </tr>
                  ))}
                  {unit.reserves.length === 0 && (
                    <tr>
                      <td colSpan={5} className="muted">
                        Tidak ada cadangan tersisa.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>

            {unit.history.length === 0 ? (
              <p className="muted paw-no-history">Belum ada PAW di wilayah ini.</p>
            ) : (
              <div className="table-wrap paw-table-wrap">
                <table className="data paw-table">
                  <caption>Riwayat PAW</caption>
                  <thead>
                    <tr>
                      <th scope="col">Tanggal berhenti</th>
                      <th scope="col">Anggota yang berhenti</th>
                      <th scope="col">Sebab</th>
                      <th scope="col">Keterangan</th>
                      <th scope="col">Pengganti</th>
                      <th scope="col">Dasar penetapan</th>
                    </tr>
                  </thead>
                  <tbody>
                    {unit.history.map((e) => (
                      <tr key={e.id} data-testid="paw-event">
                        <td className="paw-date">{tanggal(e.left_on)}</td>
                        <th scope="row">{who(e.member)}</th>
                        <td>{e.cause_label || CAUSE_LABEL[e.cause]}</td>
                        <td>{e.reason}</td>
                        <td>
                          {e.replacement
                            ? who(e.replacement)
                            : e.id !== unit.pending
                              ? "Diisi dengan penunjukan"
                              : !unit.proposed
                                ? "Tidak ada cadangan tersisa"
                                : "Menunggu penetapan"}
                        </td>
                        <td>{e.decision_note ?? "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
});

function Sex({ sex }: { sex: string }) {
  const label = SEX_LABEL[sex];
  return label ? <abbr title={label}>{sex}</abbr> : <>{sex || "–"}</>;
}
