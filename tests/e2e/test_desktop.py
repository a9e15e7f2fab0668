"""End-to-end tests of the real desktop window."""

import subprocess
from pathlib import Path

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADHOC, save_screenshot

TIMEOUT = 20


def wait(driver: WebDriver):
    # A list re-rendered between finding an element and reading it is
    # retried, not failed.
    return WebDriverWait(
        driver, TIMEOUT, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
    )


def field(driver: WebDriver, label: str):
    """The input labelled `label` (labels are linked with for=id)."""
    el = wait(driver).until(
        EC.presence_of_element_located((By.XPATH, f"//label[normalize-space()='{label}']"))
    )
    return driver.find_element(By.ID, el.get_attribute("for"))


def kecamatan_rows(driver: WebDriver):
    return driver.find_elements(By.CSS_SELECTOR, "[data-testid='kecamatan-row']")


def test_first_run_then_home_with_pasuruans_24_kecamatan(launch, data_home: Path):
    driver = launch()
    picker = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input[role='combobox']")))
    picker.send_keys("pasuruan")
    wait(driver).until(EC.visibility_of_element_located((By.XPATH, "//li[@role='option'][contains(., 'Kabupaten Pasuruan')]")))
    picker.send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER)
    assert picker.get_attribute("value") == "Kabupaten Pasuruan, Jawa Timur (35.14)"

    field(driver, "Nama pengguna").send_keys("admin")
    field(driver, "Nama lengkap").send_keys("Siti Aminah")
    field(driver, "Kata sandi").send_keys("rahasia-sekali-123")
    field(driver, "Ulangi kata sandi").send_keys("rahasia-sekali-123", Keys.ENTER)

    wait(driver).until(lambda d: len(kecamatan_rows(d)) == 24)
    user = driver.find_element(By.CSS_SELECTOR, "[data-testid='current-user']").text
    assert user == "Siti Aminah (Administrator)"
    first = kecamatan_rows(driver)[0].find_elements(By.TAG_NAME, "td")
    assert first[1].text == "35.14.01"
    total_desa = int(driver.find_element(By.CSS_SELECTOR, "[data-testid='total-desa']").text)
    total_kel = int(driver.find_element(By.CSS_SELECTOR, "[data-testid='total-kelurahan']").text)
    assert total_desa + total_kel == 365
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid='total-quota_ppk']").text == "120"
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid='total-quota_pps']").text == "1.095"

    # Create a round from a preset through the dialog.
    driver.find_element(By.XPATH, "//button[normalize-space()='Buat seleksi baru']").click()
    preset = Select(wait(driver).until(EC.presence_of_element_located((By.ID, "preset"))))
    preset.select_by_visible_text("Pemilu 2024 – PPK")
    driver.find_element(By.XPATH, "//button[normalize-space()='Buat seleksi']").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='round-row']")) == 1)
    row = driver.find_element(By.CSS_SELECTOR, "[data-testid='round-row']").text
    assert "Pemilu 2024 – PPK" in row and "Pendaftaran" in row

    # Override one kecamatan's quota, with a reason, and see the totals follow.
    driver.find_element(By.XPATH, "//button[normalize-space()='Kuota per wilayah']").click()
    wait(driver).until(EC.element_to_be_clickable((By.XPATH, "//button[@aria-label='Ubah kuota Purwodadi']"))).click()
    quota = driver.find_element(By.CSS_SELECTOR, ".quota-edit input[type='number']")
    quota.send_keys(Keys.CONTROL, "a")
    quota.send_keys("7")
    reason = driver.find_element(By.CSS_SELECTOR, ".quota-edit input:not([type])")
    reason.send_keys("Wilayah luas", Keys.ENTER)
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='quota-total']").text == "122")
    # Escape closes the dialog, and the home totals follow the override.
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait(driver).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "[role='dialog']")))
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='total-quota_ppk']").text == "122")
    save_screenshot(driver, "home.png")

    # The data went to a real SQLite file in the app's data folder.
    db = data_home / "data" / "id.seleksiadhoc.desktop" / "seleksi-adhoc.db"
    assert db.exists()


