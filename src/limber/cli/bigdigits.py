"""Large block digits for the coach's countdown, readable from across the room.

A five-row font for the characters a countdown needs (``0-9`` and ``:``), so the coach needs
no figlet dependency.
"""

_FONT: dict[str, tuple[str, ...]] = {
    "0": ("█████", "█   █", "█   █", "█   █", "█████"),
    "1": ("  █  ", " ██  ", "  █  ", "  █  ", " ███ "),
    "2": ("█████", "    █", "█████", "█    ", "█████"),
    "3": ("█████", "    █", " ████", "    █", "█████"),
    "4": ("█   █", "█   █", "█████", "    █", "    █"),
    "5": ("█████", "█    ", "█████", "    █", "█████"),
    "6": ("█████", "█    ", "█████", "█   █", "█████"),
    "7": ("█████", "    █", "   █ ", "  █  ", "  █  "),
    "8": ("█████", "█   █", "█████", "█   █", "█████"),
    "9": ("█████", "█   █", "█████", "    █", "█████"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
}
ROWS = 5


def render(text: str) -> str:
    """``text`` (digits and colons) as five lines of block characters.

    Example: ``render("0:30")`` gives the five rows of a large "0:30".
    """
    unknown = sorted({c for c in text if c not in _FONT})
    if unknown:
        raise ValueError(f"no large glyph for {''.join(unknown)!r}")
    return "\n".join("  ".join(_FONT[c][row] for c in text) for row in range(ROWS))


def clock(seconds: float) -> str:
    """A countdown reading: whole seconds rounded up, ``m:ss`` from one minute on."""
    whole = max(0, int(-(-seconds // 1)))
    if whole < 60:
        return str(whole)
    return f"{whole // 60}:{whole % 60:02d}"
