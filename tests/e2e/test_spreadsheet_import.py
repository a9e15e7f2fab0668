"""End-to-end: importing applicants from an xlsx through the mapping screen."""

import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ADHOC, PICKED, save_screenshot
from test_desktop import adhoc, button, login, wait


def write_xlsx(path: Path, sheet: str, rows: list[list[str]]) -> None:
    """A minimal xlsx of text cells (inline strings), as any program may write one."""

    def column(i: int) -> str:
        name, n = "", i + 1
        while n:
            n, r = divmod(n - 1, 26)
            name = chr(65 + r) + name
        return name

    cells = []
    for r, row in enumerate(rows, start=1):
        cells.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            if value:
                cells.append(f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        cells.append("</row>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels}">'
            f'<Relationship Id="rId1" Type="{doc}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{doc}">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rels}">'
            f'<Relationship Id="rId1" Type="{doc}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>',
        )


def test_operator_imports_a_siakba_xlsx_through_the_mapping_screen(launch, tmp_path: Path, data_home: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    adhoc(db, "rounds", "create", "--preset", "pilkada-2024", "--badan", "pps")
    # An export with a title above the header, the office's own headers
    # ("Ijazah" is one no synonym knows), and values as staff type them.
    write_xlsx(
        data_home / PICKED,
        "Pendaftar PPS",
        [
            ["DAFTAR PENDAFTAR PPS - EKSPOR SIAKBA"],
            [],
            ["No", "NIK", "Nama Lengkap", "JK", "Tempat Lahir", "Tgl Lahir", "Alamat", "Kecamatan", "Desa/Kel", "No HP", "Ijazah"],
            ["1", "3514016203990007", "Rara Septiani", "Perempuan", "Pasuruan", "22/03/1999", "Dusun Krajan RT 002", "Purwodadi", "Gerbo", "081234567890", "S-1"],
            ["2", "3514011208900001", "Budi Santoso", "Laki-laki", "Pasuruan", "12 Agustus 1990", "Dusun Krajan RT 001", "Purwodadi", "Dawuhan Sengon", "0813-1111-2222", "SLTA/Sederajat"],
            ["3", "3514084101850003", "Siti Aminah", "P", "Pasuruan", "1-1-85", "Dusun Krajan", "Purwosari", "Karangrejo", "", "SMK"],
        ],
    )
    driver = launch("--db", str(db))
    login(driver, "operator", "demo-seleksi-2024")
    driver.find_element(By.ID, "nav-applicants").click()
    Select(wait(driver).until(EC.presence_of_element_located((By.ID, "applicant-round")))).select_by_visible_text(
        "Pilkada 2024 – PPS"
    )
    button(driver, "Impor dari spreadsheet").click()
    button(driver, "Pilih berkas").click()

    # The header row is found below the title and the mapping proposed;
    # the education column is not recognised, so nothing is read yet.
    header_row = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[aria-label='Baris judul']")))
    assert header_row.get_attribute("value") == "3"
    nik = Select(driver.find_element(By.CSS_SELECTOR, "select[data-field='nik']"))
    assert nik.first_selected_option.text.startswith("B · NIK")
    note = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='mapping-note']")))
    assert "Pendidikan terakhir" in note.text, note.text

    # Staff map it; the preview shows the rows as they will be stored.
    Select(driver.find_element(By.CSS_SELECTOR, "select[data-field='pendidikan']")).select_by_value("10")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='preview-row']")) == 3)
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "[data-testid='preview-row']")]
    assert "12-08-1990" in rows[1] and "SMA" in rows[1] and "Desa Dawuhansengon" in rows[1], rows[1]
    assert "01-01-1985" in rows[2] and "Kecamatan Purwosari" in rows[2], rows[2]
    assert "3 pendaftar siap disimpan" in driver.find_element(By.CSS_SELECTOR, "[data-testid='sheet-summary']").text

    # Saved under a name for the next export.
    name = driver.find_element(By.CSS_SELECTOR, "input[aria-label='Nama pemetaan']")
    name.send_keys("Ekspor SIAKBA")
    assert name.get_attribute("value") == "Ekspor SIAKBA"
    button(driver, "Simpan pemetaan").click()
    wait(driver).until(EC.presence_of_element_located((By.XPATH, "//*[contains(text(), 'disimpan sebagai')]")))
    save_screenshot(driver, "import-spreadsheet.png")

    # It is the online list: the paper files are received later at the desk.
    driver.find_element(By.XPATH, "//label[contains(., 'Ini daftar pendaftaran daring')]/input").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='preview-row']")) == 3)
    button(driver, "Impor 3 pendaftar").click()
    stored = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='import-stored']")))
    assert stored.text.startswith("3 pendaftar disimpan (PPS-3514-0001 sampai PPS-3514-0003)"), stored.text
    listed = adhoc(db, "applicants", "list", "--round", "4", "--semua").splitlines()
    assert len(listed) == 1 + 3 and "Rara Septiani" in listed[1], listed
    button(driver, "Tutup").click()

    # The reconciliation: three online, none has brought a file; Rara does.
    button(driver, "Rekonsiliasi daring").click()
    awaiting = wait(driver).until(
        EC.presence_of_element_located(
            (By.XPATH, "//dl[@data-testid='reconciliation-counts']/dt[.='Berkasnya belum diterima']/following-sibling::dd[1]")
        )
    )
    assert awaiting.text == "3", awaiting.text
    rara = wait(driver).until(
        EC.element_to_be_clickable(
            (By.XPATH, "//tr[@data-testid='reconciliation-row'][contains(., 'Rara Septiani')]//button[normalize-space()='Terima berkas']")
        )
    )
    rara.click()
    done = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='file-received']")))
    assert "PPS-3514-0001 (Rara Septiani) diterima" in done.text, done.text
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='reconciliation-row']")) == 2)
    save_screenshot(driver, "reconciliation.png")
    report = adhoc(db, "applicants", "rekonsiliasi", "--round", "4").splitlines()
    assert report[1].startswith('"Daring, berkas belum diterima"') and report[3].startswith('"Daring, berkas diterima"'), report
    assert "Rara Septiani" in report[3], report
