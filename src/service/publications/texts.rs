//! The texts of each kind of document (TENTANG, opening and closing
//! paragraphs, with placeholders): editable by an administrator, with
//! defaults. In their own file because they are settings per kind, checked
//! apart from the kop and numbering in `settings.rs`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::settings::one_line;
use crate::domain::permission::{Operation, Session};
use crate::domain::publication::{check_template, PublicationKind, Texts, PLACEHOLDERS};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{publications as store, Db};

/// The texts of one kind, with its defaults.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KindTexts {
    pub kind: PublicationKind,
    pub key: String,
    pub label: String,
    pub texts: Texts,
    pub defaults: Texts,
    /// Whether the texts differ from the defaults (were saved).
    pub edited: bool,
}

/// A placeholder the texts may use.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Placeholder {
    pub name: String,
    pub meaning: String,
}

/// The placeholders the texts may use.
pub fn placeholders() -> Vec<Placeholder> {
    PLACEHOLDERS
        .iter()
        .map(|(name, meaning)| Placeholder {
            name: format!("{{{name}}}"),
            meaning: (*meaning).into(),
        })
        .collect()
}

/// The texts of every kind. Any logged-in role.
pub async fn texts(db: &Db, session: &Session) -> Result<Vec<KindTexts>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let mut out = Vec::new();
    for kind in PublicationKind::all() {
        let saved = store::texts(&mut *conn, &kind.key()).await?;
        let defaults = kind.default_texts();
        out.push(KindTexts {
            kind,
            key: kind.key(),
            label: kind.label(),
            edited: saved.is_some(),
            texts: saved.unwrap_or_else(|| defaults.clone()),
            defaults,
        });
    }
    Ok(out)
}

/// Saves the texts of a kind. Administrators only.
pub async fn save_texts(
    db: &Db,
    session: &Session,
    kind: PublicationKind,
    input: &Texts,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    if !kind.is_valid() {
        return Err(Error::validation("jenis", "Jenis dokumen ini tidak ada."));
    }
    let about = one_line("tentang", &input.about, 400)?;
    if about.is_empty() {
        return Err(Error::validation(
            "tentang",
            "Isi bagian TENTANG tidak boleh kosong.",
        ));
    }
    let paragraphs = |field: &str, text: &str| -> Result<String> {
        crate::domain::text::check("Teks", text, usize::MAX, crate::domain::text::Lines::Many)
            .map_err(|m| Error::validation(field, m))?;
        let t: Vec<String> = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        let t = t.join("\n");
        if t.chars().count() > 4000 {
            return Err(Error::validation(field, "Paling banyak 4000 karakter."));
        }
        Ok(t)
    };
    let texts = Texts {
        about,
        opening: paragraphs("pembuka", &input.opening)?,
        closing: paragraphs("penutup", &input.closing)?,
    };
    check_template("tentang", &texts.about)?;
    check_template("pembuka", &texts.opening)?;
    check_template("penutup", &texts.closing)?;
    let mut tx = db.begin_write().await?;
    let before = store::texts(&mut *tx, &kind.key()).await?;
    store::set_texts(
        &mut tx,
        &kind.key(),
        &texts,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("publication.texts", "publication", kind.key())
        .before(json!(before.unwrap_or_else(|| kind.default_texts())))
        .after(json!(texts));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Back to the default texts of a kind. Administrators only.
pub async fn reset_texts(
    db: &Db,
    session: &Session,
    kind: PublicationKind,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    if store::reset_texts(&mut tx, &kind.key()).await? {
        let change = Change::new("publication.texts_reset", "publication", kind.key());
        audit::record(&mut tx, session, now, change).await?;
    }
    tx.commit().await?;
    Ok(())
}
