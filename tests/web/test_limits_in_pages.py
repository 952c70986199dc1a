"""Limits reach pages and their scripts from the one place they are defined, never retyped."""

import re
from pathlib import Path

from fastapi.testclient import TestClient

from limber.limits import PAIN_MAX, PAIN_MIN
from limber.services.measures import COUNT_S, HOLD_CAP_S

TEMPLATES = Path(__file__).parents[2] / "src" / "limber" / "web" / "templates"


def test_the_assessment_page_hands_its_timers_to_its_script(alice: TestClient) -> None:
    html = alice.get("/progress/assess").text
    assert f'data-cap="{HOLD_CAP_S}"' in html
    assert f"The timer stops at {HOLD_CAP_S} s." in html
    for key in ("jump_test", "breathing_rate"):
        assert f'data-seconds="{COUNT_S[key]}"' in html
    source = (TEMPLATES / "progress" / "assess.html").read_text()
    for typed in (HOLD_CAP_S, *COUNT_S.values()):
        assert str(typed) not in source, f"{typed} is typed in the template again"


def test_the_profile_form_takes_ranges_from_the_model(alice: TestClient) -> None:
    html = alice.get("/onboarding/profile").text
    assert re.search(r'name="minutes_per_session" type="number" min="10" max="90" step="5"', html)
    assert re.search(r'name="age" type="number" min="16" max="110"', html)
    values = re.findall(r'name="pain_now" value="(\d+)"', html)
    assert values == [str(n) for n in range(PAIN_MIN, PAIN_MAX + 1)]
    source = (TEMPLATES / "profile.html").read_text()
    for typed in ('min="10"', 'max="90"', 'max="110"', 'max="300"', "Lower back"):
        assert typed not in source, f"{typed} is typed in the template again"
