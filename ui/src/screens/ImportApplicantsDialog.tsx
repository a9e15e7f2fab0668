import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ApplicantImport } from "../bindings/ApplicantImport";
import type { ImportProgress } from "../bindings/ImportProgress";
import { ErrorBox } from "../components/ErrorBox";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { Modal } from "../components/Modal";
import { ImportStored } from "./ImportStored";
import { useMounted } from "../components/useMounted";

interface Props {
  roundId: number;
  roundName: string;
  onClose: () => void;
  /** Applicants were stored: the list should reload. */
  onImported: (report: ApplicantImport) => void;
}

/**
 * "Memeriksa baris 40.000 dari 100.000" / "Menyimpan 20.000 dari 100.000"; a spreadsheet read row by
 * row does not know its total yet: "Memeriksa baris 40.000".
 */
export function progressText(p: ImportProgress): string {
  if (p.phase === "menyimpan") return `Menyimpan ${angka(p.done)} dari ${angka(p.total)}`;
  return p.total > 0 ? `Memeriksa baris ${angka(p.done)} dari ${angka(p.total)}` : `Memeriksa baris ${angka(p.done)}`;
}

/** A progress bar with its words. */
export function ImportProgressBar({ progress }: { progress: ImportProgress | null }) {
  const text = progress ? progressText(progress) : "Membaca berkas…";
  return (
    <div className="progress" data-testid="import-progress">
      <label htmlFor="import-progress-bar">{text}</label>
      <progress
        id="import-progress-bar"
        max={progress?.total || 1}
        value={progress ? progress.done : undefined}
        aria-valuetext={text}
      />
    </div>
  );
}

/** Imports a CSV of applicants into one round: all rows or none. */
export function ImportApplicantsDialog({ roundId, roundName, onClose, onImported }: Props) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ApplicantImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const mounted = useMounted();

  const pick = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    setSaved(null);
    setProgress(null);
    const channel = new Channel<ImportProgress>();
    channel.onmessage = (p) => {
      if (mounted.current) setProgress(p);
    };
    try {
      const r = await call("import_applicants", { roundId, onProgress: channel });
      if (!mounted.current) return;
      if (r) {
        setReport(r);
        if (problemCount(r.problems) === 0) onImported(r);
      }
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) {
        setBusy(false);
        setProgress(null);
      }
    }
  };

  const saveProblems = async () => {
    if (!report) return;
    try {
      const written = await call("save_import_problems", { problems: report.problems });
      setSaved(written ? "Laporan masalah disimpan." : null);
    } catch (e) {
      setError(toErrorPayload(e).message);
    }
  };

  const refused = report !== null && problemCount(report.problems) > 0;
  return (
    <Modal title="Impor pendaftar dari CSV" onClose={() => !busy && onClose()} wide>
      <p>
        Seleksi: <strong>{roundName}</strong>
      </p>
      <p className="muted">
        Kolom wajib:{" "}
        <code>nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, kode_desa, pendidikan, telepon, email, kode_wilayah_tugas</code>
        ; boleh ditambah <code>pekerjaan, kode_desa_domisili, alasan_domisili</code>. Pemisah koma atau titik koma. Tanggal
        ditulis YYYY-MM-DD atau DD-MM-YYYY. Bila ada satu baris saja yang salah, tidak ada yang disimpan.
      </p>
      <div className="actions start">
        <button type="button" className="primary" onClick={() => void pick()} disabled={busy}>
          {busy ? "Mengimpor…" : "Pilih berkas CSV…"}
        </button>
      </div>
      {busy && <ImportProgressBar progress={progress} />}
      <ErrorBox message={error} />
      {refused && (
        <div role="alert" data-testid="import-refused">
          <p className="error-box">
            Tidak ada yang disimpan: {angka(problemCount(report.problems))} masalah. Perbaiki berkas lalu impor lagi.
          </p>
        </div>
      )}
      {refused && (
        <>
          <MoreProblems problems={report.problems} />
          <div className="table-wrap short">
            <ProblemTable problems={report.problems} label="Masalah pada berkas" />
          </div>
          <div className="actions start">
            <button type="button" onClick={() => void saveProblems()}>
              Simpan laporan masalah (CSV)…
            </button>
          </div>
          {saved && (
            <p className="ok-box" role="status">
              {saved}
            </p>
          )}
        </>
      )}
      {report && !refused && (
        <ImportStored report={report} />
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Tutup
        </button>
      </div>
    </Modal>
  );
}
