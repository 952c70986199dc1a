"""Exclusion rules: conditions, equipment, aggravating movements and flares."""

from limber.plan.models import Profile
from limber.safety.pain import classify_during, explain_during, next_day_action
from limber.safety.rules import caution_notes, exclusion_reason
from tests.plan.factories import exercise

FORWARD = exercise("fold", tags=["flexion"])
BACKWARD = exercise("arch", tags=["extension"])
BOUNCE = exercise("bounce", pillar="jump_rope", role="rope_prep", tags=["impact"])
ROPE = exercise("skip", pillar="jump_rope", role="rope_skill", equipment=["rope"])
PLAIN = exercise("plain", tags=["standing"])


def test_listed_contraindication_excludes() -> None:
    ex = exercise("thing", contraindications=["pregnancy"])
    assert exclusion_reason(ex, Profile()) is None
    reason = exclusion_reason(ex, Profile(conditions=["pregnancy"]))
    assert reason is not None and "pregnancy" in reason


def test_missing_equipment_excludes() -> None:
    assert exclusion_reason(ROPE, Profile(equipment=["rope"])) is None
    assert exclusion_reason(ROPE, Profile(equipment=[])) == "needs a jump rope"


def test_aggravating_direction_excludes_that_direction_only() -> None:
    fwd = Profile(aggravated_by="bending_forward")
    back = Profile(aggravated_by="bending_back")
    both = Profile(aggravated_by="both")
    assert exclusion_reason(FORWARD, fwd) and exclusion_reason(BACKWARD, fwd) is None
    assert exclusion_reason(BACKWARD, back) and exclusion_reason(FORWARD, back) is None
    assert exclusion_reason(FORWARD, both) and exclusion_reason(BACKWARD, both)
    assert exclusion_reason(PLAIN, both) is None


def test_flare_rules_out_impact() -> None:
    assert exclusion_reason(BOUNCE, Profile()) is None
    assert "acute" in (exclusion_reason(BOUNCE, Profile(duration="acute")) or "")
    assert "7/10" in (exclusion_reason(BOUNCE, Profile(pain_now=7)) or "")
    assert exclusion_reason(BOUNCE, Profile(pain_now=6)) is None


def test_tag_rules_back_up_the_content() -> None:
    # Not listed as contraindicated in the file, still excluded by the tag rules.
    assert exclusion_reason(FORWARD, Profile(conditions=["osteoporosis"]))
    assert exclusion_reason(BOUNCE, Profile(conditions=["osteoporosis_vertebral_fracture"]))
    assert exclusion_reason(BOUNCE, Profile(conditions=["osteoporosis"])) is None
    hard = exercise("hard", tags=["high_impact"])
    assert exclusion_reason(hard, Profile(conditions=["pelvic_floor_symptoms"]))
    twist = exercise("twist", tags=["rotation", "end_range"])
    assert exclusion_reason(twist, Profile(conditions=["osteoporosis"]))
    assert (
        exclusion_reason(
            exercise("gentle-twist", tags=["rotation"]), Profile(conditions=["osteoporosis"])
        )
        is None
    )


def test_caution_notes() -> None:
    ex = exercise("thing", cautions=["spinal_stenosis"], tags=["extension", "balance"])
    assert caution_notes(ex, Profile()) == []
    notes = caution_notes(ex, Profile(conditions=["spinal_stenosis", "balance_problem"]))
    # One note per condition: the specific one (tag rule) wins over the generic one.
    assert len(notes) == 2
    assert notes[0].startswith("Spinal stenosis") and "lean back only a little" in notes[0]
    assert "wall or a sturdy chair" in notes[1]
    # A listed caution without a tag rule still gets the generic note.
    other = exercise("other", cautions=["hip_problem"])
    assert caution_notes(other, Profile(conditions=["hip_problem"])) == [
        "A hip problem: move slowly, stay in a comfortable range and stop if your symptoms "
        "increase."
    ]


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
