"""Small hand-built libraries so planner tests do not depend on the shipped content."""

from typing import Any

from limber.content.loader import Library
from limber.content.schema import Exercise

_POSE: dict[str, Any] = {"view": "side", "poses": [{"name": "start"}]}


def exercise(ex_id: str, **fields: Any) -> Exercise:
    """An exercise with sensible defaults; pass only what the test is about."""
    pillar = fields.pop("pillar", "stretch")
    role = fields.pop("role", "mobility")
    dosage = fields.pop("dosage", None)
    if dosage is None:
        if pillar == "breathing":
            dosage = {
                "duration_s": 120,
                "breath": [{"phase": "in", "seconds": 4}, {"phase": "out", "seconds": 6}],
            }
        elif role == "strength":
            dosage = {"sets": 2, "reps": 8, "rep_s": 4}
        elif role in ("rope_prep", "rope_skill"):
            dosage = {"duration_s": 60, "cadence_per_min": 100}
        elif role == "rope_interval":
            dosage = {"work_s": 30, "rest_s": 90, "rounds": 5}
        else:
            dosage = {"hold_s": 30, "sides": 2}
    data: dict[str, Any] = {
        "safety": _safety_from_tags(pillar, fields.get("tags", []), fields.pop("safety", {})),
        "id": ex_id,
        "name": ex_id.replace("-", " ").capitalize(),
        "pillar": pillar,
        "role": role,
        "summary": "A test exercise.",
        "steps": ["Get into position.", "Do the movement."],
        "cues": ["Move slowly.", "Breathe."],
        "mistakes": ["Rushing."],
        "dosage": dosage,
        "difficulty": fields.pop("difficulty", 1),
        "targets": fields.pop("targets", ["lower back"]),
        "pose": _POSE,
        "evidence": "Test fixture.",
        **fields,
    }
    return Exercise.model_validate(data)


def _safety_from_tags(pillar: str, tags: list[str], given: dict[str, Any]) -> dict[str, Any]:
    """Safety properties that agree with the movement tags (a test names only what matters)."""
    end = "end_range" in tags
    props: dict[str, Any] = {
        "impact": "high" if "high_impact" in tags else "low" if "impact" in tags else "none",
        "met": 8.8
        if "impact" in tags or "high_impact" in tags
        else 1.3
        if pillar == "breathing"
        else 2.3,
        "head_below_heart": "head_below_heart" in tags,
        "breath_hold": "breath_hold" in tags,
    }
    for tag, field in (
        ("flexion", "spinal_flexion"),
        ("extension", "spinal_extension"),
        ("rotation", "spinal_rotation"),
    ):
        if tag in tags:
            props[field] = "end" if end else "gentle"
    return {**props, **given}


def library(*exercises: Exercise) -> Library:
    return Library({e.id: e for e in exercises})


