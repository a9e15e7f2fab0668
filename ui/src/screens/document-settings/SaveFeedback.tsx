import { ErrorBox } from "../../components/ErrorBox";

/** The core's complaint about a save, and the field it names (if any). */
export type Problem = { field: string | null; message: string } | null;

/** What became of a save: a general error, a field's problem (its field shows it too), or done. */
export function SaveFeedback({
  general,
  problem,
  status,
}: {
  general: string | null;
  problem: { message: string } | null;
  status: string | null;
}) {
  return (
    <>
      <ErrorBox message={general} />
      {problem && !general && (
        <p className="error-box" role="alert">
          Belum disimpan: {problem.message}
        </p>
      )}
      {status && (
        <p className="ok-box" role="status">
          {status}
        </p>
      )}
    </>
  );
}
