"""The course's static site (docs/course/, built by scripts/course.sh) in a real headless
browser: Debian's Chromium driven by Selenium through Debian's chromedriver (explicit paths, so
Selenium never downloads a driver). The index and two units load from file:// URLs, the links
between them are followed, every <img> has loaded (naturalWidth > 0) and the browser's console
has no error. Also: the pages are what scripts/course.py makes of the committed notebooks, and
none of them loads anything from the network."""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path

import pytest

import course

SITE = course.SITE
CHROMIUM = os.environ.get("SLOPE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SLOPE_CHROMEDRIVER", "/usr/bin/chromedriver")


def test_site_has_every_unit():
    pages = sorted(p.name for p in SITE.glob("*.html"))
    want = sorted([f"{p.stem}.html" for p in course.sources()] + ["index.html"])
    assert pages == want, "docs/course/ is out of date: run scripts/course.sh"


def test_site_is_built_from_the_committed_notebooks(tmp_path):
    notebooks = [(p.stem, course.nbformat.read(course.COURSE / f"{p.stem}.ipynb", as_version=4)) for p in course.sources()]
    course.build_site(notebooks, tmp_path)
    for p in [*sorted(SITE.glob("*.html")), SITE / course.LAB_CSS]:
        assert filecmp.cmp(p, tmp_path / p.name, shallow=False), f"{p} differs from a fresh build: run scripts/course.sh"


def test_pages_link_the_lab_css_once():
    css = SITE / course.LAB_CSS
    assert css.stat().st_size > 50_000, "JupyterLab's CSS is written once beside the pages"
    for p in SITE.glob("??-*.html"):
        text = p.read_text()
        assert text.count(f'href="{course.LAB_CSS}"') == 1, p
        assert "--jp-ui-font-family:" not in text, f"{p} still inlines JupyterLab's CSS"


def test_no_page_loads_from_the_network():
    for p in SITE.glob("*.html"):
        text = p.read_text()
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), p
        assert "@import url(" not in text and "url(http" not in text, p


@pytest.fixture(scope="module")
def browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.fail(f"{missing} not installed: apt-get install chromium chromium-driver (scripts/test.sh does this)")
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager reach the network
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900", "--allow-file-access-from-files"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def check_page(driver, what: str):
    """Every image on the page has loaded, and the console holds no error."""
    driver.execute_script("return document.readyState")
    imgs = driver.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, (i.src || '').slice(0, 40)])"
    )
    broken = [i for i in imgs if not i[0] or i[1] <= 0]
    assert not broken, f"{what}: images that did not load: {broken}"
    logs = driver.get_log("browser")
    severe = [e for e in logs if e.get("level") == "SEVERE"]
    assert not severe, f"{what}: console errors: {severe}"
    return imgs


def test_index_and_units_in_a_browser(browser):
    index = (SITE / "index.html").resolve()
    browser.get(index.as_uri())
    assert "course" in browser.title.lower()
    assert len(check_page(browser, "index.html")) == 1, "the index shows the course's picture"
    links = browser.execute_script("return Array.from(document.querySelectorAll('ol.units a')).map(a => a.getAttribute('href'))")
    assert links == [f"{p.stem}.html" for p in course.sources()], links
    # Follow the first unit's link from the index, then its "next" link to the second unit.
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "ol.units a").click()
    assert browser.current_url.endswith(links[0]), browser.current_url
    imgs = check_page(browser, links[0])
    font = browser.execute_script("return getComputedStyle(document.body).getPropertyValue('--jp-ui-font-family')")
    assert font.strip(), f"{links[0]}: the linked JupyterLab CSS did not apply"
    svgs = browser.execute_script("return document.querySelectorAll('svg').length")
    assert len(imgs) + svgs >= 1, f"{links[0]} shows no picture"
    nxt = browser.find_elements(By.CSS_SELECTOR, "nav.course-nav a")[-1]
    nxt.click()
    assert browser.current_url.endswith(links[1]), browser.current_url
    imgs = check_page(browser, links[1])
    svgs = browser.execute_script("return document.querySelectorAll('svg').length")
    assert len(imgs) + svgs >= 1, f"{links[1]} shows no picture"
    # Back to the index through the navigation.
    browser.find_element(By.LINK_TEXT, "The course").click()
    assert browser.current_url.endswith("index.html")
    check_page(browser, "index.html again")
