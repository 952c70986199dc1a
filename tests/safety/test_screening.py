"""Screening: every question is asked, red flags stop the plan, follow-ups become conditions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from limber.safety.screening import (
    ScreeningAnswers,
    answers_template,
    evaluate,
    load_questions,
)
from limber.vocab import CONDITIONS

CAUDA_EQUINA = [
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "sexual_dysfunction",
    "both_legs",
]


def _answers(**yes: list[str]) -> ScreeningAnswers:
    data = answers_template()
    for section, ids in yes.items():
        for qid in ids:
            assert qid in data[section], qid
            data[section][qid] = True
    return ScreeningAnswers.model_validate(data)


def test_questionnaire_covers_the_required_signs() -> None:
    q = load_questions()
    assert len(q.readiness) == 7
    ids = {x.id for x in q.red_flags}
    assert set(CAUDA_EQUINA) <= ids
    assert {
        "trauma_fracture",
        "cancer_history",
        "infection_signs",
        "night_rest_pain",
        "spreading_weakness",
    } <= ids
    assert all(f.condition in CONDITIONS for f in q.followups)
    implied = {f.condition for f in q.followups}
    for needed in (
        "osteoporosis",
        "osteoporosis_vertebral_fracture",
        "spondylolisthesis",
        "spinal_stenosis",
        "pregnancy",
        "recent_spinal_surgery",
        "glaucoma",
        "metabolic_or_kidney_disease",
        "postpartum",
        "sciatica",
        "hip_replacement",
        "recent_fall",
    ):
        assert needed in implied


def test_followups_hang_off_the_right_parent() -> None:
    # Issue 11 §4: the pathway facts are reached from the readiness question they belong to.
    q = load_questions()
    parents: dict[str, set[str]] = {}
    for f in q.followups:
        parents.setdefault(f.condition, set()).add(f.parent)
    assert parents["metabolic_or_kidney_disease"] == {"other_condition"}
    assert parents["postpartum"] == {"other_condition"}
    assert parents["sciatica"] == {"bone_joint"}
    assert parents["hip_replacement"] == {"bone_joint"}
    assert parents["recent_fall"] == {"dizziness", "bone_joint"}
    birth = next(f for f in q.followups if f.condition == "postpartum")
    assert "given birth in the last 12 months" in birth.text


def test_all_no_is_clear() -> None:
    result = evaluate(_answers())
    assert result.outcome == "clear"
    assert not result.breathing_only
    assert result.red_flags == [] and result.conditions == []
    assert "cleared to start" in result.message


@pytest.mark.parametrize("qid", CAUDA_EQUINA)
def test_cauda_equina_sign_is_an_emergency(qid: str) -> None:
    result = evaluate(_answers(red_flags=[qid]))
    assert result.outcome == "red_flag"
    assert result.breathing_only
    assert [f.urgency for f in result.red_flags] == ["emergency"]
    assert result.message.startswith("Go to an emergency department")
    assert "A&E" in result.red_flags[0].advice


def test_emergency_comes_first_in_the_message() -> None:
    result = evaluate(_answers(red_flags=["night_rest_pain", "infection_signs", "bowel_change"]))
    assert [f.urgency for f in result.red_flags] == ["emergency", "urgent", "soon"]
    assert result.message.splitlines()[0].startswith("Go to an emergency department")


def test_non_emergency_flags_name_who_to_see() -> None:
    result = evaluate(_answers(red_flags=["cancer_history"]))
    assert result.red_flags[0].urgency == "soon"
    assert "GP" in result.message
    result = evaluate(_answers(red_flags=["trauma_fracture"]))
    assert result.red_flags[0].urgency == "urgent"
    assert "today" in result.message


def test_readiness_yes_with_followups_gives_conditions_and_advice() -> None:
    result = evaluate(
        _answers(readiness=["bone_joint"], followups=["has_osteoporosis", "stenosis"])
    )
    assert result.outcome == "caution"
    assert result.conditions == ["osteoporosis", "spinal_stenosis"]
    assert any("qualified professional" in a for a in result.advice)
    assert "Osteoporosis" in result.message


def test_readiness_yes_alone_is_caution_without_conditions() -> None:
    result = evaluate(_answers(readiness=["supervised_only"]))
    assert result.outcome == "caution"
    assert result.conditions == []
    assert any("supervision" in a for a in result.advice)


def test_unknown_id_is_a_clear_error() -> None:
    data = answers_template()
    data["red_flags"]["saddle_numbnes"] = False
    with pytest.raises(ValidationError, match="unknown question id\\(s\\) saddle_numbnes"):
        ScreeningAnswers.model_validate(data)
    data = answers_template()
    data["followups"]["nope"] = True
    with pytest.raises(ValidationError, match="followups: unknown"):
        ScreeningAnswers.model_validate(data)


def test_missing_red_flag_answer_is_an_error() -> None:
    data = answers_template()
    del data["red_flags"]["bladder_change"]
    with pytest.raises(ValidationError, match="missing bladder_change"):
        ScreeningAnswers.model_validate(data)
    data = answers_template()
    del data["readiness"]["chest_pain"]
    with pytest.raises(ValidationError, match="missing chest_pain"):
        ScreeningAnswers.model_validate(data)


def test_followups_may_be_left_out() -> None:
    data = answers_template()
    data["followups"] = {}
    assert evaluate(ScreeningAnswers.model_validate(data)).outcome == "clear"


_Q = load_questions()


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries({q.id: st.booleans() for q in _Q.red_flags}),
    st.fixed_dictionaries({q.id: st.booleans() for q in _Q.readiness}),
    st.fixed_dictionaries({q.id: st.booleans() for q in _Q.followups}),
)
def test_outcome_follows_the_answers(
    red: dict[str, bool], ready: dict[str, bool], follow: dict[str, bool]
) -> None:
    result = evaluate(ScreeningAnswers(red_flags=red, readiness=ready, followups=follow))
    assert (result.outcome == "red_flag") == any(red.values())
    assert result.breathing_only == any(red.values())
    assert len(result.red_flags) == sum(red.values())
    urgencies = [f.urgency for f in result.red_flags]
    order = {"emergency": 0, "urgent": 1, "soon": 2}
    assert urgencies == sorted(urgencies, key=order.__getitem__)
    if any(red[q] for q in CAUDA_EQUINA):
        assert urgencies[0] == "emergency"
    expected = {f.condition for f in _Q.followups if follow[f.id]}
    assert set(result.conditions) == expected
    if not any(red.values()):
        assert result.outcome == ("caution" if any(ready.values()) or expected else "clear")
    # The result round-trips through JSON, as the store keeps it.
    assert type(result).model_validate_json(result.model_dump_json()).outcome == result.outcome
