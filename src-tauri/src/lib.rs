//! The desktop shell of Seleksi Ad Hoc: Tauri 2 over the `adhoc` core.

mod commands;
mod state;

use std::path::PathBuf;

use tauri::{Builder, Runtime};

pub use state::AppState;

/// Registers the app state and every command on `builder`. Tests pass
/// `tauri::test::mock_builder()`, the app passes `tauri::Builder::default()`.
pub fn run_app<R: Runtime>(builder: Builder<R>, db_path: PathBuf) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::open(&db_path))
        .invoke_handler(tauri::generate_handler![
            commands::setup::setup_status,
            commands::setup::search_kabupaten,
            commands::setup::complete_first_run,
            commands::session::login,
            commands::session::logout,
            commands::session::current_session,
            commands::home::home,
            commands::home::about,
            commands::rounds::round_presets,
            commands::rounds::create_round,
            commands::rounds::update_round_settings,
            commands::rounds::shift_round_schedule,
            commands::rounds::round_draft_past_dates,
            commands::rounds::unit_quotas,
            commands::rounds::set_unit_quota,
            commands::session::keep_alive,
            commands::session::lock_session,
            commands::session::unlock_session,
            commands::accounts::list_accounts,
            commands::accounts::create_account,
            commands::accounts::set_account_active,
            commands::accounts::set_account_role,
            commands::accounts::reset_account_password,
            commands::accounts::unlock_account,
            commands::accounts::change_own_password,
            commands::audit::audit_status,
            commands::audit::list_audit,
            commands::audit::export_audit_csv,
            commands::audit::audit_head,
            commands::audit::verify_printed_audit,
            commands::audit::set_idle_minutes,
            commands::parties::import_party_list,
            commands::parties::party_hits,
            commands::parties::party_list_state,
            commands::parties::record_party_check,
            commands::parties::clear_party_check,
            commands::applicants::list_regions,
            commands::applicants::check_registration,
            commands::applicants::register_applicant,
            commands::applicants::update_applicant,
            commands::applicants::withdraw_applicant,
            commands::applicants::applicant_detail,
            commands::applicants::list_applicants,
            commands::applicants::standing_options,
            commands::applicants::import_applicants,
            commands::applicants::save_import_problems,
            commands::applicant_sheets::pick_applicant_sheet,
            commands::applicant_sheets::preview_applicant_sheet,
            commands::applicant_sheets::import_applicant_sheet,
            commands::applicant_sheets::list_sheet_mappings,
            commands::applicant_sheets::save_sheet_mapping,
            commands::applicant_sheets::delete_sheet_mapping,
            commands::reconciliation::reconciliation,
            commands::interview::interview_setup,
            commands::interview::set_interview_aspects,
            commands::interview::add_interview_panel,
            commands::interview::delete_interview_panel,
            commands::interview::assign_interview_panels,
            commands::interview::interview_schedule,
            commands::interview::interview_card,
            commands::interview::record_interview_scores,
            commands::interview::import_interview_scores,
            commands::interview::save_interview_form,
            commands::reconciliation::receive_files,
            commands::reconciliation::cancel_file_receipt,
            commands::applicants::save_receipt,
            commands::applicants::print_receipt,
            commands::verification::verification_view,
            commands::verification::record_document_check,
            commands::verification::set_admin_override,
            commands::verification::set_needs_fix,
            commands::verification::verification_progress,
            commands::verification::next_unchecked,
            commands::stages::close_stage,
            commands::stages::reopen_stage,
            commands::stages::stage_timeline,
            commands::stages::open_stage,
            commands::extensions::extension_list,
            commands::extensions::extend_registration,
            commands::extensions::decide_without_extension,
            commands::scores::score_sheet,
            commands::scores::record_mark,
            commands::scores::pick_score_sheet,
            commands::scores::preview_score_sheet,
            commands::scores::import_score_sheet,
            commands::paper_test::paper_test,
            commands::paper_test::save_answer_key,
            commands::paper_test::delete_answer_key,
            commands::paper_test::save_marking_settings,
            commands::paper_test::pick_answer_sheets,
            commands::paper_test::marking_preview,
            commands::paper_test::store_paper_marks,
            commands::selection::selection_results,
            commands::quota::quota_dashboard,
            commands::seating::test_schedule,
            commands::seating::test_participants,
            commands::seating::save_test_venue,
            commands::seating::delete_test_venue,
            commands::seating::save_test_room,
            commands::seating::delete_test_room,
            commands::seating::save_test_session,
            commands::seating::delete_test_session,
            commands::seating::set_participant_number_format,
            commands::seating::give_participant_numbers,
            commands::seating::assign_seats,
            commands::seating::move_participant,
            commands::seating::export_test_schedule,
            commands::attendance::test_attendance,
            commands::attendance::record_attendance,
            commands::attendance::mark_participant_absent,
            commands::attendance::undo_attendance,
            commands::attendance::attendance_closing_preview,
            commands::attendance::close_attendance,
            commands::attendance::export_attendance_list,
            commands::attendance::export_attendance_report,
            commands::seating::export_participant_cards,
            commands::seating::upload_participant_photo,
            commands::exports::export_list,
            commands::selection::decide_tie,
            commands::responses::list_responses,
            commands::responses::record_response,
            commands::responses::clarify_response,
            commands::responses::decide_response,
            commands::paw::unit_members,
            commands::paw::record_leave,
            commands::paw::record_holder_leave,
            commands::appointment::unit_situations,
            commands::appointment::seat_holders,
            commands::appointment::appoint_member,
            commands::appointment::cancel_appointment,
            commands::paw::confirm_replacement,
            commands::continuity::takeover_view,
            commands::continuity::keep_members,
            commands::continuity::cancel_kept_member,
            commands::continuity::round_members,
            commands::continuity::member_term,
            commands::continuity::record_member_report,
            commands::continuity::evaluate_member,
            commands::continuity::person_history,
            commands::publications::publication_list,
            commands::publications::export_publication,
            commands::publications::publication_settings,
            commands::publications::save_publication_settings,
            commands::publications::preview_numbering,
            commands::publications::upload_logo,
            commands::publications::remove_logo,
            commands::publications::publication_texts,
            commands::publications::save_publication_texts,
            commands::publications::reset_publication_texts,
            commands::backup::backup_list,
            commands::backup::backup_now,
            commands::backup::pick_backup_file,
            commands::backup::inspect_backup,
            commands::backup::restore_backup,
            commands::verification::attach_scan,
            commands::verification::list_scans,
            commands::verification::open_scan,
            commands::verification::requirement_list,
            commands::verification::save_requirement,
            commands::verification::scan_image,
        ])
}

