"""The Windows build of the `adhoc` CLI, run under Wine: what differs from
Linux (drive letters, backslashes, spaces and non-ASCII in paths, CRLF line
ends, %APPDATA%, the portable marker, replacing a file on restore, flushing a
file) is exercised on the real Windows binary. `make windows-test` builds it
with mingw-w64 and runs this file.

What Wine cannot stand in for is listed in the README (Windows section)."""

import csv
import io
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target" / "x86_64-pc-windows-gnu" / "debug" / "adhoc.exe"
HERE = Path(__file__).resolve().parent


def _wine() -> str:
    for candidate in ("/usr/lib/wine/wine64", shutil.which("wine64"), shutil.which("wine")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("wine64 is not installed; run `make test`, which installs it")


@pytest.fixture(scope="module")
def prefix(tmp_path_factory) -> Path:
    """A Wine prefix of its own, with the bcryptprimitives.dll stand-in."""
    assert EXE.exists(), f"build the Windows CLI first ({EXE})"
    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all"}
    env.pop("DISPLAY", None)
    subprocess.run([_wine(), "wineboot", "--init"], env=env, check=True, capture_output=True, timeout=300)
    system32 = prefix / "drive_c" / "windows" / "system32"
    subprocess.run(
        ["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-o", str(system32 / "bcryptprimitives.dll"),
         str(HERE / "bcryptprimitives.c"), str(HERE / "bcryptprimitives.def"), "-lbcrypt"],
        check=True,
    )
    return prefix


class Adhoc:
    """Runs a Windows program under Wine in the prefix."""

    def __init__(self, prefix: Path, exe: Path = EXE):
        self.prefix = prefix
        self.exe = exe
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all"}
        self.env.pop("DISPLAY", None)
        self.env.pop("ADHOC_DB", None)

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [_wine(), str(self.exe), *args], env=self.env, capture_output=True, timeout=300,
        )
        out = done.stdout.decode("utf-8", "replace")
        err = done.stderr.decode("utf-8", "replace")
        if ok:
            assert done.returncode == 0, f"{args}: exit {done.returncode}\n{out}\n{err}"
        else:
            assert done.returncode != 0, f"{args} succeeded\n{out}\n{err}"
        return subprocess.CompletedProcess(done.args, done.returncode, out, err)

    def c(self, *parts: str) -> Path:
        """The Linux path of C:\\<parts>."""
        return self.prefix.joinpath("drive_c", *parts)


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# Spaces and non-ASCII in every path the programs are given.
DB = r"C:\Data KPU\Pasuruan ü\seleksi adhoc.db"


