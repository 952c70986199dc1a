"""The progress pages in a real browser at phone width: no sideways scrolling, working timers."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import LiveServer, browser, live_server  # noqa: F401  (fixtures)
from tests.web.test_browser import PHONE, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.db]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_baseline_in_the_browser_then_charts_fit_a_phone(
    phone: Page,
    live_server: LiveServer,  # noqa: F811
) -> None:
    sign_up(phone, live_server, "paula")
    phone.goto(f"{live_server.url}/progress")
    expect(phone.get_by_text("Let's take your baseline")).to_be_visible()
    phone.get_by_role("link", name="Record an assessment").click()
    expect(phone).to_have_url(re.compile(r"/progress/assess$"))
    _no_sideways_scroll(phone)

    phone.locator("#value-pain").fill("6")
    phone.locator("#pain").get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Saved your pain (0-10)")).to_be_visible()

    # The hold stopwatch fills in the seconds held.
    phone.goto(f"{live_server.url}/progress/assess")
    hold = phone.locator("#extensor_hold")
    hold.get_by_role("button", name="Start the stopwatch").click()
    phone.wait_for_timeout(2300)
    hold.get_by_role("button", name="Stop").click()
    held = int(hold.locator("input[name=value]").input_value())
    assert 2 <= held <= 4
    hold.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Saved your back-extensor hold (prone)")).to_be_visible()

    charts = phone.locator(".progress-charts svg")
    expect(charts).to_have_count(2)  # pain and the hold; the rest wait for data
    for svg in charts.all():
        box = svg.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
    _no_sideways_scroll(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "progress-phone.png"), full_page=True)
