import { useCallback, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { AnswerImport } from "../bindings/AnswerImport";
import type { MarkingPreview } from "../bindings/MarkingPreview";
import type { MarkingSettings } from "../bindings/MarkingSettings";
import type { PaperTest } from "../bindings/PaperTest";
import type { ScoreImport } from "../bindings/ScoreImport";
import { ErrorBox } from "../components/ErrorBox";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { useMounted } from "../components/useMounted";

interface Props {
  roundId: number;
  /** Called after the marks were stored, so the score sheet is read again. */
  onStored: (r: ScoreImport) => void;
}

/**
 * A written test on paper marked in the app: the key of each version, how
 * answers earn points, the answer sheets imported, the marks and the share
 * answering each question correctly checked, then every mark stored.
 */
export function PaperTestPanel({ roundId, onStored }: Props) {
  const mounted = useMounted();
  const [test, setTest] = useState<PaperTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState("A");
  const [key, setKey] = useState("");
  const [settings, setSettings] = useState<MarkingSettings | null>(null);
  const [imported, setImported] = useState<{ name: string; import: AnswerImport } | null>(null);
  const [preview, setPreview] = useState<MarkingPreview | null>(null);
  const [stored, setStored] = useState<ScoreImport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const t = await call("paper_test", { roundId });
      if (!mounted.current) return;
      setTest(t);
      setSettings(t.settings);
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    }
  }, [roundId, mounted]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one action: errors shown, the panel read again after. */
  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await what();
      await load();
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const saveKey = () =>
    act(async () => {
      const k = await call("save_answer_key", { roundId, version, key });
      setNotice(`Kunci versi ${k.version} disimpan: ${angka(k.questions)} soal (${angka(k.annulled)} dianulir).`);
      setKey("");
      setPreview(null);
    });

  const deleteKey = (v: string) =>
    act(async () => {
      await call("delete_answer_key", { roundId, version: v });
      setNotice(`Kunci versi ${v} dihapus.`);
      setPreview(null);
    });

  const saveSettings = () =>
    act(async () => {
      if (!settings) return;
      await call("save_marking_settings", { roundId, settings });
      setNotice("Pengaturan penilaian disimpan.");
      setPreview(null);
    });

  const pick = () =>
    act(async () => {
      const r = await call("pick_answer_sheets", { roundId });
      if (r) {
        setImported(r);
        setPreview(null);
      }
    });

  const check = () =>
    act(async () => {
      setStored(null);
      setPreview(await call("marking_preview", { roundId }));
    });

  const store = () =>
    act(async () => {
      const r = await call("store_paper_marks", { roundId });
      setStored(r);
      if (problemCount(r.problems) === 0) {
        setPreview(null);
        onStored(r);
      }
    });

  if (!test) return <ErrorBox message={error} />;
  const editable = test.editable && !busy;
  const open = test.open && !busy;
  const num = (text: string) => Math.max(0, Math.floor(Number(text) || 0));

  return (
    <details className="paper-test" data-testid="paper-test">
      <summary>Tes di kertas: kunci jawaban dan lembar jawaban</summary>
      <ErrorBox message={error} />
      {notice && (
        <p className="ok-box" role="status">
          {notice}
        </p>
      )}
      <h3>Kunci jawaban per versi soal</h3>
      {test.keys.length === 0 ? (
        <p className="empty">Belum ada kunci jawaban.</p>
      ) : (
        <table className="data" aria-label="Kunci jawaban">
          <thead>
            <tr>
              <th scope="col">Versi</th>
              <th scope="col">Soal</th>
              <th scope="col">Dianulir</th>
              <th scope="col">Kunci</th>
              {test.editable && <th scope="col">Tindakan</th>}
            </tr>
          </thead>
          <tbody>
            {test.keys.map((k) => (
              <tr key={k.version} data-testid="answer-key">
                <td>{k.version}</td>
                <td className="num">{angka(k.questions)}</td>
                <td className="num">{angka(k.annulled)}</td>
                <td className="mono">{k.key}</td>
                {test.editable && (
                  <td>
                    <button type="button" onClick={() => void deleteKey(k.version)} disabled={!editable}>
                      Hapus
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {test.editable && (
        <div className="filters">
          <label className="inline-field">
            <span>Versi</span>
            <input value={version} onChange={(e) => setVersion(e.target.value)} size={4} />
          </label>
          <label className="inline-field grow">
            <span>Kunci</span>
            <input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              placeholder="ABCDE ABCDE … (* untuk soal yang dianulir)"
              className="mono"
              autoComplete="off"
            />
          </label>
          <button type="button" onClick={() => void saveKey()} disabled={!editable || !key.trim()}>
            Simpan kunci
          </button>
        </div>
      )}
      <h3>Pengaturan penilaian</h3>
      {settings && (
        <div className="filters">
          <label className="inline-field">
            <span>Poin jawaban benar</span>
            <input
              type="number"
              min={1}
              max={100}
              value={settings.points_correct}
              disabled={!test.editable}
              onChange={(e) => setSettings({ ...settings, points_correct: num(e.target.value) })}
            />
          </label>
          <label className="inline-field">
            <span>Pengurangan jawaban salah</span>
            <input
              type="number"
              min={0}
              max={100}
              value={settings.penalty_wrong}
              disabled={!test.editable}
              onChange={(e) => setSettings({ ...settings, penalty_wrong: num(e.target.value) })}
            />
          </label>
          <label className="inline-field">
            <span>Nilai</span>
            <select
              value={settings.scale}
              disabled={!test.editable}
              onChange={(e) => setSettings({ ...settings, scale: e.target.value as MarkingSettings["scale"] })}
            >
              <option value="seratus">Skala 0–100</option>
              <option value="poin">Jumlah poin</option>
            </select>
          </label>
          {test.editable && (
            <button type="button" onClick={() => void saveSettings()} disabled={!editable}>
              Simpan pengaturan
            </button>
          )}
        </div>
      )}
      <p className="muted">
        Jawaban kosong bernilai 0; soal yang dianulir dihitung benar bagi semua peserta. Nilai skala 0–100 = poin ÷ poin
        maksimal × 100, dibulatkan ke dua desimal; nilai tidak pernah di bawah 0.
      </p>
      <h3>Lembar jawaban</h3>
      <p className="muted" data-testid="answer-format">
        Berkas xlsx, xls, ods, atau CSV dengan kolom <code>nomor_pendaftaran</code>, <code>versi</code>, dan{" "}
        <code>jawaban</code> (mis. <code>ABCDA-BC</code>, tanda - untuk soal yang tidak dijawab) atau satu kolom per soal
        (1, 2, 3, …). {angka(test.sheets)} lembar jawaban sudah diimpor.
      </p>
      {!test.open && <p className="warn-box">Tahap tes tertulis tidak sedang dibuka; lembar jawaban dan nilai tidak dapat diubah.</p>}
      <div className="actions start">
        <button type="button" onClick={() => void pick()} disabled={!open}>
          Impor lembar jawaban…
        </button>
        <button type="button" onClick={() => void check()} disabled={!open || test.sheets === 0}>
          Periksa nilai dan analisis soal
        </button>
      </div>
      {imported && problemCount(imported.import.problems) === 0 && (
        <p className="ok-box" role="status" data-testid="answers-stored">
          {angka(imported.import.stored)} lembar jawaban dari {imported.name} disimpan
          {imported.import.replaced > 0 ? ` (${angka(imported.import.replaced)} menimpa lembar sebelumnya)` : ""}.
        </p>
      )}
      {imported && problemCount(imported.import.problems) > 0 && (
        <div data-testid="answer-problems">
          <p className="error-box">
            {angka(problemCount(imported.import.problems))} masalah di {imported.name}; tidak ada lembar yang disimpan.
          </p>
          <MoreProblems problems={imported.import.problems} />
          <ProblemTable problems={imported.import.problems} label="Masalah pada lembar jawaban" blank="—" />
        </div>
      )}
      {preview && <MarkingView preview={preview} onStore={() => void store()} disabled={!open} />}
      {stored && problemCount(stored.problems) > 0 && (
        <ProblemTable problems={stored.problems} label="Masalah saat menyimpan nilai" blank="—" />
      )}
      {stored && problemCount(stored.problems) === 0 && (
        <p className="ok-box" role="status" data-testid="paper-marks-stored">
          {angka(stored.stored)} nilai tes tertulis disimpan dari lembar jawaban.
        </p>
      )}
    </details>
  );
}

function MarkingView({ preview, onStore, disabled }: { preview: MarkingPreview; onStore: () => void; disabled: boolean }) {
  const problems = problemCount(preview.problems);
  return (
    <>
      <h3>Analisis soal</h3>
      <p className={preview.flagged > 0 ? "warn-box" : "muted"} data-testid="flagged">
        {preview.flagged > 0
          ? `${angka(preview.flagged)} soal dijawab benar oleh kurang dari 20% peserta: periksa kuncinya sebelum nilai disimpan.`
          : "Tidak ada soal yang perlu diperiksa kuncinya."}
      </p>
      <div className="table-wrap">
        <table className="data" aria-label="Analisis soal">
          <thead>
            <tr>
              <th scope="col">Versi</th>
              <th scope="col">Soal</th>
              <th scope="col">Kunci</th>
              <th scope="col">Benar</th>
              <th scope="col">Persen benar</th>
              <th scope="col">Jawaban terbanyak</th>
              <th scope="col">Catatan</th>
            </tr>
          </thead>
          <tbody>
            {preview.analysis.map((q) => (
              <tr key={`${q.version}-${q.question}`} className={q.check ? "row-error" : undefined} data-testid="question">
                <td>{q.version}</td>
                <td className="num">{q.question}</td>
                <td>{q.key === "*" ? "dianulir" : q.key}</td>
                <td className="num">
                  {angka(q.correct)} / {angka(q.sheets)}
                </td>
                <td className="num">{q.share}</td>
                <td>{q.most_chosen}</td>
                <td>{q.check ? "Periksa kunci" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Nilai yang akan disimpan</h3>
      <div className="table-wrap">
        <table className="data" aria-label="Nilai dari lembar jawaban">
          <thead>
            <tr>
              <th scope="col">Nomor pendaftaran</th>
              <th scope="col">Nama</th>
              <th scope="col">Versi</th>
              <th scope="col">Benar</th>
              <th scope="col">Salah</th>
              <th scope="col">Kosong</th>
              <th scope="col">Poin</th>
              <th scope="col">Nilai</th>
              <th scope="col">Nilai sebelumnya</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.reg_number} data-testid="paper-mark">
                <td className="mono">{r.reg_number}</td>
                <td>{r.full_name}</td>
                <td>{r.version}</td>
                <td className="num">{angka(r.correct)}</td>
                <td className="num">{angka(r.wrong)}</td>
                <td className="num">{angka(r.blank)}</td>
                <td className="num">
                  {angka(r.points)} / {angka(r.max_points)}
                </td>
                <td className="num">{r.mark}</td>
                <td className="num">{r.before || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems > 0 && <ProblemTable problems={preview.problems} label="Lembar yang tidak dapat dinilai" blank="—" />}
      <div className="actions start">
        <button type="button" className="primary" onClick={onStore} disabled={disabled || problems > 0}>
          Simpan nilai
        </button>
        <span className="muted">
          {angka(preview.rows.length)} nilai disimpan sekaligus, semua atau tidak sama sekali
          {preview.replacing > 0 ? `; ${angka(preview.replacing)} menimpa nilai sebelumnya` : ""}.
        </span>
      </div>
    </>
  );
}