def test_demo_database_login_home_and_about(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch("--db", str(db))

    field(driver, "Nama pengguna").send_keys("admin")
    field(driver, "Kata sandi").send_keys("kata-sandi-salah", Keys.ENTER)
    alert = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='alert']")))
    # The same answer whether the account exists, is locked or the password is wrong.
    assert alert.text.startswith("Nama pengguna atau kata sandi salah, atau akun sedang dikunci."), alert.text
    field(driver, "Kata sandi").send_keys("demo-seleksi-2024", Keys.ENTER)

    wait(driver).until(lambda d: len(kecamatan_rows(d)) == 24)
    rounds = driver.find_elements(By.CSS_SELECTOR, "[data-testid='round-row']")
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rounds] == [
        "Pemilu 2024 – PPK",
        "Pemilu 2024 – PPS",
        "Pilkada 2024 – PPK",
    ]
    # The home opens on the newest election (the demo's Pilkada: PPK only).
    applicants = driver.find_element(By.CSS_SELECTOR, "[data-testid='total-applicants_ppk']").text
    assert int(applicants.replace(".", "")) > 100, applicants
    save_screenshot(driver, "home-demo.png")

    driver.find_element(By.XPATH, "//button[normalize-space()='Tentang']").click()
    attribution = wait(driver).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='region-attribution']"))
    )
    assert "idn-area-data" in attribution.text and "Open Database License" in attribution.text


def login(driver: WebDriver, username: str, password: str) -> None:
    field(driver, "Nama pengguna").send_keys(username)
    field(driver, "Kata sandi").send_keys(password, Keys.ENTER)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='current-user']")))


def nav_pages(driver: WebDriver) -> list[str]:
    return [b.text for b in driver.find_elements(By.CSS_SELECTOR, "nav.pages button")]


def invoke(driver: WebDriver, command: str, args: dict) -> dict:
    """Calls a command straight from the page, as a tampered UI could."""
    return driver.execute_async_script(
        "const [cmd, args, done] = arguments;"
        "window.__TAURI_INTERNALS__.invoke(cmd, args).then("
        "  (value) => done({ ok: value }), (error) => done({ error }));",
        command,
        args,
    )


def test_operator_cannot_reach_administrator_screens(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch("--db", str(db))
    login(driver, "operator", "demo-seleksi-2024")
    wait(driver).until(lambda d: len(kecamatan_rows(d)) == 24)
    assert nav_pages(driver) == ["Beranda", "Pendaftar", "Seleksi"]
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='Buat seleksi baru']")

    # The UI hides the screens; the core is what refuses.
    for command, args in [("list_accounts", {}), ("list_audit", {"query": {}})]:
        result = invoke(driver, command, args)
        assert result.get("error", {}).get("code") == "forbidden", (command, result)
    result = invoke(driver, "create_account", {
        "input": {"username": "penyusup", "full_name": "Penyusup", "password": "sandi-penyusup-1"},
        "role": "administrator",
    })
    assert result["error"]["code"] == "forbidden"


