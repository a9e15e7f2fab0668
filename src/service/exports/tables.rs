//! The tables of the lists whose rows other services give: a stage's
//! results, the quota recap and the party-list hits. Headers and cell
//! texts are those the CLI has always printed as CSV.

use crate::docs::lists::{Cell, Column, Kind, Table};
use crate::domain::reconciliation::FileStanding;
use crate::domain::round::Stage;
use crate::domain::women::WomenStage;
use crate::service::parties::PartyHit;
use crate::service::quota::QuotaDashboard;
use crate::service::reconciliation::Reconciliation;
use crate::service::selection::SelectionRow;
use crate::service::verification::AdminResultRow;

use Kind::{Code, Decimal, Integer, Text};

/// The administrative verdicts, in registration order; `unit` (dotted)
/// keeps those of one unit or of the units of one kecamatan.
pub(super) fn admin_results(rows: Vec<AdminResultRow>, unit: Option<&str>) -> Table {
    let mut table = Table::new(
        "Hasil administrasi",
        &[
            Column::new("nomor_pendaftaran", Code, 16),
            Column::new("nama", Text, 28),
            Column::new("kode_wilayah_tugas", Code, 14),
            Column::new("hasil", Text, 8),
            Column::new("alasan", Text, 60),
        ],
    );
    for r in rows {
        if unit.is_some_and(|u| !r.unit_code.starts_with(u)) {
            continue;
        }
        let result = r.result_text();
        table.push(vec![
            Cell::Text(r.reg_number),
            Cell::Text(r.full_name),
            Cell::Text(r.unit_code),
            Cell::optional(Some(result)),
            Cell::optional(Some(r.reasons)),
        ]);
    }
    table
}

/// The written test's results or the final ranking: scores, rank and
/// status (with the place among the Cadangan, and a tie waiting for the
/// plenary).
pub(super) fn selection_results(stage: Stage, rows: Vec<SelectionRow>) -> Table {
    let title = if stage == Stage::Tertulis {
        "Hasil tes tertulis"
    } else {
        "Hasil akhir"
    };
    let mut table = Table::new(
        title,
        &[
            Column::new("nomor_pendaftaran", Code, 16),
            Column::new("nama", Text, 28),
            Column::new("jenis_kelamin", Text, 6),
            Column::new("kode_wilayah_tugas", Code, 14),
            Column::new("nilai_tertulis", Decimal, 10),
            Column::new("nilai_wawancara", Decimal, 10),
            Column::new("nilai_akhir", Decimal, 10),
            Column::new("peringkat", Integer, 9),
            Column::new("status", Text, 28),
        ],
    );
    for r in rows {
        let mut status = r.status.as_str().to_string();
        if let Some(k) = r.reserve {
            status = format!("{status} {k}");
        }
        if r.unresolved_tie {
            status.push_str(" (seri, menunggu pleno)");
        }
        table.push(vec![
            Cell::Text(r.reg_number),
            Cell::Text(r.full_name),
            Cell::Text(r.sex),
            Cell::Text(r.unit_code),
            Cell::decimal_text(&r.written),
            Cell::decimal_text(&r.interview),
            Cell::decimal_text(&r.final_score),
            r.rank.map_or(Cell::Empty, Cell::integer),
            Cell::Text(status),
        ]);
    }
    table
}

/// The quota recap per unit, the kabupaten's total last. `kursi_dipegang`:
/// seats held by appointed or kept members, which count toward the quota.
pub(super) fn quota_recap(board: QuotaDashboard) -> Table {
    let mut table = Table::new(
        "Rekap kuota",
        &[
            Column::new("kode_wilayah", Code, 14),
            Column::new("wilayah", Text, 24),
            Column::new("kecamatan", Text, 20),
            Column::new("kuota", Integer, 7),
            Column::new("kursi_dipegang", Integer, 9),
            Column::new("pendaftar", Integer, 10),
            Column::new("ms", Integer, 7),
            Column::new("lulus_tertulis", Integer, 10),
            Column::new("terpilih", Integer, 9),
            Column::new("cadangan", Integer, 9),
            Column::new("perempuan_terpilih", Integer, 11),
            Column::new("persen_perempuan", Integer, 11),
            Column::new("catatan", Text, 40),
        ],
    );
    for u in board.units.into_iter().chain(std::iter::once(board.total)) {
        let flags: Vec<&str> = u.flags.iter().map(|f| f.label()).collect();
        table.push(vec![
            Cell::optional(Some(u.unit_code)),
            Cell::optional(Some(u.unit_name)),
            Cell::optional(Some(u.kecamatan_name)),
            Cell::integer(u.quota),
            Cell::integer(u.held),
            Cell::integer(u.registered),
            Cell::integer(u.ms),
            Cell::integer(u.passed_written),
            Cell::integer(u.terpilih),
            Cell::integer(u.cadangan),
            Cell::integer(u.women_terpilih),
            u.women_percent.map_or(Cell::Empty, Cell::integer),
            Cell::optional(Some(flags.join("; "))),
        ]);
    }
    table
}

