"""Which exercises a person must not do, and what to take care with in the ones they do.

Two layers, on purpose. The library lists contraindications per exercise; on top, the rules
below tie conditions to *movement tags* (flexion in osteoporosis, impact after a vertebral
fracture, ...), so a content file that forgets a contraindication still cannot put someone
at risk. The planner calls :func:`exclusion_reason` for every candidate and never plans an
exercise that has one.
"""

from limber.content.schema import Exercise
from limber.plan.models import Profile
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS

# Condition -> tags that rule an exercise out, with the reason in plain words.
# Sources: clinical.md sections 6 and 8 (Sinaki 1984 on flexion in osteoporosis; impact
# after a vertebral fracture; pelvic floor and pregnancy prefer low impact).
TAG_EXCLUSIONS: dict[str, list[tuple[str, str]]] = {
    "osteoporosis": [
        ("flexion", "bending the spine forward raises the risk of a spinal fracture"),
        ("high_impact", "hard jumping is too much load for thin bones"),
    ],
    "osteoporosis_vertebral_fracture": [
        ("flexion", "bending the spine forward raises the risk of another fracture"),
        ("impact", "after a spinal fracture, nothing harder than brisk walking"),
        ("high_impact", "after a spinal fracture, nothing harder than brisk walking"),
        ("loaded", "loading the spine is not safe after a spinal fracture"),
    ],
    "acute_disc_herniation": [
        ("flexion", "bending forward can push on a recently injured disc"),
        ("high_impact", "hard jumping jars a recently injured disc"),
    ],
    "recent_spinal_surgery": [
        ("impact", "jumping is not advised in the year after spinal surgery"),
        ("high_impact", "jumping is not advised in the year after spinal surgery"),
        ("loaded", "loading the spine waits until your surgeon clears it"),
        ("end_range", "end-of-range spinal movement waits until your surgeon clears it"),
    ],
    "pregnancy": [
        ("high_impact", "high-impact jumping is best swapped for low-impact work in pregnancy"),
    ],
    "pelvic_floor_symptoms": [
        ("high_impact", "hard jumping often makes leaking worse"),
    ],
    "knee_or_ankle_problem": [
        ("high_impact", "hard jumping loads the knees and ankles too much"),
    ],
    "glaucoma": [
        ("head_below_heart", "head-down positions raise the pressure in the eye"),
    ],
}

# Tags with a rotation that is loaded or goes to end range are avoided in osteoporosis.
_TWIST_TAGS = {"loaded", "end_range"}

# Condition -> tags that call for care, with what to do.
TAG_CAUTIONS: dict[str, list[tuple[str, str]]] = {
    "high_blood_pressure": [
        ("head_below_heart", "keep your head above your heart if your blood pressure is high"),
        ("breath_hold", "skip the breath holds; keep breathing smoothly"),
    ],
    "heart_condition": [
        ("breath_hold", "skip the breath holds; keep breathing smoothly"),
        ("high_impact", "keep the effort moderate: you should still be able to talk"),
    ],
    "pregnancy": [
        ("breath_hold", "skip the breath holds; keep breathing smoothly"),
        ("floor", "after the first trimester, avoid lying flat on your back for long"),
        ("impact", "stop jumping at once if you feel pain, bleeding or dizziness"),
    ],
    "balance_problem": [
        ("balance", "stand next to a wall or a sturdy chair you can hold"),
        ("standing", "keep something sturdy within reach"),
    ],
    "pelvic_floor_symptoms": [
        ("impact", "stop if you leak; gentle pelvic floor squeezes help before jumping"),
    ],
    "osteoporosis": [
        ("rotation", "twist gently and only as far as is comfortable"),
        ("impact", "moderate bouncing is good for bone; land softly"),
    ],
    "spinal_stenosis": [
        ("extension", "lean back only a little and stop if your legs ache or tingle"),
    ],
    "spondylolisthesis": [
        ("extension", "lean back only a little and stop if pain spreads"),
    ],
    "respiratory_condition": [
        ("breath_hold", "keep holds short and stop if you feel breathless"),
        ("impact", "keep your inhaler nearby and rest when you need to"),
    ],
    "wrist_problem": [
        ("kneeling", "lean on your fists or forearms if your wrists hurt"),
    ],
    "knee_or_ankle_problem": [
        ("impact", "keep the jumps low and land softly"),
        ("kneeling", "put a folded towel under your knees"),
    ],
}


def impact_ruled_out(profile: Profile) -> str | None:
    """Why jumping is off for this person right now (a flare or a condition), or None."""
    if profile.duration == "acute":
        return "your back pain is acute, so jumping waits until the pain settles"
    if profile.pain_now >= 7:
        return f"your pain is {profile.pain_now}/10 now, so jumping waits until it eases"
    for condition in ("osteoporosis_vertebral_fracture", "recent_spinal_surgery"):
        if condition in profile.conditions:
            return f"with {CONDITION_LABELS[condition].lower()}, no jumping"
    return None


def exclusion_reason(exercise: Exercise, profile: Profile) -> str | None:
    """The plain reason this exercise is left out for this person, or None if it may be planned."""
    tags = set(exercise.tags)
    for condition in exercise.contraindications:
        if condition in profile.conditions:
            return f"not safe with {CONDITION_LABELS[condition].lower()}"
    missing = [e for e in exercise.equipment if e not in profile.equipment]
    if missing:
        return "needs " + " and ".join(EQUIPMENT_LABELS[e].lower() for e in missing)
    if profile.aggravated_by in ("bending_forward", "both") and "flexion" in tags:
        return "it bends the spine forward, which you said makes your pain worse"
    if profile.aggravated_by in ("bending_back", "both") and "extension" in tags:
        return "it bends the spine backward, which you said makes your pain worse"
    if tags & {"impact", "high_impact"}:
        flare = impact_ruled_out(profile)
        if flare:
            return flare
    for condition in profile.conditions:
        for tag, reason in TAG_EXCLUSIONS.get(condition, []):
            if tag in tags:
                return f"{reason} ({CONDITION_LABELS[condition].lower()})"
    if "osteoporosis" in profile.conditions and "rotation" in tags and tags & _TWIST_TAGS:
        return "loaded or end-range twisting is not safe with osteoporosis"
    return None


def caution_notes(exercise: Exercise, profile: Profile) -> list[str]:
    """What to take care with when this person does this (allowed) exercise."""
    tags = set(exercise.tags)
    notes: list[str] = []
    covered: set[str] = set()
    for condition in profile.conditions:
        for tag, note in TAG_CAUTIONS.get(condition, []):
            if tag in tags and condition not in covered:
                # One specific note per condition is enough; the first matching rule wins.
                notes.append(f"{CONDITION_LABELS[condition]}: {note}.")
                covered.add(condition)
    for condition in exercise.cautions:
        if condition in profile.conditions and condition not in covered:
            notes.append(
                f"{CONDITION_LABELS[condition]}: move slowly, stay in a comfortable range and "
                "stop if your symptoms increase."
            )
    return notes
