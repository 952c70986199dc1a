"""The profile's pathway facts on the web (issue 11 §4): the form, its messages, and the API's 422s.

A refused form or request stores nothing; an accepted one stores the fact and the day it was
given. A fact counts only with its condition on the form (a hidden field must not keep a
person "pregnant" after they unticked it).
"""

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from limber.safety.screening import answers_template
from tests.web.conftest import LiveServer, screenshot

TODAY = dt.date.today()
TOMORROW = TODAY + dt.timedelta(days=1)


def token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def screened(client: TestClient, **followups: bool) -> None:
    """A screening with every red flag "no"; the follow-ups given are answered (and parents)."""
    from limber.safety.screening import load_questions

    data = answers_template()
    for fid, yes in followups.items():
        data["followups"][fid] = yes
        if yes:
            parent = next(f.parent for f in load_questions().followups if f.id == fid)
            data["readiness"][parent] = True
    assert client.post("/api/screening", json=data).status_code == 201


def post_profile(client: TestClient, **fields: Any) -> Any:
    page = client.get("/onboarding/profile").text
    data: dict[str, Any] = {"csrf_token": token(page), "weekdays": ["1", "3"], **fields}
    return client.post("/onboarding/profile", data=data, follow_redirects=False)


def errors_in(html: str) -> list[str]:
    return re.findall(r'<p class="error">([^<]+)</p>', html)


def test_form_shows_the_facts_with_plain_labels(alice: TestClient) -> None:
    screened(alice)
    html = alice.get("/onboarding/profile").text
    for label in (
        "Which week of your pregnancy are you in?",
        "How many weeks ago did you give birth?",
        "On which day was the operation on your spine?",
        "What kind of operation was it?",
        "Is the pain in your leg worse than the pain in your back?",
        "How was your hip replaced?",
    ):
        assert label in html
    assert 'name="spinal_surgery_date" type="date" max="' + TODAY.isoformat() in html
    for condition in ("pregnancy", "postpartum", "recent_spinal_surgery", "sciatica"):
        assert f'data-condition="{condition}"' in html


def test_screening_condition_is_ticked_so_its_fact_can_be_given(alice: TestClient) -> None:
    screened(alice, pregnant=True)
    html = alice.get("/onboarding/profile").text
    assert re.search(r'name="conditions" value="pregnancy" checked', html)
    # Even unticked, the screening's "yes" keeps the pregnancy, so the week counts.
    response = post_profile(alice, pregnancy_week="24")
    assert response.status_code == 303, response.text
    stored = alice.get("/api/profile").json()
    assert stored["pregnancy_week"] == 24 and "pregnancy" in stored["conditions"]


BAD_FORMS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "pregnancy week above 42",
        {"conditions": ["pregnancy"], "pregnancy_week": "45"},
        "pregnancy_week",
        "from 0 to 42",
    ),
    (
        "weeks since birth not a number",
        {"conditions": ["postpartum"], "weeks_postpartum": "ten"},
        "weeks_postpartum",
        "from 0 to 104",
    ),
    (
        "surgery in the future",
        {"conditions": ["recent_spinal_surgery"], "spinal_surgery_date": TOMORROW.isoformat()},
        "spinal_surgery_date",
        "cannot be in the future",
    ),
    (
        "surgery date not a date",
        {"conditions": ["recent_spinal_surgery"], "spinal_surgery_date": "last May"},
        "spinal_surgery_date",
        "as a date",
    ),
    (
        "unknown surgery type",
        {"conditions": ["recent_spinal_surgery"], "spinal_surgery_type": "keyhole"},
        "spinal_surgery_type",
        "kind of operation",
    ),
    (
        "sciatica without the leg pain answer",
        {"conditions": ["sciatica"]},
        "leg_pain_worse_than_back",
        "is the pain in your leg worse",
    ),
    (
        "unknown hip approach",
        {"conditions": ["hip_replacement"], "hip_replacement_approach": "front"},
        "hip_replacement_approach",
        "how the hip was replaced",
    ),
    ("unknown condition", {"conditions": ["flu"]}, "conditions", "conditions listed"),
]


@pytest.mark.parametrize(
    ("case", "fields", "_field", "message"), BAD_FORMS, ids=[b[0] for b in BAD_FORMS]
)
def test_bad_form_rerenders_with_a_specific_message_and_stores_nothing(
    alice: TestClient, case: str, fields: dict[str, Any], _field: str, message: str
) -> None:
    screened(alice)
    response = post_profile(alice, **fields)
    assert response.status_code == 422, response.text
    assert any(message in e for e in errors_in(response.text)), errors_in(response.text)
    assert "Please check the answers marked below" in response.text
    assert alice.get("/api/profile").json() is None


def test_bad_form_keeps_what_was_typed(alice: TestClient) -> None:
    screened(alice)
    response = post_profile(
        alice, conditions=["pregnancy", "sciatica"], pregnancy_week="45", minutes_per_session="20"
    )
    assert response.status_code == 422
    assert re.search(r'name="pregnancy_week"[^>]*value="45"', response.text)
    assert 'name="conditions" value="sciatica" checked' in response.text


