//! The scoring form of one candidate as a PDF, signed by the panel's
//! interviewers: the aspects and weights, each interviewer's scores and
//! weighted sum, and the mean. No NIK, birth date, phone or address.

use chrono::{DateTime, Local, Utc};

use super::marks::{card_of, Scoring};
use crate::domain::permission::{Operation, Session};
use crate::error::Result;
use crate::pdf::interview_form::{self, FormInterviewer, InterviewForm};
use crate::pdf::{tanggal, Paper};
use crate::service::setup;
use crate::store::{interview as store, rounds, Db};

/// The form of `applicant_id` as a PDF on `paper`, and a file name for it.
pub async fn scoring_form_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    applicant_id: i64,
    paper: Paper,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>)> {
    session.require(Operation::Read)?;
    let kabupaten = setup::kabupaten(db).await?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let s = Scoring::load(&mut conn, round_id, applicant_id, false).await?;
    let card = card_of(&mut conn, &s, round_id).await?;
    let room = match store::panel(&mut conn, s.panel_id).await? {
        Some(p) if !p.room.is_empty() => format!(" ({})", p.room),
        _ => String::new(),
    };
    drop(conn);
    let data = InterviewForm {
        commission: kabupaten.commission(),
        round_name: round.name,
        reg_number: card.reg_number.clone(),
        full_name: card.full_name,
        unit: card.unit,
        panel: if card.panel.is_empty() {
            "-".into()
        } else {
            format!("{}{room}", card.panel)
        },
        aspects: card
            .aspects
            .iter()
            .map(|a| (a.name.clone(), a.weight.to_string()))
            .collect(),
        interviewers: card
            .interviewers
            .into_iter()
            .map(|i| FormInterviewer {
                name: i.name,
                nip: i.nip,
                scores: i.scores,
                weighted: i.weighted,
            })
            .collect(),
        mark: if card.mark == "absen" {
            "tidak hadir".into()
        } else {
            card.mark
        },
        explanation: card.explanation,
        place_date: format!(
            "{}, {}",
            kabupaten.town(),
            tanggal(now.with_timezone(&Local).date_naive())
        ),
    };
    let bytes = tokio::task::spawn_blocking(move || interview_form::render(&data, paper))
        .await
        .map_err(|e| crate::error::Error::Internal(e.to_string()))??;
    Ok((format!("formulir-wawancara-{}.pdf", card.reg_number), bytes))
}
