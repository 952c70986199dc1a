"""The one safety gate: may this exercise (at this dose) be offered to this person now?

Every chooser calls :func:`judge` (or :func:`may_offer`): the planner's pools, the dose
progression's harder and easier versions, the rope ladder, the player's "this hurts" swap.
The answer comes from the rule base (``rulebook/*.yaml``) and the exercise's declared safety
properties, so a rule added there reaches every chooser at once. ``tests/safety`` fails if a
chooser in ``limber.plan`` picks an exercise without asking here.
"""

from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict

from limber.content.loader import Library
from limber.content.schema import BreathPhase, Dosage, Exercise
from limber.safety.facts import Person
from limber.safety.rulebase import Bounds, ExerciseMatch, Rule, When, rule_base
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS

BLOCKING = ("exclude", "substitute", "require_clearance")


class RuleHit(BaseModel):
    """One rule that applies to this person and exercise, with what it does and why."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    action: str
    reason: str
    source: str
    clearance: str | None = None


class Judgement(BaseModel):
    """The gate's answer for one exercise, person and day (frozen: answers are shared)."""

    model_config = ConfigDict(frozen=True)

    exercise_id: str
    allowed: bool
    # Why it may not be offered (the first blocking reason), or None.
    reason: str | None = None
    hits: tuple[RuleHit, ...] = ()
    # Position variants a ``substitute`` rule proposes (still to be judged themselves).
    substitutes: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    volume: float = 1.0
    breath_hold_max_s: float | None = None
    cadence_max: int | None = None


class Escalation(BaseModel):
    """Person-level advice from an escalate rule (a clinician review, or sooner)."""

    rule_id: str
    level: str
    reason: str
    source: str
    pause: bool


def _in(values: list[str] | None, value: str | None) -> bool:
    return values is None or (value is not None and value in values)


def _bounded(bounds: Bounds | None, value: float | None) -> bool:
    return bounds is None or bounds.holds(value)


def _person_matches(when: When, person: Person, paused: bool | None) -> bool:
    p, s = person.profile, person.status
    checks: tuple[Callable[[], bool], ...] = (
        lambda: when.conditions is None or bool(set(when.conditions) & set(p.conditions)),
        lambda: _bounded(when.pregnancy_week, person.pregnancy_week),
        lambda: _bounded(when.weeks_postpartum, person.weeks_postpartum),
        lambda: _bounded(when.weeks_since_surgery, person.weeks_since_surgery),
        lambda: (
            when.surgery_type is None
            or (
                person.weeks_since_surgery is not None
                # An operation of unknown type counts as every type (the safer reading).
                and (p.spinal_surgery_type is None or p.spinal_surgery_type in when.surgery_type)
            )
        ),
        lambda: _bounded(when.age, p.age),
        lambda: _bounded(when.pain_now, p.pain_now),
        lambda: _in(when.duration, p.duration),  # type: ignore[arg-type]
        lambda: _in(when.aggravated_by, p.aggravated_by),  # type: ignore[arg-type]
        lambda: _in(when.fitness, p.fitness),  # type: ignore[arg-type]
        lambda: _in(when.rope_experience, p.rope_experience),  # type: ignore[arg-type]
        lambda: (
            when.leg_pain_worse_than_back is None
            or when.leg_pain_worse_than_back == p.leg_pain_worse_than_back
        ),
        lambda: (
            when.hip_replacement_approach is None
            or (
                "hip_replacement" in p.conditions
                and (p.hip_replacement_approach or "unknown") in when.hip_replacement_approach
            )
        ),
        lambda: _in(when.state, s.state),  # type: ignore[arg-type]
        lambda: (
            when.readiness_yes is None
            or bool(
                s.readiness_yes
                and ("any" in when.readiness_yes or set(when.readiness_yes) & set(s.readiness_yes))
            )
        ),
        lambda: when.flare is None or when.flare == s.flare,
        lambda: _bounded(when.flare_days, s.flare_days),
        lambda: _bounded(when.flares_in_4_weeks, s.flares_in_4_weeks),
        lambda: _bounded(when.weeks_without_improvement, s.weeks_without_improvement),
        lambda: (
            when.pelvic_floor_symptoms_now is None
            or when.pelvic_floor_symptoms_now == s.pelvic_floor_symptoms_now
        ),
        lambda: when.paused is None or paused is None or when.paused == paused,
        lambda: _bounded(when.programme_week, person.programme_week),
    )
    return all(check() for check in checks)


def _applying(person: Person, paused: bool) -> list[Rule]:
    """The exercise rules whose ``when`` holds for this person today (memoised per person)."""
    key = ("rules", paused)
    cached: list[Rule] | None = person.memo.get(key)
    if cached is None:
        cached = [
            r
            for r in rule_base().rules
            if r.action != "escalate"
            and not _lifted(r, person)
            and _person_matches(r.when, person, paused)
        ]
        person.memo[key] = cached
    return cached