def test_administrator_manages_accounts_and_reads_the_audit_trail(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    driver = launch("--db", str(db))
    login(driver, "admin", "demo-seleksi-2024")
    assert nav_pages(driver) == [
        "Beranda", "Pendaftar", "Penelitian berkas", "Seleksi", "Pengaturan dokumen", "Akun petugas", "Jejak audit",
        "Cadangan",
    ]

    # The documents' settings of the demo: kop with its logo, signatories.
    driver.find_element(By.ID, "nav-documents").click()
    wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "img[alt='Logo pada kop surat']")))
    assert field(driver, "Nama Ketua").get_attribute("value") == "Dr. Andi Wibowo, S.H."
    assert "Jalan Contoh Raya" in field(driver, "Alamat kantor").get_attribute("value")
    save_screenshot(driver, "document-settings.png")

    # A backup now, then restored through the window: checked, confirmed
    # deliberately, and the session ends; the restored database opens.
    driver.find_element(By.ID, "nav-backup").click()
    driver.find_element(By.XPATH, "//button[normalize-space()='Cadangkan sekarang']").click()
    wait(driver).until(
        EC.visibility_of_element_located((By.XPATH, "//*[@role='status' and contains(., 'manual.db')]"))
    )
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='backup-row']"))
    save_screenshot(driver, "backup.png")
    driver.find_element(By.ID, "restore-0").click()
    dialog = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='restore-dialog']")))
    assert "Kabupaten Pasuruan" in dialog.text, dialog.text
    confirm = driver.find_element(By.XPATH, "//button[normalize-space()='Ya, pulihkan']")
    assert not confirm.is_enabled()
    driver.find_element(By.XPATH, "//label[contains(., 'Saya mengerti')]").click()
    confirm.click()
    wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='restore-done']")))
    driver.find_element(By.XPATH, "//button[normalize-space()='Masuk kembali']").click()
    login(driver, "admin", "demo-seleksi-2024")
    wait(driver).until(lambda d: len(kecamatan_rows(d)) == 24)

    driver.find_element(By.XPATH, "//nav[@aria-label='Halaman']//button[normalize-space()='Akun petugas']").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='account-row']")) == 4)
    field(driver, "Nama pengguna baru").send_keys("verif2")
    field(driver, "Nama lengkap petugas").send_keys("Dewi Lestari")
    Select(driver.find_element(By.ID, "new-role")).select_by_visible_text("Verifikator")
    field(driver, "Kata sandi awal").send_keys("sandi-verif-dua")
    driver.find_element(By.XPATH, "//button[normalize-space()='Tambah akun']").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='account-row']")) == 5)
    save_screenshot(driver, "accounts.png")

    driver.find_element(By.XPATH, "//nav[@aria-label='Halaman']//button[normalize-space()='Jejak audit']").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='audit-row']"))
    newest = driver.find_elements(By.CSS_SELECTOR, "[data-testid='audit-row']")[0].text
    assert "Akun dibuat" in newest and "verif2" in newest
    assert "sandi-verif-dua" not in driver.page_source
    save_screenshot(driver, "audit.png")

    # Locking the screen keeps the page; the password opens it again.
    driver.find_element(By.XPATH, "//button[normalize-space()='Kunci layar']").click()
    lock = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='dialog'][aria-labelledby='lock-title']")))
    assert invoke(driver, "home", {"election": None})["error"]["code"] == "session_locked"
    lock.find_element(By.CSS_SELECTOR, "input[type='password']").send_keys("demo-seleksi-2024", Keys.ENTER)
    wait(driver).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "[aria-labelledby='lock-title']")))
    assert driver.find_elements(By.CSS_SELECTOR, "[data-testid='audit-row']")


def choose(driver: WebDriver, select_id: str, value: str) -> None:
    """Chooses an option of a <select>. A click that lands while the form
    is still moving (a list closing, the live panel growing) is retried
    until it reaches the option, not failed."""

    def chosen(d: WebDriver) -> bool:
        menu = Select(d.find_element(By.ID, select_id))
        menu.select_by_value(value)
        return menu.first_selected_option.get_attribute("value") == value

    WebDriverWait(
        driver,
        TIMEOUT,
        ignored_exceptions=(ElementClickInterceptedException, StaleElementReferenceException),
    ).until(chosen)


def pick(driver: WebDriver, input_id: str, text: str) -> None:
    """Fills a type-ahead with the keyboard: type, ArrowDown, Enter."""
    box = driver.find_element(By.ID, input_id)
    box.send_keys(text)
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[role='option']"))
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    # The list closes before anything below it can be reached.
    wait(driver).until(lambda d: not any(o.is_displayed() for o in d.find_elements(By.CSS_SELECTOR, "[role='option']")))


