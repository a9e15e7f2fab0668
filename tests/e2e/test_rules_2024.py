"""End-to-end on the demo database: the rules as offices applied them in
2024, in the real window. The Pemilu PPK round's quota screen shows its
charts (applicants against 2× quota, the women's share at a stage) and the
women at every stage; the Pilkada round shows the members it kept from the
Pemilu, Wonorejo filled by appointment, and its timeline as bars. The
screens are photographed for the README."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import save_screenshot
from test_desktop import adhoc, login, wait
from test_scores_sheet import tab

DEMO_PASSWORD = "demo-seleksi-2024"


def chart(driver, testid: str):
    """A chart's figure, once Chart.js has drawn its canvas, scrolled into view."""
    fig = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-testid='{testid}']")))
    canvas = fig.find_element(By.TAG_NAME, "canvas")
    wait(driver).until(lambda d: canvas.size["width"] > 100 and canvas.size["height"] > 50)
    # Chart.js paints on the canvas: some pixels are not blank.
    painted = driver.execute_script(
        """
        const c = arguments[0];
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
        """,
        canvas,
    )
    assert painted > 1000, f"{testid}: only {painted} pixels painted"
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", fig)
    return fig


def choose_round(driver, name_part: str) -> None:
    select = Select(wait(driver).until(EC.element_to_be_clickable((By.ID, "selection-round"))))
    value = next(o.get_attribute("value") for o in select.options if name_part in o.text)
    select.select_by_value(value)
    wait(driver).until(
        lambda d: name_part in d.find_element(By.CSS_SELECTOR, "[data-testid='selection-round']").text
    )


def test_charts_kept_members_and_appointment_on_the_demo(launch, tmp_path: Path):
    db = tmp_path / "demo.db"
    adhoc(db, "demo")
    kept = adhoc(db, "penunjukan", "daftar", "--round", "3")
    assert "Dilanjutkan (evaluasi kinerja)" in kept, kept
    wonorejo = [line for line in kept.splitlines() if ",35.14.07," in line]
    assert sum("Penunjukan" in line for line in wonorejo) == 2, wonorejo
    assert sum("Dilanjutkan" in line for line in wonorejo) == 2, wonorejo

    driver = launch("--db", str(db))
    driver.set_window_size(1280, 860)
    login(driver, "admin", DEMO_PASSWORD)
    driver.find_element(By.ID, "nav-selection").click()

    # The finished Pemilu PPK round: every stage reached.
    choose_round(driver, "Pemilu 2024 – PPK")
    tab(driver, "Kuota")
    women = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='women-section']")))
    for stage in ["Pendaftar", "MS", "Lulus tes tertulis", "Daftar akhir", "Anggota"]:
        assert stage in women.text, women.text
    chart(driver, "chart-pendaftar-kuota")
    save_screenshot(driver, "quota-charts.png")
    chart(driver, "chart-perempuan")
    save_screenshot(driver, "women-chart.png")

    # The Pilkada round: members kept from the Pemilu, Wonorejo appointed.
    choose_round(driver, "Pilkada 2024 – PPK")
    tab(driver, "Anggota lanjutan")
    rows = wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='kept-row']"))
    assert len(rows) > 24, len(rows)
    save_screenshot(driver, "kept-members.png")
    tab(driver, "Tahapan")
    chart(driver, "chart-tahapan")
    save_screenshot(driver, "timeline-bars.png")
