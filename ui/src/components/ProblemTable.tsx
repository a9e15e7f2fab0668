import { angka } from "../api/format";
import type { Problems } from "../bindings/Problems";

interface Props {
  /** The problems the core listed (at most 1,000) and how many more it found. */
  problems: Problems;
  /** Accessible name of the table, e.g. "Masalah pada berkas nilai". */
  label: string;
  /** What an empty column cell (a problem of the whole row) shows. */
  blank?: string;
}

/** Every problem the core found in a file, listed or not. */
export function problemCount(problems: Problems): number {
  return problems.listed.length + problems.more;
}

/** The problems of a refused CSV import: line, column and reason. */
export function ProblemTable({ problems, label, blank = "" }: Props) {
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
        {problems.listed.map((p, i) => (
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

/** Says that only the first problems are listed, when the core left some out; nothing otherwise. */
export function MoreProblems({ problems }: { problems: Problems }) {
  if (problems.more === 0) return null;
  return (
    <p className="muted" data-testid="problems-more">
      Ditampilkan {angka(problems.listed.length)} masalah pertama; {angka(problems.more)} masalah lainnya tidak
      ditampilkan. Perbaiki masalah ini dulu, lalu impor lagi untuk melihat sisanya.
    </p>
  );
}
