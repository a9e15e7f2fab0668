"""End-to-end: the written test's logistics for a small round in the real
window. Opening the test numbers the MS applicants; the Administrator seats
them with one click, prints their cards and the public schedule (neither
names a NIK, birth date or address); on test day the Verifikator scans
the cards."""

import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import save_screenshot
from test_daily_screens import small_round
from test_desktop import adhoc, button, login, wait
from test_scores_sheet import tab


def at_written_test(db: Path, tmp_path: Path) -> None:
    """Round 1 with three MS applicants at the opened written test, one
    venue of two rooms (one on the ground floor) and one session."""
    small_round(db, tmp_path)
    adhoc(db, "user", "add", "--username", "adm", "--nama", "Adm", "--peran", "administrator",
          stdin="rahasia-sekali-123\n")
    adhoc(db, "stage", "close", "--round", "1", "pendaftaran")
    adhoc(db, "stage", "open", "--round", "1", "administrasi")
    adhoc(db, "stage", "lanjut", "--round", "1", "--semua", "--alasan", "Rapat pleno: tidak ada pendaftar lain")
    adhoc(db, "stage", "close", "--round", "1", "administrasi")
    adhoc(db, "stage", "open", "--round", "1", "tertulis")
    venue = adhoc(db, "tes", "tempat", "tambah", "--round", "1", "--nama", "SMAN 1 Purwodadi",
                  "--alamat", "Jl. Raya Purwodadi 1").strip()
    adhoc(db, "tes", "ruang", "tambah", "--tempat", venue, "--nama", "Ruang 1", "--kapasitas", "2", "--lantai-dasar")
    adhoc(db, "tes", "ruang", "tambah", "--tempat", venue, "--nama", "Ruang 2", "--kapasitas", "2")
    adhoc(db, "tes", "sesi", "tambah", "--round", "1", "--nama", "Sesi 1", "--tanggal", "14-12-2026",
          "--mulai", "08:00", "--selesai", "10:00")


def newest_pdf(data_home: Path) -> Path | None:
    pdfs = sorted((data_home / "saved").glob("*.pdf"), key=lambda p: p.stat().st_mtime)
    return pdfs[-1] if pdfs else None


def test_seats_are_assigned_and_the_schedule_printed(launch, tmp_path: Path, data_home: Path):
    db = tmp_path / "kpu.db"
    at_written_test(db, tmp_path)
    driver = launch("--db", str(db))
    login(driver, "adm", "rahasia-sekali-123")
    driver.find_element(By.ID, "nav-selection").click()
    tab(driver, "Jadwal tes")
    summary = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul[aria-label='Ringkasan']")))
    assert "3 bernomor" in summary.text, summary.text

    button(driver, "Atur tempat duduk otomatis").click()
    wait(driver).until(
        lambda d: "3 mendapat tempat duduk" in d.find_element(By.CSS_SELECTOR, "ul[aria-label='Ringkasan']").text
    )
    save_screenshot(driver, "test-schedule.png")
    listed = adhoc(db, "tes", "jadwal", "--round", "1")
    rows = [r for r in listed.splitlines()[1:] if r]
    assert len(rows) == 3, listed
    seats = {tuple(r.split(",")[-3:]) for r in rows}
    assert len(seats) == 3, f"two participants on one seat: {listed}"

    # The participant cards of everyone (the save dialog stands in as
    # ADHOC_SAVE_DIR): one sheet of eight, no private data.
    button(driver, "Cetak kartu peserta").click()
    wait(driver).until(lambda d: newest_pdf(data_home) is not None)
    cards = newest_pdf(data_home)
    text = subprocess.run(["pdftotext", str(cards), "-"], check=True, capture_output=True, text=True).stdout
    assert "KARTU PESERTA" in text and rows[0].split(",")[0] in text and "Siti Aminah" in text, text
    assert "3514011208900001" not in text and "12-08-1990" not in text, text
    subprocess.run(["qpdf", "--check", str(cards)], check=True, capture_output=True)

    # The public schedule.
    before = set((data_home / "saved").glob("*.pdf"))
    button(driver, "Pengumuman jadwal (PDF)").click()
    wait(driver).until(lambda d: set((data_home / "saved").glob("*.pdf")) - before)
    saved = sorted(set((data_home / "saved").glob("*.pdf")) - before)
    text = subprocess.run(["pdftotext", str(saved[-1]), "-"], check=True, capture_output=True, text=True).stdout
    assert "SMAN 1 Purwodadi" in text and "Budi Santoso" in text, text
    assert "3514011208900001" not in text and "12-08-1990" not in text and "Dusun Krajan" not in text, text
    published = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='published-note']")))
    assert "Jadwal diumumkan" in published.text, published.text

    # Test day: the Verifikator scans the cards (a scanner types the number
    # and Enter); an unknown number is refused and the box is ready again.
    button(driver, "Keluar").click()
    login(driver, "verif", "rahasia-sekali-123")
    driver.find_element(By.ID, "nav-selection").click()
    tab(driver, "Jadwal tes")
    first = rows[0].split(",")[0]
    scan = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input.scan-input")))
    scan.send_keys(first, Keys.ENTER)
    scans = "ul[aria-label='Pindaian terakhir'] li"
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"{scans}.ok"))
    accepted = driver.find_element(By.CSS_SELECTOR, f"{scans}.ok").text
    assert rows[0].split(",")[1] in accepted, accepted
    scan = driver.find_element(By.CSS_SELECTOR, "input.scan-input")
    assert scan.get_attribute("value") == ""
    scan.send_keys("PPK-3514-T9999", Keys.ENTER)
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"{scans}.error"))
    save_screenshot(driver, "attendance.png")