def test_good_form_stores_every_fact_and_the_day(alice: TestClient) -> None:
    screened(alice)
    surgery = TODAY - dt.timedelta(weeks=30)
    response = post_profile(
        alice,
        conditions=["recent_spinal_surgery", "sciatica", "hip_replacement", "postpartum"],
        spinal_surgery_date=surgery.isoformat(),
        spinal_surgery_type="laminectomy",
        leg_pain_worse_than_back="true",
        hip_replacement_approach="lateral",
        weeks_postpartum="30",
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/programme"
    stored = alice.get("/api/profile").json()
    assert stored["spinal_surgery_date"] == surgery.isoformat()
    assert stored["spinal_surgery_type"] == "laminectomy"
    assert stored["leg_pain_worse_than_back"] is True
    assert stored["hip_replacement_approach"] == "lateral"
    assert stored["weeks_postpartum"] == 30
    assert stored["as_of"] == TODAY.isoformat()


def test_unknown_surgery_type_is_stored_as_not_given(alice: TestClient) -> None:
    screened(alice)
    response = post_profile(
        alice, conditions=["recent_spinal_surgery"], spinal_surgery_type="unknown"
    )
    assert response.status_code == 303, response.text
    stored = alice.get("/api/profile").json()
    assert stored["spinal_surgery_type"] is None
    assert "recent_spinal_surgery" in stored["conditions"]


def test_a_fact_without_its_ticked_condition_is_dropped(alice: TestClient) -> None:
    screened(alice)
    response = post_profile(alice, pregnancy_week="24", hip_replacement_approach="posterior")
    assert response.status_code == 303, response.text
    stored = alice.get("/api/profile").json()
    assert stored["pregnancy_week"] is None and stored["hip_replacement_approach"] is None
    assert "pregnancy" not in stored["conditions"]
    assert "hip_replacement" not in stored["conditions"]


def test_form_shows_the_week_of_pregnancy_as_it_is_today(alice: TestClient) -> None:
    screened(alice)
    three_weeks_ago = (TODAY - dt.timedelta(days=21)).isoformat()
    body = {"pregnancy_week": 10, "as_of": three_weeks_ago, "weekdays": [1]}
    assert alice.put("/api/profile", json=body).status_code == 200
    html = alice.get("/onboarding/profile").text
    assert re.search(r'name="pregnancy_week"[^>]*value="13"', html)


# --- API ------------------------------------------------------------------------------------

BAD_API: list[tuple[str, dict[str, Any], list[str]]] = [
    ("pregnancy week above 42", {"pregnancy_week": 45}, ["pregnancy_week", "42"]),
    ("pregnancy week below 0", {"pregnancy_week": -1}, ["pregnancy_week", "0"]),
    (
        "surgery in the future",
        {"spinal_surgery_date": TOMORROW.isoformat()},
        ["spinal_surgery_date", TOMORROW.isoformat(), "is in the future"],
    ),
    ("surgery date not a date", {"spinal_surgery_date": "last May"}, ["spinal_surgery_date"]),
    ("unknown surgery type", {"spinal_surgery_type": "keyhole"}, ["spinal_surgery_type"]),
    ("unknown hip approach", {"hip_replacement_approach": "front"}, ["hip_replacement_approach"]),
    ("unknown condition", {"conditions": ["flu"]}, ["conditions.0", "osteoporosis"]),
    ("leg pain not yes or no", {"leg_pain_worse_than_back": "often"}, ["leg_pain_worse"]),
    ("answers dated in the future", {"as_of": TOMORROW.isoformat()}, ["as_of", "future"]),
]


@pytest.mark.parametrize(("case", "body", "words"), BAD_API, ids=[b[0] for b in BAD_API])
def test_api_refuses_bad_facts_with_422_and_stores_nothing(
    alice: TestClient, case: str, body: dict[str, Any], words: list[str]
) -> None:
    screened(alice)
    response = alice.put("/api/profile", json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    for word in words:
        assert word in detail, detail
    assert "Value error" not in detail
    assert alice.get("/api/profile").json() is None


def test_api_stores_the_facts_and_stamps_today(alice: TestClient) -> None:
    screened(alice)
    response = alice.put("/api/profile", json={"pregnancy_week": 24})
    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved["pregnancy_week"] == 24 and "pregnancy" in saved["conditions"]
    assert saved["as_of"] == TODAY.isoformat()
    assert alice.get("/api/profile").json() == saved


# --- browser --------------------------------------------------------------------------------


@pytest.mark.browser
def test_fact_fields_follow_their_condition_in_the_browser(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/signup")
    page.get_by_label("Your name").fill("Pia")
    page.get_by_label("Username").fill("pia")
    page.get_by_label("Password").fill("a good long password")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/onboarding/screening$"))
    for question in page.locator(".question:visible").all():
        question.locator("label.choice", has_text="No").click()
    page.get_by_role("button", name="See my result").click()
    page.get_by_role("link", name="Continue: about you").click()

    week = page.get_by_label("Which week of your pregnancy are you in?")
    expect(week).to_be_hidden()
    page.get_by_label("Pregnancy", exact=True).check()
    expect(week).to_be_visible()
    expect(page.get_by_label("How many weeks ago did you give birth?")).to_be_hidden()
    week.fill("24")
    screenshot(page, "profile-pregnancy-week")
    page.get_by_label("Mon", exact=True).check()
    page.get_by_role("button", name="Save and plan my programme").click()
    expect(page).to_have_url(re.compile(r"/programme$"))
    stored = page.request.get(f"{live_server.url}/api/profile").json()
    assert stored["pregnancy_week"] == 24 and stored["as_of"] == TODAY.isoformat()