def _exercise_matches(match: ExerciseMatch, exercise: Exercise, person: Person) -> bool:
    props = exercise.safety
    conditions = set(person.profile.conditions)
    flags = {
        "supine": props.supine,
        "prone": props.prone,
        "head_below_heart": props.head_below_heart,
        "breath_hold": props.breath_hold,
        "hip_flexion_over_90": props.hip_flexion_over_90,
        "hip_crossing_or_inward": props.hip_crossing_or_inward,
        "pelvic_floor_training": props.pelvic_floor_training,
        "uses_rope": "rope" in exercise.equipment,
        "contraindicated": bool(conditions & set(exercise.contraindications)),
        "cautioned": bool(conditions & set(exercise.cautions)),
    }
    for name, value in flags.items():
        wanted = getattr(match, name)
        if wanted is not None and wanted != value:
            return False
    return (
        _in(match.pillar, exercise.pillar)  # type: ignore[arg-type]
        and _in(match.role, exercise.role)  # type: ignore[arg-type]
        and _in(match.impact, props.impact)  # type: ignore[arg-type]
        and _bounded(match.met, props.met)
        and _in(match.spinal_flexion, props.spinal_flexion)  # type: ignore[arg-type]
        and _in(match.spinal_extension, props.spinal_extension)  # type: ignore[arg-type]
        and _in(match.spinal_rotation, props.spinal_rotation)  # type: ignore[arg-type]
        and (match.tags is None or bool(set(match.tags) & set(exercise.tags)))
    )


def _lifted(rule: Rule, person: Person) -> bool:
    return rule.unless_cleared is not None and person.cleared(rule.unless_cleared)


def escalations(person: Person) -> list[Escalation]:
    """The person-level escalate rules that hold now (most urgent first)."""
    order = {"emergency": 0, "urgent": 1, "soon": 2, "review": 3}
    out = [
        Escalation(
            rule_id=r.id, level=r.level or "review", reason=r.reason, source=r.source, pause=r.pause
        )
        for r in rule_base().rules
        if r.action == "escalate"
        and not _lifted(r, person)
        and _person_matches(r.when, person, paused=None)
    ]
    return sorted(out, key=lambda e: order.get(e.level, 9))


def is_paused(person: Person) -> bool:
    """Whether an escalation pauses the programme until a clinician has reviewed it."""
    paused: bool | None = person.memo.get("paused")
    if paused is None:
        paused = any(e.pause for e in escalations(person))
        person.memo["paused"] = paused
    return paused


def _reason(rule: Rule, person: Person) -> str:
    named = [CONDITION_LABELS[c].lower() for c in (rule.when.conditions or [])]
    mine = [
        c for c in named if c in {CONDITION_LABELS[x].lower() for x in person.profile.conditions}
    ]
    return f"{rule.reason} ({mine[0]})" if mine else rule.reason


def judge(
    exercise: Exercise, person: Person, dose: Dosage | None = None, *, paused: bool | None = None
) -> Judgement:
    """Every rule that applies to this exercise for this person today, and the verdict.

    With a ``dose``, the dose itself is checked too: a breath hold longer than a ``modify``
    rule allows, or a cadence above its limit, is not allowed (adjust it first with
    :func:`adjust_dose`).
    """
    if paused is None:
        paused = is_paused(person)
    key = ("judge", exercise.id, id(exercise), paused, dose.model_dump_json() if dose else None)
    cached: Judgement | None = person.memo.get(key)
    if cached is None:
        cached = _judge(exercise, person, dose, paused)
        person.memo[key] = cached
    return cached


def _judge(exercise: Exercise, person: Person, dose: Dosage | None, paused: bool) -> Judgement:
    hits: list[RuleHit] = []
    substitutes: list[str] = []
    cautions: list[str] = []
    volume = 1.0
    hold_max: float | None = None
    cadence_max: int | None = None
    blocked: str | None = None
    missing = [e for e in exercise.equipment if e not in person.profile.equipment]
    if missing:
        blocked = "needs " + " and ".join(EQUIPMENT_LABELS[e].lower() for e in missing)
    for rule in _applying(person, paused):
        if not any(_exercise_matches(m, exercise, person) for m in rule.matches):
            continue
        if rule.action == "require_clearance" and rule.clearance and person.cleared(rule.clearance):
            continue
        reason = _reason(rule, person)
        hits.append(
            RuleHit(
                rule_id=rule.id,
                action=rule.action,
                reason=reason,
                source=rule.source,
                clearance=rule.clearance,
            )
        )
        if rule.action in BLOCKING:
            blocked = blocked or reason
            if rule.action == "substitute":
                substitutes.extend(v for v in exercise.variants if v not in substitutes)
        elif rule.action == "caution":
            if reason not in cautions:
                cautions.append(reason)
        elif rule.action == "modify" and rule.dose is not None:
            if rule.dose.volume is not None:
                volume = min(volume, rule.dose.volume)
            if rule.dose.breath_hold_max_s is not None:
                hold_max = min(hold_max or 99.0, rule.dose.breath_hold_max_s)
            if rule.dose.cadence_max is not None:
                cadence_max = min(cadence_max or 999, rule.dose.cadence_max)
    if blocked is None and dose is not None:
        blocked = _dose_problem(dose, hold_max, cadence_max)
    return Judgement(
        exercise_id=exercise.id,
        allowed=blocked is None,
        reason=blocked,
        hits=tuple(hits),
        substitutes=tuple(substitutes),
        cautions=tuple(cautions),
        volume=volume,
        breath_hold_max_s=hold_max,
        cadence_max=cadence_max,
    )


