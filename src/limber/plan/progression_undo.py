"""Taking back a step up when a "worse next morning" shows it was too much.

The issue 11 rule "a late 'worse' undoes the step it followed": a session done at the load of
a step up tested that step; when its next-morning answer is "worse" (even if it is given
after a later session), the state goes back to the snapshot kept with that step, and nothing
after it is re-applied. The snapshot is taken from the history, so it works whatever came in
between, and a step is taken back only once.

Design choice: if the load was already brought down after that step (a red check-in, a
flare), the snapshot is *not* restored, because restoring it would also undo that later
reduction and could raise the load; the caller steps down from the current state instead.
"""

from limber.plan.models import PlannedSession
from limber.plan.progression_state import (
    SNAPSHOT_FIELDS,
    Change,
    HistoryEntry,
    ProgressionState,
)


def is_step_up(entry: HistoryEntry) -> bool:
    """A decision that raised the load and has not been taken back yet."""
    if entry.undone or not entry.changes:
        return False
    if entry.kind is None:
        # States stored before decisions had kinds: a green check-in stepped up at once.
        return entry.source == "checkin" and entry.verdict == "green"
    return entry.kind == "progress"


def is_step_down(entry: HistoryEntry) -> bool:
    """A decision that lowered the load."""
    if not entry.changes:
        return False
    if entry.kind is None:
        return entry.verdict == "red"
    return entry.kind in ("regress", "flare", "pause")


def checkin_index(state: ProgressionState, session: PlannedSession) -> int | None:
    """Where the newest check-in of ``session`` sits in the history (None: it has none)."""
    for i in range(len(state.history) - 1, -1, -1):
        entry = state.history[i]
        if entry.source == "checkin" and (entry.session_date, entry.session_number) == (
            session.date,
            session.number,
        ):
            return i
    return None


def undo_step(
    state: ProgressionState, session: PlannedSession, reason: str
) -> tuple[list[Change], bool]:
    """Take back the step up ``session`` was done on, and every step up after it.

    The step a session "followed" is the last change before its check-in, when that change
    was a step up: the session tested that load, and a "worse" morning says it was too much,
    so going back to the snapshot from before it is the reduction. A step up made *after*
    the check-in (states stored before this rule, where a green check-in stepped up at once)
    is taken back too; then the session's own load was too much, so the caller also steps
    down from it. Returns the change to show and whether the caller must still step down.
    """
    idx = checkin_index(state, session)
    end = idx if idx is not None else len(state.history)
    prior = next((i for i in range(end - 1, -1, -1) if state.history[i].changes), None)
    followed = prior if prior is not None and is_step_up(state.history[prior]) else None
    after = [i for i in range(end, len(state.history)) if is_step_up(state.history[i])]
    first = followed if followed is not None else (after[0] if after else None)
    if first is None:
        return [], True
    step = state.history[first]
    if step.before is None or any(is_step_down(e) for e in state.history[first + 1 :]):
        return [], True
    restored = ProgressionState.model_validate(step.before)
    for name in SNAPSHOT_FIELDS:
        setattr(state, name, getattr(restored, name))
    ups = [i for i in range(first, len(state.history)) if is_step_up(state.history[i])]
    for i in ups:
        state.history[i].undone = True
    count = sum(len(state.history[i].changes) for i in ups)
    when = f" on {step.day:%d %b}" if step.day else ""
    if followed is not None:
        why = (
            f"The session of {session.date:%d %b} was done at the load of the step up "
            f"made{when}, so that step is taken back"
        )
    else:
        why = (
            f"The step up made{when} after the session of {session.date:%d %b} came before "
            "its next-morning answer was known, so it is taken back"
        )
    more = f", with the {len(ups) - 1} step(s) up after it" if len(ups) > 1 else ""
    return [
        Change(
            exercise_id=None,
            what="step up taken back",
            before=f"{count} change(s) made{when}",
            after="back to the load from before that step",
            reason=f"{reason} {why}{more}; nothing after it is re-applied.",
        )
    ], followed is None
