import { Fragment, useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { writtenText } from "./written";
import type { ApplicantDetail } from "../bindings/ApplicantDetail";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { EDUCATION, regionLabel, SEX_LABEL, statusLabel, waktu } from "./applicantText";
import { ALL_CARDS, printCards } from "./participantCards";
import { PersonHistoryView } from "./continuity/PersonHistoryView";
import { RuleList } from "./RuleList";
import { DocumentContents } from "../components/DocumentContents";

interface Props {
  id: number;
  regions: KecamatanOption[];
  /** The role may register, change and withdraw applications. */
  canRegister: boolean;
  /** Offer "Ubah data" (not while another form is open). */
  canEdit?: boolean;
  onClose: () => void;
  onEdit: (detail: ApplicantDetail) => void;
  /** The application changed (withdrawn): lists should reload. */
  onChanged: () => void;
}

const MIN_REASON = 5;

/** One application in full, with changing, withdrawing and the receipt. */
export function ApplicantDetailDialog({ id, regions, canRegister, canEdit = true, onClose, onEdit, onChanged }: Props) {
  const [detail, setDetail] = useState<ApplicantDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<"view" | "withdraw">("view");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    call("applicant_detail", { id }).then(
      (d) => live && setDetail(d),
      (e) => live && setError(toErrorPayload(e).message),
    );
    return () => {
      live = false;
    };
  }, [id, reload]);

  useEffect(() => {
    if (mode === "withdraw") document.getElementById("withdraw-reason")?.focus();
  }, [mode]);

  const withdraw = async (e: React.FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setReasonError("Tuliskan alasan pengunduran diri (paling sedikit 5 karakter).");
      document.getElementById("withdraw-reason")?.focus();
      return;
    }
    setBusy(true);
    try {
      await call("withdraw_applicant", { id, reason });
      setMode("view");
      setReason("");
      setReasonError(null);
      setMessage({ kind: "ok", text: "Pendaftaran sudah ditarik (mundur)." });
      setReload((n) => n + 1);
      onChanged();
    } catch (err) {
      setReasonError(toErrorPayload(err).message);
    } finally {
      setBusy(false);
    }
  };

  // Printing opens the receipt in the PDF viewer (print from there); saving asks where first.
  const receiptOut = async (how: "print_receipt" | "save_receipt") => {
    try {
      const w = await call(how, { id });
      if (!w) setMessage(null);
      else if (w.not_opened) setMessage({ kind: "error", text: writtenText("Tanda terima", w) });
      else
        setMessage({
          kind: "ok",
          text:
            how === "print_receipt"
              ? "Tanda terima dibuka di penampil PDF: cetak dari sana (Ctrl+P)."
              : writtenText("Tanda terima", w),
        });
    } catch (err) {
      setMessage({ kind: "error", text: toErrorPayload(err).message });
    }
  };

  // The participant card of the written test, one to a page (the core
  // refuses until the participant has a seat).
  const cardOut = async () => {
    if (!detail) return;
    try {
      const text = await printCards(detail.round_id, { ...ALL_CARDS, applicant_id: id }, true);
      setMessage({ kind: "ok", text });
    } catch (err) {
      setMessage({ kind: "error", text: toErrorPayload(err).message });
    }
  };

  // A photo for the participant card, when no pas foto or DRH image was scanned.
  const photoIn = async () => {
    try {
      const added = await call("upload_participant_photo", { applicantId: id });
      if (added) setMessage({ kind: "ok", text: `Foto ${added.file_name} disimpan; kartu peserta memakainya.` });
    } catch (err) {
      setMessage({ kind: "error", text: toErrorPayload(err).message });
    }
  };

  // The paper file of an online registration, received (or the receipt undone).
  const fileReceipt = async (how: "receive_files" | "cancel_file_receipt") => {
    setBusy(true);
    try {
      await call(how, { applicantId: id });
      setMessage({
        kind: "ok",
        text: how === "receive_files" ? "Berkas fisik dicatat diterima." : "Penerimaan berkas dibatalkan.",
      });
      setReload((n) => n + 1);
      onChanged();
    } catch (err) {
      setMessage({ kind: "error", text: toErrorPayload(err).message });
    } finally {
      setBusy(false);
    }
  };

  const title = detail ? `Pendaftar ${detail.reg_number}` : "Pendaftar";
  const withdrawn = detail?.status === "mundur";
  const d = detail?.draft;
  const f = d?.fields;
  const education = (code: string) => EDUCATION.find((e) => e.code === code)?.label ?? code;

  return (
    <Modal title={title} onClose={onClose} wide>
      <ErrorBox message={error} />
      {!detail && !error && <p aria-busy="true">Memuat…</p>}
      {detail && d && f && mode === "withdraw" && (
        <form onSubmit={(e) => void withdraw(e)} noValidate aria-label="Tarik pendaftaran">
          <p>
            Tarik pendaftaran <strong>{detail.reg_number}</strong> atas nama {f.nama} (mundur)? Nomornya tidak dipakai
            lagi; orang yang sama boleh mendaftar ulang pada pemilihan ini.
          </p>
          <div className={`field${reasonError ? " has-error" : ""}`}>
            <label htmlFor="withdraw-reason">Alasan mundur</label>
            <textarea
              id="withdraw-reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "withdraw-reason-error" : "withdraw-reason-hint"}
            />
            <small id="withdraw-reason-hint" className="muted">
              Paling sedikit 5 karakter, mis. “Diterima bekerja di luar kota”.
            </small>
            {reasonError && (
              <small id="withdraw-reason-error" className="error-text" role="alert">
                {reasonError}
              </small>
            )}
          </div>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setMode("view");
                setReasonError(null);
              }}
            >
              Batal
            </button>
            <button type="submit" className="danger" disabled={busy}>
              {busy ? "Menyimpan…" : "Tarik pendaftaran"}
            </button>
          </div>
        </form>
      )}
      {detail && d && f && mode === "view" && (
        <div className="detail" data-testid="applicant-detail">
          <p>
            <span
              className={`badge status-${detail.status} standing standing-${detail.standing?.standing ?? detail.status}`}
              data-testid="detail-status"
            >
              {detail.standing?.label ?? statusLabel(detail.status)}
            </span>{" "}
            {detail.round_name} · Wilayah tugas: {detail.unit_label}
            {detail.participant_number && (
              <span data-testid="participant-number"> · Nomor peserta: {detail.participant_number}</span>
            )}
          </p>
          {message && (
            <p className={message.kind === "ok" ? "ok-box" : "error-box"} role={message.kind === "ok" ? "status" : "alert"}>
              {message.text}
            </p>
          )}
          {withdrawn && (
            <p className="warn-box" data-testid="withdrawn">
              Mundur pada {waktu(detail.withdrawn_at)}. Alasan: {detail.withdrawn_reason ?? "–"}
            </p>
          )}

          {detail.standing && detail.standing.lines.length > 0 && (
            <>
              <h3>Hasil seleksi</h3>
              <dl className="about" data-testid="detail-results">
                {detail.standing.lines.map(([stage, result]) => (
                  <Fragment key={stage + result}>
                    <dt>{stage}</dt>
                    <dd>{result}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          )}

          <h3>Data diri</h3>
          <dl className="about">
            <dt>NIK</dt>
            <dd>{f.nik}</dd>
            <dt>Nama</dt>
            <dd>{f.nama}</dd>
            <dt>Jenis kelamin</dt>
            <dd>{SEX_LABEL[f.jenis_kelamin] ?? f.jenis_kelamin}</dd>
            <dt>Tempat, tanggal lahir</dt>
            <dd>
              {f.tempat_lahir}, {f.tanggal_lahir}
            </dd>
            <dt>Alamat KTP-el</dt>
            <dd>
              {f.alamat}
              <br />
              <span className="muted">{regionLabel(regions, f.kode_desa)}</span>
            </dd>
            {f.kode_desa_domisili && (
              <>
                <dt>Domisili</dt>
                <dd>{regionLabel(regions, f.kode_desa_domisili)}</dd>
              </>
            )}
            {f.alasan_domisili && (
              <>
                <dt>Alasan pengecualian domisili</dt>
                <dd>{f.alasan_domisili}</dd>
              </>
            )}
            <dt>Pendidikan terakhir</dt>
            <dd>{education(f.pendidikan)}</dd>
            <dt>Pekerjaan</dt>
            <dd>{f.pekerjaan || "–"}</dd>
            <dt>Telepon</dt>
            <dd>{f.telepon || "–"}</dd>
            <dt>Surel</dt>
            <dd>{f.email || "–"}</dd>
            <dt>Riwayat penyelenggara</dt>
            <dd>
              {d.previous_service.length === 0
                ? "Tidak ada"
                : d.previous_service.map((s, i) => (
                    <div key={i}>
                      {s.body} · {s.election} ({s.year})
                    </div>
                  ))}
              <PersonHistoryView nik={f.nik} />
            </dd>
            <dt>Keanggotaan partai</dt>
            <dd>
              {d.party_status === "mantan"
                ? `Mantan anggota partai politik${d.party_left_year ? ` (keluar tahun ${d.party_left_year})` : ""}`
                : "Tidak pernah menjadi anggota partai politik"}
              {d.misuse_statement && (
                <>
                  <br />
                  Ada surat pernyataan NIK dicatut partai (bermeterai).
                </>
              )}
            </dd>
            <dt>Disabilitas</dt>
            <dd>{d.disability || "–"}</dd>
            <dt>Terdaftar</dt>
            <dd>
              {waktu(detail.registered_at)}
              {detail.registered_by ? ` oleh ${detail.registered_by}` : ""}
            </dd>
            <dt>Pendaftaran</dt>
            <dd data-testid="detail-files">
              {detail.online ? "Daring (SIAKBA)" : "Di loket"}; berkas fisik{" "}
              {detail.files_received_at ? `diterima ${waktu(detail.files_received_at)}` : "belum diterima"}
              {canRegister && !withdrawn && detail.online && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="small"
                    disabled={busy}
                    onClick={() => void fileReceipt(detail.files_received_at ? "cancel_file_receipt" : "receive_files")}
                  >
                    {detail.files_received_at ? "Batalkan penerimaan" : "Terima berkas"}
                  </button>
                </>
              )}
            </dd>
            {detail.updated_at && (
              <>
                <dt>Diubah</dt>
                <dd>{waktu(detail.updated_at)}</dd>
              </>
            )}
          </dl>

          <h3>Berkas</h3>
          <ul className="docs" aria-label="Berkas">
            {detail.check.documents.map((doc) => (
              <li key={doc.code} data-testid="detail-document">
                <span aria-hidden="true">{doc.received ? "✓ " : "✗ "}</span>
                {doc.name}: {doc.received ? "diterima" : "belum diterima"}
                {doc.required ? "" : " (tidak wajib)"}
                <DocumentContents items={doc.contents} />
              </li>
            ))}
          </ul>

          <h3>Persyaratan</h3>
          <RuleList rules={detail.check.rules} />

          {detail.stored_nik_warnings.length > 0 && (
            <>
              <h3>Peringatan NIK</h3>
              <ul className="compact">
                {detail.stored_nik_warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <p data-testid="nik-ack">
                {detail.nik_warnings_acknowledged
                  ? "Sudah diperiksa petugas terhadap KTP-el."
                  : "Belum diperiksa: cocokkan dengan KTP-el, lalu simpan lewat “Ubah data”."}
              </p>
            </>
          )}

          <div className="actions">
            {detail.participant_number && !withdrawn && (
              <>
                <button type="button" onClick={() => void cardOut()}>
                  Kartu peserta
                </button>
                {canRegister && (
                  <button type="button" onClick={() => void photoIn()}>
                    Unggah foto kartu…
                  </button>
                )}
              </>
            )}
            {canRegister && !withdrawn && (
              <>
                <button type="button" onClick={() => void receiptOut("print_receipt")}>
                  Cetak tanda terima
                </button>
                <button type="button" onClick={() => void receiptOut("save_receipt")}>
                  Simpan PDF…
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setMessage(null);
                    setMode("withdraw");
                  }}
                >
                  Tarik pendaftaran (mundur)…
                </button>
                {canEdit && (
                  <button type="button" className="primary" onClick={() => onEdit(detail)}>
                    Ubah data
                  </button>
                )}
              </>
            )}
            <button type="button" onClick={onClose}>
              Tutup
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
