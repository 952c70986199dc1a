"""An independent safety oracle, written from the research notes, not from the rule base.

The gate (``limber.safety.gate`` + ``safety/rulebook/*.yaml``) is what the app runs. This
module restates ``../shared/research/clinical-rules.md`` (R1-R10) and ``clinical.md`` as
plain Python, from the text alone, so that a property test can compare the two: whatever
the planner, the progression, the easier/harder links or the "this hurts" swap offer must
never be something this oracle forbids. It only uses facts about exercises (their ``safety:``
properties, pillar and listed contraindications) and about the person (profile, safety
status, the day), never a rule id or an exercise id.

Where the text is ambiguous the safer reading is taken, and the comment says so; a
disagreement with the gate is then a question for the lead, not a reason to relax this.
"""

import datetime as dt
from collections.abc import Callable

from limber.content.schema import Dosage, Exercise
from limber.safety.facts import Person

# R1/R2 (WHO, ACSM): light is under 3 MET, vigorous is 6 MET or more.
LIGHT_MET = 3.0
VIGOROUS_MET = 6.0
# R3 "relaxed pauses only": a held breath longer than this is a hold, not a pause. The rule
# gives no number; 2 s is the brief's reading of "relaxed pause".
PAUSE_MAX_S = 2.0
# R5: "3 months" and "6 months" in days (a month read as its longest plausible length would
# be 31 days; 91 and 182 days are the usual 13 and 26 weeks, and never shorter than 3 / 6
# months of 30 days).
THREE_MONTHS_D = 91
SIX_MONTHS_D = 182
TWELVE_WEEKS_D = 84

Check = Callable[[Exercise, Person, Dosage, dt.date | None], str | None]


def _jumps(ex: Exercise) -> bool:
    """Rope jumping and rope-less bouncing: anything that leaves the ground.

    The "no rope" rules (R3-R10) are about impact load (pelvic floor, joints, bone, a healing
    spine). Turning a rope without jumping (impact none) carries none of it, and marching is
    the rules' own replacement, so "rope" is read as "impact above none".
    """
    return ex.safety.impact != "none"


def _hold_seconds(dose: Dosage) -> float:
    return max((p.seconds for p in dose.breath or [] if p.phase == "hold"), default=0.0)


def _weeks_on(person: Person, weeks: int | None) -> int | None:
    """Weeks given in the answers, counted on to the judgement day.

    ``as_of`` is the day the answers were given; without it the answers are read as given
    on the judgement day (nothing to add).
    """
    if weeks is None:
        return None
    since = person.profile.as_of or person.day
    return weeks + max(0, (person.day - since).days) // 7


def _not_cleared_for_exercise(person: Person) -> bool:
    # R1: any readiness "yes" without a recorded readiness clearance is "not cleared". The
    # state says so too ("light"); either is enough (safer than trusting one of the two).
    s = person.status
    return s.state == "light" or (bool(s.readiness_yes) and "readiness" not in s.clearances)


