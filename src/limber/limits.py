"""Limits a person meets in more than one place: defined here once, read everywhere.

Python code imports them; templates get them as the Jinja global ``limits`` (see
``limber.web.app``) and page scripts read them from data attributes the templates write, so
a limit is never retyped in a template or in JavaScript. This module imports nothing from
Limber, so any layer may use it. (The hold cap is the range of the ``extensor_hold`` measure
in ``services/measures.yaml``; ``page_limits`` hands it on with the others.)
"""

from typing import Any

# The 0-10 pain rating (numeric rating scale) used by check-ins, the profile and hurts.
PAIN_MIN = 0
PAIN_MAX = 10


def page_limits(hold_cap_s: int) -> dict[str, Any]:
    """The limits templates and page scripts need, by name (``limits.hold_cap_s`` ...)."""
    return {"pain_min": PAIN_MIN, "pain_max": PAIN_MAX, "hold_cap_s": hold_cap_s}
