"""``limber init``: the facts the safety pathways need (issue 11 §4) and their bad input.

Each bad answers file must exit 2 with a message naming the field and store nothing, not even
next to an earlier profile; a good one stores the fact and the day it was given (``as_of``).
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from limber.profile import Profile
from limber.safety.screening import load_questions
from limber.services.records import current_profile
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database
from tests.cli.helpers import answers_data, counts, flat, limber, onboard, write_answers

pytestmark = pytest.mark.db

TODAY = dt.date.today()
TOMORROW = TODAY + dt.timedelta(days=1)


def stored_profile() -> Profile | None:
    """The local user's current profile, read back from the database."""
    database = Database(load_settings())
    try:
        with database.session() as db:
            return current_profile(db, user_id=get_or_create_local_user(db).id)
    finally:
        database.dispose()


def test_template_lists_the_facts_with_their_formats(tmp_path: Path) -> None:
    result = limber("init", "--answers-template")
    assert result.exit_code == 0, result.output
    text = result.stdout
    for needed in (
        "pregnancy_week 0-42",
        "weeks_postpartum 0-104",
        "spinal_surgery_date YYYY-MM-DD",
        "discectomy|laminectomy|fusion|other",
        "leg_pain_worse_than_back true|false",
        "hip_replacement_approach posterior|anterior|lateral|unknown",
        "as_of YYYY-MM-DD",
    ):
        assert needed in text
    profile = yaml.safe_load(text)["profile"]
    for field in (
        "as_of",
        "pregnancy_week",
        "weeks_postpartum",
        "spinal_surgery_date",
        "spinal_surgery_type",
        "leg_pain_worse_than_back",
        "hip_replacement_approach",
    ):
        assert field in profile and profile[field] is None, field
    # The template as printed is itself a valid answers file.
    path = write_answers(tmp_path, text, "template.yaml")
    assert limber("init", "--answers", str(path), "--weeks", "1").exit_code == 0


BAD: list[tuple[str, dict[str, Any], str]] = [
    (
        "unknown condition",
        answers_data(profile__conditions=["flu"]),
        "profile.conditions[0]: 'flu' is not a known condition; known: osteoporosis,",
    ),
    (
        "pregnancy week above 42",
        answers_data(profile__pregnancy_week=45),
        "profile.pregnancy_week: 45 is outside 0-42",
    ),
    (
        "pregnancy week below 0",
        answers_data(profile__pregnancy_week=-1),
        "profile.pregnancy_week: -1 is outside 0-42",
    ),
    (
        "pregnancy week not a number",
        answers_data(profile__pregnancy_week="twenty"),
        "profile.pregnancy_week: 'twenty' is not a whole number",
    ),
    (
        "surgery date in the future",
        answers_data(profile__spinal_surgery_date=TOMORROW.isoformat()),
        f"profile.spinal_surgery_date: the spinal surgery date {TOMORROW.isoformat()} is in "
        "the future",
    ),
    (
        "surgery date not a date",
        answers_data(profile__spinal_surgery_date="last May"),
        "profile.spinal_surgery_date: 'last May' is not a date; write it as YYYY-MM-DD",
    ),
    (
        "unknown surgery type",
        answers_data(profile__spinal_surgery_type="keyhole"),
        "profile.spinal_surgery_type: 'keyhole' is not allowed",
    ),
    (
        "weeks since birth out of range",
        answers_data(profile__weeks_postpartum=300),
        "profile.weeks_postpartum: 300 is outside 0-104",
    ),
    (
        "leg pain not yes or no",
        answers_data(profile__leg_pain_worse_than_back="sometimes"),
        "profile.leg_pain_worse_than_back: 'sometimes' is not true or false",
    ),
    (
        "unknown hip approach",
        answers_data(profile__hip_replacement_approach="front"),
        "profile.hip_replacement_approach: 'front' is not allowed",
    ),
    (
        "answers dated in the future",
        answers_data(profile__as_of=TOMORROW.isoformat()),
        f"profile.as_of: {TOMORROW.isoformat()} is in the future",
    ),
]


