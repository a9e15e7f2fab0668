import type { RuleResult } from "../bindings/RuleResult";
import { RULE_LABEL, VERDICT } from "./applicantText";

/** Eligibility rule by rule: label, verdict in words with an icon, and the reason. */
export function RuleList({ rules }: { rules: RuleResult[] }) {
  if (rules.length === 0) return <p className="muted">Belum ada yang dapat diperiksa.</p>;
  return (
    <ul className="rules" aria-label="Persyaratan">
      {rules.map((r) => {
        const v = VERDICT[r.verdict];
        return (
          <li key={r.rule} className={`rule ${r.verdict}`} data-testid="rule">
            <span className="rule-icon" aria-hidden="true">
              {v.icon}
            </span>
            <span>
              <strong>{RULE_LABEL[r.rule] ?? r.rule}</strong>: <span className="verdict">{v.label}</span>
              <br />
              <span className="muted">{r.reason}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
