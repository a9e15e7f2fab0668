import type { RecordedService } from "../../bindings/RecordedService";

/**
 * "Riwayat tercatat": the applicant's membership in earlier rounds of the
 * same body that this database records. Read-only; the core counts it
 * toward the periods served, beside the service typed by hand.
 */
export function RecordedServiceList({ items }: { items: RecordedService[] }) {
  if (items.length === 0) return null;
  return (
    <section className="recorded-service" aria-label="Riwayat tercatat" data-testid="recorded-service">
      <h3>Riwayat tercatat di aplikasi ini</h3>
      <ul className="plain">
        {items.map((s, i) => (
          <li key={`${s.round_id}-${i}`}>
            {s.body} · {s.round_name} ({s.election}) · {s.unit_label} · {s.how}
          </li>
        ))}
      </ul>
      <p className="muted">Dihitung otomatis sebagai periode menjabat; tidak perlu diketik lagi di riwayat.</p>
    </section>
  );
}
