import type { RowProblem } from "../bindings/RowProblem";

interface Props {
  problems: RowProblem[];
  /** Accessible name of the table, e.g. "Masalah pada berkas nilai". */
  label: string;
  /** Show only the first `limit` problems (the saved report has them all). */
  limit?: number;
  /** What an empty column cell (a problem of the whole row) shows. */
  blank?: string;
}

/** The problems of a refused CSV import: line, column and reason. */
export function ProblemTable({ problems, label, limit, blank = "" }: Props) {
  const shown = limit === undefined ? problems : problems.slice(0, limit);
  return (
    <table className="data" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            Baris
          </th>
          <th scope="col">Kolom</th>
          <th scope="col">Alasan</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((p, i) => (
          <tr key={i} data-testid="problem-row">
            <td className="num">{String(p.line)}</td>
            <td>{p.column || blank}</td>
            <td>{p.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
