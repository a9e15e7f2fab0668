//! Document requirements per round and document verdicts.

use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::documents::{Applies, DOCUMENTS};
use crate::domain::verification::{AdminVerdict, DocCheck, DocVerdict, Requirement};
use crate::error::Result;
use crate::store::BULK_CHUNK;

/// Gives a new round the documents of DOMAIN.md.
pub async fn seed_requirements(conn: &mut SqliteConnection, round_id: i64) -> Result<()> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO document_requirements (round_id, code, name, mandatory, applies, seq) ",
    );
    q.push_values(DOCUMENTS.iter().enumerate(), |mut b, (i, d)| {
        b.push_bind(round_id)
            .push_bind(d.code)
            .push_bind(d.name)
            .push_bind(true)
            .push_bind(d.applies.as_str())
            .push_bind(i as i64 + 1);
    });
    q.build().execute(&mut *conn).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RequirementRow {
    code: String,
    name: String,
    mandatory: bool,
    applies: String,
}

/// The documents a round asks for (not retired), in order.
pub async fn requirements(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Requirement>> {
    let rows: Vec<RequirementRow> = sqlx::query_as(
        "SELECT code, name, mandatory, applies FROM document_requirements
         WHERE round_id = ? AND retired = 0 ORDER BY seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Requirement {
            code: r.code,
            name: r.name,
            mandatory: r.mandatory,
            applies: Applies::from_db(&r.applies),
        })
        .collect())
}

/// One verdict to write.
#[derive(Debug, Clone)]
pub struct NewCheck {
    pub applicant_id: i64,
    pub code: String,
    pub verdict: DocVerdict,
    pub reason: Option<String>,
}

/// Writes verdicts, replacing earlier ones for the same document.
pub async fn upsert_checks(
    conn: &mut SqliteConnection,
    rows: &[NewCheck],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = now.to_rfc3339();
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO document_checks (applicant_id, code, verdict, reason, checked_by, checked_at) ",
        );
        q.push_values(chunk, |mut b, c| {
            b.push_bind(c.applicant_id)
                .push_bind(&c.code)
                .push_bind(c.verdict.as_str())
                .push_bind(&c.reason)
                .push_bind(by)
                .push_bind(&now);
        });
        q.push(
            " ON CONFLICT (applicant_id, code) DO UPDATE SET verdict = excluded.verdict,
               reason = excluded.reason, checked_by = excluded.checked_by, checked_at = excluded.checked_at",
        );
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CheckRow {
    applicant_id: i64,
    code: String,
    verdict: String,
    reason: Option<String>,
}

impl CheckRow {
    fn into_check(self) -> Result<(i64, DocCheck)> {
        Ok((
            self.applicant_id,
            DocCheck {
                code: self.code,
                verdict: DocVerdict::parse(&self.verdict)?,
                reason: self.reason,
            },
        ))
    }
}

