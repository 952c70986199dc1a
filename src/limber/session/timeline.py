"""Turn a planned session into its timeline of timed, spoken steps.

The steps and their lengths come from :func:`limber.plan.steps.drafts`, the same expansion
the planner sizes sessions with (:func:`limber.plan.steps.duration_s_of`); this module only
numbers them, places them on the clock and rings the bells, so the minutes the planner
promises and the seconds the player counts cannot drift apart.
"""

from limber.content.loader import Library
from limber.plan.models import PlannedSession
from limber.plan.steps import BLOCK_TITLES, drafts
from limber.session.models import Step, Timeline


def build_timeline(session: PlannedSession, library: Library) -> Timeline:
    """The session as contiguous timed steps; a bell rings at block and interval changes."""
    steps: list[Step] = []
    clock = 0.0
    for block in session.blocks:
        first_in_block = True
        for pe in block.exercises:
            for draft in drafts(pe, library.get(pe.id)):
                steps.append(
                    Step(
                        index=len(steps),
                        kind=draft.kind,
                        start_s=clock,
                        duration_s=draft.duration_s,
                        title=draft.title,
                        cue=draft.cue.strip(),
                        block=block.kind,
                        exercise_id=pe.id,
                        side=draft.side,
                        set_number=draft.set_number,
                        rep_number=draft.rep_number,
                        breath_phase=draft.breath_phase,
                        cadence_per_min=draft.cadence_per_min,
                        bell=draft.bell or first_in_block,
                    )
                )
                if first_in_block:
                    title = block.title or BLOCK_TITLES.get(block.kind, block.kind)
                    steps[-1].cue = f"{title}. {steps[-1].cue}"
                first_in_block = False
                clock += draft.duration_s
    return Timeline(steps=steps, total_s=clock)
