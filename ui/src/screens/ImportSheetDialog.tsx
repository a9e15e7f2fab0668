import { Channel } from "@tauri-apps/api/core";
import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ApplicantImport } from "../bindings/ApplicantImport";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { SavedMapping } from "../bindings/SavedMapping";
import type { SheetField } from "../bindings/SheetField";
import type { SheetMapping } from "../bindings/SheetMapping";
import type { SheetPreview } from "../bindings/SheetPreview";
import type { SourceColumn } from "../bindings/SourceColumn";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { SheetAndHeaderRow } from "../components/SheetAndHeaderRow";
import { ImportStored } from "./ImportStored";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { useMounted } from "../components/useMounted";
import { ImportProgressBar } from "./ImportApplicantsDialog";

interface Props {
  roundId: number;
  roundName: string;
  onClose: () => void;
  /** Applicants were stored: the list should reload. */
  onImported: (report: ApplicantImport) => void;
}

/** A column of the file as a choice lists it: "C · Nilai — contoh: 78, 80". */
export function columnLabel(c: SourceColumn): string {
  const name = [c.letter, c.header || "(tanpa judul)"].filter(Boolean).join(" · ");
  return c.samples.length > 0 ? `${name} — contoh: ${c.samples.join(", ")}` : name;
}

/** The mapping with `field` taken by `column` (or by none). */
export function withColumn(mapping: SheetMapping, field: SheetField, column: number | null): SheetMapping {
  const columns = mapping.columns.filter((c) => c.field !== field);
  if (column !== null) columns.push({ field, column });
  return { ...mapping, columns };
}

/**
 * Imports applicants from a spreadsheet (xlsx, xls, ods, or a CSV with any header, such as a
 * SIAKBA export): the columns are mapped to the applicant fields (proposed by the core, corrected
 * here), the first rows are shown as they will be stored with every problem, and nothing is
 * written until "Impor" — all rows or none.
 */
