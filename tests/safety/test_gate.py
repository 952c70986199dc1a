"""The safety gate: rules from the rule base applied to exercise properties and people."""

import datetime as dt

import pytest

from limber.content.loader import default_library
from limber.plan.generator import generate_programme
from limber.profile import Profile
from limber.safety import gate
from limber.safety.facts import Person, SafetyStatus
from limber.safety.gate import (
    adjust_dose,
    allowed_alternative,
    caution_notes,
    exclusion_reason,
    judge,
)
from limber.safety.pain import classify_during, explain_during, next_day_action
from limber.safety.rulebase import RuleBase, rule_base
from tests.plan.factories import exercise

FORWARD = exercise("fold", tags=["flexion"])
BACKWARD = exercise("arch", tags=["extension"])
BOUNCE = exercise("bounce", pillar="jump_rope", role="rope_prep", tags=["impact"])
ROPE = exercise("skip", pillar="jump_rope", role="rope_skill", equipment=["rope"])
PLAIN = exercise("plain", tags=["standing"])
DAY = dt.date(2026, 12, 7)
LIB = default_library()


def who(status: SafetyStatus | None = None, **profile: object) -> Person:
    return Person(profile=Profile.model_validate(profile), status=status or SafetyStatus(), day=DAY)


def test_listed_contraindication_excludes() -> None:
    ex = exercise("thing", contraindications=["pregnancy"])
    assert exclusion_reason(ex, who()) is None
    assert exclusion_reason(ex, who(conditions=["pregnancy"])) is not None


def test_missing_equipment_excludes() -> None:
    assert exclusion_reason(ROPE, who(equipment=["rope"])) is None
    assert exclusion_reason(ROPE, who(equipment=[])) == "needs a jump rope"


def test_aggravating_direction_excludes_that_direction_only() -> None:
    fwd, back, both = (who(aggravated_by=a) for a in ("bending_forward", "bending_back", "both"))
    assert exclusion_reason(FORWARD, fwd) and exclusion_reason(BACKWARD, fwd) is None
    assert exclusion_reason(BACKWARD, back) and exclusion_reason(FORWARD, back) is None
    assert exclusion_reason(FORWARD, both) and exclusion_reason(BACKWARD, both)
    assert exclusion_reason(PLAIN, both) is None


def test_acute_pain_and_high_pain_rule_out_impact() -> None:
    assert exclusion_reason(BOUNCE, who()) is None
    assert "acute" in (exclusion_reason(BOUNCE, who(duration="acute")) or "")
    assert "high" in (exclusion_reason(BOUNCE, who(pain_now=7)) or "")
    assert exclusion_reason(BOUNCE, who(pain_now=6)) is None


def test_properties_back_up_the_content() -> None:
    # Not listed as contraindicated in the file, still excluded by the property rules.
    assert exclusion_reason(FORWARD, who(conditions=["osteoporosis"]))
    assert exclusion_reason(BOUNCE, who(conditions=["osteoporosis_vertebral_fracture"]))
    assert exclusion_reason(BOUNCE, who(conditions=["osteoporosis"])) is None
    hard = exercise("hard", tags=["high_impact"])
    assert exclusion_reason(hard, who(conditions=["osteoporosis"]))
    twist = exercise("twist", tags=["rotation", "end_range"])
    assert exclusion_reason(twist, who(conditions=["osteoporosis"]))
    gentle = exercise("gentle-twist", tags=["rotation"])
    assert exclusion_reason(gentle, who(conditions=["osteoporosis"])) is None


def test_caution_notes_come_from_rules() -> None:
    ex = exercise("thing", cautions=["spinal_stenosis"], tags=["extension", "balance"])
    assert caution_notes(ex, who()) == []
    notes = caution_notes(ex, who(conditions=["spinal_stenosis", "balance_problem"]))
    assert any("lean back only a little" in n for n in notes)
    assert any("wall or a sturdy chair" in n for n in notes)


def test_every_hit_names_its_rule_and_source() -> None:
    verdict = judge(LIB["basic-bounce"], who(conditions=["knee_or_ankle_problem"]))
    assert not verdict.allowed
    hit = next(h for h in verdict.hits if h.rule_id == "R8-knee-ankle-no-impact")
    assert hit.source == "clinical-rules.md#R8" and hit.action == "exclude"


