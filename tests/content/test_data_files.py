"""The content kept as data: profile questionnaire, measures, selection preferences, limits.

Each file is read by every place that shows or uses it, and ``limber content check`` names
the file, the field and the problem of a broken copy (and exits non-zero).
"""

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.plan.factories import exercise
from typer.testing import CliRunner

from limber.cli.main import app
from limber.content.questionnaire import QUESTIONNAIRE_FILE, check_questionnaire
from limber.limits import PAIN_MAX, PAIN_MIN
from limber.plan import preferences, why
from limber.plan.preferences import PREFERENCES_FILE, check_preferences
from limber.profile import Profile
from limber.safety.facts import Person
from limber.services.measures import HOLD_CAP_S, MEASURES, MEASURES_FILE, check_measures
from limber.web.profile_form import MESSAGES, PROFILE_CHOICES

runner = CliRunner()


def _copy(source: Path, folder: Path, change: Any) -> Path:
    data = yaml.safe_load(source.read_text())
    change(data)
    path = folder / source.name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


# --- profile questionnaire -------------------------------------------------------------------


def test_every_profile_field_has_exactly_one_question_and_vice_versa() -> None:
    questionnaire, problems = check_questionnaire()
    assert questionnaire is not None, problems
    fields = [q.field for q in questionnaire.questions()] + [
        r.field for r in questionnaire.recorded
    ]
    assert Counter(fields) == Counter(list(Profile.model_fields))


def test_the_form_takes_its_words_and_ranges_from_the_questionnaire() -> None:
    questionnaire, _ = check_questionnaire()
    assert questionnaire is not None
    minutes = questionnaire.question("minutes_per_session")
    low, high = Profile.model_fields["minutes_per_session"].metadata
    assert (minutes.low, minutes.high) == (low.ge, high.le)  # type: ignore[attr-defined]
    assert MESSAGES["minutes_per_session"] == "Choose between 10 and 90 minutes per session."
    assert PROFILE_CHOICES["pain_area"] == questionnaire.question("pain_area").options()


def test_a_question_missing_for_a_field_fails_the_check(tmp_path: Path) -> None:
    def drop_age(data: dict[str, Any]) -> None:
        for section in data["sections"]:
            section["questions"] = [q for q in section["questions"] if q["field"] != "age"]

    path = _copy(QUESTIONNAIRE_FILE, tmp_path, drop_age)
    result = runner.invoke(app, ["content", "check", "--profile-questions", str(path)])
    assert result.exit_code == 1
    assert "profile.yaml [age] field: has no question" in result.stdout


def test_a_choice_the_model_does_not_allow_is_named(tmp_path: Path) -> None:
    def add_choice(data: dict[str, Any]) -> None:
        data["sections"][0]["questions"][0]["choices"].append({"value": "neck", "label": "Neck"})

    _, problems = check_questionnaire(_copy(QUESTIONNAIRE_FILE, tmp_path, add_choice))
    assert [(p.exercise, p.field) for p in problems] == [("pain_area", "questions.0.choices")]
    assert "neck" in problems[0].message


def test_a_kind_that_does_not_fit_the_model_is_named(tmp_path: Path) -> None:
    def as_date(data: dict[str, Any]) -> None:
        data["sections"][0]["questions"][3]["kind"] = "date"  # pain_now is a number

    _, problems = check_questionnaire(_copy(QUESTIONNAIRE_FILE, tmp_path, as_date))
    assert [(p.exercise, p.field) for p in problems] == [("pain_now", "questions.3.kind")]


def test_an_unknown_key_in_the_questionnaire_is_named(tmp_path: Path) -> None:
    def typo(data: dict[str, Any]) -> None:
        data["sections"][0]["questions"][0]["lable"] = "Where?"

    _, problems = check_questionnaire(_copy(QUESTIONNAIRE_FILE, tmp_path, typo))
    assert problems and problems[0].file == "profile.yaml"
    assert problems[0].field == "sections.0.questions.0.lable"
    assert problems[0].message == "is not a known field"


# --- measures --------------------------------------------------------------------------------


