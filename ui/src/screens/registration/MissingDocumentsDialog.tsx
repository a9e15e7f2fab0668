import type { DocumentItem } from "../../bindings/DocumentItem";
import { Modal } from "../../components/Modal";

interface Props {
  /** The required documents not ticked as received, as the core listed them. */
  missing: DocumentItem[];
  /** Save anyway: the receipt records them as not handed over. */
  onConfirm: () => void;
  /** Back to the form, to the first missing document. */
  onBack: () => void;
}

/** Asks before a registration is saved without documents the round requires. */
export function MissingDocumentsDialog({ missing, onConfirm, onBack }: Props) {
  return (
    <Modal title="Berkas wajib belum diserahkan" onClose={onBack}>
      <div data-testid="missing-documents">
        <p>Berkas wajib berikut belum dicentang sebagai diterima:</p>
        <ul className="compact">
          {missing.map((d) => (
            <li key={d.code}>{d.name}</li>
          ))}
        </ul>
        <p>
          Pendaftaran tetap dapat disimpan; tanda terima akan mencatat berkas tersebut sebagai <strong>belum diserahkan</strong>.
          Apakah pendaftar memang belum menyerahkannya?
        </p>
      </div>
      <div className="actions">
        <button type="button" onClick={onBack} data-autofocus>
          Kembali, lengkapi berkas
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          Tetap simpan tanpa berkas itu
        </button>
      </div>
    </Modal>
  );
}
