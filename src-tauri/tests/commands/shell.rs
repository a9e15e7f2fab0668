//! The app on Tauri's mock runtime, with its real configuration and
//! capability, and calls into it as the UI's pages make them.

use std::path::PathBuf;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

pub type Webview = WebviewWindow<MockRuntime>;

/// The password of the administrator [`first_run`] makes.
pub const ADMIN_PASSWORD: &str = "rahasia-sekali-123";

/// The app on the database at `db_path`, and its main window. Keep the
/// app for as long as the window is used.
pub fn open(db_path: PathBuf) -> (App<MockRuntime>, Webview) {
    let app = adhoc_desktop::run_app(mock_builder(), db_path)
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    (app, webview)
}

/// A command called from the app's own pages.
pub fn invoke(webview: &Webview, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(webview, "tauri://localhost", cmd, args)
}

/// A command called from a page at `origin`.
pub fn invoke_from(
    webview: &Webview,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// Sets up Kabupaten Pasuruan with the administrator "admin" (password
/// [`ADMIN_PASSWORD`]), logged in; returns the session.
pub fn first_run(webview: &Webview) -> Value {
    invoke(
        webview,
        "complete_first_run",
        json!({"kabupaten": "35.14", "admin": {"username": "admin", "full_name": "Admin Uji", "password": ADMIN_PASSWORD}}),
    )
    .unwrap()
}

/// Logs `user` in with `password`; returns the session.
pub fn login(webview: &Webview, user: &str, password: &str) -> Value {
    invoke(
        webview,
        "login",
        json!({"username": user, "password": password}),
    )
    .unwrap()
}

/// Runs `f` with the file dialog's stand-in picking `path` (debug builds
/// only). Tests run in parallel and the stand-in is one variable of the
/// process: those that pick a file take turns.
pub fn with_picked_file<T>(path: &std::path::Path, f: impl FnOnce() -> T) -> T {
    static PICKING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = PICKING.lock().unwrap_or_else(|e| e.into_inner());
    std::env::set_var("ADHOC_PICK_FILE", path);
    let out = f();
    std::env::remove_var("ADHOC_PICK_FILE");
    out
}
