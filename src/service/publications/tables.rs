//! The table of each kind of document: which applicants (or units) it
//! lists from the frozen results, with which columns, grouped by kecamatan
//! or desa. In its own file because this is where the kinds differ; the
//! rest of a document is the same for all (`document.rs`).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use crate::domain::extension::ExtensionState;
use crate::domain::permission::Session;
use crate::domain::publication::PublicationKind;
use crate::domain::ranking::Status;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Stage;
use crate::domain::seat_holder::HolderSource;
use crate::error::Result;
use crate::pdf::official::{Column, Group, Table};
use crate::pdf::tanggal;
use crate::service::extensions::{self, ExtensionUnit};
use crate::service::{evaluation, quota, selection, verification};
use crate::store::{rounds, Db};

fn name_of(code: &str) -> String {
    RegionCode::parse(code)
        .ok()
        .and_then(|c| atlas().get(&c).map(|r| r.name.clone()))
        .unwrap_or_else(|| code.to_string())
}

/// One line of a table before grouping: the dotted unit code, the cells
/// after the name columns.
pub(super) struct Line {
    unit: String,
    name: String,
    sex: String,
    rest: Vec<String>,
}

/// The table's columns after "No", its lines, and what it says when empty.
pub(super) async fn table_of(
    db: &Db,
    session: &Session,
    round: &rounds::Round,
    kind: PublicationKind,
    now: DateTime<Utc>,
    within: &(dyn Fn(&str) -> bool + Sync),
) -> Result<(Vec<Column>, Vec<Line>, String)> {
    let person = |extra: &[Column]| {
        let mut c = vec![Column::new("Nama", 0.34), Column::centred("L/P", 0.06)];
        c.extend_from_slice(extra);
        c
    };
    let empty = "Tidak ada nama yang tercantum.".to_string();
    let mut lines = Vec::new();
    let cols = match kind {
        PublicationKind::Pengumuman(Stage::Administrasi)
        | PublicationKind::BeritaAcara(Stage::Administrasi) => {
            let minutes = matches!(kind, PublicationKind::BeritaAcara(_));
            for r in verification::results(db, session, round.id, now).await? {
                if within(&r.unit_code) {
                    let mut rest = vec![r.result_text().to_string()];
                    if minutes {
                        // The minutes may be published: a failed party rule
                        // in neutral words, no party named (see
                        // `Rule::printed_failure`); the announcement prints
                        // no reasons at all.
                        rest.push(r.printed_reasons);
                    }
                    lines.push(Line {
                        unit: r.unit_code,
                        name: r.full_name,
                        sex: r.sex,
                        rest,
                    });
                }
            }
            if minutes {
                person(&[
                    Column::centred("Hasil", 0.08),
                    Column::new("Keterangan", 0.3),
                ])
            } else {
                person(&[Column::new("Keterangan", 0.2)])
            }
        }
        PublicationKind::BeritaAcara(Stage::Pendaftaran) => {
            let board = quota::quota(db, session, round.id, now).await?;
            let short: HashMap<String, ExtensionUnit> = {
                let mut conn = db.pool().acquire().await?;
                extensions::short_units(&mut conn, round, now.date_naive())
                    .await?
                    .into_iter()
                    .map(|u| (u.unit_code.clone(), u))
                    .collect()
            };
            for u in board.units.iter().filter(|u| within(&u.unit_code)) {
                // Only what registration decided: enough applicants, or an
                // extension (and whether it was enough), or the Pimpinan's
                // decision to go on without one.
                let mut note: Vec<String> = Vec::new();
                if let Some(x) = short.get(&u.unit_code) {
                    if let Some(until) = x.extended_until {
                        note.push(format!(
                            "Diperpanjang {} kali, sampai {}",
                            x.extensions,
                            tanggal(until)
                        ));
                    }
                    match (x.state, &x.decision) {
                        (ExtensionState::LanjutKeputusan, Some(d)) => note.push(d.clone()),
                        (ExtensionState::BolehLanjut | ExtensionState::Diperpanjang, _) => {}
                        (state, _) => note.push(format!(
                            "Pendaftar kurang dari {}× kuota; {}",
                            round.settings.extension_threshold,
                            state.label()
                        )),
                    }
                }
                if u.registered + u.held < u.quota {
                    note.push("Kurang dari kuota".into());
                }
                lines.push(Line {
                    unit: u.unit_code.clone(),
                    name: u.unit_name.clone(),
                    sex: String::new(),
                    rest: vec![
                        u.quota.to_string(),
                        u.registered.to_string(),
                        if note.is_empty() {
                            "Cukup".into()
                        } else {
                            note.join("; ")
                        },
                    ],
                });
            }
            return Ok((
                vec![
                    Column::new("Wilayah", 0.34),
                    Column::figure("Kuota", 0.1),
                    Column::figure("Pendaftar", 0.13),
                    Column::new("Keterangan", 0.43),
                ],
                lines,
                "Tidak ada wilayah.".into(),
            ));
        }
        kind => {
            let stage = match kind {
                PublicationKind::Pengumuman(Stage::Tertulis)
                | PublicationKind::BeritaAcara(Stage::Tertulis) => Stage::Tertulis,
                _ => Stage::Akhir,
            };
            // The places without their explanations: nothing here prints them.
            let c = evaluation::ranking(db, session, round.id, now, false).await?;
            for r in selection::listed(db, &c, stage, None).await? {
                if !within(&r.unit_code) || r.status == Status::Tms {
                    continue;
                }
                let place = match r.status {
                    Status::Terpilih => {
                        format!("Terpilih (peringkat {})", r.position.unwrap_or_default())
                    }
                    Status::Cadangan => format!("Cadangan {}", r.reserve.unwrap_or_default()),
                    s => s.label().to_string(),
                };
                let rest = match kind {
                    PublicationKind::Pengumuman(Stage::Tertulis) => vec![place],
                    PublicationKind::Pengumuman(_) => {
                        if !matches!(r.status, Status::Terpilih | Status::Cadangan) {
                            continue;
                        }
                        vec![place]
                    }
                    PublicationKind::BeritaAcara(Stage::Tertulis) => vec![r.written, place],
                    PublicationKind::BeritaAcara(Stage::Wawancara) => {
                        let note = if r.interview == "absen" {
                            "Tidak hadir"
                        } else {
                            "Hadir"
                        };
                        vec![r.written, r.interview, note.into()]
                    }
                    PublicationKind::BeritaAcara(Stage::Akhir) => {
                        vec![r.written, r.interview, r.final_score, place]
                    }
                    // Penetapan and the lampiran: the members appointed.
                    _ => {
                        if r.status != Status::Terpilih {
                            continue;
                        }
                        vec![if kind == PublicationKind::LampiranSk {
                            "Anggota".into()
                        } else {
                            place
                        }]
                    }
                };
                lines.push(Line {
                    unit: r.unit_code,
                    name: r.full_name,
                    sex: r.sex,
                    rest,
                });
            }
            // The SK and its Berita Acara also name the members who hold a
            // seat without this selection, marked by how they came to it.
            if matches!(
                kind,
                PublicationKind::LampiranSk | PublicationKind::BeritaAcara(Stage::Penetapan)
            ) {
                let mut conn = db.pool().acquire().await?;
                for h in crate::store::seat_holders::of_round(&mut conn, round.id).await? {
                    let unit = selection::dotted(&h.unit_code);
                    if !within(&unit) {
                        continue;
                    }
                    let mark = match HolderSource::parse(&h.source) {
                        Ok(HolderSource::Dilanjutkan) => "Dilanjutkan",
                        _ => "Penunjukan",
                    };
                    lines.push(Line {
                        unit,
                        name: h.full_name,
                        sex: h.sex,
                        rest: vec![if kind == PublicationKind::LampiranSk {
                            format!("Anggota ({mark})")
                        } else {
                            mark.to_string()
                        }],
                    });
                }
            }
            match kind {
                PublicationKind::Pengumuman(_) | PublicationKind::BeritaAcara(Stage::Penetapan) => {
                    person(&[Column::new("Keterangan", 0.22)])
                }
                PublicationKind::LampiranSk => person(&[Column::new("Jabatan", 0.2)]),
                PublicationKind::BeritaAcara(Stage::Tertulis) => person(&[
                    Column::figure("Nilai", 0.1),
                    Column::new("Keterangan", 0.18),
                ]),
                PublicationKind::BeritaAcara(Stage::Wawancara) => person(&[
                    Column::figure("Nilai tertulis", 0.1),
                    Column::figure("Nilai wawancara", 0.12),
                    Column::new("Keterangan", 0.12),
                ]),
                _ => person(&[
                    Column::figure("Tertulis", 0.09),
                    Column::figure("Wawancara", 0.1),
                    Column::figure("Akhir", 0.08),
                    Column::new("Keterangan", 0.2),
                ]),
            }
        }
    };
    Ok((cols, lines, empty))
}

