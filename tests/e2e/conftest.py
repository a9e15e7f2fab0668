"""End-to-end fixtures: the real desktop binary, driven through tauri-driver
(WebKitWebDriver) under Xvfb. Each test gets its own data folder, so the app
starts on a fresh database unless the test passes --db."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from urllib3.exceptions import ProtocolError
from selenium.webdriver.common.options import ArgOptions

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "target" / "debug" / "seleksi-adhoc"
ADHOC = ROOT / "target" / "debug" / "adhoc"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DRIVER_PORT = 4444
# The file the app's open dialog "picks" (debug builds), in a test's data folder.
PICKED = "dipilih"


def _driver_binary() -> str:
    found = shutil.which("tauri-driver") or str(Path.home() / ".cargo" / "bin" / "tauri-driver")
    if not Path(found).exists():
        pytest.fail("tauri-driver is not installed; run `make test`, which installs it")
    return found


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"tauri-driver did not listen on port {port}")


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    home = tmp_path / "xdg"
    (home / "data").mkdir(parents=True)
    (home / "cache").mkdir()
    return home


@pytest.fixture
def tauri_driver(data_home: Path):
    if not os.environ.get("DISPLAY"):
        pytest.fail("no display: run the end-to-end tests under `xvfb-run -a` (make e2e does)")
    assert APP.exists(), f"build the desktop app first ({APP})"
    env = dict(os.environ)
    # The app inherits tauri-driver's environment: give it its own data folder.
    env["XDG_DATA_HOME"] = str(data_home / "data")
    env["XDG_CACHE_HOME"] = str(data_home / "cache")
    env.pop("ADHOC_DB", None)
    # A save dialog cannot be driven through WebDriver: files the app saves
    # go to this folder under their suggested names (src-tauri files.rs; only
    # debug builds, which `make e2e` builds and APP names, read it).
    env["ADHOC_SAVE_DIR"] = str(data_home / "saved")
    (data_home / "saved").mkdir(exist_ok=True)
    # Nor can an open dialog: the file "picked" is the one a test writes at
    # PICKED in its data folder (see picked_file).
    env["ADHOC_PICK_FILE"] = str(data_home / PICKED)
    proc = subprocess.Popen(
        [_driver_binary(), "--port", str(DRIVER_PORT)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(DRIVER_PORT)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def launch(tauri_driver):
    """Starts the app (with optional arguments) and returns a WebDriver session."""
    sessions = []

    def start(*args: str) -> webdriver.Remote:
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP), "args": list(args)})
        # The first WebKit start on a fresh machine can drop the connection
        # while the session is being made; a second attempt starts cleanly.
        for attempt in range(3):
            try:
                driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{DRIVER_PORT}", options=options)
                break
            except (ProtocolError, WebDriverException):
                if attempt == 2:
                    raise
                time.sleep(2)
        sessions.append(driver)
        return driver

    yield start
    for d in sessions:
        d.quit()


def save_screenshot(driver: webdriver.Remote, name: str) -> Path:
    # Let WebKit paint what the DOM now holds before taking the snapshot.
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    path.write_bytes(driver.get_screenshot_as_png())
    return path
