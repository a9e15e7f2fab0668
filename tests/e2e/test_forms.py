"""End-to-end: the registration form as a help-desk operator meets it, with
the keyboard only. Whatever Tab reaches must be seen whole, never under the
sticky "Batal / Simpan pendaftaran" bar; dates are typed DD-MM-YYYY; a
type-ahead's list opens where it can be seen."""

import subprocess
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADHOC, save_screenshot
from test_desktop import adhoc, choose, login, wait

# Where the focused element is against the part of the window it can be
# seen in: above the sticky bar when it shares the bar's column (the live
# panel beside the form does not), inside the window otherwise.
FOCUS_PLACE = """
const el = document.activeElement;
const r = el.getBoundingClientRect();
const bar = document.querySelector('[data-sticky-bottom]');
let limit = window.innerHeight;
if (bar && !bar.contains(el)) {
  const b = bar.getBoundingClientRect();
  if (b.left < r.right && b.right > r.left) limit = Math.min(limit, b.top);
}
return {id: el.id, tag: el.tagName, top: r.top, bottom: r.bottom, limit: limit,
        inner: window.innerHeight, bar: bar ? bar.getBoundingClientRect().height : 0};
"""

LIST_PLACE = """
const list = document.querySelector('[role="listbox"]');
if (!list) return null;
const r = list.getBoundingClientRect();
const bar = document.querySelector('[data-sticky-bottom]');
const limit = bar ? Math.min(window.innerHeight, bar.getBoundingClientRect().top) : window.innerHeight;
return {top: r.top, bottom: r.bottom, limit: limit};
"""


def keys(driver: WebDriver, *typed: str) -> None:
    """Types into whatever has the focus, as the operator does."""
    ActionChains(driver).send_keys(*typed).perform()


def active_id(driver: WebDriver) -> str:
    return driver.switch_to.active_element.get_attribute("id") or ""


def seen_whole(driver: WebDriver) -> dict:
    """Waits until the focused element is seen whole (the form scrolls it
    clear of the bar just after the focus lands), and returns where it is."""
    place: dict = {}

    def whole(d: WebDriver) -> bool:
        nonlocal place
        place = d.execute_script(FOCUS_PLACE)
        return place["top"] >= 0 and place["bottom"] <= place["limit"] + 0.5

    WebDriverWait(driver, 3).until(whole, message=lambda: f"focused element not seen whole: {place}")
    return place


def pick_from_list(driver: WebDriver, text: str) -> None:
    """In a focused type-ahead: type, see the list whole above the bar, ↓ and Enter."""
    keys(driver, text)
    wait(driver).until(lambda d: any(o.is_displayed() for o in d.find_elements(By.CSS_SELECTOR, "[role='option']")))
    place = driver.execute_script(LIST_PLACE)
    assert place and place["top"] >= 0 and place["bottom"] <= place["limit"] + 0.5, place
    keys(driver, Keys.ARROW_DOWN, Keys.ENTER)
    wait(driver).until(lambda d: not any(o.is_displayed() for o in d.find_elements(By.CSS_SELECTOR, "[role='option']")))