@pytest.mark.parametrize(("case", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_fact_exits_2_and_stores_nothing(
    tmp_path: Path, case: str, data: dict[str, Any], message: str
) -> None:
    result = limber("init", "--answers", str(write_answers(tmp_path, data)))
    assert result.exit_code == 2, result.output
    assert message in flat(result.stderr)
    assert "Traceback" not in result.output
    assert set(counts().values()) == {0}


def test_bad_file_after_a_good_one_adds_no_profile(tmp_path: Path) -> None:
    assert onboard(tmp_path, profile__pregnancy_week=12).exit_code == 0
    before = counts()
    bad = answers_data(profile__pregnancy_week=45, profile__conditions=["flu"])
    result = limber("init", "--answers", str(write_answers(tmp_path, bad, "bad.yaml")))
    assert result.exit_code == 2, result.output
    # Every problem is named at once, and the earlier profile is still the current one.
    assert "profile.pregnancy_week: 45 is outside 0-42" in flat(result.stderr)
    assert "'flu' is not a known condition" in flat(result.stderr)
    assert counts() == before
    stored = stored_profile()
    assert stored is not None and stored.pregnancy_week == 12


def test_pregnancy_week_is_stored_with_the_day(tmp_path: Path) -> None:
    result = onboard(tmp_path, profile__pregnancy_week=24)
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stdout
    stored = stored_profile()
    assert stored is not None
    assert stored.pregnancy_week == 24
    assert "pregnancy" in stored.conditions
    assert stored.as_of == TODAY
    assert counts()["profiles"] == 1 and counts()["programmes"] == 1


def test_every_fact_is_stored(tmp_path: Path) -> None:
    surgery = TODAY - dt.timedelta(weeks=30)
    result = onboard(
        tmp_path,
        profile__weeks_postpartum=20,
        profile__spinal_surgery_date=surgery.isoformat(),
        profile__spinal_surgery_type="discectomy",
        profile__leg_pain_worse_than_back=False,
        profile__hip_replacement_approach="anterior",
        profile__as_of=(TODAY - dt.timedelta(days=3)).isoformat(),
    )
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stdout
    stored = stored_profile()
    assert stored is not None
    assert stored.weeks_postpartum == 20
    assert stored.spinal_surgery_date == surgery
    assert stored.spinal_surgery_type == "discectomy"
    assert stored.hip_replacement_approach == "anterior"
    assert stored.leg_pain_worse_than_back is False
    assert stored.as_of == TODAY - dt.timedelta(days=3)  # a date given is kept
    assert {"postpartum", "recent_spinal_surgery", "hip_replacement"} <= set(stored.conditions)


def test_followup_yes_without_its_fact_is_accepted_with_a_note(tmp_path: Path) -> None:
    result = onboard(
        tmp_path,
        readiness__other_condition=True,
        followups__pregnant=True,
        readiness__bone_joint=True,
        followups__spinal_surgery=True,
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "profile.pregnancy_week: the week of pregnancy was not given" in out
    assert "28 weeks pregnant" in out
    assert "profile.spinal_surgery_date: the date of the spinal operation was not given" in out
    assert "profile.spinal_surgery_type:" in out and "fusion" in out
    stored = stored_profile()
    assert stored is not None
    assert stored.pregnancy_week is None and stored.spinal_surgery_date is None
    assert {"pregnancy", "recent_spinal_surgery"} <= set(stored.conditions)


def test_sciatica_without_the_leg_pain_answer_is_read_the_safer_way(tmp_path: Path) -> None:
    result = onboard(tmp_path, profile__conditions=["sciatica"])
    assert result.exit_code == 0, result.output
    assert "Limber assumes it is" in flat(result.stdout)
    stored = stored_profile()
    assert stored is not None and stored.leg_pain_worse_than_back is True

    answered = onboard(
        tmp_path, profile__conditions=["sciatica"], profile__leg_pain_worse_than_back=False
    )
    assert answered.exit_code == 0, answered.output
    assert "Note:" not in answered.stdout
    stored = stored_profile()
    assert stored is not None and stored.leg_pain_worse_than_back is False


# --- interactive ------------------------------------------------------------------------------


def _condition_number(condition: str) -> str:
    from limber.vocab import CONDITIONS

    return str(CONDITIONS.index(condition) + 1)


def _interactive(
    conditions: list[str], facts: list[str], readiness: list[str] | None = None
) -> str:
    """Input for `limber init`: all "no", then the profile with ``conditions`` and ``facts``."""
    q = load_questions()
    lines = ["n"] * len(q.red_flags)
    lines += readiness if readiness is not None else ["n"] * len(q.readiness)
    lines += ["", "", "", "4"]  # pain area, duration, aggravated by, pain now
    lines.append(",".join(_condition_number(c) for c in conditions))
    lines += facts
    lines += ["", "", "1,4", "10", "tue,thu", "", ""]  # fitness .. age, weight
    return "\n".join(lines) + "\n"


def test_interactive_asks_the_pregnancy_week_and_reasks_out_of_range() -> None:
    result = limber("init", "--weeks", "1", input=_interactive(["pregnancy"], ["45", "24"]))
    assert result.exit_code == 0, result.output
    assert "Which week of your pregnancy" in result.stdout
    assert "whole number from 0 to 42" in result.stdout
    stored = stored_profile()
    assert stored is not None and stored.pregnancy_week == 24 and stored.as_of == TODAY


def test_interactive_asks_every_fact_of_the_ticked_conditions() -> None:
    surgery = TODAY - dt.timedelta(weeks=20)
    facts = [
        "16",  # weeks since the birth
        "y",  # pelvic-floor symptoms since the birth
        TOMORROW.isoformat(),  # a future date is refused ...
        "14/03/2025",  # ... and so is one in another format
        surgery.isoformat(),
        "fusion",
        "y",  # leg pain worse than back pain
        "posterior",
    ]
    conditions = ["recent_spinal_surgery", "postpartum", "sciatica", "hip_replacement"]
    result = limber("init", "--weeks", "1", input=_interactive(conditions, facts))
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "That date is in the future" in out
    assert "as YYYY-MM-DD" in out
    assert "leg worse than the pain in your back" in out
    stored = stored_profile()
    assert stored is not None
    assert stored.weeks_postpartum == 16
    assert stored.spinal_surgery_date == surgery and stored.spinal_surgery_type == "fusion"
    assert stored.leg_pain_worse_than_back is True
    assert stored.hip_replacement_approach == "posterior"
    assert "pelvic_floor_symptoms" in stored.conditions
    assert stored.as_of == TODAY


def test_interactive_skipped_fact_says_what_is_assumed() -> None:
    result = limber("init", "--weeks", "1", input=_interactive(["pregnancy"], [""]))
    assert result.exit_code == 0, result.output
    assert "28 weeks pregnant" in flat(result.stdout)
    stored = stored_profile()
    assert stored is not None and "pregnancy" in stored.conditions
    assert stored.pregnancy_week is None


def test_interactive_asks_no_facts_without_their_conditions() -> None:
    result = limber("init", "--weeks", "1", input=_interactive(["glaucoma"], []))
    assert result.exit_code == 0, result.output
    assert "A few details" not in result.stdout


def test_interactive_asks_a_fall_once_from_either_parent() -> None:
    q = load_questions()
    readiness: list[str] = []
    for x in q.readiness:
        yes = x.id in ("dizziness", "bone_joint")
        readiness.append("y" if yes else "n")
        if yes:
            for f in q.followups_of(x.id):
                if f.id == "fall_when_dizzy":
                    readiness.append("y")
                elif f.condition != "recent_fall":
                    readiness.append("n")
    result = limber("init", "--weeks", "1", input=_interactive([], [], readiness))
    assert result.exit_code == 0, result.output
    texts = {f.id: " ".join(f.text.split()) for f in q.followups if f.condition == "recent_fall"}
    out = flat(result.stdout)
    assert out.count(texts["fall_when_dizzy"]) == 1
    assert texts["recent_fall"] not in out
    stored = stored_profile()
    assert stored is not None and "recent_fall" in stored.conditions