def test_operator_registers_an_applicant_and_finds_them_in_the_list(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    # The demo's rounds are past registration; a new round takes applications.
    adhoc(db, "rounds", "create", "--preset", "pilkada-2024", "--badan", "pps")
    driver = launch("--db", str(db))
    login(driver, "operator", "demo-seleksi-2024")
    driver.find_element(By.ID, "nav-applicants").click()
    Select(wait(driver).until(EC.presence_of_element_located((By.ID, "applicant-round")))).select_by_visible_text(
        "Pemilu 2024 – PPS"
    )
    wait(driver).until(lambda d: "PPS-3514-" in d.find_element(By.CSS_SELECTOR, "[data-testid='applicant-row']").text)
    assert "sudah ditutup" in driver.find_element(By.CSS_SELECTOR, "[data-testid='registration-closed']").text
    Select(driver.find_element(By.ID, "applicant-round")).select_by_visible_text("Pilkada 2024 – PPS")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "applicant-new")))
    total_before = wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='applicant-total']").text
    )
    assert total_before == "Belum ada pendaftar pada seleksi ini."

    driver.find_element(By.ID, "applicant-new").click()
    nik = wait(driver).until(EC.element_to_be_clickable((By.ID, "reg-nik")))
    nik.send_keys("3514016203990007")
    driver.find_element(By.ID, "reg-nama").send_keys("Rara Séptiani Nur'aini")
    choose(driver, "reg-jenis-kelamin", "P")
    driver.find_element(By.ID, "reg-tempat-lahir").send_keys("Pasuruan")
    driver.find_element(By.ID, "reg-tanggal-lahir").send_keys("22-03-1999")
    driver.find_element(By.ID, "reg-alamat").send_keys("Dusun Krajan RT 002 RW 001")
    pick(driver, "reg-kode-desa", "gerbo")
    choose(driver, "reg-pendidikan", "S1")
    pick(driver, "reg-wilayah-tugas", "gerbo")
    # The party statement is the applicant's answer: nothing is chosen until it is given.
    never = driver.find_element(By.ID, "reg-partai-bukan")
    assert not never.is_selected()
    never.send_keys(Keys.SPACE)
    assert never.is_selected()
    # Keyboard only: Space ticks a checkbox.
    for code in ["surat_pendaftaran", "drh", "ktp", "ijazah"]:
        box = wait(driver).until(EC.presence_of_element_located((By.ID, f"reg-berkas-{code}")))
        box.send_keys(Keys.SPACE)
        assert box.is_selected(), code

    # The live panel shows the core's rules for what was typed.
    panel = driver.find_element(By.CSS_SELECTOR, "[data-testid='live-panel']")
    wait(driver).until(
        lambda d: "Berusia 25 tahun" in panel.text
        and "Pendidikan terakhir S1" in panel.text
        and "Belum dapat disimpan" not in panel.text,
        message=lambda: panel.text,
    )
    save_screenshot(driver, "registration.png")

    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    # Two required documents were not ticked: the operator is asked, with their names, before it is saved.
    missing = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='missing-documents']")))
    assert "Surat pernyataan" in missing.text and "Surat keterangan sehat" in missing.text, missing.text
    assert "Fotokopi KTP-el" not in missing.text, missing.text
    button(driver, "Tetap simpan tanpa berkas itu").click()
    number = wait(driver).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='saved-reg-number']"))
    ).text
    assert number.startswith("PPS-3514-")

    driver.find_element(By.ID, "reg-lihat-daftar").click()
    search = wait(driver).until(EC.element_to_be_clickable((By.ID, "applicant-search")))
    search.send_keys("rara sép")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='applicant-row']")) == 1)
    row = driver.find_element(By.CSS_SELECTOR, "[data-testid='applicant-row']").text
    assert number in row and "Rara Séptiani Nur'aini" in row and "Purwodadi" in row
    save_screenshot(driver, "applicants.png")

    # The number finds them too, and the total grew by one.
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(number)
    wait(driver).until(lambda d: number in d.find_element(By.CSS_SELECTOR, "[data-testid='applicant-row']").text)
    search.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    wait(driver).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='applicant-total']").text != total_before
    )


