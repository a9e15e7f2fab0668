//! First run: choosing the kabupaten/kota and creating the first administrator.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use serde_json::json;

use crate::domain::account::{check_password_policy, parse_full_name, Role, Username};
use crate::domain::permission::Operation;
use crate::domain::region::{atlas, KabupatenChoice, RegionCode, RegionLevel};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::auth::{hash_password_blocking, Session};
use crate::store::{meta, regions, users, Db};

/// Where a database stands in the first-run flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SetupStatus {
    /// The kabupaten/kota the database serves, once chosen.
    pub kabupaten: Option<KabupatenChoice>,
    /// Whether any staff account exists (otherwise the first administrator
    /// is created next).
    pub has_accounts: bool,
}

impl SetupStatus {
    pub fn is_complete(&self) -> bool {
        self.kabupaten.is_some() && self.has_accounts
    }
}

/// Input for a new account.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewAccount {
    pub username: String,
    pub full_name: String,
    pub password: String,
}

/// Reads the first-run state.
pub async fn status(db: &Db) -> Result<SetupStatus> {
    let mut conn = db.pool().acquire().await?;
    let kabupaten = match meta::get(&mut *conn, meta::KABUPATEN_CODE).await? {
        Some(code) => Some(atlas().kabupaten(&RegionCode::parse(&code)?)?),
        None => None,
    };
    let has_accounts = users::count(&mut conn).await? > 0;
    Ok(SetupStatus {
        kabupaten,
        has_accounts,
    })
}

/// The kabupaten/kota this database serves; [`Error::NotInitialized`] before
/// the first run chose one.
pub async fn kabupaten(db: &Db) -> Result<KabupatenChoice> {
    status(db).await?.kabupaten.ok_or(Error::NotInitialized)
}

/// Sets the database up for one kabupaten/kota: records it and loads its
/// kecamatan and desa/kelurahan from the embedded atlas, in one transaction.
pub async fn initialize(
    db: &Db,
    actor: &Session,
    kabupaten_code: &str,
    now: DateTime<Utc>,
) -> Result<KabupatenChoice> {
    actor.require(Operation::ManageRounds)?;
    let code = RegionCode::parse(kabupaten_code)?;
    let choice = atlas().kabupaten(&code)?;
    let mut tx = db.begin_write().await?;
    let change = initialize_in(&mut tx, &code, &choice, now).await?;
    audit::record(&mut tx, actor, now, change).await?;
    tx.commit().await?;
    Ok(choice)
}

/// Loads the regions and returns the audit entry that records it.
async fn initialize_in(
    conn: &mut sqlx::SqliteConnection,
    code: &RegionCode,
    choice: &KabupatenChoice,
    now: DateTime<Utc>,
) -> Result<Change> {
    if let Some(existing) = meta::get(&mut *conn, meta::KABUPATEN_CODE).await? {
        let name = RegionCode::parse(&existing)
            .ok()
            .and_then(|c| atlas().get(&c))
            .map(|r| r.name.clone())
            .unwrap_or(existing);
        return Err(Error::AlreadyInitialized(name));
    }
    let inside = atlas().descendants(code);
    let kecamatan: Vec<_> = inside
        .iter()
        .filter(|r| r.code.level() == RegionLevel::Kecamatan)
        .collect();
    let desa: Vec<_> = inside
        .iter()
        .filter(|r| r.code.level() == RegionLevel::Desa)
        .collect();
    regions::insert_kecamatan(conn, &kecamatan).await?;
    regions::insert_desa(conn, &desa).await?;
    meta::set(&mut *conn, meta::KABUPATEN_CODE, code.digits()).await?;
    meta::set(&mut *conn, meta::KABUPATEN_NAME, &choice.name).await?;
    meta::set(&mut *conn, meta::INITIALISED_AT, &now.to_rfc3339()).await?;
    Ok(
        Change::new("setup.initialize", "kabupaten", code.dotted()).after(json!({
            "name": choice.name,
            "kecamatan": kecamatan.len(),
            "desa_kelurahan": desa.len(),
        })),
    )
}

/// Validated account input with its password already hashed.
pub(crate) struct PreparedAccount {
    pub username: Username,
    pub full_name: String,
    pub password_hash: String,
}

/// Validates a new account and hashes its password (off the async threads).
pub(crate) async fn prepare_account(input: &NewAccount) -> Result<PreparedAccount> {
    let username = Username::parse(&input.username)?;
    let full_name = parse_full_name(&input.full_name)?;
    check_password_policy(&input.password)?;
    let password_hash = hash_password_blocking(input.password.clone()).await?;
    Ok(PreparedAccount {
        username,
        full_name,
        password_hash,
    })
}

/// Completes the first run in one transaction: chooses the kabupaten/kota
/// (when `kabupaten_code` is given and none is chosen yet) and creates the
/// first administrator, who is then logged in. Refused once any account exists.
pub async fn first_run(
    db: &Db,
    kabupaten_code: Option<&str>,
    admin: &NewAccount,
    now: DateTime<Utc>,
) -> Result<Session> {
    let chosen = match kabupaten_code {
        Some(c) => {
            let code = RegionCode::parse(c)?;
            let choice = atlas().kabupaten(&code)?;
            Some((code, choice))
        }
        None => None,
    };
    let account = prepare_account(admin).await?;
    let mut tx = db.begin_write().await?;
    if users::count(&mut tx).await? > 0 {
        return Err(Error::AdminExists);
    }
    let existing = meta::get(&mut *tx, meta::KABUPATEN_CODE).await?;
    let initialised = match (&chosen, existing) {
        (None, None) => {
            return Err(Error::validation(
                "wilayah",
                "Pilih kabupaten/kota terlebih dahulu.",
            ))
        }
        (None, Some(_)) => None,
        // Already initialised (e.g. by `adhoc init`) for the same kabupaten.
        (Some((code, _)), Some(existing)) if existing == code.digits() => None,
        // Not yet initialised, or initialised for another kabupaten, which
        // initialize_in refuses with the name of the one already chosen.
        (Some((code, choice)), _) => Some(initialize_in(&mut tx, code, choice, now).await?),
    };
    let id = users::insert(
        &mut tx,
        account.username.as_str(),
        &account.full_name,
        Role::Administrator.as_str(),
        &account.password_hash,
        now,
    )
    .await?;
    let session = Session {
        user_id: Some(id),
        username: account.username.as_str().to_string(),
        full_name: account.full_name,
        role: Role::Administrator,
        command_line: false,
    };
    if let Some(change) = initialised {
        audit::record(&mut tx, &session, now, change).await?;
    }
    let created = Change::new("user.create", "user", &session.username).after(json!({
        "username": session.username, "full_name": session.full_name, "role": "administrator", "active": true,
    }));
    audit::record(&mut tx, &session, now, created).await?;
    tx.commit().await?;
    Ok(session)
}
