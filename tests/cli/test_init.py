"""``limber init``: the template, the answers file (every bad input) and the red-flag path."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from limber.content.questionnaire import load_questionnaire
from limber.safety.screening import load_questions
from tests.cli.helpers import answers_data, counts, flat, limber, onboard, write_answers

pytestmark = pytest.mark.db


def test_template_lists_every_question_and_the_profile() -> None:
    result = limber("init", "--answers-template")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    q = load_questions()
    assert list(data) == ["red_flags", "readiness", "followups", "profile"]
    assert data["red_flags"] == {x.id: False for x in q.red_flags}
    assert data["readiness"] == {x.id: False for x in q.readiness}
    assert data["followups"] == {x.id: False for x in q.followups}
    assert data["profile"]["conditions"] == []
    assert data["profile"]["minutes_per_session"] == 30
    assert counts()["screenings"] == 0


def test_answers_file_plans_a_programme(tmp_path: Path) -> None:
    result = onboard(tmp_path, followups__has_osteoporosis=True, readiness__bone_joint=True)
    assert result.exit_code == 0, result.output
    assert "Planned 24 sessions over 8 weeks" in flat(result.stdout)
    assert "Osteoporosis" in result.stdout
    assert counts() == {
        "screenings": 1,
        "profiles": 1,
        "programmes": 1,
        "sessions": 0,
        "steps": 0,
        "checkins": 0,
    }


BAD: list[tuple[str, Any, str]] = [
    ("malformed yaml", "red_flags: {saddle_numbness: false\nreadiness: [", "not valid YAML"),
    ("not a mapping", "- just\n- a list\n", "must be a YAML mapping"),
    ("empty file", "", "must be a YAML mapping"),
    ("unknown section", answers_data() | {"extras": {}}, "'extras' is not a known section"),
    (
        "missing red flags",
        {k: v for k, v in answers_data().items() if k != "red_flags"},
        "red_flags is missing",
    ),
    ("unknown red flag id", answers_data(red_flags__third_leg=False), "third_leg"),
    ("unknown readiness id", answers_data(readiness__hungry=False), "hungry"),
    ("unknown follow-up id", answers_data(followups__pets=True), "pets"),
    (
        "not yes or no",
        answers_data(red_flags__saddle_numbness="maybe"),
        "answers.red_flags.saddle_numbness",
    ),
    ("unknown condition", answers_data(profile__conditions=["back_of_steel"]), "back_of_steel"),
    ("pain out of range", answers_data(profile__pain_now=12), "profile.pain_now"),
    ("weekday out of range", answers_data(profile__weekdays=[0, 9]), "profile.weekdays[1]"),
    (
        "minutes too few",
        answers_data(profile__minutes_per_session=2),
        "profile.minutes_per_session",
    ),
    ("unknown profile field", answers_data(profile__shoe_size=44), "profile.shoe_size"),
    ("unknown equipment", answers_data(profile__equipment=["trampoline"]), "trampoline"),
    ("age too low", answers_data(profile__age=3), "profile.age"),
    ("profile not a mapping", answers_data() | {"profile": [1, 2]}, "profile must be a mapping"),
]


@pytest.mark.parametrize(("case", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_answers_exit_2_and_write_nothing(
    tmp_path: Path, case: str, data: Any, message: str
) -> None:
    result = limber("init", "--answers", str(write_answers(tmp_path, data)))
    assert result.exit_code == 2, result.output
    assert message in flat(result.stderr)
    assert "Traceback" not in result.output
    assert set(counts().values()) == {0}


def test_missing_answers_file(tmp_path: Path) -> None:
    result = limber("init", "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in flat(result.stderr)
    assert set(counts().values()) == {0}


def test_bad_weeks_option(tmp_path: Path) -> None:
    path = write_answers(tmp_path, answers_data())
    result = limber("init", "--answers", str(path), "--weeks", "0")
    assert result.exit_code == 2
    assert set(counts().values()) == {0}


def test_red_flag_stops_with_exit_3_and_only_breathing_remains(tmp_path: Path) -> None:
    result = onboard(tmp_path, red_flags__saddle_numbness=True)
    assert result.exit_code == 3, result.output
    message = flat(result.stderr)
    assert "Saddle numbness" in message
    assert "emergency" in message
    assert "emergency department" in flat(result.stdout).lower()
    assert counts()["screenings"] == 1
    assert counts()["programmes"] == 0

    plan = limber("plan")
    assert plan.exit_code == 3
    assert "Saddle numbness" in flat(plan.stderr) and "emergency" in flat(plan.stderr)
    assert limber("plan", "--json").exit_code == 3
    assert counts()["programmes"] == 0

    # An emergency sign offers no session at all, only what to do now (issue 11).
    today = limber("today")
    assert today.exit_code == 3, today.output
    assert "not even breathing" in flat(today.output)


def test_a_red_flag_leaves_only_breathing(tmp_path: Path) -> None:
    assert onboard(tmp_path, red_flags__spreading_weakness=True).exit_code == 3
    today = limber("today")
    assert today.exit_code == 0, today.output
    assert "Breathing only" in today.stdout
    as_json = limber("today", "--json")
    assert as_json.exit_code == 0
    today = yaml.safe_load(as_json.stdout)
    session = today["session"]
    pillars = {ex["pillar"] for block in session["blocks"] for ex in block["exercises"]}
    assert pillars == {"breathing"}
    assert today["breathing_only"] is True


def test_a_clear_screening_later_does_not_lift_the_stop(tmp_path: Path) -> None:
    assert onboard(tmp_path, red_flags__cancer_history=True).exit_code == 3
    again = onboard(tmp_path)
    assert again.exit_code == 3
    assert "cannot clear it" in flat(again.output)
    assert limber("plan", "--json").exit_code == 3


def _interactive_input(red: int | None = None) -> str:
    q = load_questions()
    lines = ["y" if i == red else "n" for i in range(len(q.red_flags))]
    lines += ["n"] * len(q.readiness)
    if red is None:
        # pain area, duration, aggravated by, pain now: defaults; no conditions; fitness and
        # rope experience: defaults; equipment 1,4; 10 minutes; weekdays; age and weight
        # skipped.
        lines += ["", "", "", "4", "", "", "", "1,4", "10", "tue,thu", "", ""]
    return "\n".join(lines) + "\n"


def test_interactive_init_asks_and_plans() -> None:
    result = limber("init", "--weeks", "2", input=_interactive_input())
    assert result.exit_code == 0, result.output
    assert "Planned 4 sessions over 2 weeks" in flat(result.stdout)
    assert counts()["programmes"] == 1


def test_interactive_init_asks_the_questionnaires_words_in_its_order() -> None:
    """The prompts come from content/profile.yaml (the web form reads the same file)."""
    result = limber("init", "--weeks", "1", input=_interactive_input())
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    asked = [
        q.label.rstrip("?")
        for section in load_questionnaire().sections
        if not section.facts
        for q in section.questions
    ]
    places = [out.find(label) for label in asked]
    assert -1 not in places, [a for a, at in zip(asked, places, strict=True) if at < 0]
    assert places == sorted(places)
    # The choices are shown with the questionnaire's labels, not only their keys.
    assert "low_back: Lower back" in out


def test_interactive_init_reasks_out_of_range_numbers() -> None:
    text = _interactive_input().replace("\n4\n", "\n12\n4\n", 1)
    result = limber("init", "--weeks", "1", input=text)
    assert result.exit_code == 0, result.output
    assert "whole number from 0 to 10" in result.stdout


def test_interactive_red_flag_exits_3() -> None:
    result = limber("init", input=_interactive_input(red=1))
    assert result.exit_code == 3, result.output
    assert "urgency: emergency" in flat(result.stderr)
    assert counts()["screenings"] == 1 and counts()["programmes"] == 0


def test_interactive_init_cut_short_saves_nothing() -> None:
    full = _interactive_input().splitlines()
    for cut in (3, len(full) - 2):
        result = limber("init", input="\n".join(full[:cut]) + "\n")
        assert result.exit_code == 2, result.output
        assert "nothing was saved" in flat(result.stderr)
        assert set(counts().values()) == {0}