def test_a_broken_measures_file_fails_the_check_naming_the_field(tmp_path: Path) -> None:
    def break_range(data: dict[str, Any]) -> None:
        data["measures"][0]["hi"] = -1
        del data["who5_items"][0]

    path = _copy(MEASURES_FILE, tmp_path, break_range)
    _, problems = check_measures(path)
    assert {p.field for p in problems} == {"measures.0", "who5_items"}
    result = runner.invoke(app, ["content", "check", "--measures", str(path)])
    assert result.exit_code == 1
    assert "measures.yaml measures.0:" in result.stdout and "must be below hi" in result.stdout


def test_a_missing_measure_is_named(tmp_path: Path) -> None:
    path = _copy(MEASURES_FILE, tmp_path, lambda d: d["measures"].pop())
    _, problems = check_measures(path)
    assert len(problems) == 1 and "missing: breathing_rate" in problems[0].message


def test_the_shipped_content_passes_the_check() -> None:
    result = runner.invoke(app, ["content", "check"])
    assert result.exit_code == 0, result.stdout
    for name in ("profile.yaml", "measures.yaml", "preferences.yaml"):
        assert f"{name} is valid" in result.stdout


# --- limits ----------------------------------------------------------------------------------


def test_the_hold_cap_and_the_pain_scale_are_the_measures_ranges() -> None:
    assert HOLD_CAP_S == MEASURES["extensor_hold"].hi == 240
    assert (MEASURES["pain"].lo, MEASURES["pain"].hi) == (PAIN_MIN, PAIN_MAX)


# --- selection preferences -------------------------------------------------------------------

PEOPLE = [
    Profile(aggravated_by="bending_forward", pain_area="upper_back"),
    Profile(aggravated_by="bending_back", fitness="low"),
    Profile(aggravated_by="both", pain_area="mid_back"),
    Profile(pain_area="low_back", fitness="low", conditions=["osteoporosis"]),
]
EXERCISES = [
    exercise("ext", tags=["extension"]),
    exercise("flex", tags=["flexion", "hip"], difficulty=3),
    exercise("turn", tags=["rotation", "floor", "core"]),
    exercise("hard", tags=["upper_body"], difficulty=3),
]


def test_every_preference_that_changes_a_score_is_said_by_why() -> None:
    seen: set[str] = set()
    for profile in PEOPLE:
        person = Person(profile=profile)
        for ex in EXERCISES:
            rows = preferences.matching(ex, person)
            assert preferences.score(ex, person) == sum(r.weight for r in rows)
            for text in (why.mobility(ex, person), why.strength(ex, person, None, None)):
                for row in rows:
                    area = why.AREA[profile.pain_area]
                    said = row.reason.format(area=area, fitness=profile.fitness)
                    assert said in text, (row.id, text)
            seen.update(r.id for r in rows)
    # The examples reach every row of the table, so none goes unexplained.
    assert seen == {r.id for r in preferences.load_preferences()}


def test_changing_a_weight_in_the_table_changes_the_scoring(tmp_path: Path) -> None:
    person = Person(profile=Profile(aggravated_by="bending_forward"))
    ext = exercise("ext", tags=["extension"])
    assert preferences.score(ext, person) == -2

    def heavier(data: dict[str, Any]) -> None:
        data["preferences"][0]["weight"] = -5

    table, problems = check_preferences(_copy(PREFERENCES_FILE, tmp_path, heavier))
    assert table is not None, problems
    assert preferences.score(ext, person, tuple(table.preferences)) == -5


def test_a_preference_on_an_unknown_answer_is_refused(tmp_path: Path) -> None:
    def wrong(data: dict[str, Any]) -> None:
        data["preferences"][0]["profile"] = {"aggravated_by": ["sneezing"]}

    _, problems = check_preferences(_copy(PREFERENCES_FILE, tmp_path, wrong))
    assert problems and problems[0].file == "preferences.yaml" and "sneezing" in problems[0].message


@pytest.mark.parametrize("weight", [0])
def test_a_weightless_preference_is_refused(tmp_path: Path, weight: int) -> None:
    def none(data: dict[str, Any]) -> None:
        data["preferences"][0]["weight"] = weight

    _, problems = check_preferences(_copy(PREFERENCES_FILE, tmp_path, none))
    assert problems and "changes no score" in problems[0].message
