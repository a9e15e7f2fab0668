import { useId, useMemo, useState } from "react";

import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaRow } from "../bindings/QuotaRow";
import type { WomenShare } from "../bindings/WomenShare";
import type { WomenStage } from "../bindings/WomenStage";
import { WomenChart } from "./QuotaCharts";
import { kecamatanRows, latestStage, shareAt, shareText, WOMEN_STAGE_LABEL, WOMEN_STAGES } from "./quotaCharts";

/** One cell: the share in words, under 30% marked in words too, not only colour. */
function ShareCell({ share }: { share: WomenShare | undefined }) {
  const text = shareText(share);
  if (!share || share.percent === null) return <td className="muted">{text}</td>;
  if (!share.below_30) return <td className="num">{text}</td>;
  return (
    <td className="num quota-women-low" data-testid="women-low">
      <span aria-hidden="true">⚠ </span>
      {text} <span className="quota-women-note">di bawah 30%</span>
    </td>
  );
}

/**
 * Women's representation at every stage (applicants, MS, passed the written
 * test, final list, members), for the kabupaten and a kecamatan or desa the
 * user picks, and per kecamatan as a chart at a stage the user picks. It is
 * a point of attention (at least 30%), not a quota: the core decides the
 * warning; nothing here reorders anyone.
 */
export function WomenSection({ data }: { data: QuotaDashboard }) {
  const uid = useId();
  const kecRows = kecamatanRows(data);
  const isPps = data.body === "PPS";
  const [unitCode, setUnitCode] = useState<string>(() => kecRows[0]?.unit_code ?? "");
  const reached = data.total.women.map((s) => s.stage);
  const [picked, setPicked] = useState<WomenStage | null>(null);
  const stage = picked && reached.includes(picked) ? picked : latestStage(data);

  const byCode = useMemo(() => {
    const m = new Map<string, QuotaRow>();
    for (const r of [...data.kecamatan, ...data.units]) if (!m.has(r.unit_code)) m.set(r.unit_code, r);
    return m;
  }, [data]);
  const desaOf = useMemo(() => {
    const m = new Map<string, QuotaRow[]>();
    if (!isPps) return m;
    for (const u of data.units) {
      const list = m.get(u.kecamatan_code);
      if (list) list.push(u);
      else m.set(u.kecamatan_code, [u]);
    }
    return m;
  }, [data, isPps]);
  const unit = byCode.get(unitCode) ?? kecRows[0];

  return (
    <section className="quota-women" aria-labelledby={`${uid}-women`} data-testid="women-section">
      <h3 id={`${uid}-women`}>Keterwakilan perempuan</h3>
      <p className="muted">
        Perlu diperhatikan paling sedikit 30% perempuan di setiap tahap; ini bukan kuota dan tidak mengubah peringkat.
      </p>
      <div className="filters">
        <label className="inline-field">
          <span>Wilayah</span>
          <select value={unit?.unit_code ?? ""} onChange={(e) => setUnitCode(e.target.value)}>
            {kecRows.map((k) =>
              isPps ? (
                <optgroup key={k.unit_code} label={`Kecamatan ${k.unit_name}`}>
                  <option value={k.unit_code}>Kecamatan {k.unit_name} (jumlah)</option>
                  {(desaOf.get(k.kecamatan_code) ?? []).map((d) => (
                    <option key={d.unit_code} value={d.unit_code}>
                      {d.unit_name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                <option key={k.unit_code} value={k.unit_code}>
                  Kecamatan {k.unit_name}
                </option>
              ),
            )}
          </select>
        </label>
      </div>
      <div className="table-wrap">
        <table className="data quota-women-table" aria-label="Keterwakilan perempuan per tahap">
          <thead>
            <tr>
              <th scope="col">Tahap</th>
              <th scope="col">Seluruh kabupaten</th>
              {unit && <th scope="col">{unit.unit_name}</th>}
            </tr>
          </thead>
          <tbody>
            {WOMEN_STAGES.map((s) => (
              <tr key={s} data-testid={`women-stage-${s}`}>
                <th scope="row">{WOMEN_STAGE_LABEL[s]}</th>
                <ShareCell share={shareAt(data.total, s)} />
                {unit && <ShareCell share={shareAt(unit, s)} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {kecRows.length > 0 && (
        <>
          <div className="filters">
            <label className="inline-field">
              <span>Grafik per kecamatan pada tahap</span>
              <select value={stage} onChange={(e) => setPicked(e.target.value as WomenStage)}>
                {reached.map((s) => (
                  <option key={s} value={s}>
                    {WOMEN_STAGE_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <WomenChart data={data} stage={stage} />
        </>
      )}
    </section>
  );
}
