//! The commission's official documents of a round as PDF, made from the
//! frozen results of closed stages: the announcements (pengumuman) of the
//! administrative check, the written test and the final result; the Berita
//! Acara of every closed stage; the lampiran of the SK penetapan. For the
//! whole kabupaten or one kecamatan/desa (to post at that office).
//!
//! What they say comes from the installation's settings: the kop (address,
//! contacts, logo), who signs, the numbering templates (one sequence per
//! series and year; a document keeps its number however often it is
//! printed) and the texts of every kind (editable, with defaults). Only
//! names, sex, units, scores and results are printed.
//!
//! By use case: this file lists a round's documents; `settings.rs` holds
//! the kop, signatories, numbering and logo; `texts.rs` the texts of each
//! kind; `document.rs` makes one document; `tables.rs` fills its table.

mod document;
mod settings;
mod tables;
mod texts;

pub use document::{make, Made, PublicationRequest};
pub use settings::{
    logo, preview_numbering, remove_logo, save_settings, set_logo, settings, NumberingTemplate,
    PublicationSettings,
};
pub use texts::{placeholders, reset_texts, save_texts, texts, KindTexts, Placeholder};

use serde::Serialize;
use ts_rs::TS;

use crate::domain::permission::{Operation, Session};
use crate::domain::publication::PublicationKind;
use crate::domain::round::Stage;
use crate::error::Result;
use crate::store::{publications as store, rounds, Db};

/// A document of a round and whether it can be made now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PublicationItem {
    pub kind: PublicationKind,
    pub key: String,
    pub label: String,
    pub stage: Stage,
    /// The stage is closed: the document can be made.
    pub ready: bool,
    /// The number it was given when first made.
    pub number: Option<String>,
    /// Made now, it would be a draft (konsep) without a number: it has none
    /// yet and this session may not give one ([`make`]).
    pub draft: bool,
}

/// Every document kind of a round, in stage order. Any logged-in role.
pub async fn list(db: &Db, session: &Session, round_id: i64) -> Result<Vec<PublicationItem>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let signer = session.may(Operation::SignAnnouncements);
    let mut out = Vec::new();
    for kind in PublicationKind::all() {
        let number = store::number_of(&mut conn, round_id, &kind.key()).await?;
        out.push(PublicationItem {
            kind,
            key: kind.key(),
            label: kind.label(),
            stage: kind.stage(),
            ready: round.current_stage > kind.stage(),
            draft: number.is_none() && !signer,
            number,
        });
    }
    Ok(out)
}
