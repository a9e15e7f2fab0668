//! The demo's Pilkada 2024 PPK round, as offices ran it (Keputusan KPU
//! 475/2024): the Pemilu's PPK members are evaluated at the end of their
//! term, the better ones kept for the Pilkada unit by unit, and the
//! selection opened only for the seats left. Wonorejo keeps its two
//! members, finds one applicant for three seats, is extended twice (the
//! days of the extensions lie in the past) and has its last seats filled by
//! appointment (penunjukan), proposed by a school and the village
//! government. Like `script.rs`, these steps only call services.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Utc};
use rand::Rng;

use super::people::fake_applicant;
use super::{insert_applicants, DEMO_KABUPATEN};
use crate::domain::applicant::{Education, Sex};
use crate::domain::continuity::Evaluation;
use crate::domain::permission::Session;
use crate::domain::round::{Body, Preset, Stage};
use crate::domain::seat_holder::ProposerKind;
use crate::error::{Error, Result};
use crate::service::appointment::{self, AppointmentInput};
use crate::service::continuity::{self, takeover, term};
use crate::service::rounds::create_from_preset;
use crate::service::{extensions, stages};
use crate::store::Db;

/// Wonorejo, the kecamatan left short.
const WONOREJO: &str = "351407";
/// An end-of-term score from this on keeps a member for the Pilkada.
const KEEP_FROM: u32 = 75;

/// The sessions the demo acts through.
pub(super) struct Staff<'a> {
    pub admin: &'a Session,
    pub chair: &'a Session,
    pub verifier: &'a Session,
}

/// Builds the Pilkada PPK round from the finished Pemilu PPK round
/// `pemilu` (in its term). Returns the round's name and its applicants.
pub(super) async fn pilkada_round<R: Rng>(
    db: &Db,
    rng: &mut R,
    staff: &Staff<'_>,
    pemilu: i64,
    kecamatan: &BTreeMap<&str, Vec<&str>>,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(String, u32)> {
    let chair = staff.chair;
    // The end of the Pemilu term: every member evaluated.
    let members = continuity::members(db, chair, pemilu).await?;
    let mut keep = Vec::new();
    let mut wonorejo_kept = 0;
    for m in &members {
        let score = rng.gen_range(60..=95u32);
        let grade = match score {
            85.. => "Sangat baik",
            75.. => "Baik",
            _ => "Cukup",
        };
        let evaluation = Evaluation {
            score: Some(score),
            grade: Some(grade.into()),
            notes: "Evaluasi kinerja akhir masa jabatan Pemilu 2024 (demo).".into(),
        };
        term::evaluate_end(db, chair, pemilu, m.member, &evaluation, now).await?;
        // Wonorejo keeps two of its members, whatever their scores, so
        // that three seats are left for its selection.
        let keeps = if m.unit_code.replace('.', "") == WONOREJO {
            wonorejo_kept += 1;
            wonorejo_kept <= 2
        } else {
            score >= KEEP_FROM
        };
        if keeps {
            keep.push(takeover::KeepMember {
                member: m.member,
                // The end-of-term evaluation just recorded.
                evaluation: Evaluation::default(),
            });
        }
    }
    let round =
        create_from_preset(db, staff.admin, Preset::Pilkada2024, Body::Ppk, None, now).await?;
    takeover::keep(
        db,
        chair,
        round.id,
        &takeover::KeepInput {
            from_round_id: pemilu,
            members: keep,
            decision: "Keputusan KPU Kabupaten Pasuruan Nomor 101 Tahun 2024 (demo)".into(),
            reason: "Anggota PPK Pemilu 2024 dengan hasil evaluasi kinerja baik dilanjutkan untuk Pilkada 2024 (demo)."
                .into(),
        },
        now,
    )
    .await?;
    // The selection for the seats left: Wonorejo finds one applicant.
    let held = {
        let mut conn = db.pool().acquire().await?;
        crate::store::seat_holders::held_per_unit(&mut conn, round.id).await?
    };
    let held: BTreeMap<String, u32> = held.into_iter().collect();
    let quota = round.settings.quota_per_unit;
    let mut rows = Vec::new();
    for (kec, desa) in kecamatan {
        let left = quota.saturating_sub(held.get(*kec).copied().unwrap_or(0));
        let n = if *kec == WONOREJO {
            1
        } else {
            left * rng.gen_range(2..=5u32)
        };
        for _ in 0..n {
            let home = desa[rng.gen_range(0..desa.len())];
            let seq = rows.len() as i64 + 1;
            let mut a = fake_applicant(
                rng,
                Body::Ppk,
                seq,
                kec,
                kec,
                home,
                round.settings.reference_date,
            );
            a.election = round.election.clone();
            rows.push(a);
        }
    }
    let applicants = rows.len() as u32;
    insert_applicants(
        db,
        rng,
        staff.admin,
        staff.verifier,
        round.id,
        &rows,
        seed,
        now,
    )
    .await?;
    // Registration closed eight days ago; Wonorejo extended twice, in vain.
    let days = |n: u64| now - Days::new(n);
    let wonorejo = vec![WONOREJO.to_string()];
    stages::close(db, chair, round.id, Stage::Pendaftaran, days(8)).await?;
    stages::open(db, chair, round.id, Stage::Administrasi, days(8)).await?;
    extensions::extend(db, chair, round.id, &wonorejo, None, days(8)).await?;
    extensions::extend(db, chair, round.id, &wonorejo, None, days(4)).await?;
    stages::close(db, chair, round.id, Stage::Administrasi, now).await?;
    // The seats no candidate can take are filled by appointment.
    let situation = appointment::unit_situations(db, chair, round.id, now)
        .await?
        .into_iter()
        .find(|u| u.unit_code.replace('.', "") == WONOREJO)
        .ok_or_else(|| Error::Internal("Wonorejo tidak ada dalam demo".into()))?;
    let proposers = [
        (ProposerKind::Sekolah, "SMA Negeri 1 Wonorejo"),
        (ProposerKind::PemerintahDesa, "Pemerintah Desa Wonorejo"),
        (
            ProposerKind::PerguruanTinggi,
            "Universitas Yudharta Pasuruan",
        ),
    ];
    for (i, (kind, name)) in proposers
        .into_iter()
        .take(situation.appointable as usize)
        .enumerate()
    {
        // An invented person whose NIK agrees with the sex and birth date.
        let p = loop {
            let p = fake_applicant(
                rng,
                Body::Ppk,
                9_000 + i as i64,
                WONOREJO,
                WONOREJO,
                kecamatan[WONOREJO][0],
                round.settings.reference_date,
            );
            if p.nik_warnings.is_none() {
                break p;
            }
        };
        appointment::appoint(
            db,
            chair,
            round.id,
            &AppointmentInput {
                unit_code: WONOREJO.into(),
                nik: p.nik,
                full_name: p.full_name,
                sex: Sex::parse(p.sex)?,
                birth_date: p.birth_date,
                address: p.address,
                phone: p.phone,
                education: match Education::parse(p.education)? {
                    Education::SD | Education::SMP => Education::SMA,
                    e => e,
                },
                proposer_kind: kind,
                proposer_name: name.into(),
                decision: format!(
                    "Berita Acara rapat pleno KPU Kabupaten Pasuruan Nomor {}/PL.02-BA/{DEMO_KABUPATEN}/2024 (demo)",
                    210 + i
                ),
                reason: "Pendaftar kurang dari kuota setelah dua kali perpanjangan pendaftaran (demo)."
                    .into(),
                acknowledge_nik_warnings: false,
            },
            now,
        )
        .await?;
    }
    Ok((round.name, applicants))
}
