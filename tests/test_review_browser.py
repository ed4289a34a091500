"""The review page in headless Chromium: filter, open a deal, see the evidence, confirm, export.

Needs Debian's `chromium` and `chromium-driver`; fails (never skips) when they are missing.
Screenshots go to bench/out/ (gitignored).
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By

from review.app import create_app
from review.security import allowed_hosts_for
from store.session import Store
from tests.test_review import fill

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "bench" / "out"
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000")
# Longest wait for the server to come up, a page to load or a download to land.
DEADLINE_S = 30
APT_HINT = "install Debian's packages: apt-get install -y chromium chromium-driver"


def wait_for(condition: Callable[[], object], what: str) -> object:
    """Poll until `condition()` is truthy; fail with `what` after DEADLINE_S."""
    end = time.monotonic() + DEADLINE_S
    pause = threading.Event()
    while time.monotonic() < end:
        try:
            value = condition()
        except (StaleElementReferenceException, NoSuchElementException):
            value = None  # the page is being replaced: look again
        if value:
            return value
        pause.wait(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served(store: Store) -> Iterator[tuple[str, dict[str, int]]]:
    ids = fill(store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    app = create_app(store, allowed_hosts=allowed_hosts_for("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for(lambda: server.started, "uvicorn to start")
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", ids
    server.should_exit = True
    thread.join(DEADLINE_S)
    sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail(f"headless Chromium is required for this test: {APT_HINT}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def test_filter_open_deal_confirm_and_export(served, browser: webdriver.Chrome) -> None:  # type: ignore[no-untyped-def]
    base, ids = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.get(f"{base}/deals")
    assert browser.find_element(By.ID, "total").text == "4"
    header_bg = browser.execute_script(
        "return getComputedStyle(document.querySelector('header.top')).backgroundColor")
    assert header_bg == "rgb(31, 58, 95)", "the stylesheet did not load under the CSP"

    region = browser.find_element(By.NAME, "region")
    region.send_keys("四川")
    browser.find_element(By.NAME, "search").send_keys("工場")
    browser.find_element(By.ID, "apply").click()
    wait_for(lambda: "region=" in browser.current_url, "the filtered list")
    wait_for(lambda: browser.find_element(By.ID, "total").text == "1", "one matching deal")
    links = browser.find_elements(By.CSS_SELECTOR, "a.deal-link")
    assert [link.get_attribute("href").rsplit("/", 1)[1] for link in links] == [str(ids["ja"])]

    browser.find_element(By.NAME, "search").clear()
    browser.find_element(By.ID, "apply").click()
    wait_for(lambda: browser.find_element(By.ID, "total").text == "2", "the region-only list")
    browser.save_screenshot(str(SCREENSHOTS / "review_deals.png"))

    browser.find_element(By.ID, "export-csv").click()
    csv_file = wait_for(lambda: [p for p in browser.downloads.glob("*.csv")], "the CSV download")[0]  # type: ignore[attr-defined, index]
    wait_for(lambda: csv_file.stat().st_size > 0 and not list(browser.downloads.glob("*.crdownload")),  # type: ignore[attr-defined]
             "the CSV to finish")
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert sorted(int(r["id"]) for r in rows) == sorted([ids["chengdu"], ids["ja"]])
    assert {r["province"] for r in rows} == {"四川"}

    browser.get(f"{base}/deals/{ids['chengdu']}")
    marks = browser.find_elements(By.CSS_SELECTOR, "article.report mark[data-facts~='amount']")
    assert [m.text for m in marks] == ["12个重大项目落地,总投资97.6亿元。"]
    assert browser.execute_script(
        "return getComputedStyle(arguments[0]).backgroundColor", marks[0]) == "rgb(255, 233, 138)"
    browser.find_element(By.ID, "mark-confirmed").click()
    wait_for(lambda: "saved=state" in browser.current_url, "the confirmation")
    wait_for(lambda: browser.find_element(By.ID, "state").text == "confirmed", "the confirmed state")
    browser.set_window_size(1400, 1100)
    browser.save_screenshot(str(SCREENSHOTS / "review_deal.png"))


def test_scraped_scripts_never_run(served, store: Store, browser: webdriver.Chrome) -> None:  # type: ignore[no-untyped-def]
    from tests.test_review import add, make_facts

    base, _ = served
    text = "<script>document.body.dataset.pwned='text'</script>苏州工业园区签约,总投资20亿元。"
    result = add(store, "http://evil.example/1.html", "<script>document.body.dataset.pwned='title'</script>",
                 text, make_facts(text, amount=20.0, evidence="总投资20亿元。", province="江苏", city="苏州",
                                  park="苏州工业园区"),
                 body=b"<html><body><p id=raw-ok>raw page</p><script>parent.document.body.dataset.pwned='raw';"
                      b"document.getElementById('raw-ok').textContent='script ran'</script></body></html>")
    browser.get(f"{base}/articles/{result.article_id}")
    assert "<script>document.body.dataset.pwned='title'</script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return document.body.dataset.pwned || ''") == ""
    frame = browser.find_element(By.ID, "raw")
    assert frame.get_attribute("sandbox") == ""
    browser.switch_to.frame(frame)
    assert browser.find_element(By.ID, "raw-ok").text == "raw page"
    browser.switch_to.default_content()
    browser.get(f"{base}/deals/{result.deal_id}")
    assert browser.execute_script("return document.body.dataset.pwned || ''") == ""