/// The database to use: `--db PATH` on the command line, else the app's data folder.
pub fn db_path_from_args(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    adhoc::paths::default_db_path()
}

/// Starts the desktop app. What stops it from starting is said to the user
/// (a message box on Windows, where a windowed program has no console),
/// never a panic.
pub fn run() {
    let Some(db_path) = db_path_from_args(std::env::args().skip(1)) else {
        fail("Folder data aplikasi tidak diketahui; jalankan dengan --db PATH.");
    };
    // WebView2 is part of Windows 10/11 but can be missing or removed.
    #[cfg(windows)]
    if let Err(e) = tauri::webview_version() {
        fail(&format!(
            "Microsoft Edge WebView2 Runtime tidak ditemukan di komputer ini ({e}). \
             Seleksi Ad Hoc memerlukannya untuk menampilkan jendela aplikasi.\n\n\
             Pasang \"WebView2 Runtime\" (Evergreen) dari situs Microsoft: \
             https://go.microsoft.com/fwlink/p/?LinkId=2124703 \
             (atau minta bantuan petugas TI), lalu buka aplikasi ini lagi."
        ));
    }
    if let Err(e) = run_app(Builder::default(), db_path).run(tauri::generate_context!()) {
        fail(&format!("Seleksi Ad Hoc tidak dapat dijalankan: {e}"));
    }
}

/// Tells the user why the app cannot start, and ends it.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    #[cfg(windows)]
    windows_message(message);
    std::process::exit(1);
}

/// A warning box on Windows (user32's MessageBoxW; the window and its
/// dialogs are not there yet).
#[cfg(windows)]
fn windows_message(message: &str) {
    #[link(name = "user32")]
    extern "system" {
        fn MessageBoxW(
            hwnd: *mut std::ffi::c_void,
            text: *const u16,
            caption: *const u16,
            kind: u32,
        ) -> i32;
    }
    const MB_ICONWARNING: u32 = 0x30;
    let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
    let (text, caption) = (wide(message), wide("Seleksi Ad Hoc"));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call;
    // a null owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            caption.as_ptr(),
            MB_ICONWARNING,
        );
    }
}

/// Opens a file the app has just written (a PDF) in the system's default
/// program, without waiting for it. Failing to open is not an error of the
/// command (the file is written); it is said to the user, with what to do.
pub(crate) fn open_file(path: &std::path::Path) -> Result<(), String> {
    if commands::files::save_dir().is_some() {
        return Ok(());
    }
    // The programs that hand a file to the desktop's default application,
    // in the order tried; the first one present does it.
    let openers: &[(&str, &[&str])] = if cfg!(target_os = "windows") {
        &[("explorer", &[])]
    } else if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else {
        &[("xdg-open", &[]), ("gio", &["open"])]
    };
    for (program, args) in openers {
        match std::process::Command::new(program)
            .args(*args)
            .arg(path)
            .spawn()
        {
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(format!(
                    "Berkas {} tidak dapat dibuka: {e}.",
                    path.display()
                ))
            }
        }
    }
    Err(format!(
        "Tidak ada aplikasi untuk membuka berkas ini di komputer ini. Berkas tersimpan di {}; bukalah dengan penampil PDF.",
        path.display()
    ))
}
