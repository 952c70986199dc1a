"""Profile + library (+ progression state) -> a programme of dated, timed, explained sessions.

Every session fuses the three practices in one order: opening breathing, mobility (founding
routine first), strength and motor control, jump rope, closing breathing. Blocks get a share
of the time budget; the closing breathing absorbs what is left, so a session lands within a
few seconds of the budget (always within ±10 %). Durations come from the timeline's own
function, so the player counts exactly the minutes promised here.

Safety: every exercise, dose, harder and easier version passes the one gate
(:mod:`limber.safety.gate`) for the person *on the session's date* (a pregnancy moves on
week by week; the early weeks after an operation end). A red flag plans breathing only, an
emergency sign plans nothing, and a readiness "yes" without clearance plans light work only;
all of that is in the rule base, not here.
"""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from limber.content.loader import Library
from limber.content.schema import Dosage, Exercise
from limber.plan import why
from limber.plan.dosing import MAX_LEVEL, MIN_LEVEL, apply_level, planned, seconds, shrink_to
from limber.plan.dosing import with_changes as change
from limber.plan.models import Block, PlannedExercise, PlannedSession, Programme
from limber.plan.progression import ProgressionState
from limber.plan.rope import IntervalStage, interval_stages, skill_ladder
from limber.plan.rope_block import rope_block
from limber.plan.selection import Pick, breathing_pool, mobility_picks, strength_picks
from limber.plan.shape import emergency_notes, programme_notes
from limber.plan.steps import BLOCK_TITLES, PREPARE_S, breath_cycle_s
from limber.profile import Profile
from limber.safety.facts import Person, SafetyStatus
from limber.safety.gate import adjust_dose, allowed_alternative, first_allowed, is_paused, judge

MIN_CLOSING_S = 30.0
MAX_BREATHING_PRACTICE_S = 20 * 60.0
MAX_EXTRA_SETS = 3
MAX_OPENING_S = 5 * 60.0
OLDER_ADULT_AGE = 65
OLDER_ADULT_HOLD_S = 30.0
# Holds shorter than this are pauses in a dynamic movement, not static stretches.
MIN_STRETCH_HOLD_S = 10.0


@dataclass
class Context:
    """Everything fixed across the sessions of one programme."""

    profile: Profile
    library: Library
    state: ProgressionState | None
    ladder: list[Exercise] = field(default_factory=list)
    stages: list[IntervalStage] = field(default_factory=list)
    # The person as the gate sees them on the session being planned (moved per session).
    person: Person = field(default_factory=lambda: Person(profile=Profile()))

    def start_level(self) -> int:
        """Doses start one step lower for low fitness or high pain, one higher for high fitness."""
        level = {"low": -1, "moderate": 0, "high": 1}[self.profile.fitness]
        if self.profile.duration == "acute" or self.profile.pain_now >= 5:
            level -= 1
        return max(MIN_LEVEL, min(MAX_LEVEL, level))

    def level(self, exercise_id: str) -> int:
        stored = self.state.levels.get(exercise_id) if self.state else None
        return self.start_level() + (stored or 0)


def _dose_for(ctx: Context, pick: Pick, light: bool, strength_block: bool) -> PlannedExercise:
    ex = pick.exercise
    dose = apply_level(ex.dosage, ctx.level(ex.id))
    if (ctx.profile.age or 0) >= OLDER_ADULT_AGE and not strength_block:
        dose = _older_adult_hold(dose)
    if light and strength_block and dose.sets > 1:
        dose = change(dose, sets=dose.sets - 1)
    dose = adjust_dose(ex, dose, ctx.person)
    if strength_block:
        text = why.strength(ex, ctx.person, pick.origin if pick.swapped else None, pick.harder)
    else:
        text = why.mobility(ex, ctx.person)
    pe = planned(ex, dose, text, list(judge(ex, ctx.person).cautions))
    pe.harder = first_allowed(ex.progressions, ctx.library, ctx.person)
    pe.easier = allowed_alternative(ex, ctx.library, ctx.person)
    return pe


def _older_adult_hold(dose: Dosage) -> Dosage:
    """ACSM: older adults hold static stretches 30-60 s, so short holds are lengthened."""
    if not dose.hold_s or not MIN_STRETCH_HOLD_S <= dose.hold_s < OLDER_ADULT_HOLD_S:
        return dose
    extra = OLDER_ADULT_HOLD_S - dose.hold_s
    rep_s = min(60.0, dose.rep_s + extra) if dose.rep_s else None
    return change(dose, hold_s=OLDER_ADULT_HOLD_S, rep_s=rep_s)