def test_verifier_checks_documents_and_sees_ms(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    # The demo's files are all decided; a new round has one whose file only
    # waits for the documents to be checked.
    adhoc(db, "rounds", "create", "--preset", "pilkada-2024", "--badan", "pps")
    (tmp_path / "pendaftar.csv").write_text(
        "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n"
        "3514011208900001,Budi Santoso,L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01.2001\n"
    )
    adhoc(db, "applicants", "import", "--round", "4", str(tmp_path / "pendaftar.csv"))
    results = adhoc(db, "results", "--round", "4", "--stage", "administrasi").splitlines()[1:]
    number = next(
        row.split(",")[0]
        for row in results
        if row.split(",")[3] == "" and all(p.strip().endswith("belum diperiksa.") for p in row.split(",", 4)[4].split(";"))
    )
    driver = launch("--db", str(db))
    login(driver, "verifikator", "demo-seleksi-2024")
    driver.find_element(By.ID, "nav-verification").click()
    Select(wait(driver).until(EC.presence_of_element_located((By.ID, "verify-round")))).select_by_visible_text("Pilkada 2024 – PPS")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='progress-row']"))
    box = driver.find_element(By.ID, "verify-open-number")
    box.send_keys(number, Keys.ENTER)
    wait(driver).until(lambda d: number in d.find_element(By.CSS_SELECTOR, "[data-testid='verify-number']").text)
    label = driver.find_element(By.CSS_SELECTOR, "[data-testid='final-verdict-label']")
    assert "Belum selesai" in label.text

    for code in ["surat_pendaftaran", "drh", "ktp", "ijazah", "surat_pernyataan", "surat_sehat"]:
        radio = wait(driver).until(EC.presence_of_element_located((By.ID, f"doc-{code}-sesuai")))
        radio.send_keys(Keys.SPACE)
        wait(driver).until(lambda d: d.find_element(By.ID, f"doc-{code}-sesuai").is_selected())
    wait(driver).until(
        lambda d: "Memenuhi Syarat (MS)" in d.find_element(By.CSS_SELECTOR, "[data-testid='final-verdict-label']").text,
        message=lambda: driver.find_element(By.CSS_SELECTOR, "[data-testid='final-verdict']").text,
    )
    save_screenshot(driver, "verification.png")

    # The core recorded it: the results now say MS for that number.
    after = adhoc(db, "results", "--round", "4", "--stage", "administrasi")
    assert f"{number}," in after and any(r.startswith(number + ",") and ",MS," in r for r in after.splitlines())


def adhoc(db: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(
        [str(ADHOC), "--db", str(db), *args], check=True, capture_output=True, text=True, input=stdin
    ).stdout


def button(driver: WebDriver, text: str):
    """The visible button whose text starts with `text`."""
    return wait(driver).until(
        EC.element_to_be_clickable((By.XPATH, f"//button[starts-with(normalize-space(), '{text}')]"))
    )


def stage_state(driver: WebDriver, stage: str) -> str:
    return driver.find_element(
        By.CSS_SELECTOR, f"[data-testid='timeline-stage-{stage}'] [data-testid='stage-state']"
    ).text


def seleksi_tab(driver: WebDriver, label: str) -> None:
    driver.find_element(By.ID, "nav-selection").click()
    tab = wait(driver).until(
        EC.element_to_be_clickable((By.XPATH, f"//button[@role='tab' and normalize-space()='{label}']"))
    )
    tab.click()


def close_and_open(driver: WebDriver, close: tuple[str, str] | None, open_: tuple[str, str] | None) -> None:
    """As Pimpinan on the Tahapan tab: closes one stage, then opens the next."""
    if close:
        stage, label = close
        button(driver, f"Tutup tahap {label}").click()
        wait(driver).until(EC.element_to_be_clickable((By.ID, "stage-close-confirm"))).click()
        wait(driver).until(
            lambda d: stage_state(d, stage) == "Selesai",
            message=lambda: "; ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "[role='dialog'], .error-box")),
        )
    if open_:
        stage, label = open_
        button(driver, f"Buka tahap {label}").click()
        button(driver, f"Ya, buka tahap {label}").click()
        wait(driver).until(lambda d: stage_state(d, stage) == "Sedang berjalan")


def enter_marks(driver: WebDriver, marks: list[str]) -> None:
    """Types each mark and Enter, row after row, as a Verifikator does."""
    rows = wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='score-row']"))
    assert len(rows) == len(marks)
    rows[0].find_element(By.CSS_SELECTOR, "[data-testid='mark-input']").click()
    for i, mark in enumerate(marks):
        # Enter saves the focused row's mark and moves to the next row.
        wait(driver).until(
            lambda d: d.switch_to.active_element.get_attribute("data-testid") == "mark-input"
            and d.switch_to.active_element == rows[i].find_element(By.CSS_SELECTOR, "[data-testid='mark-input']")
        )
        ActionChains(driver).send_keys(mark, Keys.ENTER).perform()
        wait(driver).until(
            lambda d: rows[i].find_element(By.CSS_SELECTOR, "[data-testid='row-state']").text == "Tersimpan",
            message=lambda: rows[i].text,
        )
    wait(driver).until(
        lambda d: f"{len(marks)} sudah dinilai" in d.find_element(By.CSS_SELECTOR, "[data-testid='score-counters']").text,
        message=lambda: driver.find_element(By.CSS_SELECTOR, "[data-testid='score-counters']").text,
    )