def _state(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    state = person.status.state
    if state == "emergency":
        return "emergency: an uncleared emergency sign offers no session at all (issue 11 #3)"
    if state == "stopped" and ex.pillar != "breathing":
        return "stopped: a red flag without a clinician's clearance leaves breathing only (§1)"
    return None


def _r1(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    if _not_cleared_for_exercise(person) and (ex.safety.met >= LIGHT_MET or _jumps(ex)):
        return f"R1: not cleared by the readiness questions: under 3 MET only ({ex.safety.met})"
    # The "over 45 and not used to vigorous effort: see a QEP" line is PAR-Q+ advice to see
    # someone, not one of the rules' exclusions; it is not enforced here.
    return None


def _r2(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    conditions = set(person.profile.conditions)
    disease = {"heart_condition", "metabolic_or_kidney_disease"} & conditions
    cleared = "readiness" in person.status.clearances
    if disease and not cleared and ex.safety.met >= VIGOROUS_MET:
        return f"R2: {', '.join(sorted(disease))} without clearance: no vigorous work (>= 6 MET)"
    # "Inactive users do 2 weeks of light-to-moderate sessions first." Read for every
    # inactive user (fitness low), not only those with a disease: the safer reading.
    if (
        person.profile.fitness == "low"
        and start is not None
        and (person.day - start).days < 14
        and ex.safety.met >= VIGOROUS_MET
    ):
        return "R2: inactive (fitness low): two weeks of light-to-moderate work before vigorous"
    return None


def _r3(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    p = person.profile
    if "pregnancy" in p.conditions:
        # An unknown week is read as late pregnancy (28+), the most restrictive stage.
        week = _weeks_on(person, p.pregnancy_week)
        week = 28 if week is None else week
        if _jumps(ex) and p.rope_experience == "none":
            return "R3: pregnancy: never start rope (or bouncing) as a novice"
        if _jumps(ex) and week >= 28:
            return f"R3: pregnancy week {week}: marching instead of impact from 28 weeks"
        if ex.safety.supine and week >= 20:
            return f"R3: pregnancy week {week}: no lying on the back from 20 weeks"
        # "No prone press-up" sits in the 20-week sentence; lying on the belly is read as
        # unsuitable throughout pregnancy (safer).
        if ex.safety.prone:
            return "R3: pregnancy: no lying face down"
        hold = _hold_seconds(dose)
        if (ex.safety.breath_hold or hold) and hold > PAUSE_MAX_S:
            return f"R3: pregnancy: relaxed breath pauses only (hold of {hold:g} s)"
    if "postpartum" in p.conditions:
        weeks = _weeks_on(person, p.weeks_postpartum)
        weeks = 0 if weeks is None else weeks  # unknown: read as just after the birth
        if _jumps(ex) and weeks < 12:
            return f"R3: {weeks} weeks after a birth: no impact before 12 weeks"
    return None


def _r4(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    if not _jumps(ex):
        return None
    if person.status.pelvic_floor_symptoms_now:
        return "R4: pelvic-floor symptoms reported now: no rope"
    # The rule names no clearance; Limber records one (a pelvic-health physiotherapist who
    # says jumping may go on), and the physio is who the rule sends the person to, so their
    # recorded OK lifts the profile's condition, never symptoms reported now.
    conditions, cleared = person.profile.conditions, person.status.clearances
    if "pelvic_floor_symptoms" in conditions and "pelvic_health" not in cleared:
        return "R4: pelvic-floor symptoms: no rope until a pelvic-health physio agrees"
    return None


def _r5(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    p = person.profile
    if "recent_spinal_surgery" not in p.conditions:
        return None
    when = p.spinal_surgery_date
    days = 0 if when is None else max(0, (person.day - when).days)  # unknown: just operated
    surgeon = "surgeon" in person.status.clearances
    if days < TWELVE_WEEKS_D and not surgeon and ex.pillar != "breathing":
        return f"R5: {days // 7} weeks after spinal surgery: nothing but breathing without a plan"
    # No bending, lifting or twisting early: 6 weeks after a discectomy (the classic advice,
    # not the 2 weeks of the trial), about 3 months after a fusion; laminectomy and other
    # operations are unverified, so they get the longer window.
    early = 42 if p.spinal_surgery_type == "discectomy" else THREE_MONTHS_D
    bends = ex.safety.spinal_flexion != "none" or ex.safety.spinal_rotation != "none"
    if days < early and bends:
        return f"R5: {days // 7} weeks after spinal surgery: no bending or twisting yet"
    if _jumps(ex):
        short = p.spinal_surgery_type in ("discectomy", "laminectomy")
        wait = THREE_MONTHS_D if short else SIX_MONTHS_D  # fusion, other, unknown: 6 months
        if not surgeon:
            return "R5: rope after spinal surgery only with the surgeon's OK"
        if days < wait:
            return f"R5: {days // 7} weeks after spinal surgery: no rope yet"
    return None


def _r6_r7(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    if _jumps(ex) and person.profile.leg_pain_worse_than_back:
        return "R6: leg pain worse than back pain: no rope"
    s = person.status
    if _jumps(ex) and s.flare:
        return "R7: a flare: rope paused until the baseline holds"
    # A flare lasting two weeks or three flares in four weeks: clinician review; the issue
    # says the programme pauses. Read as the red-flag pause (breathing only), not an empty
    # page: a pause for review is no worse than a red flag.
    long_or_often = (s.flare and s.flare_days >= 14) or s.flares_in_4_weeks >= 3
    if long_or_often and "review" not in s.clearances and ex.pillar != "breathing":
        return "R7: a long flare or repeated flares: paused until a clinician review"
    return None


def _r8(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    p = person.profile
    # The condition is "a knee or ankle problem" (the form adds "that hurts when you jump");
    # swelling or giving way means no impact, and the safer reading applies it to all.
    if _jumps(ex) and "knee_or_ankle_problem" in p.conditions:
        return "R8: a knee or ankle problem: no impact"
    # The precautions are for the posterior approach; an unknown approach counts as it.
    posterior = p.hip_replacement_approach in (None, "posterior", "unknown")
    if (
        "hip_replacement" in p.conditions
        and posterior
        and "surgeon" not in person.status.clearances
    ):
        sp = ex.safety
        if sp.hip_flexion_over_90 or sp.hip_crossing_or_inward:
            return "R8: hip replacement: no hip bending past 90 degrees or leg crossing"
        if sp.spinal_rotation != "none":
            return "R8: hip replacement: no twists until the surgeon clears them"
    return None


def _r9(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    conditions = set(person.profile.conditions)
    sp = ex.safety
    fracture = "osteoporosis_vertebral_fracture" in conditions
    if fracture or "osteoporosis" in conditions:
        if sp.spinal_flexion != "none":
            return "R9: osteoporosis: no spinal flexion (hinge at the hips instead)"
        if sp.spinal_rotation == "end":
            return "R9: osteoporosis: no end-range twists (clinical.md §8)"
        if fracture and _jumps(ex):
            return "R9: vertebral fracture: impact no more than brisk walking"
        # "No fracture: low-bounce rope": moderate and high impact are out.
        if sp.impact in ("moderate", "high"):
            return f"R9: osteoporosis: low-bounce rope only (impact {sp.impact})"
    if "acute_disc_herniation" in conditions:
        # clinical.md §8 puts acute disc herniation with osteoporosis for flexion-biased
        # exercise; the physiotherapist counts rope in session 1 as wrong for it.
        if sp.spinal_flexion != "none":
            return "§8: acute disc herniation: no flexion-biased exercise"
        if _jumps(ex):
            return "§6: acute disc herniation: hold impact"
    return None


def _r10(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    p = person.profile
    conditions = set(p.conditions)
    head_risk = {"glaucoma", "high_blood_pressure"} & conditions
    # Stored blood pressure is not known to be controlled: read as uncontrolled.
    if head_risk and ex.safety.head_below_heart:
        return f"R10: {', '.join(sorted(head_risk))}: upright versions only (head below heart)"
    hold = _hold_seconds(dose)
    if "high_blood_pressure" in conditions and hold > PAUSE_MAX_S:
        # "No straining holds": a held breath longer than a relaxed pause counts (safer).
        return f"R10: high blood pressure: no breath holds ({hold:g} s)"
    if _jumps(ex) and p.age is not None and p.age >= 75:
        return f"R10: age {p.age}: marching instead of rope"
    if _jumps(ex) and "recent_fall" in conditions:
        return "R10: a recent fall: marching instead of rope"
    return None


def _library(ex: Exercise, person: Person, dose: Dosage, start: dt.date | None) -> str | None:
    listed = sorted(set(ex.contraindications) & set(person.profile.conditions))
    if listed:
        return f"library: contraindicated with {', '.join(listed)}"
    return None


CHECKS: tuple[Check, ...] = (_state, _r1, _r2, _r3, _r4, _r5, _r6_r7, _r8, _r9, _r10, _library)


def reasons(
    exercise: Exercise,
    person: Person,
    dose: Dosage | None = None,
    *,
    programme_start: dt.date | None = None,
) -> list[str]:
    """Every clinical reason the exercise (at ``dose``) must not be offered on ``person.day``.

    ``dose`` defaults to the library's own; ``programme_start`` is the first day of the
    programme, which the "two light weeks first" rule counts from (skipped when unknown).
    """
    given = dose or exercise.dosage
    found = (check(exercise, person, given, programme_start) for check in CHECKS)
    return [r for r in found if r]


def forbidden(
    exercise: Exercise,
    person: Person,
    dose: Dosage | None = None,
    *,
    programme_start: dt.date | None = None,
) -> str | None:
    """The first clinical reason the exercise must never be offered, or None when it may."""
    found = reasons(exercise, person, dose, programme_start=programme_start)
    return found[0] if found else None
