//! The `adhoc` binary as the tests drive it: run it, read what it printed,
//! and a database that `adhoc init` made in a temporary folder.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

/// `adhoc rounds create` for a PPK round of Pemilu 2024 (its arguments).
pub const CREATE_PPK: [&str; 6] = [
    "rounds",
    "create",
    "--preset",
    "pemilu-2024",
    "--badan",
    "ppk",
];

/// Runs `adhoc args…` (without the environment's `ADHOC_DB`).
pub fn adhoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(args)
        .env_remove("ADHOC_DB")
        .output()
        .expect("adhoc runs")
}

/// Runs `adhoc args…` with `input` on its stdin (a password).
pub fn adhoc_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(args)
        .env_remove("ADHOC_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `kpu.db` in a temporary folder, removed when dropped, and the binary
/// run on it.
pub struct CliDb {
    pub dir: TempDir,
    path: String,
}

impl CliDb {
    /// The folder, with no database in it yet.
    pub fn empty() -> CliDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kpu.db").to_str().unwrap().to_string();
        CliDb { dir, path }
    }

    /// A database `adhoc init --wilayah 3514` set up (Kabupaten Pasuruan).
    pub fn init() -> CliDb {
        let t = CliDb::empty();
        t.ok(&["init", "--wilayah", "3514"]);
        t
    }

    /// [`CliDb::init`] and round 1, made by [`CREATE_PPK`].
    pub fn with_round() -> CliDb {
        let t = CliDb::init();
        let id = t.ok(&CREATE_PPK);
        assert_eq!(id.trim(), "1");
        t
    }

    /// The database's path, as `--db` takes it.
    pub fn db(&self) -> &str {
        &self.path
    }

    /// Runs `adhoc --db DB args…`.
    pub fn run(&self, args: &[&str]) -> Output {
        adhoc(&[&["--db", self.db()], args].concat())
    }

    /// [`CliDb::run`], which must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}{}", stdout(&o), stderr(&o));
        stdout(&o)
    }

    /// [`CliDb::run`], which must fail; returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(!o.status.success(), "{args:?} succeeded: {}", stderr(&o));
        stderr(&o)
    }

    /// Writes `text` to `name` in the folder; returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path: PathBuf = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }
}