/// Every verdict of a round's applicants, by applicant id.
pub async fn checks_of_round(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(i64, DocCheck)>> {
    let rows: Vec<CheckRow> = sqlx::query_as(
        "SELECT c.applicant_id, c.code, c.verdict, c.reason FROM document_checks c
         JOIN applicants a ON a.id = c.applicant_id WHERE a.round_id = ? ORDER BY c.applicant_id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(CheckRow::into_check).collect()
}

/// The verdicts of one applicant.
pub async fn checks_of(conn: &mut SqliteConnection, applicant_id: i64) -> Result<Vec<DocCheck>> {
    let rows: Vec<CheckRow> = sqlx::query_as(
        "SELECT applicant_id, code, verdict, reason FROM document_checks WHERE applicant_id = ?",
    )
    .bind(applicant_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| r.into_check().map(|(_, c)| c))
        .collect()
}

/// Registration number → id, for a round.
pub async fn ids_by_number(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT reg_number, id FROM applicants WHERE round_id = ? AND status <> 'mundur'",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A Verifikator's decisions on one applicant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    pub applicant_id: i64,
    pub override_verdict: Option<AdminVerdict>,
    pub override_reason: Option<String>,
    pub needs_fix: bool,
    pub fix_note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    applicant_id: i64,
    override_verdict: Option<String>,
    override_reason: Option<String>,
    needs_fix: bool,
    fix_note: Option<String>,
}

impl DecisionRow {
    fn into_decision(self) -> Result<Decision> {
        Ok(Decision {
            applicant_id: self.applicant_id,
            override_verdict: self
                .override_verdict
                .as_deref()
                .map(AdminVerdict::parse)
                .transpose()?,
            override_reason: self.override_reason,
            needs_fix: self.needs_fix,
            fix_note: self.fix_note,
        })
    }
}

const DECISION_COLUMNS: &str =
    "applicant_id, override AS override_verdict, override_reason, needs_fix, fix_note";

pub async fn decision_of(
    conn: &mut SqliteConnection,
    applicant_id: i64,
) -> Result<Option<Decision>> {
    let row: Option<DecisionRow> = sqlx::query_as(&format!(
        "SELECT {DECISION_COLUMNS} FROM admin_decisions WHERE applicant_id = ?"
    ))
    .bind(applicant_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(DecisionRow::into_decision).transpose()
}

/// Every decision in a round.
pub async fn decisions_of_round(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<Decision>> {
    let rows: Vec<DecisionRow> = sqlx::query_as(&format!(
        "SELECT {DECISION_COLUMNS} FROM admin_decisions
         WHERE applicant_id IN (SELECT id FROM applicants WHERE round_id = ?)"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(DecisionRow::into_decision).collect()
}

/// Writes an applicant's decisions (replacing the earlier ones).
pub async fn save_decision(
    conn: &mut SqliteConnection,
    d: &Decision,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO admin_decisions (applicant_id, override, override_reason, needs_fix, fix_note, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (applicant_id) DO UPDATE SET override = excluded.override,
            override_reason = excluded.override_reason, needs_fix = excluded.needs_fix,
            fix_note = excluded.fix_note, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
    )
    .bind(d.applicant_id)
    .bind(d.override_verdict.map(AdminVerdict::as_str))
    .bind(&d.override_reason)
    .bind(d.needs_fix)
    .bind(&d.fix_note)
    .bind(by)
    .bind(now.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The next active applicant after `after` (wrapping to the start) that has
/// a mandatory, always-required document without a verdict.
pub async fn next_unchecked(
    conn: &mut SqliteConnection,
    round_id: i64,
    after: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT a.id FROM applicants a
         WHERE a.round_id = ?1 AND a.status <> 'mundur'
           AND EXISTS (SELECT 1 FROM document_requirements q
                       WHERE q.round_id = ?1 AND q.retired = 0 AND q.mandatory = 1 AND q.applies = 'always'
                         AND NOT EXISTS (SELECT 1 FROM document_checks c
                                         WHERE c.applicant_id = a.id AND c.code = q.code))
         ORDER BY (a.id <= ?2), a.id
         LIMIT 1",
    )
    .bind(round_id)
    .bind(after)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A scan attached to a document.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    pub code: String,
    pub sha256: String,
    pub media_type: String,
    pub file_name: String,
    pub size: i64,
    pub added_at: String,
}

/// Records a scan of a document (once per applicant, document and file).
pub async fn add_attachment(
    conn: &mut SqliteConnection,
    applicant_id: i64,
    row: &AttachmentRow,
    by: Option<i64>,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO document_attachments
            (applicant_id, code, sha256, media_type, file_name, size, added_by, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(applicant_id)
    .bind(&row.code)
    .bind(&row.sha256)
    .bind(&row.media_type)
    .bind(&row.file_name)
    .bind(row.size)
    .bind(by)
    .bind(&row.added_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The scans of an applicant, oldest first.
pub async fn attachments_of(
    conn: &mut SqliteConnection,
    applicant_id: i64,
) -> Result<Vec<AttachmentRow>> {
    Ok(sqlx::query_as(
        "SELECT code, sha256, media_type, file_name, size, added_at FROM document_attachments
         WHERE applicant_id = ? ORDER BY added_at, rowid",
    )
    .bind(applicant_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The media type of a stored scan, if any applicant has it.
pub async fn media_type_of(conn: &mut SqliteConnection, sha256: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT media_type FROM document_attachments WHERE sha256 = ?1
             UNION ALL SELECT attachment_type FROM public_responses WHERE attachment_sha256 = ?1
             LIMIT 1",
    )
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A requirement as administrators manage it (retired ones included).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequirementRecord {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    pub applies: String,
    pub retired: bool,
}

pub async fn all_requirements(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<RequirementRecord>> {
    Ok(sqlx::query_as(
        "SELECT code, name, mandatory, applies, retired FROM document_requirements
         WHERE round_id = ? ORDER BY seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Whether any document of the round has a verdict yet.
pub async fn verification_started(conn: &mut SqliteConnection, round_id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM document_checks c JOIN applicants a ON a.id = c.applicant_id
                        WHERE a.round_id = ?)",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn add_requirement(
    conn: &mut SqliteConnection,
    round_id: i64,
    r: &RequirementRecord,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO document_requirements (round_id, code, name, mandatory, applies, seq)
         VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM document_requirements WHERE round_id = ?))",
    )
    .bind(round_id)
    .bind(&r.code)
    .bind(&r.name)
    .bind(r.mandatory)
    .bind(&r.applies)
    .bind(round_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Renames and sets `mandatory`/`retired` of one requirement.
pub async fn update_requirement(
    conn: &mut SqliteConnection,
    round_id: i64,
    r: &RequirementRecord,
) -> Result<()> {
    sqlx::query(
        "UPDATE document_requirements SET name = ?, mandatory = ?, retired = ?
         WHERE round_id = ? AND code = ?",
    )
    .bind(&r.name)
    .bind(r.mandatory)
    .bind(r.retired)
    .bind(round_id)
    .bind(&r.code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