def relogin(driver: WebDriver, username: str) -> None:
    button(driver, "Keluar").click()
    login(driver, username, "rahasia-sekali-123")


def test_a_small_round_from_registration_to_the_final_list(launch, tmp_path: Path, data_home: Path):
    db = tmp_path / "kpu.db"
    adhoc(db, "init", "--wilayah", "3514")
    for user, role in [("admin", "administrator"), ("ketua", "pimpinan"), ("verif", "verifikator")]:
        adhoc(db, "user", "add", "--username", user, "--nama", user.title(), "--peran", role,
              stdin="rahasia-sekali-123\n")
    adhoc(db, "rounds", "create", "--preset", "pemilu-2024", "--badan", "ppk")
    # Quota 1 in Purwodadi: 3 go on to the interview, 2 are ranked.
    adhoc(db, "rounds", "kuota", "--round", "1", "--wilayah", "35.14.01", "--kuota", "1", "--alasan", "Uji e2e")
    people = ["Budi Santoso", "Siti Aminah", "Agus Salim", "Dewi Lestari"]
    rows = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n"
    for i, name in enumerate(people, start=1):
        woman = name.split()[0] in ("Siti", "Dewi")
        rows += (f"351401{12 + (40 if woman else 0)}0890{i:04d},{name},{'P' if woman else 'L'},Pasuruan,"
                 f"12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01\n")
    (tmp_path / "pendaftar.csv").write_text(rows)
    adhoc(db, "applicants", "import", "--round", "1", str(tmp_path / "pendaftar.csv"))
    verdicts = "nomor_pendaftaran,kode_dokumen,status,alasan\n"
    for i in range(1, 5):
        for code in ["surat_pendaftaran", "drh", "ktp", "ijazah", "surat_pernyataan", "surat_sehat"]:
            verdicts += f"PPK-3514-{i:04d},{code},sesuai,\n"
    (tmp_path / "berkas.csv").write_text(verdicts)
    adhoc(db, "documents", "import", "--round", "1", str(tmp_path / "berkas.csv"))
    # The party-membership list (none of them is in it) completes the check.
    (tmp_path / "sipol.csv").write_text("nik,partai\n3514019999990001,Partai Contoh\n")
    adhoc(db, "parties", "import", str(tmp_path / "sipol.csv"))

    driver = launch("--db", str(db))
    # The chair closes registration and the administrative check, and opens the written test.
    login(driver, "ketua", "rahasia-sekali-123")
    seleksi_tab(driver, "Tahapan")
    close_and_open(driver, ("pendaftaran", "pendaftaran"), ("administrasi", "penelitian administrasi"))
    # The other 23 kecamatan are short of applicants: the chair lets them go
    # on without an extension, with a reason, before the check can close.
    button(driver, "Pilih semua yang perlu").click()
    button(driver, "Lanjut tanpa perpanjangan…").click()
    reason = wait(driver).until(EC.element_to_be_clickable((By.ID, "no-extension-reason")))
    reason.send_keys("Rapat pleno: tidak ada warga lain yang mendaftar")
    button(driver, "Catat keputusan").click()
    wait(driver).until(
        lambda d: "23 wilayah lanjut tanpa perpanjangan" in d.find_element(By.CSS_SELECTOR, "[data-testid='extension-message']").text
    )
    close_and_open(driver, ("administrasi", "penelitian administrasi"), ("tertulis", "tes tertulis"))
    save_screenshot(driver, "selection-timeline.png")

    # The verifier types the written marks (one absent).
    relogin(driver, "verif")
    seleksi_tab(driver, "Nilai tes tertulis")
    enter_marks(driver, ["80", "75,5", "absen", "60"])

    relogin(driver, "ketua")
    seleksi_tab(driver, "Tahapan")
    close_and_open(driver, ("tertulis", "tes tertulis"), ("wawancara", "tes wawancara"))

    relogin(driver, "verif")
    seleksi_tab(driver, "Nilai wawancara")
    enter_marks(driver, ["70", "90", "65"])

    relogin(driver, "ketua")
    seleksi_tab(driver, "Tahapan")
    close_and_open(driver, ("wawancara", "tes wawancara"), ("akhir", "hasil akhir"))
    seleksi_tab(driver, "Hasil akhir")
    result_rows = wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='result-row']"))
    statuses = [r.find_element(By.CSS_SELECTOR, "[data-testid='status']").text for r in result_rows]
    assert statuses[:2] == ["Terpilih", "Cadangan 1"], statuses
    assert "Siti Aminah" in result_rows[0].text
    save_screenshot(driver, "selection-final.png")
    seleksi_tab(driver, "Tahapan")
    close_and_open(driver, ("akhir", "hasil akhir"), None)
    seleksi_tab(driver, "Kuota")
    wait(driver).until(EC.presence_of_element_located((By.XPATH, "//*[contains(normalize-space(), 'Purwodadi')]")))
    save_screenshot(driver, "selection-quota.png")

    # The final announcement, exported from its closed stage (the save
    # dialog stands in as ADHOC_SAVE_DIR), names Siti then Budi.
    seleksi_tab(driver, "Dokumen resmi")
    wait(driver).until(EC.element_to_be_clickable((By.ID, "export-pengumuman_akhir"))).click()
    saved = data_home / "saved" / "pengumuman-akhir-ppk.pdf"
    status = wait(driver).until(
        EC.visibility_of_element_located((By.XPATH, "//*[@role='status' and contains(., 'pengumuman-akhir-ppk.pdf')]"))
    )
    assert saved.exists(), status.text
    text = subprocess.run(["pdftotext", str(saved), "-"], check=True, capture_output=True, text=True).stdout
    assert "PENGUMUMAN" in text and "Nomor: 01/PP.04.1-Pu/3514/" in text, text
    assert text.index("Siti Aminah") < text.index("Budi Santoso"), text
    save_screenshot(driver, "selection-documents.png")

    # The core's record agrees: Siti is Terpilih, Budi the first Cadangan, Agus absent.
    final = adhoc(db, "results", "--round", "1", "--stage", "akhir").splitlines()
    assert final[1].startswith("PPK-3514-0002,Siti Aminah,P,35.14.01,\"75,50\",\"90,00\",\"90,00\",1,terpilih"), final
    assert final[2].startswith("PPK-3514-0001,Budi Santoso,L,35.14.01,\"80,00\",\"70,00\",\"70,00\",2,cadangan 1"), final
    written = adhoc(db, "results", "--round", "1", "--stage", "tertulis")
    assert "PPK-3514-0003,Agus Salim,L,35.14.01,absen,,,,tidak_hadir" in written, written
    assert adhoc(db, "rounds", "list").splitlines()[1].split(",")[3] == "penetapan"
