import { angka } from "../../api/format";
import { type CardProps, type GroupView, hasPaw } from "./shared";
import { UnitCard } from "./UnitCard";

/** A kecamatan of a PPS round, opening onto its desa/kelurahan. */
export function KecamatanGroup({ group, ...card }: CardProps & { group: GroupView }) {
  const { code, name, total, units, open } = group;
  const bodyId = `${card.idPrefix}-kec-${code}`;
  const pending = units.filter((u) => u.unit.pending !== null).length;
  const withPaw = units.filter((u) => hasPaw(u.unit)).length;
  return (
    <section className="paw-group" role="group" aria-labelledby={`${bodyId}-title`} data-testid="paw-kecamatan">
      <div className="paw-head">
        <h3 id={`${bodyId}-title`}>
          <button
            type="button"
            className="paw-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => card.onToggle(`kec:${code}`, open)}
          >
            <span aria-hidden="true" className="paw-caret">
              {open ? "▾" : "▸"}
            </span>
            {name}
          </button>
        </h3>
        <span className="mono muted">{code}</span>
        <span className="muted">
          {units.length !== total ? `${angka(units.length)} dari ${angka(total)} desa/kel.` : `${angka(total)} desa/kel.`}
        </span>
        {pending > 0 && <span className="badge warn">{angka(pending)} menunggu pengganti</span>}
        {withPaw > 0 && <span className="badge paw-badge">{angka(withPaw)} desa/kel. dengan PAW</span>}
      </div>
      <div id={bodyId} className="paw-group-body">
        {open && units.map((v) => <UnitCard key={v.unit.unit_code} view={v} level={4} {...card} />)}
      </div>
    </section>
  );
}
