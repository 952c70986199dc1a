"""The outcome measures Limber tracks, each with its range, direction and meaningful change.

The facts live in ``measures.yaml`` beside this module (content, not code: a threshold or a
code is written down exactly once). This module validates the file with a pydantic schema and
hands it out as the typed objects the assessment service (validation), the interpretation
(is a change real?), the charts, the clinician report and the FHIR export read.

``check_measures`` is what ``limber content check`` runs on the file; importing this module
loads the shipped file and fails loudly if it is broken (the tests catch that first).
"""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from limber.content.loader import LibraryError, Problem, check_yaml_model
from limber.vocab import Condition

Better = Literal["lower", "higher"]

MEASURES_FILE = Path(__file__).with_name("measures.yaml")
# The measures the code asks for by name (forms, charts, scores): the file must hold these.
KNOWN_KEYS = (
    "pain",
    "peg",
    "who5",
    "fingertip_floor",
    "extensor_hold",
    "jump_test",
    "breathing_rate",
)

# The measures taken as a timed count (the page and the terminal run a timer of count_s).
TIMED_KEYS = ("jump_test", "breathing_rate")


class Measure(BaseModel):
    """One outcome measure, as written in ``measures.yaml`` (checked as it is loaded)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    label: str
    unit: str
    # UCUM unit for FHIR ("{score}", "%", "cm", "s", "/min").
    ucum: str
    lo: float
    hi: float
    better: Better
    # A change at least this big (in the measure's unit) is taken as real.
    threshold: Annotated[float, Field(gt=0)]
    # Also real when the change is at least this fraction of the earlier value (0 = unused).
    relative: Annotated[float, Field(ge=0, lt=1)]
    threshold_text: str
    threshold_source: str
    # LOINC code where one exists; None means the FHIR export uses Limber's local code system.
    loinc: str | None = None
    loinc_display: str | None = None
    integer: bool = False
    # Below this value a further change is no longer read as improvement (breathing rate).
    judge_floor: float | None = None
    # A timed count (jumps, breaths): the seconds the timers in page and terminal run.
    count_s: Annotated[int, Field(ge=1, le=600)] | None = None
    # Conditions under which the measure is not asked for.
    skip_when: frozenset[Condition] = frozenset()
    # Still asked for after a red flag (the questionnaires and the breathing count).
    after_red_flag: bool = False

    @model_validator(mode="after")
    def _range(self) -> "Measure":
        if self.lo >= self.hi:
            raise ValueError(f"lo ({self.lo:g}) must be below hi ({self.hi:g})")
        if self.judge_floor is not None and not self.lo <= self.judge_floor <= self.hi:
            raise ValueError(f"judge_floor ({self.judge_floor:g}) must lie between lo and hi")
        if (self.loinc is None) != (self.loinc_display is None):
            raise ValueError("loinc and loinc_display are given together or not at all")
        return self

    def clamp_for_judging(self, value: float) -> float:
        """The value used to compare two readings (a measure with a floor folds it)."""
        if self.judge_floor is not None:
            return max(value, self.judge_floor)
        return value


class Catalogue(BaseModel):
    """The whole ``measures.yaml``: the measures and the questionnaire items they score."""

    model_config = ConfigDict(extra="forbid")

    # Re-assess every so many days: long enough for a real change to show, short enough to steer.
    reassess_days: Annotated[int, Field(ge=1, le=365)]
    # At or below this WHO-5 percentage, suggest talking to a doctor.
    who5_low: Annotated[int, Field(ge=0, le=100)]
    measures: list[Measure]
    # The PEG is scored from exactly three items and the WHO-5 from exactly five.
    peg_items: Annotated[list[str], Field(min_length=3, max_length=3)]
    who5_items: Annotated[list[str], Field(min_length=5, max_length=5)]
    who5_scale: str
    # The top answer of one PEG item (0-10) and one WHO-5 item (0-5).
    peg_item_max: Annotated[int, Field(ge=1, le=100)]
    who5_item_max: Annotated[int, Field(ge=1, le=100)]

    @model_validator(mode="after")
    def _known_keys(self) -> "Catalogue":
        keys = [m.key for m in self.measures]
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            raise ValueError(f"measure keys are used twice: {', '.join(doubled)}")
        untimed = [m.key for m in self.measures if m.key in TIMED_KEYS and m.count_s is None]
        if untimed:
            raise ValueError(f"a timed count needs count_s: {', '.join(untimed)}")
        missing = [k for k in KNOWN_KEYS if k not in keys]
        unknown = [k for k in keys if k not in KNOWN_KEYS]
        if missing or unknown:
            raise ValueError(
                "the measures must be exactly the ones the code knows "
                f"({', '.join(KNOWN_KEYS)}); missing: {', '.join(missing) or 'none'}, "
                f"unknown: {', '.join(unknown) or 'none'}"
            )
        return self


def check_measures(path: Path = MEASURES_FILE) -> tuple[Catalogue | None, list[Problem]]:
    """Validate a measures file: the catalogue, or every problem (file, field, what is wrong)."""
    return check_yaml_model(path, Catalogue)


def load_measures(path: Path = MEASURES_FILE) -> Catalogue:
    """The catalogue, raising :class:`LibraryError` listing every problem."""
    catalogue, problems = check_measures(path)
    if catalogue is None:
        raise LibraryError(problems)
    return catalogue


_CATALOGUE = load_measures()

REASSESS_DAYS: int = _CATALOGUE.reassess_days
MEASURES: dict[str, Measure] = {m.key: m for m in _CATALOGUE.measures}
MEASURE_KEYS: tuple[str, ...] = tuple(MEASURES)
SKIP_WHEN: dict[str, frozenset[str]] = {k: m.skip_when for k, m in MEASURES.items() if m.skip_when}
RED_FLAG_MEASURES: tuple[str, ...] = tuple(k for k, m in MEASURES.items() if m.after_red_flag)
PEG_ITEMS: tuple[str, ...] = tuple(_CATALOGUE.peg_items)
WHO5_ITEMS: tuple[str, ...] = tuple(_CATALOGUE.who5_items)
WHO5_SCALE: str = _CATALOGUE.who5_scale
PEG_ITEM_MAX: int = _CATALOGUE.peg_item_max
WHO5_ITEM_MAX: int = _CATALOGUE.who5_item_max
WHO5_LOW: int = _CATALOGUE.who5_low
# Below this resting rate a slower breath is no longer read as a further improvement.
BREATHING_NORMAL_FLOOR: float = MEASURES["breathing_rate"].judge_floor or 0.0
# The seconds of each timed count (jumps, breaths), by measure key.
COUNT_S: dict[str, int] = {k: m.count_s for k, m in MEASURES.items() if m.count_s is not None}
# The longest back-extensor hold the timers (web page and terminal) run to.
HOLD_CAP_S: int = int(MEASURES["extensor_hold"].hi)