def _fill(
    ctx: Context, picks: list[Pick], share: float, light: bool, strength_block: bool
) -> list[PlannedExercise]:
    """Add exercises in order while they fit the share; then add sets if time is left."""
    out: list[PlannedExercise] = []
    used = 0.0
    for pick in picks:
        pe = _dose_for(ctx, pick, light, strength_block)
        if not judge(pick.exercise, ctx.person, pe.dose).allowed:
            continue
        secs = pe.minutes * 60
        if not out:
            if secs > share:
                smaller = shrink_to(pick.exercise, pe.dose, share)
                pe = pe.model_copy(
                    update={"dose": smaller, "minutes": seconds(pick.exercise, smaller) / 60}
                )
            out.append(pe)
            used += pe.minutes * 60
        elif used + secs <= share * 1.05:
            out.append(pe)
            used += secs
        if used >= share * 0.9:
            break
    grew = not light
    while grew and used < share * 0.85:
        grew = False
        for i, pe in enumerate(out):
            if pe.dose.breath or pe.dose.work_s or pe.dose.sets >= MAX_EXTRA_SETS:
                continue
            bigger = change(pe.dose, sets=pe.dose.sets + 1)
            extra = seconds(ctx.library[pe.id], bigger) - pe.minutes * 60
            if used + extra <= share * 1.05:
                out[i] = pe.model_copy(
                    update={"dose": bigger, "minutes": (pe.minutes * 60 + extra) / 60}
                )
                used += extra
                grew = True
    return out


def _breathing(ctx: Context, exercise: Exercise, target_s: float, where: str) -> PlannedExercise:
    cycle = breath_cycle_s(adjust_dose(exercise, exercise.dosage, ctx.person))
    cycles = max(2, round((target_s - PREPARE_S) / cycle))
    dose = change(exercise.dosage, duration_s=min(3600.0, cycles * cycle), reps=None)
    dose = adjust_dose(exercise, dose, ctx.person)
    return planned(
        exercise,
        dose,
        why.breathing(exercise, ctx.profile, where),
        list(judge(exercise, ctx.person).cautions),
    )


def _closing(ctx: Context, pool: list[Exercise], index: int, target_s: float, where: str) -> Block:
    """The closing breathing block, filling ``target_s`` (split when very long)."""
    if not pool:
        return Block(
            kind="closing_breathing",
            title=BLOCK_TITLES["closing_breathing"],
            exercises=[],
            substitution="No breathing practice in the library is suitable for you.",
        )
    rotated = pool[index % len(pool) :] + pool[: index % len(pool)]
    if len(rotated) > 1 and where != "only":
        rotated = rotated[1:] + rotated[:1] if rotated[0] == pool[0] else rotated
    parts = max(1, min(len(rotated), math.ceil(target_s / MAX_BREATHING_PRACTICE_S)))
    exercises = []
    left = target_s
    for i in range(parts):
        share = left if i == parts - 1 else target_s / parts
        pe = _breathing(ctx, rotated[i], share, where)
        exercises.append(pe)
        left -= pe.minutes * 60
    return Block(
        kind="closing_breathing", title=BLOCK_TITLES["closing_breathing"], exercises=exercises
    )


def _empty_reason(ctx: Context, role: str) -> str:
    """Why a block is empty, in the words of the rule that blocks most of its exercises."""
    reasons = [judge(e, ctx.person).reason for e in ctx.library if e.role == role]
    counted = Counter(r for r in reasons if r)
    if not counted:
        return f"No {role} exercise in the library is safe for you right now."
    top = counted.most_common(1)[0][0]
    return f"No {role} exercise is planned for now: {top}."


def _total(blocks: list[Block]) -> float:
    return sum(pe.minutes * 60 for b in blocks for pe in b.exercises)


def _assembled(
    date: dt.date, week: int, number: int, blocks: list[Block], *, light_week: bool
) -> PlannedSession:
    """A session of ``blocks``: its minutes are summed from them, so the two cannot differ."""
    return PlannedSession(
        date=date,
        week=week,
        number=number,
        minutes=round(_total(blocks) / 60, 2),
        light_week=light_week,
        blocks=blocks,
    )


def _trim(ctx: Context, blocks: list[Block], budget: float) -> None:
    """Remove or shorten the least essential items until the closing breathing has room."""
    while _total(blocks) > budget - MIN_CLOSING_S - PREPARE_S:
        by_kind = {b.kind: b for b in blocks}
        rope = by_kind.get("rope")
        if rope and rope.exercises and (rope.exercises[0].dose.rounds or 1) > 1:
            pe = rope.exercises[0]
            fewer = change(pe.dose, rounds=(pe.dose.rounds or 1) - 1)
            rope.exercises[0] = pe.model_copy(
                update={"dose": fewer, "minutes": seconds(ctx.library[pe.id], fewer) / 60}
            )
            continue
        longest = max(
            (by_kind[k] for k in ("mobility", "strength") if k in by_kind),
            key=lambda b: sum(pe.minutes for pe in b.exercises),
        )
        if len(longest.exercises) > 1:
            longest.exercises.pop()
            continue
        if not longest.exercises:
            return
        pe = longest.exercises[0]
        target = pe.minutes * 60 - (_total(blocks) - (budget - MIN_CLOSING_S - PREPARE_S))
        smaller = shrink_to(ctx.library[pe.id], pe.dose, max(PREPARE_S, target))
        if smaller == pe.dose:
            return
        longest.exercises[0] = pe.model_copy(
            update={"dose": smaller, "minutes": seconds(ctx.library[pe.id], smaller) / 60}
        )