@pytest.mark.parametrize(
    ("exercise_id", "person", "allowed"),
    [
        # Readiness "yes" without clearance: light work only (R1).
        ("rope-less-march", who(SafetyStatus(state="light", readiness_yes=("chest_pain",))), False),
        ("cat-cow", who(SafetyStatus(state="light", readiness_yes=("chest_pain",))), True),
        # Red flag: breathing only; emergency: nothing (clinical.md 1).
        ("cat-cow", who(SafetyStatus(state="stopped")), False),
        ("diaphragmatic-breathing", who(SafetyStatus(state="stopped")), True),
        ("diaphragmatic-breathing", who(SafetyStatus(state="emergency")), False),
        # Pregnancy (R3): no new rope, no supine from 20 weeks, marching from 28.
        ("rope-less-bounce", who(pregnancy_week=10, rope_experience="none"), False),
        ("basic-bounce", who(pregnancy_week=10, rope_experience="regular"), True),
        ("basic-bounce", who(pregnancy_week=30, rope_experience="regular"), False),
        ("glute-bridge", who(pregnancy_week=19, as_of=DAY), True),
        ("glute-bridge", who(pregnancy_week=20, as_of=DAY), False),
        # Postpartum under 12 weeks (R3), pelvic floor (R4).
        ("side-swing", who(weeks_postpartum=6, as_of=DAY), False),
        ("basic-bounce", who(conditions=["pelvic_floor_symptoms"]), False),
        (
            "basic-bounce",
            who(SafetyStatus(clearances=("pelvic_health",)), conditions=["pelvic_floor_symptoms"]),
            True,
        ),
        # Spinal surgery (R5): nothing without the surgeon's plan in the first 12 weeks.
        ("wall-angels", who(spinal_surgery_date=DAY - dt.timedelta(weeks=3)), False),
        (
            "wall-angels",
            who(
                SafetyStatus(clearances=("surgeon",)),
                spinal_surgery_date=DAY - dt.timedelta(weeks=3),
            ),
            True,
        ),
        (
            "standing-twist",
            who(
                SafetyStatus(clearances=("surgeon",)),
                spinal_surgery_date=DAY - dt.timedelta(weeks=3),
                spinal_surgery_type="discectomy",
            ),
            False,
        ),
        # Hip replacement (R8), head-down positions (R10), 75+ (R10), heart disease (R2).
        ("knee-to-chest", who(conditions=["hip_replacement"]), False),
        ("childs-pose", who(conditions=["glaucoma"]), False),
        ("basic-bounce", who(age=80, rope_experience="regular"), False),
        ("basic-bounce", who(conditions=["heart_condition"], rope_experience="regular"), False),
        (
            "basic-bounce",
            who(
                SafetyStatus(clearances=("readiness",)),
                conditions=["heart_condition"],
                rope_experience="regular",
            ),
            True,
        ),
        # A flare pauses the rope (R7); leg pain worse than back pain too (R6).
        ("basic-bounce", who(SafetyStatus(flare=True)), False),
        ("basic-bounce", who(leg_pain_worse_than_back=True), False),
    ],
)
def test_pathways(exercise_id: str, person: Person, allowed: bool) -> None:
    assert (
        judge(
            LIB[exercise_id],
            person.model_copy(
                update={
                    "profile": person.profile.model_copy(
                        update={"equipment": ["rope", "mat", "chair_or_box", "strap"]}
                    )
                }
            ),
        ).allowed
        is allowed
    )


def test_pregnancy_weeks_move_with_the_calendar() -> None:
    person = who(pregnancy_week=18, as_of=DAY)
    assert judge(LIB["glute-bridge"], person).allowed
    assert not judge(LIB["glute-bridge"], person.on(DAY + dt.timedelta(weeks=2))).allowed


def test_breath_holds_become_relaxed_pauses_in_pregnancy() -> None:
    box = LIB["box-breathing"]
    person = who(pregnancy_week=12)
    assert not judge(box, person, box.dosage).allowed
    relaxed = adjust_dose(box, box.dosage, person)
    assert judge(box, person, relaxed).allowed
    assert max(p.seconds for p in relaxed.breath or [] if p.phase == "hold") <= 2


def test_substitute_offers_a_variant_that_passes_the_gate() -> None:
    person = who(pregnancy_week=24, equipment=["mat", "chair_or_box", "strap"])
    assert allowed_alternative(LIB["glute-bridge"], LIB, person) == "standing-hip-extension"
    assert allowed_alternative(LIB["supine-hamstring-stretch"], LIB, person) == (
        "standing-hamstring-stretch"
    )


def test_easier_never_means_harder_or_more_jarring() -> None:
    # The library lists high knees as straddle's regression: harder and high impact.
    person = who(rope_experience="regular", fitness="high", equipment=["rope"])
    assert allowed_alternative(LIB["straddle"], LIB, person) != "high-knees"


def test_escalations_pause_the_programme() -> None:
    person = who(SafetyStatus(flare=True, flare_days=15))
    assert gate.is_paused(person)
    assert not judge(LIB["cat-cow"], person).allowed
    reviewed = who(SafetyStatus(flare=True, flare_days=15, clearances=("review",)))
    assert not gate.is_paused(reviewed)


def test_a_chooser_that_bypasses_the_gate_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a gate that refuses everything but breathing, nothing else may be planned.

    Every chooser (pools, harder/easier, rope ladder, substitutions) must ask the gate; one
    that reads the library directly would plan an exercise here and fail this test.
    """
    real = rule_base()
    deny = real.model_copy(
        update={
            "rules": [
                r.model_copy(update={"when": r.when.model_copy(update={"state": None})})
                for r in real.rules
                if r.id == "R11-red-flag-breathing-only"
            ]
        }
    )
    assert isinstance(deny, RuleBase)
    monkeypatch.setattr(gate, "rule_base", lambda: deny)
    profile = Profile(equipment=["rope", "mat", "chair_or_box", "strap"], rope_experience="regular")
    programme = generate_programme(profile, LIB, start=DAY, weeks=2)
    for session in programme.sessions:
        for block in session.blocks:
            assert block.rope_next is None
            for pe in block.exercises:
                assert pe.pillar == "breathing", (block.kind, pe.id)
                assert pe.harder is None and pe.easier is None


def test_pain_zones() -> None:
    assert [classify_during(s) for s in (0, 2, 3, 5, 6, 10)] == [
        "safe",
        "safe",
        "acceptable",
        "acceptable",
        "not_acceptable",
        "not_acceptable",
    ]
    assert "too much" in explain_during(7)
    assert next_day_action("worse") == "reduce"
    assert next_day_action("settled") == "keep_or_progress"
    assert next_day_action("same") == "hold"
