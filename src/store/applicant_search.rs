//! The applicant list's search: the start of any word of the name, NIK and
//! number prefixes, a unit, an order and a page, each answered from an
//! index; and, for a filter by
//! standing, what each matching application's standing is read from.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::applicant::{ApplicationStatus, Sex};
use crate::domain::ranking::Status;
use crate::domain::standing::Facts;
use crate::error::Result;

/// What the applicant list shows of one applicant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub sex: Sex,
    pub unit_code: String,
    pub kecamatan_code: String,
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
    pub nik_warning_pending: bool,
    pub party_listed: bool,
    #[sqlx(flatten)]
    pub standing: StandingRow,
}

/// The stored facts a standing is read from ([`Facts`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StandingRow {
    pub status: String,
    pub admin_result: Option<String>,
    pub written_result: Option<String>,
    pub final_result: Option<String>,
    /// Place in the final list, when it closed.
    pub final_position: Option<i64>,
    pub paw_left: bool,
    pub paw_in: bool,
}

impl StandingRow {
    pub fn facts(&self) -> Facts {
        Facts {
            withdrawn: self.status == ApplicationStatus::Mundur.as_str(),
            admin_ms: self.admin_result.as_deref().map(|r| r == "MS"),
            written: self.written_result.as_deref().and_then(Status::parse),
            final_: self.final_result.as_deref().and_then(Status::parse),
            left_term: self.paw_left,
            replaced_in: self.paw_in,
        }
    }
}

/// The columns of a [`StandingRow`] of applicant `a`.
const STANDING_COLUMNS: &str = "a.status, a.admin_result, a.written_result, a.final_result, a.final_position,
    EXISTS (SELECT 1 FROM paw_events p WHERE p.member_id = a.id) AS paw_left,
    EXISTS (SELECT 1 FROM paw_events p WHERE p.replacement_id = a.id AND p.confirmed_at IS NOT NULL) AS paw_in";

/// How to search: text prefixes, filters, order and a page.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub round_id: i64,
    /// Prefix of any word of [`name_key`](super::applicants::name_key).
    pub name_prefix: Option<String>,
    pub nik_prefix: Option<String>,
    pub reg_number_prefix: Option<String>,
    /// A kecamatan (6 digits) or desa (10 digits) code.
    pub unit: Option<String>,
    /// Only these applications (a page already chosen by standing).
    pub ids: Option<Vec<i64>>,
    pub order_by_name: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Upper bound of the strings that start with `prefix`, for an index range.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

fn push_where(q: &mut QueryBuilder<'_, Sqlite>, s: &Search) {
    q.push(" WHERE a.round_id = ").push_bind(s.round_id);
    // Any word of the name: "sutris" finds "Budi Sutrisno". A scan of the
    // round's part of the name index (it covers the key), ~15 ms for
    // 100,000 names.
    if let Some(p) = &s.name_prefix {
        let escaped = p
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        q.push(" AND (a.name_key LIKE ")
            .push_bind(format!("{escaped}%"))
            .push(" ESCAPE '\\' OR a.name_key LIKE ")
            .push_bind(format!("% {escaped}%"))
            .push(" ESCAPE '\\')");
    }
    for (column, prefix) in [
        ("a.nik", &s.nik_prefix),
        ("a.reg_number", &s.reg_number_prefix),
    ] {
        if let Some(p) = prefix {
            q.push(format!(" AND {column} >= "))
                .push_bind(p.clone())
                .push(format!(" AND {column} < "))
                .push_bind(prefix_end(p));
        }
    }
    match s.unit.as_deref() {
        // A kecamatan: its own code (PPK) and its desa codes (PPS), which
        // start with it; a range of the unit index.
        Some(u) if u.len() == 6 => {
            q.push(" AND a.unit_code >= ")
                .push_bind(u.to_string())
                .push(" AND a.unit_code < ")
                .push_bind(prefix_end(u));
        }
        Some(u) => {
            q.push(" AND a.unit_code = ").push_bind(u.to_string());
        }
        None => {}
    }
    if let Some(ids) = &s.ids {
        q.push(" AND a.id IN (");
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        list.push_unseparated(")");
        if ids.is_empty() {
            q.push(" AND 0");
        }
    }
}

fn order_of(s: &Search) -> &'static str {
    if s.order_by_name {
        " ORDER BY a.name_key, a.id"
    } else {
        " ORDER BY a.id"
    }
}

/// Every matching application (no page) with what its standing is read
/// from, in the list's order.
pub async fn standings(conn: &mut SqliteConnection, s: &Search) -> Result<Vec<(i64, StandingRow)>> {
    let mut q =
        QueryBuilder::<Sqlite>::new(format!("SELECT a.id, {STANDING_COLUMNS} FROM applicants a"));
    push_where(&mut q, s);
    q.push(order_of(s));
    let rows: Vec<IdStanding> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|r| (r.id, r.standing)).collect())
}

#[derive(sqlx::FromRow)]
struct IdStanding {
    id: i64,
    #[sqlx(flatten)]
    standing: StandingRow,
}

/// What one application's standing is read from.
pub async fn standing_of(conn: &mut SqliteConnection, id: i64) -> Result<StandingRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {STANDING_COLUMNS} FROM applicants a WHERE a.id = ?"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

/// One page of matching applicants and how many match in all.
pub async fn search(conn: &mut SqliteConnection, s: &Search) -> Result<(Vec<ListRow>, i64)> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM applicants a");
    push_where(&mut count, s);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    // Registration order is id order within a round (numbers are issued
    // as rows are inserted), and every index ends with the id: the page is
    // chosen from an index alone, then only its rows are read.
    let order = order_of(s);
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT a.id, a.reg_number, a.nik, a.full_name, a.sex, a.unit_code, a.kecamatan_code,
                (a.nik_warnings IS NOT NULL AND a.nik_warnings_ack = 0) AS nik_warning_pending,
                EXISTS (SELECT 1 FROM party_members p WHERE p.nik = a.nik) AS party_listed,
                {STANDING_COLUMNS}
         FROM applicants a WHERE a.id IN (SELECT a.id FROM applicants a"
    ));
    push_where(&mut q, s);
    q.push(order);
    q.push(" LIMIT ").push_bind(s.limit);
    q.push(" OFFSET ").push_bind(s.offset);
    q.push(")");
    q.push(order);
    let rows = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok((rows, total))
}
