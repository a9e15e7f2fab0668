//! The publication settings: the kop (address, contacts, logo), who signs,
//! and the numbering template of each series. In their own file because
//! they are saved by an administrator once, apart from any round, and read
//! by every document made.

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::permission::{Operation, Session};
use crate::domain::publication::{self, check_numbering, NumberingPreview, Series};
use crate::error::{Error, Result};
use crate::pdf::logo::Logo;
use crate::service::audit::{self, Change};
use crate::service::setup;
use crate::store::{meta, publications as store, Db};

const ADDRESS: &str = "publication.address";
const CONTACTS: &str = "publication.contacts";
const CHAIR: &str = "publication.chair";
const MEMBERS: &str = "publication.members";
const NUMBERING: &str = "publication.numbering.";

/// The kop, the signatories and the numbering templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PublicationSettings {
    /// The office's street address, printed under the name in the kop.
    pub address: String,
    /// Telephone, e-mail, website: one line under the address.
    pub contacts: String,
    /// The Ketua's name (blank: signed by hand).
    pub chair: String,
    /// The other members of the commission, for the Berita Acara.
    pub members: Vec<String>,
    /// One numbering template per series.
    pub numbering: Vec<NumberingTemplate>,
}

/// The numbering template of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NumberingTemplate {
    pub series: Series,
    pub label: String,
    pub template: String,
}

/// A numbering template as it would number this year's first document
/// (today, local time, with this kabupaten's code) and what is wrong with
/// it, while it is typed. Any logged-in role.
pub async fn preview_numbering(
    db: &Db,
    session: &Session,
    template: &str,
    now: DateTime<Utc>,
) -> Result<NumberingPreview> {
    session.require(Operation::Read)?;
    let kabupaten = setup::kabupaten(db).await?;
    Ok(publication::preview_numbering(
        template,
        &kabupaten.code.replace('.', ""),
        now.with_timezone(&Local).date_naive(),
    ))
}

/// The settings as they are now (defaults where none were saved). Any
/// logged-in role.
pub async fn settings(db: &Db, session: &Session) -> Result<PublicationSettings> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let get = |v: Option<String>| v.unwrap_or_default();
    let members: Vec<String> = meta::get(&mut *conn, MEMBERS)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default();
    let mut numbering = Vec::new();
    for series in Series::ALL {
        let key = format!("{NUMBERING}{}", series.as_str());
        numbering.push(NumberingTemplate {
            series,
            label: series.label().into(),
            template: meta::get(&mut *conn, &key)
                .await?
                .unwrap_or_else(|| series.default_template().into()),
        });
    }
    Ok(PublicationSettings {
        address: get(meta::get(&mut *conn, ADDRESS).await?),
        contacts: get(meta::get(&mut *conn, CONTACTS).await?),
        chair: get(meta::get(&mut *conn, CHAIR).await?),
        members,
        numbering,
    })
}

pub(super) fn one_line(field: &str, value: &str, max: usize) -> Result<String> {
    // Line breaks are folded into spaces; other control characters refused.
    crate::domain::text::check(
        "Isian ini",
        value,
        usize::MAX,
        crate::domain::text::Lines::Many,
    )
    .map_err(|m| Error::validation(field, m))?;
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > max {
        return Err(Error::validation(
            field,
            format!(
                "Paling banyak {max} karakter (sekarang {}).",
                v.chars().count()
            ),
        ));
    }
    Ok(v)
}

/// Saves the settings. Administrators only.
pub async fn save_settings(
    db: &Db,
    session: &Session,
    input: &PublicationSettings,
    now: DateTime<Utc>,
) -> Result<PublicationSettings> {
    session.require(Operation::ManageRounds)?;
    let mut members = Vec::new();
    for (i, m) in input.members.iter().enumerate() {
        let m = one_line(&format!("anggota.{i}"), m, 120)?;
        if !m.is_empty() {
            members.push(m);
        }
    }
    if members.len() > 8 {
        return Err(Error::validation(
            "anggota",
            "Paling banyak 8 anggota selain Ketua.",
        ));
    }
    let clean = PublicationSettings {
        address: one_line("alamat", &input.address, 200)?,
        contacts: one_line("kontak", &input.contacts, 200)?,
        chair: one_line("ketua", &input.chair, 120)?,
        members,
        numbering: Series::ALL
            .into_iter()
            .map(|series| {
                let template = input
                    .numbering
                    .iter()
                    .find(|n| n.series == series)
                    .map(|n| n.template.trim().to_string())
                    .unwrap_or_else(|| series.default_template().into());
                check_numbering(&template).map_err(|e| match e {
                    Error::Validation { message, .. } => Error::validation(
                        format!("nomor.{}", series.as_str()),
                        format!("{}: {message}", series.label()),
                    ),
                    other => other,
                })?;
                Ok(NumberingTemplate {
                    series,
                    label: series.label().into(),
                    template,
                })
            })
            .collect::<Result<_>>()?,
    };
    let before = settings(db, session).await?;
    let mut tx = db.begin_write().await?;
    meta::set(&mut *tx, ADDRESS, &clean.address).await?;
    meta::set(&mut *tx, CONTACTS, &clean.contacts).await?;
    meta::set(&mut *tx, CHAIR, &clean.chair).await?;
    meta::set(&mut *tx, MEMBERS, &json!(clean.members).to_string()).await?;
    for n in &clean.numbering {
        meta::set(
            &mut *tx,
            &format!("{NUMBERING}{}", n.series.as_str()),
            &n.template,
        )
        .await?;
    }
    let change = Change::new("publication.settings", "settings", "publication")
        .before(json!(before))
        .after(json!(clean));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(clean)
}

/// The logo file (media type and bytes), if one was uploaded.
pub async fn logo(db: &Db, session: &Session) -> Result<Option<(String, Vec<u8>)>> {
    session.require(Operation::Read)?;
    store::logo(db.pool()).await
}

/// Checks and saves the kop's logo (PNG or JPEG). Administrators only.
pub async fn set_logo(db: &Db, session: &Session, bytes: &[u8], now: DateTime<Utc>) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let logo = Logo::read(bytes)?;
    let mut tx = db.begin_write().await?;
    store::set_logo(
        &mut tx,
        logo.media_type,
        bytes,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let change = Change::new("publication.logo", "settings", "logo").after(json!({
        "media_type": logo.media_type,
        "bytes": bytes.len(),
        "width": logo.width,
        "height": logo.height,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the logo: the kop is printed as text. Administrators only.
pub async fn remove_logo(db: &Db, session: &Session, now: DateTime<Utc>) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    if store::remove_logo(&mut tx).await? {
        audit::record(
            &mut tx,
            session,
            now,
            Change::new("publication.logo_removed", "settings", "logo"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