/// Groups the lines by kecamatan (PPK) or desa (PPS), in code order,
/// keeping their order within a group, and adds the unit columns.
pub(super) fn group(
    pps: bool,
    mut columns: Vec<Column>,
    lines: Vec<Line>,
    empty: String,
    kind: PublicationKind,
) -> Table {
    let recap = kind == PublicationKind::BeritaAcara(Stage::Pendaftaran);
    if !recap {
        // Desa (PPS) and kecamatan after the name and sex.
        let mut unit_cols = vec![Column::new("Kecamatan", 0.16)];
        if pps {
            unit_cols.insert(0, Column::new("Desa/Kelurahan", 0.16));
        }
        columns.splice(2..2, unit_cols);
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for l in lines {
        let Ok(code) = RegionCode::parse(&l.unit) else {
            continue;
        };
        let kecamatan = RegionCode::parse(&code.digits()[..6.min(code.digits().len())])
            .map(|k| name_of(&k.dotted()))
            .unwrap_or_default();
        // A recap of PPS lists the desa under their kecamatan; a recap of
        // PPK lists the kecamatan without headings.
        let (key, heading) = if recap {
            if pps {
                (
                    code.digits()[..6].to_string(),
                    format!("Kecamatan {kecamatan}"),
                )
            } else {
                (String::new(), String::new())
            }
        } else if pps {
            (code.digits().to_string(), atlas().unit_label(&code))
        } else {
            (code.digits().to_string(), format!("Kecamatan {kecamatan}"))
        };
        let mut cells = if recap {
            vec![l.name]
        } else {
            let mut c = vec![l.name, l.sex];
            if pps {
                c.push(name_of(&l.unit));
            }
            c.push(kecamatan);
            c
        };
        cells.extend(l.rest);
        groups
            .entry(key)
            .or_insert_with(|| Group {
                heading,
                rows: Vec::new(),
            })
            .rows
            .push(cells);
    }
    Table {
        columns,
        groups: groups.into_values().collect(),
        empty,
    }
}
