"""End-to-end, in a 1024×700 window: a Verifikator imports the written
test's marks from a CAT export (xlsx) through the score-sheet dialog; then
the Administrator's screens are photographed at that size for the README,
the quota table with its notes in view."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import PICKED, save_screenshot
from test_daily_screens import small_round
from test_desktop import adhoc, button, login, wait
from test_spreadsheet_import import write_xlsx


def tab(driver, label: str) -> None:
    """A tab of Seleksi, clicked as a mouse does (where it is on screen)."""
    el = wait(driver).until(
        EC.presence_of_element_located((By.XPATH, f"//button[@role='tab' and normalize-space()='{label}']"))
    )
    wait(driver).until(EC.element_to_be_clickable(el)).click()
    wait(driver).until(lambda d: el.get_attribute("aria-selected") == "true")


def test_written_marks_from_a_cat_export_and_the_screens_at_1024x700(launch, tmp_path: Path, data_home: Path):
    db = tmp_path / "kpu.db"
    small_round(db, tmp_path)
    adhoc(db, "user", "add", "--username", "adm", "--nama", "Adm", "--peran", "administrator",
          stdin="rahasia-sekali-123\n")
    adhoc(db, "stage", "close", "--round", "1", "pendaftaran")
    adhoc(db, "stage", "open", "--round", "1", "administrasi")
    adhoc(db, "stage", "lanjut", "--round", "1", "--semua", "--alasan", "Rapat pleno: tidak ada pendaftar lain")
    adhoc(db, "stage", "close", "--round", "1", "administrasi")
    adhoc(db, "stage", "open", "--round", "1", "tertulis")
    # The CAT system's export: a title, its own headers, one absent.
    write_xlsx(
        data_home / PICKED,
        "Hasil CAT",
        [
            ["HASIL TES TERTULIS CAT - PPK KABUPATEN PASURUAN"],
            [],
            ["NO", "NO PESERTA", "NAMA PESERTA", "NILAI AKHIR", "KETERANGAN"],
            ["1", "PPK-3514-0001", "Budi Santoso", "80", "Hadir"],
            ["2", "PPK-3514-0002", "Siti Aminah", "75,5", "Hadir"],
            ["3", "PPK-3514-0003", "Agus Salim", "", "Tidak hadir"],
        ],
    )

    driver = launch("--db", str(db))
    driver.set_window_size(1024, 700)
    login(driver, "verif", "rahasia-sekali-123")
    driver.find_element(By.ID, "nav-selection").click()
    tab(driver, "Nilai tes tertulis")
    button(driver, "Impor nilai dari berkas").click()
    rows = wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='preview-row']"))
    assert len(rows) == 3, [r.text for r in rows]
    assert "80,00" in rows[0].text and "Budi Santoso" in rows[0].text, rows[0].text
    summary = driver.find_element(By.CSS_SELECTOR, "[data-testid='scores-summary']").text
    assert "3 nilai siap disimpan (1 tidak hadir)" in summary, summary
    save_screenshot(driver, "scores-import-1024x700.png")
    button(driver, "Simpan 3 nilai").click()
    wait(driver).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "[data-testid='scores-summary']")))
    wait(driver).until(
        lambda d: "3 sudah dinilai" in d.find_element(By.CSS_SELECTOR, "[data-testid='score-counters']").text,
        message=lambda: driver.find_element(By.CSS_SELECTOR, "[data-testid='score-counters']").text,
    )
    adhoc(db, "stage", "close", "--round", "1", "tertulis")
    written = adhoc(db, "results", "--round", "1", "--stage", "tertulis")
    assert "PPK-3514-0002,Siti Aminah,P,35.14.01,\"75,50\"" in written, written
    assert "PPK-3514-0003,Agus Salim,L,35.14.01,absen" in written, written

    # The Administrator's screens at 1024×700, for the README.
    button(driver, "Keluar").click()
    login(driver, "adm", "rahasia-sekali-123")
    save_screenshot(driver, "home-1024x700.png")
    driver.find_element(By.ID, "nav-selection").click()
    tab(driver, "Kuota")
    note = wait(driver).until(
        EC.presence_of_element_located((By.XPATH, "//*[contains(normalize-space(), 'Perlu perhatian')]"))
    )
    # The notes are reached by scrolling the page, not a scroller nested in it.
    nested = driver.execute_script(
        """
        let e = arguments[0].parentElement;
        while (e && e !== document.scrollingElement && e.tagName !== 'MAIN') {
          const s = getComputedStyle(e);
          if (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1) return e.className;
          e = e.parentElement;
        }
        return null;
        """,
        note,
    )
    assert nested is None, f"'Perlu perhatian' inside a nested scroller: {nested}"
    save_screenshot(driver, "quota-1024x700.png")
    tab(driver, "Tahapan")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='timeline-stage-tertulis']")))
    save_screenshot(driver, "timeline-1024x700.png")
    tab(driver, "Hasil tes tertulis")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='result-row']"))
    save_screenshot(driver, "written-results-1024x700.png")
    driver.find_element(By.ID, "nav-applicants").click()
    button(driver, "Rekonsiliasi daring").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='reconciliation-counts']")))
    save_screenshot(driver, "reconciliation-1024x700.png")
    button(driver, "Tutup").click()
    for page, name in [("accounts", "accounts"), ("audit", "audit"), ("backup", "backup")]:
        driver.find_element(By.ID, f"nav-{page}").click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1, .content h1")))
        save_screenshot(driver, f"{name}-1024x700.png")