export function ImportSheetDialog({ roundId, roundName, onClose, onImported }: Props) {
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [savedName, setSavedName] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<SheetPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ApplicantImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapName, setMapName] = useState("");
  const [note, setNote] = useState<string | null>(null);
  // The file is the list of online registrations (a SIAKBA export).
  const [online, setOnline] = useState(false);
  const mounted = useMounted();

  const loadSaved = async () => {
    try {
      const list = await call("list_sheet_mappings");
      if (mounted.current) setSaved(list);
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    }
  };
  // Loaded once when the dialog opens.
  useEffect(() => {
    void loadSaved();
  }, []);

  /** Runs a core call with the dialog busy, showing its error. */
  const busyWith = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await work();
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) {
        setBusy(false);
        setProgress(null);
      }
    }
  };

  const pick = () =>
    busyWith(async () => {
      setReport(null);
      const picked = await call("pick_applicant_sheet", { roundId, saved: savedName || null, online });
      if (!picked || !mounted.current) return;
      setFileName(picked.name);
      setPreview(picked.preview);
    });

  const refresh = (
    sheet: string | null,
    mapping: SheetMapping | null,
    headerRow: number | null = null,
    asOnline: boolean = online,
  ) =>
    busyWith(async () => {
      setReport(null);
      const p = await call("preview_applicant_sheet", {
        roundId,
        choice: { sheet, mapping, saved: null, header_row: headerRow, online: asOnline },
      });
      if (mounted.current) setPreview(p);
    });

  const saveMapping = () =>
    busyWith(async () => {
      if (!preview) return;
      const headers = preview.columns.map((c) => c.header);
      const m = await call("save_sheet_mapping", { name: mapName, mapping: preview.mapping, headers });
      if (!mounted.current) return;
      setNote(`Pemetaan kolom disimpan sebagai "${m.name}".`);
      setSavedName(m.name);
      await loadSaved();
    });

  const deleteMapping = () =>
    busyWith(async () => {
      await call("delete_sheet_mapping", { name: savedName });
      if (!mounted.current) return;
      setNote(`Pemetaan kolom "${savedName}" dihapus.`);
      setSavedName("");
      await loadSaved();
    });

  const importNow = () =>
    busyWith(async () => {
      if (!preview) return;
      const channel = new Channel<ImportProgress>();
      channel.onmessage = (p) => {
        if (mounted.current) setProgress(p);
      };
      const r = await call("import_applicant_sheet", {
        roundId,
        choice: { sheet: preview.sheet, mapping: preview.mapping, saved: null, header_row: null, online },
        onProgress: channel,
      });
      if (!mounted.current) return;
      setReport(r);
      if (problemCount(r.problems) === 0) onImported(r);
    });

  const saveProblems = (problems: SheetPreview["problems"]) =>
    busyWith(async () => {
      const written = await call("save_import_problems", { problems });
      if (written && mounted.current) setNote("Laporan masalah disimpan.");
    });

  const stored = report !== null && problemCount(report.problems) === 0;
  const problems = report && !stored ? report.problems : preview?.problems;
  const canImport =
    preview !== null &&
    preview.ready &&
    problemCount(preview.problems) === 0 &&
    preview.valid + preview.matched > 0 &&
    !stored;
  const columnOf = (field: SheetField) => preview?.mapping.columns.find((c) => c.field === field)?.column ?? null;

  return (
    <Modal title="Impor pendaftar dari spreadsheet" onClose={() => !busy && onClose()} wide>
      <p>
        Seleksi: <strong>{roundName}</strong>
      </p>
      <p className="muted">
        Berkas xlsx, xls, ods, atau CSV dengan judul kolom apa pun (mis. ekspor SIAKBA). Kolom dipetakan ke isian
        pendaftar menurut judulnya; periksa dan betulkan pemetaannya, lihat pratinjaunya, lalu impor. Bila ada satu
        baris saja yang bermasalah, tidak ada yang disimpan.
      </p>
      <div className="actions start">
        <label>
          Pemetaan kolom{" "}
          <select
            aria-label="Pemetaan kolom tersimpan"
            value={savedName}
            disabled={busy}
            onChange={(e) => setSavedName(e.target.value)}
          >
            <option value="">Usulan otomatis menurut judul kolom</option>
            {saved.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {savedName && (
          <button type="button" onClick={() => void deleteMapping()} disabled={busy}>
            Hapus pemetaan ini
          </button>
        )}
        <button type="button" className="primary" onClick={() => void pick()} disabled={busy}>
          {fileName ? "Pilih berkas lain…" : "Pilih berkas…"}
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={online}
          disabled={busy}
          onChange={(e) => {
            const checked = e.target.checked;
            setOnline(checked);
            if (preview) void refresh(preview.sheet, preview.mapping, null, checked);
          }}
        />{" "}
        Ini daftar pendaftaran daring (ekspor SIAKBA): berkas fisiknya diterima kemudian di loket, dan pendaftar yang
        sudah terdaftar pada seleksi ini ditandai daring, tidak ditolak
      </label>
      {busy && <ImportProgressBar progress={progress} />}
      <ErrorBox message={error} />
      {note && (
        <p className="ok-box" role="status">
          {note}
        </p>
      )}
      {preview && (
        <>
          <p>
            Berkas: <strong>{fileName}</strong> ({preview.format.toUpperCase()})
          </p>
          <SheetAndHeaderRow
            sheets={preview.sheets}
            sheet={preview.sheet}
            headerRow={preview.mapping.header_row}
            busy={busy}
            onSheet={(sheet) => void refresh(sheet, null)}
            onHeaderRow={(row) => void refresh(preview.sheet, null, row)}
          />
          <div className="table-wrap">
          <table className="data" aria-label="Pemetaan kolom">
            <thead>
              <tr>
                <th scope="col">Isian pendaftar</th>
                <th scope="col">Kolom di berkas</th>
              </tr>
            </thead>
            <tbody>
              {preview.fields.map((f) => (
                <tr key={f.field}>
                  <td>{f.label}</td>
                  <td>
                    <select
                      aria-label={f.label}
                      data-field={f.field}
                      value={columnOf(f.field) ?? ""}
                      disabled={busy}
                      onChange={(e) => {
                        const v = e.target.value;
                        void refresh(preview.sheet, withColumn(preview.mapping, f.field, v === "" ? null : Number(v)));
                      }}
                    >
                      <option value="">— tidak ada —</option>
                      {preview.columns.map((c) => (
                        <option key={c.index} value={c.index}>
                          {columnLabel(c)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <label>
            <input
              type="checkbox"
              checked={preview.mapping.unit_from_domicile}
              disabled={busy}
              onChange={(e) =>
                void refresh(preview.sheet, { ...preview.mapping, unit_from_domicile: e.target.checked })
              }
            />{" "}
            Tanpa kolom wilayah tugas: wilayah tugas = desa (PPS) atau kecamatan (PPK) domisili pendaftar
          </label>
          {preview.notes.map((n) => (
            <p key={n} className="error-box" data-testid="mapping-note">
              {n}
            </p>
          ))}
          <div className="actions start">
            <label>
              Simpan pemetaan sebagai{" "}
              <input
                aria-label="Nama pemetaan"
                value={mapName}
                placeholder="mis. Ekspor SIAKBA"
                onChange={(e) => setMapName(e.target.value)}
              />
            </label>
            <button type="button" onClick={() => void saveMapping()} disabled={busy || mapName.trim() === ""}>
              Simpan pemetaan
            </button>
          </div>
          {preview.ready && (
            <p data-testid="sheet-summary">
              {problemCount(preview.problems) === 0
                ? `${angka(preview.valid)} pendaftar siap disimpan. ${
                    preview.matched > 0
                      ? `${angka(preview.matched)} sudah terdaftar pada seleksi ini: tidak disimpan lagi, ditandai daring. `
                      : ""
                  }${preview.rows.length > 0 ? `Pratinjau ${angka(preview.rows.length)} baris pertama:` : ""}`
                : `${angka(problemCount(preview.problems))} masalah; perbaiki berkas (atau pemetaannya), lalu pilih berkas lagi.`}
            </p>
          )}
          {preview.rows.length > 0 && (
            <div className="table-wrap short">
              <table className="data" aria-label="Pratinjau baris seperti akan disimpan">
                <thead>
                  <tr>
                    {["Baris", "NIK", "Nama", "L/P", "Tempat lahir", "Tgl lahir", "Alamat", "Desa/kelurahan", "Pendidikan", "Telepon", "Wilayah tugas"].map(
                      (h) => (
                        <th key={h} scope="col">
                          {h}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.line} data-testid="preview-row">
                      <td className="num">{r.line}</td>
                      <td>{r.nik}</td>
                      <td>{r.nama}</td>
                      <td>{r.jenis_kelamin}</td>
                      <td>{r.tempat_lahir}</td>
                      <td>{r.tanggal_lahir}</td>
                      <td>{r.alamat}</td>
                      <td>{r.desa}</td>
                      <td>{r.pendidikan}</td>
                      <td>{r.telepon}</td>
                      <td>{r.wilayah_tugas}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {problems && problemCount(problems) > 0 && (
        <>
          {report && (
            <p className="error-box" role="alert" data-testid="import-refused">
              Tidak ada yang disimpan: {angka(problemCount(problems))} masalah.
            </p>
          )}
          <MoreProblems problems={problems} />
          <div className="table-wrap short">
            <ProblemTable problems={problems} label="Masalah pada berkas" />
          </div>
          <div className="actions start">
            <button type="button" onClick={() => void saveProblems(problems)} disabled={busy}>
              Simpan laporan masalah (CSV)…
            </button>
          </div>
        </>
      )}
      {stored && report && (
        <ImportStored report={report} />
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Tutup
        </button>
        <button type="button" className="primary" onClick={() => void importNow()} disabled={busy || !canImport}>
          Impor {preview && preview.valid > 0 ? `${angka(preview.valid)} pendaftar` : ""}
          {preview && preview.valid === 0 && preview.matched > 0 ? "dan tandai daring" : ""}
        </button>
      </div>
    </Modal>
  );
}