def test_a_round_on_windows_paths_with_crlf_files(prefix: Path):
    a = Adhoc(prefix)
    a.run("--db", DB, "init", "--wilayah", "3514")
    assert a.c("Data KPU", "Pasuruan ü", "seleksi adhoc.db").is_file()
    a.run("--db", DB, "rounds", "create", "--preset", "pemilu-2024", "--badan", "ppk", "--kuota", "1")

    # A spreadsheet saved on Windows: CRLF line ends, a BOM, semicolons.
    header = "nik;nama;jenis_kelamin;tempat_lahir;tanggal_lahir;alamat;kode_desa;pendidikan;kode_wilayah_tugas"
    good = [f"351401120890{i:04d};Calon {i};L;Pasuruan;12-08-1990;Dusun Krajan;35.14.01.2001;SMA;35.14.01"
            for i in range(1, 4)]
    bad = "3514011208900009;Calon Salah;L;Pasuruan;31-02-1990;Dusun Krajan;35.14.01.2001;SMA;35.14.01"
    folder = a.c("Data KPU", "berkas masuk")
    folder.mkdir(parents=True)
    (folder / "pendaftar salah.csv").write_bytes(("\ufeff" + "\r\n".join([header, *good, bad]) + "\r\n").encode())
    refused = a.run("--db", DB, "applicants", "import", "--round", "1",
                    r"C:\Data KPU\berkas masuk\pendaftar salah.csv", ok=False)
    problems = rows(refused.stdout)
    assert {p["baris"] for p in problems} == {"5"}, refused.stdout
    assert "tidak ada yang disimpan" in refused.stderr
    assert rows(a.run("--db", DB, "applicants", "list", "--round", "1").stdout) == []

    (folder / "pendaftar.csv").write_bytes(("\ufeff" + "\r\n".join([header, *good]) + "\r\n").encode())
    a.run("--db", DB, "applicants", "import", "--round", "1", r"C:\Data KPU\berkas masuk\pendaftar.csv")
    listed = rows(a.run("--db", DB, "applicants", "list", "--round", "1").stdout)
    assert [r["nama"] for r in listed] == ["Calon 1", "Calon 2", "Calon 3"]

    # Party membership checked online; verdicts from a CRLF file; stages closed.
    a.run("--db", DB, "parties", "periksa", "--round", "1", "--cara", "sipol_daring")
    verdicts = ["nomor_pendaftaran,kode_dokumen,status,alasan"]
    for r in listed:
        for code in ("surat_pendaftaran", "drh", "ktp", "ijazah", "surat_pernyataan", "surat_sehat"):
            verdicts.append(f"{r['nomor_pendaftaran']},{code},sesuai,")
    (folder / "berkas.csv").write_bytes(("\r\n".join(verdicts) + "\r\n").encode())
    a.run("--db", DB, "documents", "import", "--round", "1", r"C:\Data KPU\berkas masuk\berkas.csv")
    a.run("--db", DB, "stage", "close", "--round", "1", "pendaftaran")
    a.run("--db", DB, "stage", "lanjut", "--round", "1", "--semua", "--alasan", "Tidak ada pendaftar lain (uji)")
    closed = a.run("--db", DB, "stage", "close", "--round", "1", "administrasi")
    assert "ditutup" in closed.stderr
    results = rows(a.run("--db", DB, "results", "--round", "1", "--stage", "administrasi").stdout)
    assert [r["hasil"] for r in results] == ["MS", "MS", "MS"]
    # Every close is kept as a backup beside the database.
    kept = list(a.c("Data KPU", "Pasuruan ü", "cadangan").glob("*tutup-administrasi.db"))
    assert len(kept) == 1

    # An announcement PDF written to a path with spaces, valid for qpdf.
    a.run("--db", DB, "announce", "--round", "1", "--stage", "administrasi",
          "--out", r"C:\Data KPU\Pengumuman hasil administrasi.pdf")
    pdf = a.c("Data KPU", "Pengumuman hasil administrasi.pdf")
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode()
    assert "Calon 2" in text

    verified = a.run("--db", DB, "audit", "verify")
    assert rows(verified.stdout)[0]["status"] == "utuh"


def test_backup_to_a_usb_folder_and_restore_over_the_database(prefix: Path):
    a = Adhoc(prefix)
    db = r"C:\Data KPU\demo kabupaten.db"
    a.run("--db", db, "demo")
    before = rows(a.run("--db", db, "rounds", "list").stdout)
    made = a.run("--db", db, "backup", "--out", r"C:\USB Drive\cadangan")
    backup = made.stdout.strip()
    assert backup.startswith(r"C:\USB Drive\cadangan" + "\\"), made.stdout
    name = backup.rsplit("\\", 1)[1]
    assert a.c("USB Drive", "cadangan", name).is_file()
    assert a.c("USB Drive", "cadangan", name + ".json").is_file()

    # A change after the backup, then the restore brings the backup back:
    # on Windows the database file must be closed everywhere to be replaced.
    a.run("--db", db, "rounds", "create", "--preset", "pilkada-2024", "--badan", "pps")
    assert len(rows(a.run("--db", db, "rounds", "list").stdout)) == len(before) + 1
    checked = a.run("--db", db, "restore", "--periksa", backup)
    assert "belum dipulihkan" in checked.stderr
    restored = a.run("--db", db, "restore", backup)
    assert "Database dipulihkan" in restored.stderr, restored.stderr
    assert rows(a.run("--db", db, "rounds", "list").stdout) == before
    assert list(a.c("Data KPU", "cadangan").glob("*sebelum-pemulihan.db"))
    assert rows(a.run("--db", db, "audit", "verify").stdout)[0]["status"] == "utuh"


