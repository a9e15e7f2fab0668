//! The written test's logistics: venues, rooms, sessions, participant
//! numbers, seating, moves, the announcement of the schedule and the
//! participant cards (PDF: save dialog, then the system's viewer). The
//! list goes through `export_list`.

use adhoc::pdf::participant_card::CardLayout;
use adhoc::pdf::Paper;
use adhoc::service::seating::{
    self, CardFilter, NumbersGiven, Participant, RoomInput, SeatMove, SeatsAssigned, SessionInput,
    SiteChange, TestSchedule, VenueInput,
};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn test_schedule(state: State<'_, AppState>, round_id: i64) -> CmdResult<TestSchedule> {
    let session = state.session().await?;
    Ok(seating::overview(&state.db()?, &session, round_id).await?)
}

/// Participants with number and seat; one venue's when `venue_id` is set.
#[tauri::command]
pub async fn test_participants(
    state: State<'_, AppState>,
    round_id: i64,
    venue_id: Option<i64>,
) -> CmdResult<Vec<Participant>> {
    let session = state.session().await?;
    Ok(seating::participants(&state.db()?, &session, round_id, venue_id).await?)
}

/// Adds a venue (`id` null) or changes one.
#[tauri::command]
pub async fn save_test_venue(
    state: State<'_, AppState>,
    round_id: i64,
    id: Option<i64>,
    input: VenueInput,
) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    let db = &state.db()?;
    Ok(match id {
        None => seating::add_venue(db, &session, round_id, &input, Utc::now()).await?,
        Some(id) => seating::edit_venue(db, &session, id, &input, Utc::now()).await?,
    })
}

#[tauri::command]
pub async fn delete_test_venue(state: State<'_, AppState>, id: i64) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    Ok(seating::delete_venue(&state.db()?, &session, id, Utc::now()).await?)
}

/// Adds a room to a venue (`id` null) or changes one.
#[tauri::command]
pub async fn save_test_room(
    state: State<'_, AppState>,
    venue_id: i64,
    id: Option<i64>,
    input: RoomInput,
) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    let db = &state.db()?;
    Ok(match id {
        None => seating::add_room(db, &session, venue_id, &input, Utc::now()).await?,
        Some(id) => seating::edit_room(db, &session, id, &input, Utc::now()).await?,
    })
}

#[tauri::command]
pub async fn delete_test_room(state: State<'_, AppState>, id: i64) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    Ok(seating::delete_room(&state.db()?, &session, id, Utc::now()).await?)
}

/// Adds a session (`id` null) or changes one.
#[tauri::command]
pub async fn save_test_session(
    state: State<'_, AppState>,
    round_id: i64,
    id: Option<i64>,
    input: SessionInput,
) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    let db = &state.db()?;
    Ok(match id {
        None => seating::add_session(db, &session, round_id, &input, Utc::now()).await?,
        Some(id) => seating::edit_session(db, &session, id, &input, Utc::now()).await?,
    })
}

#[tauri::command]
pub async fn delete_test_session(state: State<'_, AppState>, id: i64) -> CmdResult<SiteChange> {
    let session = state.session().await?;
    Ok(seating::delete_session(&state.db()?, &session, id, Utc::now()).await?)
}

/// Returns the first number as the new format makes it.
#[tauri::command]
pub async fn set_participant_number_format(
    state: State<'_, AppState>,
    round_id: i64,
    format: String,
) -> CmdResult<String> {
    let session = state.session().await?;
    Ok(seating::set_number_format(&state.db()?, &session, round_id, &format, Utc::now()).await?)
}

#[tauri::command]
pub async fn give_participant_numbers(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<NumbersGiven> {
    let session = state.session().await?;
    Ok(seating::give_numbers(&state.db()?, &session, round_id, Utc::now()).await?)
}

#[tauri::command]
pub async fn assign_seats(state: State<'_, AppState>, round_id: i64) -> CmdResult<SeatsAssigned> {
    let session = state.session().await?;
    Ok(seating::auto_assign(&state.db()?, &session, round_id, Utc::now()).await?)
}

#[tauri::command]
pub async fn move_participant(
    state: State<'_, AppState>,
    round_id: i64,
    seat_move: SeatMove,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(seating::move_participant(&state.db()?, &session, round_id, &seat_move, Utc::now()).await?)
}

/// Makes the announcement of the schedule, asks where to save it, writes
/// and opens it; `None` when the dialog was cancelled (the schedule is
/// published all the same: the document was made).
#[tauri::command]
pub async fn export_test_schedule<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    paper: String,
    number: Option<String>,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let doc = seating::schedule_pdf(
        &state.db()?,
        &session,
        round_id,
        Paper::parse(&paper)?,
        number.as_deref(),
        Utc::now(),
    )
    .await?;
    Ok(files::save_pdf(&app, doc.file, &doc.bytes)?)
}

/// Makes participant cards (those `filter` chooses; eight to a sheet, or
/// one to a page when `one_per_page`), asks where to save them, writes and
/// opens the file; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_participant_cards<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    filter: CardFilter,
    one_per_page: bool,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let layout = if one_per_page {
        CardLayout::Single
    } else {
        CardLayout::Sheet
    };
    let doc = seating::cards_pdf(&state.db()?, &session, round_id, &filter, layout).await?;
    Ok(files::save_pdf(&app, doc.file, &doc.bytes)?)
}

/// Asks for a participant's photo (JPG or PNG) and attaches it for their
/// card; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn upload_participant_photo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    applicant_id: i64,
) -> CmdResult<Option<adhoc::service::scans::Attachment>> {
    let session = state.session().await?;
    let Some(path) = files::pick(&app, "Foto (JPG, PNG)", &["jpg", "jpeg", "png"])? else {
        return Ok(None);
    };
    // Never more than the limit is read, whatever size the file reports.
    let bytes = adhoc::service::scans::read_picked(&path)?;
    let name = path.display().to_string();
    Ok(Some(
        adhoc::service::scans::attach_photo(
            &state.db()?,
            &session,
            applicant_id,
            &name,
            &bytes,
            Utc::now(),
        )
        .await?,
    ))
}
