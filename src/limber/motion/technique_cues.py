"""Plain-language corrections from a joint name and the sign of its error.

The form checker knows only numbers: "``knee_right`` is 25 degrees more bent than the pose
wants". A person mid-stretch needs words they can act on without looking at a screen, so each
joint of the pose spec gets a phrase for each direction of error, in the spec's own
conventions (see :mod:`limber.content.schema`). ``error`` is always ``measured - target``.

The trunk is the one joint whose words depend on the posture: "more forward" means "lift
your chest" when standing, "raise your chest" when folded or face down, and "lift your
hips" in a bridge, so the target angle picks the phrasing.

Example: ``cue("knee_right", error=25.0, target=0.0, view="side")`` is
``"Straighten your right knee"``.
"""

from __future__ import annotations

from limber.content.skeleton import View


def cue(joint: str, *, error: float, target: float, view: View, trunk: float = 0.0) -> str:
    """The correction for one joint that is ``error`` degrees off its ``target``.

    ``trunk`` is the key pose's trunk angle, which says how "more hip bend" looks: a leg
    dropping on hands and knees, hips sagging in a bridge.
    """
    base, _, side = joint.partition("_")
    more = error > 0
    if base == "knee":
        return f"Straighten your {side} knee" if more else f"Bend your {side} knee more"
    if base == "elbow":
        return f"Straighten your {side} arm" if more else f"Bend your {side} elbow more"
    if base == "neck":
        if view == "front":
            return "Lift your chin" if more else "Tuck your chin a little"
        return "Lift your chin" if more else "Lower your chin"
    if base == "rotation":  # + turns the shoulders (and nose) toward the left
        return _toward("Turn", "left", "right", more, target)
    if view == "front":
        return _front(base, side, more, target)
    if base == "trunk":
        return _side_trunk(more, target)
    if base == "hip":
        if 60.0 <= trunk <= 120.0 and target < 45.0:  # a leg reaching back, face down
            return f"Lift your {side} leg higher" if more else f"Lower your {side} leg a little"
        if trunk < -100.0 and target < 30.0:  # a bridge: the hips sag as the hip bends
            return "Lift your hips higher" if more else "Lower your hips a little"
        if more:
            return f"Open your {side} hip: thigh further back"
        return f"Bend more at your {side} hip: thigh further forward"
    if base == "shoulder":
        if more:
            return f"Lower your {side} arm" if target >= 0 else f"Take your {side} arm further back"
        return f"Raise your {side} arm higher" if target >= 0 else f"Bring your {side} arm forward"
    return f"Adjust your {joint.replace('_', ' ')}"


def _side_trunk(more: bool, target: float) -> str:
    """``more``: the trunk is tipped further forward (or less far back) than the target."""
    if -45.0 <= target <= 45.0:  # upright: standing, sitting, kneeling
        if more:
            return "Lean back further" if target < -2.0 else "Lift your chest: lean forward less"
        return "Lean forward more" if target > 2.0 else "Lift your chest: lean back less"
    if target > 45.0:  # tipped forward: folded, on hands and knees, face down
        return "Raise your chest a little" if more else "Lower your chest"
    # Lying on the back: the pelvis-to-neck line tips down as the hips rise.
    if target < -90.0:
        return "Lift your hips higher" if more else "Lower your hips a little"
    return "Lower your shoulders a little" if more else "Lift your head and shoulders a little"


def _front(base: str, side: str, more: bool, target: float) -> str:
    """Front view: the trunk leans sideways, hips and shoulders abduct."""
    if base == "trunk":  # + leans toward the figure's right
        return _toward("Lean", "right", "left", more, target)
    if base == "hip":
        return f"Bring your {side} leg in" if more else f"Open your {side} leg further"
    if base == "shoulder":
        return f"Lower your {side} arm" if more else f"Raise your {side} arm further out"
    return f"Adjust your {base} {side}".strip()


def _toward(verb: str, plus: str, minus: str, more: bool, target: float) -> str:
    """Words for a signed sideways angle: ``more`` is too far toward ``plus``."""
    if more:
        return f"{verb} further to your {minus}" if target < -2.0 else f"{verb} less to your {plus}"
    return f"{verb} further to your {plus}" if target > 2.0 else f"{verb} less to your {minus}"