def test_the_default_data_folder_is_appdata_unless_the_program_is_portable(prefix: Path):
    a = Adhoc(prefix)
    a.run("init", "--wilayah", "3514")
    users = a.c("users")
    found = list(users.glob("*/AppData/Roaming/id.seleksiadhoc.desktop/seleksi-adhoc.db"))
    assert len(found) == 1, list(users.rglob("seleksi-adhoc.db"))

    # A copy of the program beside a `portable` marker keeps its data beside it.
    stick = a.c("USB Drive", "Seleksi Ad Hoc")
    stick.mkdir(parents=True)
    shutil.copy(EXE, stick / "adhoc.exe")
    (stick / "portable").write_text("")
    portable = Adhoc(prefix, stick / "adhoc.exe")
    portable.run("init", "--wilayah", "3514")
    assert (stick / "data" / "seleksi-adhoc.db").is_file()
    assert rows(portable.run("rounds", "list").stdout) == []


def test_the_installer_installs_for_the_user_and_its_uninstaller_leaves_the_data(prefix: Path, tmp_path: Path):
    """The installer `make dist` publishes, built here from the debug
    programs (zlib instead of LZMA, for speed), run silently under Wine."""
    debug = EXE.parent
    stage = tmp_path / "stage"
    stage.mkdir()
    for name in ("seleksi-adhoc.exe", "adhoc.exe", "WebView2Loader.dll"):
        shutil.copy(debug / name, stage / name)
    shutil.copy(ROOT / "src-tauri" / "icons" / "icon.ico", stage / "icon.ico")
    for name in ("BACA-SAYA.txt", "LICENSE.txt"):
        shutil.copy(ROOT / "packaging" / name, stage / name)
    setup = tmp_path / "setup.exe"
    subprocess.run(
        ["makensis", "-V2", '-XSetCompressor /FINAL zlib', "-DVERSION=0.1.0", f"-DSOURCE={stage}",
         f"-DOUTFILE={setup}", str(ROOT / "packaging" / "windows" / "installer.nsi")],
        check=True, capture_output=True,
    )
    installer = Adhoc(prefix, setup)
    installer.run("/S")
    home = next(prefix.joinpath("drive_c", "users").glob("*/AppData"))
    installed = home / "Local" / "Programs" / "Seleksi Ad Hoc"
    for name in ("seleksi-adhoc.exe", "adhoc.exe", "WebView2Loader.dll", "uninstall.exe", "BACA-SAYA.txt"):
        assert (installed / name).is_file(), name
    menu = home / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Seleksi Ad Hoc"
    assert sorted(p.name for p in menu.glob("*.lnk")) == [
        "Baris perintah adhoc.lnk", "Hapus Seleksi Ad Hoc.lnk", "Seleksi Ad Hoc.lnk",
    ]
    key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SeleksiAdHoc"
    reg = Adhoc(prefix, Path("reg"))
    assert "Seleksi Ad Hoc" in reg.run("query", key, "/v", "DisplayName").stdout

    # The installed CLI works and keeps its data in %APPDATA%.
    cli = Adhoc(prefix, installed / "adhoc.exe")
    assert cli.run("--version").stdout.startswith("adhoc ")
    cli.run("--db", r"C:\Data KPU\terpasang.db", "init", "--wilayah", "3514")
    data = home / "Roaming" / "id.seleksiadhoc.desktop"
    data.mkdir(parents=True, exist_ok=True)
    (data / "penanda.txt").write_text("data petugas")

    # The uninstaller runs from a copy in %TEMP% and returns at once: wait.
    Adhoc(prefix, installed / "uninstall.exe").run("/S")
    for _ in range(60):
        if not installed.exists():
            break
        time.sleep(0.5)
    assert not installed.exists(), sorted(p.name for p in installed.iterdir())
    assert not menu.exists()
    assert reg.run("query", key, ok=False).returncode != 0
    assert (data / "penanda.txt").read_text() == "data petugas"
    assert prefix.joinpath("drive_c", "Data KPU", "terpasang.db").is_file()