def small_library() -> Library:
    """A library with every role, founding stretches, a rope ladder and interval stages."""
    return library(
        exercise(
            "box-step-up-raise",
            founding=True,
            equipment=["chair_or_box"],
            tags=["extension", "standing", "balance"],
            dosage={"sets": 2, "reps": 8, "rep_s": 5, "hold_s": 2, "sides": 2},
        ),
        exercise(
            "standing-forward-bend",
            founding=True,
            tags=["flexion", "standing"],
            contraindications=["osteoporosis"],
            dosage={"hold_s": 30, "sets": 2},
        ),
        exercise(
            "standing-backward-bend",
            founding=True,
            tags=["extension", "standing"],
            cautions=["spinal_stenosis"],
            dosage={"reps": 8, "rep_s": 4, "hold_s": 2},
        ),
        exercise(
            "standing-twist",
            founding=True,
            tags=["rotation", "standing"],
            dosage={"reps": 4, "rep_s": 6, "sides": 2},
        ),
        exercise(
            "cat-cow",
            tags=["flexion", "extension", "kneeling"],
            equipment=["mat"],
            dosage={"reps": 10, "rep_s": 6},
        ),
        exercise("childs-pose", tags=["flexion", "kneeling", "relaxation"], dosage={"hold_s": 60}),
        exercise("pelvic-tilt", tags=["floor", "motor_control"], dosage={"reps": 10, "rep_s": 4}),
        exercise(
            "bird-dog-easy",
            role="strength",
            tags=["kneeling", "motor_control"],
            progressions=["bird-dog"],
            difficulty=1,
        ),
        exercise(
            "bird-dog",
            role="strength",
            tags=["kneeling", "motor_control", "core"],
            regressions=["bird-dog-easy"],
            difficulty=2,
            dosage={"sets": 2, "reps": 8, "rep_s": 8, "hold_s": 5, "sides": 2},
        ),
        exercise(
            "glute-bridge",
            role="strength",
            tags=["floor", "strength", "hip"],
            difficulty=2,
            dosage={"sets": 2, "reps": 12, "rep_s": 5, "hold_s": 3},
        ),
        exercise(
            "side-plank",
            role="strength",
            tags=["floor", "loaded", "core"],
            contraindications=["shoulder_problem"],
            difficulty=4,
            dosage={"hold_s": 20, "sides": 2, "sets": 2},
        ),
        exercise(
            "rope-less-march", role="rope_prep", pillar="jump_rope", skill_rank=0, tags=["standing"]
        ),
        exercise(
            "rope-less-bounce",
            role="rope_prep",
            pillar="jump_rope",
            skill_rank=1,
            tags=["impact", "standing"],
        ),
        exercise(
            "side-swing",
            role="rope_prep",
            pillar="jump_rope",
            skill_rank=2,
            equipment=["rope"],
            tags=["standing", "upper_body"],
        ),
        exercise(
            "basic-bounce",
            role="rope_skill",
            pillar="jump_rope",
            skill_rank=3,
            equipment=["rope"],
            tags=["impact", "standing"],
        ),
        exercise(
            "boxer-skip",
            role="rope_skill",
            pillar="jump_rope",
            skill_rank=4,
            equipment=["rope"],
            tags=["impact", "standing"],
        ),
        exercise(
            "high-knees",
            role="rope_skill",
            pillar="jump_rope",
            skill_rank=5,
            equipment=["rope"],
            tags=["impact", "high_impact", "standing"],
            contraindications=["knee_or_ankle_problem"],
        ),
        exercise(
            "double-under",
            role="rope_skill",
            pillar="jump_rope",
            skill_rank=6,
            equipment=["rope"],
            tags=["impact", "high_impact"],
            difficulty=5,
        ),
        exercise(
            "intervals-30-90",
            role="rope_interval",
            pillar="jump_rope",
            equipment=["rope"],
            tags=["impact"],
            dosage={"work_s": 30, "rest_s": 90, "rounds": 5, "cadence_per_min": 100},
        ),
        exercise(
            "intervals-30-60",
            role="rope_interval",
            pillar="jump_rope",
            equipment=["rope"],
            tags=["impact"],
            dosage={"work_s": 30, "rest_s": 60, "rounds": 6, "cadence_per_min": 110},
        ),
        exercise(
            "intervals-30-30",
            role="rope_interval",
            pillar="jump_rope",
            equipment=["rope"],
            tags=["impact"],
            dosage={"work_s": 30, "rest_s": 30, "rounds": 8, "cadence_per_min": 120},
        ),
        exercise(
            "diaphragmatic-breathing", pillar="breathing", role="breathing", tags=["relaxation"]
        ),
        exercise(
            "box-breathing",
            pillar="breathing",
            role="breathing",
            difficulty=2,
            tags=["breath_hold"],
            dosage={
                "duration_s": 240,
                "breath": [
                    {"phase": "in", "seconds": 4},
                    {"phase": "hold", "seconds": 4},
                    {"phase": "out", "seconds": 4},
                    {"phase": "hold", "seconds": 4},
                ],
            },
        ),
        exercise(
            "paced-breathing-6",
            pillar="breathing",
            role="breathing",
            difficulty=1,
            tags=["relaxation"],
            dosage={
                "duration_s": 300,
                "breath": [{"phase": "in", "seconds": 4}, {"phase": "out", "seconds": 6}],
            },
        ),
    )
