"""End to end: the real `readout serve` process on a loopback port, driven by headless Chromium.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them) and selenium; skipped with
the reason otherwise. Screenshots go to pytest's tmp_path (test artefacts, never committed).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium chromium-driver)"),
    pytest.mark.skipif(not CHROMEDRIVER.exists(), reason="needs chromedriver "
                       "(apt-get install chromium-driver)"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install selenium)")
By = pytest.importorskip("selenium.webdriver.common.by").By
expected_conditions = pytest.importorskip("selenium.webdriver.support.expected_conditions")
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: Path, repo_root: Path):
    """Start `readout serve --db db` on a free loopback port; return (process, base URL)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "readout.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=repo_root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):  # up to 20 s
        try:
            if httpx.get(f"{base}/api/scale", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"readout serve did not start: {process.communicate(timeout=5)[1].decode()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def server(seed_db, repo_root):
    process, base = serve(seed_db, repo_root)
    yield base
    stop(process)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})  # console errors
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _background(driver, element) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element)


TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


def test_the_seeds_five_quotes_are_highlighted(browser, server, tmp_path):
    browser.get(f"{server}/articles/zelensky-meloni")
    quoted = browser.find_elements(By.CSS_SELECTOR, "#article-text .seg.q")
    ids = {i for element in quoted for i in element.get_attribute("data-quotes").split()}
    speakers = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#quote-list .speaker")]
    browser.save_screenshot(str(tmp_path / "article.png"))
    assert ids == {"q1", "q2", "q3", "q4", "q5"}
    assert speakers == ["Volodymyr Zelensky"] * 5
    assert all(_background(browser, element) not in TRANSPARENT for element in quoted)


def test_choosing_the_headline_event_highlights_its_evidence(browser, server, tmp_path):
    article = httpx.get(f"{server}/api/articles/zelensky-meloni").json()
    [headline] = [event for event in article["events"] if event["primary"]]
    evidence = {i for start, end in headline["evidence"] for i in range(start, end)}
    browser.get(f"{server}/articles/zelensky-meloni")
    button = browser.find_element(
        By.CSS_SELECTOR, f'#event-list button[data-id="{headline["id"]}"]')
    assert "headline" in button.text
    before = browser.find_elements(By.CSS_SELECTOR, "#article-text .chosen")
    button.click()
    chosen = browser.find_elements(By.CSS_SELECTOR, "#article-text .seg.chosen")
    covered = set()
    for element in chosen:
        start = int(element.get_attribute("data-start"))
        covered |= set(range(start, start + len(element.get_attribute("textContent"))))
    browser.save_screenshot(str(tmp_path / "headline-evidence.png"))
    assert before == [] and button.get_attribute("aria-pressed") == "true"
    assert covered == evidence
    assert all(_background(browser, element) == "rgb(255, 179, 71)" for element in chosen)


def test_choosing_a_quote_highlights_it_alone(browser, server):
    browser.get(f"{server}/articles/zelensky-meloni?quote=q3")
    chosen = browser.find_elements(By.CSS_SELECTOR, "#article-text .seg.chosen")
    owners = {element.get_attribute("data-quotes") or element.get_attribute("data-cues")
              for element in chosen}
    text = "".join(e.get_attribute("textContent") for e in chosen if e.get_attribute("data-quotes"))
    assert owners == {"q3"} and text.startswith("Together, Ukraine and Italy")


def test_filtering_the_timeline(browser, server, tmp_path):
    browser.get(f"{server}/events")
    everything = len(browser.find_elements(By.CSS_SELECTOR, "tr.event"))
    browser.find_element(By.XPATH, "//form[@id='filters']//select[@name='type']/option[.='SUPPORT']").click()
    browser.find_element(By.CSS_SELECTOR, "#filters input[name=country]").send_keys("EU")
    old_page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(old_page))
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete")
    # Read the rows in one script call: element handles taken while the new page settles go stale.
    rows = browser.execute_script(
        "return [...document.querySelectorAll('tr.event')]"
        ".map(row => [row.dataset.event, row.querySelector('.type').textContent]);")
    browser.save_screenshot(str(tmp_path / "timeline.png"))
    expected = httpx.get(f"{server}/api/events?type=SUPPORT&country=EU").json()["items"]
    assert "type=SUPPORT" in browser.current_url and "country=EU" in browser.current_url
    assert [event for event, _ in rows] == [str(e["id"]) for e in expected]
    assert 0 < len(rows) < everything
    assert all("SUPPORT" in kind for _, kind in rows)


@pytest.mark.parametrize("path", ["/dyads/ITA-UKR", "/network?since=2023-12-01&until=2024-02-01"])
def test_charts_are_drawn(browser, server, tmp_path, path):
    browser.get(f"{server}{path}")
    for _ in range(50):  # plotly draws after load
        drawn = browser.find_elements(By.CSS_SELECTOR, ".chart .main-svg")
        if drawn:
            break
        time.sleep(0.1)
    browser.save_screenshot(str(tmp_path / "chart.png"))
    assert drawn, f"no plotly chart on {path}"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_hostile_markup_stays_inert_in_the_browser(browser, repo_root, tmp_path):
    from test_serve_security import hostile_article

    from readout.store import Store

    path = tmp_path / "hostile.db"
    with Store(path, create=True) as store:
        readout, text = hostile_article()
        store.add(readout, text=text)
    process, base = serve(path, repo_root)
    try:
        for page in ("/articles/hostile", "/events", "/quotes?q=loudly", "/"):
            browser.get(f"{base}{page}")
            assert browser.execute_script("return window.pwned === undefined")
            assert browser.find_elements(By.CSS_SELECTOR, "main img") == []
        browser.get(f"{base}/articles/hostile")
        assert "<script>window.pwned = 1</script>" in browser.find_element(By.ID, "article-text").text
    finally:
        stop(process)
