// Every command the UI may call is listed here, so Tauri generates an
// `allow-<command>` permission for each and the capability in
// `capabilities/main.json` grants exactly these: nothing else is reachable.
const COMMANDS: &[&str] = &[
    "setup_status",
    "search_kabupaten",
    "complete_first_run",
    "login",
    "logout",
    "current_session",
    "home",
    "about",
    "round_presets",
    "create_round",
    "unit_quotas",
    "set_unit_quota",
    "keep_alive",
    "lock_session",
    "unlock_session",
    "list_accounts",
    "create_account",
    "set_account_active",
    "set_account_role",
    "reset_account_password",
    "unlock_account",
    "change_own_password",
    "audit_status",
    "list_audit",
    "export_audit_csv",
    "set_idle_minutes",
    "import_party_list",
    "party_hits",
    "list_regions",
    "check_registration",
    "register_applicant",
    "update_applicant",
    "withdraw_applicant",
    "applicant_detail",
    "list_applicants",
    "import_applicants",
    "save_import_problems",
    "save_receipt",
    "verification_view",
    "record_document_check",
    "set_admin_override",
    "set_needs_fix",
    "verification_progress",
    "next_unchecked",
    "close_stage",
    "reopen_stage",
    "attach_scan",
    "list_scans",
    "open_scan",
    "requirement_list",
    "save_requirement",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
