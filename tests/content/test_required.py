"""The shipped library holds the exercises Limber promises, with the safety data they need.

These tests pin the content contract other parts rely on: the planner needs the founding
routine, a full jump-rope ladder in skill order and breathing cycles to time; the safety
layer relies on contraindications that match the movement tags (clinical.md sections 6-8).
"""

import pytest

from limber.content.loader import Library, default_library
from limber.content.schema import Exercise, KeyPose
from limber.content.skeleton import pose_points

REQUIRED: dict[str, list[str]] = {
    "stretch": [
        "box-step-up-raise",
        "standing-forward-bend",
        "cobblers-pose",
        "standing-backward-bend",
        "standing-twist",
        "cat-cow",
        "childs-pose",
        "knee-to-chest",
        "pelvic-tilt",
        "bird-dog",
        "glute-bridge",
        "supine-hamstring-stretch",
        "prone-press-up",
        "hip-flexor-stretch",
    ],
    "jump_rope": [
        "rope-less-bounce",
        "side-swing",
        "basic-bounce",
        "boxer-skip",
        "alternate-foot-step",
        "high-knees",
        "criss-cross",
        "double-under",
    ],
    "breathing": [
        "diaphragmatic-breathing",
        "chest-breathing",
        "complete-breath",
        "paced-breathing-6",
        "box-breathing",
    ],
}

FOUNDING = {
    "box-step-up-raise",
    "standing-forward-bend",
    "cobblers-pose",
    "standing-backward-bend",
    "standing-twist",
}

# The skill order of clinical.md section 6; each must rank strictly above the one before.
ROPE_LADDER = [
    "side-swing",
    "basic-bounce",
    "boxer-skip",
    "alternate-foot-step",
    "high-knees",
    "criss-cross",
    "double-under",
]

MINIMUMS = {"stretch": 22, "jump_rope": 12, "breathing": 10}


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def _all(library: Library) -> list[Exercise]:
    return list(library)


@pytest.mark.parametrize(
    ("exercise_id", "pillar"),
    [(ex_id, pillar) for pillar, ids in REQUIRED.items() for ex_id in ids],
)
def test_required_exercise_exists_in_its_pillar(
    library: Library, exercise_id: str, pillar: str
) -> None:
    assert exercise_id in library, f"{exercise_id} is missing from the library"
    assert library[exercise_id].pillar == pillar


def test_pillar_counts_meet_the_minimums(library: Library) -> None:
    for pillar, minimum in MINIMUMS.items():
        count = len(library.by_pillar(pillar))
        assert count >= minimum, f"only {count} {pillar} exercises, need {minimum}"
    assert len(library) >= 45


def test_exactly_the_founding_routine_is_marked_founding(library: Library) -> None:
    assert {e.id for e in library if e.founding} == FOUNDING


def test_every_breathing_practice_has_a_timed_cycle(library: Library) -> None:
    for ex in library.by_pillar("breathing"):
        assert ex.role == "breathing", ex.id
        assert ex.dosage.breath, f"{ex.id} has no breath cycle"
        assert ex.dosage.duration_s, f"{ex.id} has no duration"
        assert any(p.phase == "in" for p in ex.dosage.breath), ex.id
        assert any(p.phase == "out" for p in ex.dosage.breath), ex.id


def test_breath_holds_are_tagged_and_flagged(library: Library) -> None:
    for ex in library.by_pillar("breathing"):
        has_hold = any(p.phase == "hold" for p in ex.dosage.breath or [])
        assert has_hold == ("breath_hold" in ex.tags), ex.id
        if has_hold:
            flagged = set(ex.cautions) | set(ex.contraindications)
            assert {"high_blood_pressure", "heart_condition"} <= flagged, ex.id


def test_rope_ladder_ranks_follow_the_skill_order(library: Library) -> None:
    ranks = []
    for ex_id in ROPE_LADDER:
        rank = library[ex_id].skill_rank
        assert rank is not None, f"{ex_id} has no skill_rank"
        ranks.append(rank)
    by_id = dict(zip(ROPE_LADDER, ranks, strict=True))
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), by_id


def test_rope_less_drills_come_before_the_rope(library: Library) -> None:
    first_rope_rank = library["side-swing"].skill_rank
    assert first_rope_rank is not None
    for ex in library.by_pillar("jump_rope"):
        if ex.role == "rope_prep":
            assert ex.skill_rank is not None and ex.skill_rank < first_rope_rank, ex.id
            assert "rope" not in ex.equipment, ex.id
        if ex.role == "rope_skill":
            assert "rope" in ex.equipment, ex.id


def test_every_rope_exercise_has_a_cadence_and_a_measure(library: Library) -> None:
    for ex in library.by_pillar("jump_rope"):
        dose = ex.dosage
        assert ex.role in ("rope_prep", "rope_skill", "rope_interval"), ex.id
        assert dose.cadence_per_min, f"{ex.id} has no cadence"
        assert (dose.work_s and dose.rounds) or dose.duration_s, ex.id


def _rest_per_work(ex: Exercise) -> float:
    work, rest = ex.dosage.work_s, ex.dosage.rest_s
    assert work is not None and rest is not None, f"{ex.id} is not an interval dose"
    return rest / work


def test_intervals_get_gentler_down_the_regression_chain(library: Library) -> None:
    intervals = [e for e in library.by_pillar("jump_rope") if e.role == "rope_interval"]
    assert len(intervals) >= 3
    for ex in intervals:
        for easier_id in ex.regressions:
            easier = library[easier_id]
            more_rest = _rest_per_work(easier) > _rest_per_work(ex)
            shorter = (easier.dosage.work_s or 0) < (ex.dosage.work_s or 0)
            assert more_rest or shorter, f"{easier_id} is not gentler than {ex.id}"