def _dose_problem(dose: Dosage, hold_max: float | None, cadence_max: int | None) -> str | None:
    if hold_max is not None:
        longest = max((p.seconds for p in dose.breath or [] if p.phase == "hold"), default=0.0)
        if longest > hold_max:
            return f"a breath hold of {longest:g} s is longer than the {hold_max:g} s allowed"
    if cadence_max is not None and (dose.cadence_per_min or 0) > cadence_max:
        return f"a pace of {dose.cadence_per_min}/min is above the {cadence_max}/min allowed"
    return None


def may_offer(exercise: Exercise, person: Person, dose: Dosage | None = None) -> bool:
    """Whether the exercise (at ``dose``) may be offered to this person today."""
    return judge(exercise, person, dose).allowed


def exclusion_reason(exercise: Exercise, person: Person) -> str | None:
    """The plain reason the exercise is not offered, or None when it may be."""
    return judge(exercise, person).reason


def caution_notes(exercise: Exercise, person: Person) -> list[str]:
    """What to take care with in this (allowed) exercise."""
    return list(judge(exercise, person).cautions)


def _scaled(value: float, factor: float, low: float) -> float:
    return max(low, round(value * factor))


def adjust_dose(exercise: Exercise, dose: Dosage, person: Person) -> Dosage:
    """The dose with every ``modify`` rule applied (volume, relaxed breath pauses, pace)."""
    j = judge(exercise, person)
    changes: dict[str, object] = {}
    if j.volume < 1:
        if dose.rounds:
            changes["rounds"] = int(_scaled(dose.rounds, j.volume, 1))
        elif dose.sets > 1:
            changes["sets"] = int(_scaled(dose.sets, j.volume, 1))
        elif dose.reps and dose.reps > 2:
            changes["reps"] = int(_scaled(dose.reps, j.volume, 2))
        elif dose.duration_s and not dose.breath:
            changes["duration_s"] = _scaled(dose.duration_s, j.volume, 10)
        elif dose.hold_s and dose.hold_s > 10:
            changes["hold_s"] = _scaled(dose.hold_s, j.volume, 10)
    if j.breath_hold_max_s is not None and dose.breath:
        changes["breath"] = _relaxed(dose.breath, j.breath_hold_max_s)
    if j.cadence_max is not None and (dose.cadence_per_min or 0) > j.cadence_max:
        changes["cadence_per_min"] = j.cadence_max
    if not changes:
        return dose
    data = {**dose.model_dump(), **changes}
    if "breath" in changes:
        data["breath"] = [p.model_dump() for p in changes["breath"]]  # type: ignore[attr-defined]
    return Dosage.model_validate(data)


def _relaxed(breath: list[BreathPhase], hold_max: float) -> list[BreathPhase]:
    out: list[BreathPhase] = []
    for phase in breath:
        if phase.phase != "hold" or phase.seconds <= hold_max:
            out.append(phase)
        elif hold_max > 0:
            out.append(
                phase.model_copy(
                    update={"seconds": hold_max, "cue": "A relaxed pause; do not hold hard."}
                )
            )
    return out or list(breath)


def first_allowed(ids: Iterable[str], library: Library, person: Person) -> str | None:
    """The first of ``ids`` the gate allows for this person (harder/easier, swaps)."""
    for exercise_id in ids:
        exercise = library.get(exercise_id)
        if exercise is not None and may_offer(exercise, person):
            return exercise_id
    return None


def allowed_alternative(
    exercise: Exercise, library: Library, person: Person, *, prefer: str = "easier"
) -> str | None:
    """What may stand in for ``exercise``: a variant a rule proposes, else an easier one.

    Candidates are the exercise's position variants, then its regressions; each must pass
    the gate itself, and a regression is only offered if it is no harder or more jarring.
    """
    j = judge(exercise, person)
    order = [*j.substitutes, *exercise.variants, *exercise.regressions]
    impacts = ("none", "low", "moderate", "high")
    for exercise_id in dict.fromkeys(order):
        candidate = library.get(exercise_id)
        if candidate is None or not may_offer(candidate, person):
            continue
        if prefer == "easier" and (
            candidate.difficulty > exercise.difficulty
            or impacts.index(candidate.safety.impact) > impacts.index(exercise.safety.impact)
        ):
            continue
        return exercise_id
    return None
