"""End-to-end: the daily screens in a 1024×700 window. Each applicant's row
says where they stand once the administrative check is closed, a surname
search opens with Enter, and a Verifikator records a verdict by keyboard
after Alt+B."""

import subprocess
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ADHOC, save_screenshot
from test_desktop import adhoc, login, wait

DOCUMENTS = ["surat_pendaftaran", "drh", "ktp", "ijazah", "surat_pernyataan", "surat_sehat"]
PEOPLE = ["Budi Santoso", "Siti Aminah", "Agus Salim", "Dewi Lestari"]


def small_round(db: Path, tmp_path: Path) -> None:
    """Round 1 (PPK) of four applicants in Purwodadi; Dewi's KTP-el is missing."""
    adhoc(db, "init", "--wilayah", "3514")
    for user, role in [("opr", "operator"), ("verif", "verifikator")]:
        adhoc(db, "user", "add", "--username", user, "--nama", user.title(), "--peran", role,
              stdin="rahasia-sekali-123\n")
    adhoc(db, "rounds", "create", "--preset", "pemilu-2024", "--badan", "ppk")
    rows = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n"
    for i, name in enumerate(PEOPLE, start=1):
        woman = name.split()[0] in ("Siti", "Dewi")
        rows += (f"351401{12 + (40 if woman else 0)}0890{i:04d},{name},{'P' if woman else 'L'},Pasuruan,"
                 f"12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01\n")
    (tmp_path / "pendaftar.csv").write_text(rows)
    adhoc(db, "applicants", "import", "--round", "1", str(tmp_path / "pendaftar.csv"))
    verdicts = "nomor_pendaftaran,kode_dokumen,status,alasan\n"
    for i in range(1, 5):
        for code in DOCUMENTS:
            missing = i == 4 and code == "ktp"
            verdicts += f"PPK-3514-{i:04d},{code},{'tidak_ada' if missing else 'sesuai'},\n"
    (tmp_path / "berkas.csv").write_text(verdicts)
    adhoc(db, "documents", "import", "--round", "1", str(tmp_path / "berkas.csv"))
    (tmp_path / "sipol.csv").write_text("nik,partai\n3514019999990001,Partai Contoh\n")
    adhoc(db, "parties", "import", str(tmp_path / "sipol.csv"))


def standings(driver) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-testid='applicant-row']")
    return [r.find_element(By.CSS_SELECTOR, "[data-testid='applicant-standing']").text for r in rows]


def test_the_list_shows_ms_and_tms_after_the_close_and_a_surname_opens_with_enter(launch, tmp_path: Path):
    db = tmp_path / "kpu.db"
    small_round(db, tmp_path)
    driver = launch("--db", str(db))
    driver.set_window_size(1024, 700)
    login(driver, "opr", "rahasia-sekali-123")
    driver.find_element(By.ID, "nav-applicants").click()
    wait(driver).until(lambda d: len(standings(d)) == 4)
    assert standings(driver) == ["Terdaftar"] * 4

    # The chair closes registration and the administrative check (command line).
    adhoc(db, "stage", "close", "--round", "1", "pendaftaran")
    adhoc(db, "stage", "open", "--round", "1", "administrasi")
    adhoc(db, "stage", "lanjut", "--round", "1", "--semua", "--alasan", "Rapat pleno: tidak ada pendaftar lain")
    adhoc(db, "stage", "close", "--round", "1", "administrasi")
    driver.find_element(By.ID, "nav-home").click()
    driver.find_element(By.ID, "nav-applicants").click()
    wait(driver).until(lambda d: standings(d) == ["MS", "MS", "MS", "TMS"])
    save_screenshot(driver, "applicants-1024x700.png")

    Select(driver.find_element(By.ID, "applicant-status")).select_by_visible_text("TMS")
    wait(driver).until(lambda d: standings(d) == ["TMS"])
    assert "Dewi Lestari" in driver.find_element(By.CSS_SELECTOR, "[data-testid='applicant-row']").text
    Select(driver.find_element(By.ID, "applicant-status")).select_by_visible_text("Semua")
    wait(driver).until(lambda d: len(standings(d)) == 4)

    # A surname, from its start, and Enter: the single match opens.
    search = driver.find_element(By.ID, "applicant-search")
    search.send_keys("sali", Keys.ENTER)
    dialog = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='dialog']")))
    # The dialog is named once its applicant's detail has arrived.
    wait(driver).until(
        lambda d: "PPK-3514-0003" in dialog.get_attribute("aria-label"),
        message=lambda: dialog.get_attribute("aria-label"),
    )
    results = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='detail-results']")))
    assert "MS (memenuhi syarat)" in results.text, results.text
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid='detail-status']").text == "MS"


def test_a_verdict_is_recorded_by_keyboard_after_alt_b(launch, tmp_path: Path):
    db = tmp_path / "kpu.db"
    small_round(db, tmp_path)
    # A fifth applicant whose documents nobody checked yet.
    (tmp_path / "satu.csv").write_text(
        "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n"
        "3514011208900005,Eko Prasetyo,L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01\n"
    )
    adhoc(db, "applicants", "import", "--round", "1", str(tmp_path / "satu.csv"))
    driver = launch("--db", str(db))
    driver.set_window_size(1024, 700)
    login(driver, "verif", "rahasia-sekali-123")
    driver.find_element(By.ID, "nav-verification").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='progress-row']"))

    ActionChains(driver).key_down(Keys.ALT).send_keys("b").key_up(Keys.ALT).perform()
    wait(driver).until(lambda d: "PPK-3514-0005" in d.find_element(By.CSS_SELECTOR, "[data-testid='verify-number']").text)
    # The focus is on the first document's verdict, not on the round select:
    # "Tidak ada" proposed, since the import recorded nothing handed over.
    first = f"doc-{DOCUMENTS[0]}-tidak_ada"
    try:
        wait(driver).until(lambda d: d.switch_to.active_element.get_attribute("id") == first)
    except Exception:
        raise AssertionError(f"focus on {driver.switch_to.active_element.get_attribute('id')!r}, not {first}")
    assert not driver.find_element(By.ID, first).is_selected()
    driver.switch_to.active_element.send_keys(Keys.SPACE)
    wait(driver).until(lambda d: d.find_element(By.ID, first).is_selected())
    save_screenshot(driver, "verification-keyboard.png")

    # The core recorded it: that document is no longer waiting.
    def pending() -> str:
        out = subprocess.run([str(ADHOC), "--db", str(db), "results", "--round", "1", "--stage", "administrasi"],
                             check=True, capture_output=True, text=True).stdout
        return next(r for r in out.splitlines() if r.startswith("PPK-3514-0005,"))
    try:
        wait(driver).until(lambda d: "Surat pendaftaran belum diperiksa" not in pending())
    except Exception:
        raise AssertionError(pending())