def test_registration_with_tab_only_keeps_every_field_in_view(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    subprocess.run([str(ADHOC), "--db", str(db), "demo"], check=True, capture_output=True)
    # The demo's rounds are past registration; a new round takes applications.
    adhoc(db, "rounds", "create", "--preset", "pilkada-2024", "--badan", "pps")
    driver = launch("--db", str(db))
    login(driver, "operator", "demo-seleksi-2024")
    driver.find_element(By.ID, "nav-applicants").click()
    Select(wait(driver).until(EC.presence_of_element_located((By.ID, "applicant-round")))).select_by_visible_text(
        "Pilkada 2024 – PPS"
    )
    wait(driver).until(EC.element_to_be_clickable((By.ID, "applicant-new"))).click()
    wait(driver).until(lambda d: active_id(d) == "reg-nik")

    documents = {"surat_pendaftaran", "drh", "ktp", "ijazah", "surat_pernyataan", "surat_sehat"}
    visited: list[str] = []
    for _ in range(80):
        here = active_id(driver)
        visited.append(here)
        if here == "reg-nik":
            keys(driver, "3514016203990007")
        elif here == "reg-nama":
            keys(driver, "Rara Septiani")
        elif here == "reg-jenis-kelamin":
            choose(driver, here, "P")
        elif here == "reg-tempat-lahir":
            keys(driver, "Pasuruan")
        elif here == "reg-tanggal-lahir":
            # Typed as staff write it, dashes included (they are not doubled).
            keys(driver, "22-03-1999")
            assert driver.find_element(By.ID, here).get_attribute("value") == "22-03-1999"
            # The Indonesian calendar opens with Alt+↓ on that month, weeks from Senin; Escape closes it.
            ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_DOWN).key_up(Keys.ALT).perform()
            calendar = wait(driver).until(
                EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='dialog'][aria-label='Pilih tanggal']"))
            )
            assert "Maret 1999" in calendar.text, calendar.text
            headers = [h.text for h in calendar.find_elements(By.CSS_SELECTOR, "th")]
            assert headers[0] == "Sen" and headers[-1] == "Min", headers
            # The focus goes to the day typed.
            wait(driver).until(lambda d: d.switch_to.active_element.get_attribute("aria-label") == "22 Maret 1999")
            save_screenshot(driver, "registration-calendar.png")
            keys(driver, Keys.ESCAPE)
            wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[aria-label='Pilih tanggal']"))
            assert active_id(driver) == here
        elif here == "reg-alamat":
            keys(driver, "Dusun Krajan RT 002 RW 001")
        elif here == "reg-kode-desa":
            pick_from_list(driver, "gerbo")
        elif here == "reg-pendidikan":
            choose(driver, here, "S1")
        elif here == "reg-pekerjaan":
            keys(driver, "Guru")
        elif here == "reg-telepon":
            keys(driver, "0812-3456-7890")
        elif here == "reg-wilayah-tugas":
            # Low in the window: the list must still be seen whole (above the bar, or opening upward).
            pick_from_list(driver, "gerbo")
        elif here == "reg-partai-bukan":
            # Nothing is chosen for the applicant: Space gives their answer.
            assert not driver.find_element(By.ID, here).is_selected()
            keys(driver, Keys.SPACE)
            assert driver.find_element(By.ID, here).is_selected()
        elif here.startswith("reg-berkas-") and here.removeprefix("reg-berkas-") in documents:
            keys(driver, Keys.SPACE)
            assert driver.find_element(By.ID, here).is_selected(), here
        elif here == "reg-simpan":
            break
        # A select keeps the focus after an option is chosen; put it back if the driver moved it.
        if active_id(driver) != here and here:
            driver.execute_script("document.getElementById(arguments[0]).focus()", here)
        keys(driver, Keys.TAB)
        seen_whole(driver)
    else:
        raise AssertionError(f"Tab never reached Simpan pendaftaran: {visited}")

    # Every field of the form was reached by Tab, the lower ones included.
    for expected in ["reg-nama", "reg-tanggal-lahir", "reg-pekerjaan", "reg-wilayah-kecamatan", "reg-wilayah-tugas",
                     "reg-partai-bukan", "reg-disabilitas", *[f"reg-berkas-{c}" for c in sorted(documents)]]:
        assert expected in visited, (expected, visited)
    # The calendar's button is not a Tab stop.
    assert visited.count("reg-tanggal-lahir") == 1, visited

    panel = driver.find_element(By.CSS_SELECTOR, "[data-testid='live-panel']")
    wait(driver).until(lambda d: "Data lengkap" in panel.text, message=lambda: panel.text)
    save_screenshot(driver, "registration-keyboard.png")

    # Enter on Simpan saves: every required document was ticked, so nothing is asked.
    keys(driver, Keys.ENTER)
    number = wait(driver).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='saved-reg-number']"))
    ).text
    assert number.startswith("PPS-3514-")
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid='missing-documents']")
    # The core kept the date typed DD-MM-YYYY as that day.
    row = next(r for r in adhoc(db, "applicants", "export", "--round", "4").splitlines() if r.startswith(number))
    assert "Rara Septiani" in row and ",1999-03-22," in row, row
