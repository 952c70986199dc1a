"""In Debian's chromium: a red flag survives an all-"no" re-screening; a clearance lifts it.

Sign up, report a warning sign, land on the stop page; answer every question "no" and land on
it again, now saying the answers cannot clear it; record the clinician's clearance with the
form (a blank name is refused first); then the profile, and today offers the programme.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import LiveServer, screenshot
from tests.web.test_browser import fill_profile, sign_up

pytestmark = pytest.mark.browser


def answer_all(page: Page, yes: str | None = None) -> None:
    """Answer every visible question "No", except the red flag ``rf.<yes>``."""
    for question in page.locator(".question:visible").all():
        name = question.get_attribute("data-question")
        label = "Yes" if yes is not None and name == f"rf.{yes}" else "No"
        question.locator("label.choice", has_text=re.compile(f"^{label}$")).click()
    page.get_by_role("button", name="See my result").click()


def test_red_flag_needs_a_recorded_clearance(page: Page, live_server: LiveServer) -> None:
    sign_up(page, live_server, "cleared")
    answer_all(page, yes="night_rest_pain")
    expect(page).to_have_url(re.compile(r"/onboarding/stop$"))
    expect(page.get_by_role("heading", name="Constant pain at night or at rest")).to_be_visible()
    expect(page.locator("#rescreened")).to_have_count(0)
    screenshot(page, "clearance-01-stop")

    # Answering every question "no" does not lift it.
    page.get_by_role("link", name="Answer the questions again").click()
    answer_all(page)
    expect(page).to_have_url(re.compile(r"/onboarding/stop$"))
    expect(page.locator("#rescreened")).to_contain_text("cannot clear")
    screenshot(page, "clearance-02-still-stopped")
    page.goto(f"{live_server.url}/today")
    expect(page.locator("#stopped")).to_be_visible()
    expect(page.get_by_role("heading", name="Today's session")).to_be_visible()
    assert page.locator(".pill.stretch").count() == 0, "a stopped person was offered stretches"

    # The clearance form: a name of spaces is refused, nothing is stored.
    page.get_by_role("link", name="Record a clinician's clearance").click()
    expect(page).to_have_url(re.compile(r"/clearance\?kind=red_flag$"))
    page.get_by_label("The clinician's name").fill("   ")
    page.get_by_label("Their role").fill("GP")
    page.get_by_label("The day you saw them").fill(
        page.locator("#seen_on").get_attribute("max") or ""
    )
    page.get_by_label("What they said").fill(
        "Examined my back: no sign of nerve damage. Exercise may go on."
    )
    page.get_by_role("button", name="Record the clearance").click()
    expect(page.locator("#clearance-error")).to_contain_text("name is required")
    expect(page.locator("#clearance-history")).to_have_count(0)
    screenshot(page, "clearance-03-form-error")
    page.get_by_label("The clinician's name").fill("Dr Ana Ruiz")
    page.get_by_role("button", name="Record the clearance").click()

    # Lifted: onboarding goes on to the profile, and today offers the programme.
    expect(page).to_have_url(re.compile(r"/onboarding/profile$"))
    fill_profile(page)
    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_role("button", name="Start session")).to_be_visible()
    expect(page.locator("#stopped")).to_have_count(0)
    assert page.locator(".pill.stretch").count() > 0, "the programme did not come back"
    screenshot(page, "clearance-04-today")

    page.get_by_role("link", name="History", exact=True).click()
    expect(page.locator("#clearances")).to_contain_text("Dr Ana Ruiz (GP)")