def test_flexion_is_contraindicated_in_osteoporosis(library: Library) -> None:
    for ex in library:
        if "flexion" in ex.tags:
            assert "osteoporosis" in ex.contraindications, ex.id
            assert "osteoporosis_vertebral_fracture" in ex.contraindications, ex.id


def test_impact_is_contraindicated_after_a_vertebral_fracture(library: Library) -> None:
    for ex in library:
        if {"impact", "high_impact"} & set(ex.tags):
            assert "osteoporosis_vertebral_fracture" in ex.contraindications, ex.id


def test_high_impact_is_tagged_as_impact_and_excluded_where_jumping_hurts(
    library: Library,
) -> None:
    for ex in library:
        if "high_impact" in ex.tags:
            assert "impact" in ex.tags, ex.id
            for condition in ("pelvic_floor_symptoms", "pregnancy", "osteoporosis"):
                assert condition in ex.contraindications, f"{ex.id}: {condition}"


def test_extension_is_flagged_for_stenosis_and_spondylolisthesis(library: Library) -> None:
    for ex in library:
        if "extension" in ex.tags:
            flagged = set(ex.cautions) | set(ex.contraindications)
            assert {"spinal_stenosis", "spondylolisthesis"} <= flagged, ex.id


def test_head_below_heart_is_flagged_for_blood_pressure_and_glaucoma(library: Library) -> None:
    for ex in library:
        if "head_below_heart" in ex.tags:
            flagged = set(ex.cautions) | set(ex.contraindications)
            assert {"high_blood_pressure", "glaucoma"} <= flagged, ex.id


def test_pillars_use_their_roles(library: Library) -> None:
    allowed = {
        "stretch": {"mobility", "strength"},
        "jump_rope": {"rope_prep", "rope_skill", "rope_interval"},
        "breathing": {"breathing"},
    }
    for ex in library:
        assert ex.role in allowed[ex.pillar], ex.id


def test_progressions_and_regressions_mirror_each_other(library: Library) -> None:
    for ex in library:
        for harder in ex.progressions:
            assert ex.id in library[harder].regressions, f"{ex.id} -> {harder}"
        for easier in ex.regressions:
            assert ex.id in library[easier].progressions, f"{ex.id} <- {easier}"


def test_content_is_complete_enough_to_coach(library: Library) -> None:
    for ex in library:
        assert 3 <= len(ex.steps) <= 6, f"{ex.id}: {len(ex.steps)} steps"
        assert 2 <= len(ex.cues) <= 4, f"{ex.id}: {len(ex.cues)} cues"
        assert 2 <= len(ex.mistakes) <= 3, f"{ex.id}: {len(ex.mistakes)} mistakes"
        assert ex.targets and ex.evidence, ex.id
        assert 1 <= len(ex.pose.poses) <= 3, ex.id
        checks = [p.check for p in ex.pose.poses if p.check]
        assert checks, f"{ex.id} names no joints for the form check"
        assert all(1 <= len(c) <= 3 for c in checks), ex.id


def test_rep_doses_can_be_timed(library: Library) -> None:
    for ex in library:
        dose = ex.dosage
        if dose.reps:
            assert dose.rep_s, f"{ex.id} has reps but no rep_s"
            if dose.hold_s:
                assert dose.rep_s >= dose.hold_s, ex.id


def test_floor_and_mat_go_together(library: Library) -> None:
    for ex in library:
        if ex.pillar != "breathing" and {"floor", "kneeling"} & set(ex.tags):
            assert "mat" in ex.equipment, ex.id


def test_static_stretch_holds_follow_the_dosage_guidance(library: Library) -> None:
    """ACSM (clinical.md section 8): hold 10-30 s (longer for older adults), 2-4 times."""
    for ex in library.by_pillar("stretch"):
        dose = ex.dosage
        if ex.role == "mobility" and dose.hold_s and dose.hold_s >= 10:
            assert dose.hold_s <= 120, ex.id
            total = dose.hold_s * (dose.reps or 1)
            assert 30 <= total <= 120, f"{ex.id}: {total} s per side"


def _is_prone(pose: KeyPose) -> bool:
    """Face down on the floor: trunk tipped well forward with the thighs in line or behind."""
    return pose.trunk >= 45 and pose.hip_left <= 10 and pose.hip_right <= 10


def test_prone_positions_are_contraindicated_in_pregnancy(library: Library) -> None:
    """Lying face down is avoided in pregnancy (brief; clinical.md section 8 cautions)."""
    for ex in library:
        if ex.pose.view == "side" and any(_is_prone(p) for p in ex.pose.poses):
            assert "pregnancy" in ex.contraindications, ex.id


def test_head_down_poses_are_tagged_head_below_heart(library: Library) -> None:
    """A folded pose that drops the head well below the hips must carry the tag."""
    for ex in library:
        if ex.pose.view != "side":
            continue
        for pose in ex.pose.poses:
            points = pose_points(pose, "side")
            drop = points["head"][1] - points["pelvis"][1]  # image y points down
            if pose.trunk > 90 and drop > 15:
                assert "head_below_heart" in ex.tags, f"{ex.id}: {pose.name}"


def test_standing_exercises_show_a_standing_pose(library: Library) -> None:
    for ex in library:
        if "standing" in ex.tags:
            assert any(abs(p.trunk) <= 30 for p in ex.pose.poses), ex.id