/// The women's share per stage and unit (PPS: then each kecamatan's
/// subtotal), the kabupaten's total last. A stage the round has not
/// reached has empty cells; `catatan` names the stages under 30%.
pub(super) fn women_recap(board: QuotaDashboard) -> Table {
    let mut columns = vec![
        Column::new("kode_wilayah", Code, 14),
        Column::new("wilayah", Text, 24),
        Column::new("kecamatan", Text, 20),
    ];
    for [women, total, percent] in [
        ["pendaftar_p", "pendaftar", "pendaftar_persen_p"],
        ["ms_p", "ms", "ms_persen_p"],
        [
            "lulus_tertulis_p",
            "lulus_tertulis",
            "lulus_tertulis_persen_p",
        ],
        ["daftar_akhir_p", "daftar_akhir", "daftar_akhir_persen_p"],
        ["anggota_p", "anggota", "anggota_persen_p"],
    ] {
        columns.push(Column::new(women, Integer, 8));
        columns.push(Column::new(total, Integer, 9));
        columns.push(Column::new(percent, Integer, 9));
    }
    columns.push(Column::new("catatan", Text, 40));
    let mut table = Table::new("Keterwakilan perempuan", &columns);
    let rows = board
        .units
        .into_iter()
        .chain(board.kecamatan)
        .chain(std::iter::once(board.total));
    for u in rows {
        let mut cells = vec![
            Cell::optional(Some(u.unit_code)),
            Cell::optional(Some(u.unit_name)),
            Cell::optional(Some(u.kecamatan_name)),
        ];
        for stage in WomenStage::ALL {
            match u.women.iter().find(|s| s.stage == stage) {
                Some(s) => cells.extend([
                    Cell::integer(s.women),
                    Cell::integer(s.total),
                    s.percent.map_or(Cell::Empty, Cell::integer),
                ]),
                None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
        }
        let low: Vec<&str> = u
            .women
            .iter()
            .filter(|s| s.below_30)
            .map(|s| s.stage.label())
            .collect();
        cells.push(if low.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(format!("perempuan < 30%: {}", low.join(", ")))
        });
        table.push(cells);
    }
    table
}

/// Every application with where it stands between the online list and
/// the desk: those awaiting their file, then files without an online
/// registration, then the complete ones, each in registration order.
pub(super) fn reconciliation(r: Reconciliation) -> Table {
    let mut table = Table::new(
        "Rekonsiliasi berkas",
        &[
            Column::new("keterangan", Text, 30),
            Column::new("nomor_pendaftaran", Code, 16),
            Column::new("nama", Text, 28),
            Column::new("kode_wilayah_tugas", Code, 14),
            Column::new("wilayah_tugas", Text, 34),
            Column::new("telepon", Code, 14),
            Column::new("terdaftar", Text, 16),
            Column::new("berkas_diterima", Text, 16),
        ],
    );
    let order = [
        FileStanding::MenungguBerkas,
        FileStanding::TanpaDaring,
        FileStanding::Lengkap,
    ];
    for standing in order {
        for row in r.all.iter().filter(|row| row.standing == standing) {
            table.push(vec![
                Cell::Text(row.standing_label.clone()),
                Cell::Text(row.reg_number.clone()),
                Cell::Text(row.full_name.clone()),
                Cell::Text(row.unit_code.clone()),
                Cell::optional(Some(row.unit_name.clone())),
                Cell::optional(Some(row.phone.clone())),
                Cell::optional(Some(row.registered_at.clone())),
                Cell::optional(Some(row.files_received_at.clone())),
            ]);
        }
    }
    table
}

/// Applicants whose NIK is in the party-membership list.
pub fn party_hits_table(hits: Vec<PartyHit>) -> Table {
    let mut table = Table::new(
        "Anggota partai",
        &[
            Column::new("nomor_pendaftaran", Code, 16),
            Column::new("nama", Text, 28),
            Column::new("seleksi", Text, 28),
            Column::new("partai", Text, 40),
        ],
    );
    for h in hits {
        table.push(vec![
            Cell::Text(h.reg_number),
            Cell::Text(h.full_name),
            Cell::Text(h.round_name),
            Cell::Text(h.parties),
        ]);
    }
    table
}
