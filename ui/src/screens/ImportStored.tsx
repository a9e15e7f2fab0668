import { angka } from "../api/format";
import type { ApplicantImport } from "../bindings/ApplicantImport";

/** What an import stored: how many, their numbers, and the NIK warnings to check. */
export function ImportStored({ report }: { report: ApplicantImport }) {
  return (
    <p className="ok-box" role="status" data-testid="import-stored">
      {angka(report.stored)} pendaftar disimpan
      {report.first_number ? ` (${report.first_number} sampai ${report.last_number ?? report.first_number})` : ""};{" "}
      {report.with_nik_warnings > 0
        ? `${angka(report.with_nik_warnings)} dengan peringatan NIK perlu diperiksa.`
        : "tidak ada peringatan NIK."}
      {report.marked_online > 0 &&
        ` ${angka(report.marked_online)} pendaftar yang sudah terdaftar ditandai sebagai pendaftar daring.`}
    </p>
  );
}