def _session(ctx: Context, date: dt.date, week: int, number: int) -> PlannedSession:
    profile = ctx.profile
    person = ctx.person
    budget = profile.minutes_per_session * 60.0
    light = week % 4 == 0
    index = number - 1
    breaths = breathing_pool(person, ctx.library)
    opening_s = min(MAX_OPENING_S, max(60.0, 0.10 * budget))
    opening = Block(
        kind="opening_breathing",
        title=BLOCK_TITLES["opening_breathing"],
        exercises=[_breathing(ctx, breaths[0], opening_s, "opening")] if breaths else [],
    )
    rope = rope_block(
        person,
        ctx.library,
        ctx.state,
        ctx.ladder,
        ctx.stages,
        light=light,
        share=(0.15 if light else 0.25) * budget,
    )
    has_rope = bool(rope.exercises)
    mobility_share = (0.30 if has_rope else 0.40) * budget
    strength_share = (0.25 if has_rope else 0.35) * budget * (0.6 if light else 1.0)
    mobility = Block(
        kind="mobility",
        title=BLOCK_TITLES["mobility"],
        exercises=_fill(
            ctx,
            mobility_picks(person, ctx.library, ctx.state, index),
            mobility_share,
            light,
            False,
        ),
    )
    strength = Block(
        kind="strength",
        title=BLOCK_TITLES["strength"] + (" (lighter week)" if light else ""),
        exercises=_fill(
            ctx, strength_picks(person, ctx.library, ctx.state, index), strength_share, light, True
        ),
    )
    for block, what in ((mobility, "mobility"), (strength, "strength")):
        if not block.exercises:
            block.substitution = _empty_reason(ctx, what)
    blocks = [opening, mobility, strength, rope]
    _trim(ctx, blocks, budget)
    closing = _closing(ctx, breaths, index, budget - _total(blocks), "closing")
    blocks.append(closing)
    return _assembled(date, week, number, blocks, light_week=light)


def _breathing_session(ctx: Context, date: dt.date, week: int, number: int) -> PlannedSession:
    budget = ctx.profile.minutes_per_session * 60.0
    breaths = breathing_pool(ctx.person, ctx.library)
    opening = Block(
        kind="opening_breathing",
        title=BLOCK_TITLES["opening_breathing"],
        exercises=[_breathing(ctx, breaths[0], 0.4 * budget, "only")] if breaths else [],
        substitution=_breathing_only_reason(ctx.person),
    )
    closing = _closing(ctx, breaths, number, budget - _total([opening]), "only")
    return _assembled(date, week, number, [opening, closing], light_week=False)


def _breathing_only_reason(person: Person) -> str:
    if person.status.state == "stopped":
        return "Only breathing is planned until a clinician has checked your warning sign."
    if is_paused(person):
        return "Only breathing is planned until a clinician has reviewed your programme."
    return "Only breathing is planned for now."


def session_dates(profile: Profile, start: dt.date, weeks: int) -> list[dt.date]:
    """The training days: the profile's weekdays, from ``start`` for ``weeks`` weeks."""
    days = (start + dt.timedelta(days=i) for i in range(weeks * 7))
    return [d for d in days if d.weekday() in profile.weekdays]


def generate_programme(
    profile: Profile,
    library: Library,
    *,
    start: dt.date,
    weeks: int = 8,
    state: ProgressionState | None = None,
    breathing_only: bool = False,
    status: SafetyStatus | None = None,
) -> Programme:
    """Plan ``weeks`` weeks of sessions for this person; never plans what the gate refuses.

    ``status`` is the person's safety state (red flag, readiness, clearances, flare) as the
    track layer computed it; without it the person is taken as screened and clear.
    """
    if weeks < 1:
        raise ValueError(f"a programme needs at least one week, got {weeks}")
    if status is None:
        # Callers without a stored status ask for breathing only after a red flag.
        status = SafetyStatus(state="stopped") if breathing_only else SafetyStatus()
    base = Person(profile=profile, status=status, day=start, programme_start=start)
    ctx = Context(
        profile, library, state, skill_ladder(library), interval_stages(library), person=base
    )
    if base.status.state == "emergency":
        return Programme(
            start=start,
            weeks=weeks,
            sessions=[],
            notes=emergency_notes(),
            breathing_only=True,
        )
    breathing_only = breathing_only or base.status.state == "stopped" or is_paused(base)
    sessions = []
    for number, date in enumerate(session_dates(profile, start, weeks), start=1):
        week = (date - start).days // 7 + 1
        ctx.person = base.on(date)
        make = _breathing_session if breathing_only else _session
        sessions.append(make(ctx, date, week, number))
    ctx.person = base
    return Programme(
        start=start,
        weeks=weeks,
        sessions=sessions,
        notes=programme_notes(base, library, ctx.state, sessions, weeks, breathing_only),
        breathing_only=breathing_only,
    )
