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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
