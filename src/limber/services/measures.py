"""The outcome measures Limber tracks, each with its range, direction and meaningful change.

One table of facts, read by the assessment service (validation), the interpretation (is a
change real?), the charts, the clinician report and the FHIR export (codes), so a threshold
or a code is written down exactly once.

Sources are in ``../shared/research/clinical.md`` section 5. Where no source gives a
threshold, the value is Limber's own design choice and ``threshold_source`` says so.
"""

from dataclasses import dataclass
from typing import Literal

Better = Literal["lower", "higher"]

# Re-assess every two weeks: long enough for a real change to show, short enough to steer.
REASSESS_DAYS = 14


@dataclass(frozen=True)
class Measure:
    """One outcome measure."""

    key: str
    label: str
    unit: str
    # UCUM unit for FHIR ("{score}", "%", "cm", "s", "/min").
    ucum: str
    lo: float
    hi: float
    better: Better
    # A change at least this big (in the measure's unit) is taken as real.
    threshold: float
    # Also real when the change is at least this fraction of the earlier value (0 = unused).
    relative: float
    threshold_text: str
    threshold_source: str
    # LOINC code where one exists; None means the FHIR export uses Limber's local code system.
    loinc: str | None = None
    loinc_display: str | None = None
    integer: bool = False

    def clamp_for_judging(self, value: float) -> float:
        """The value used to compare two readings (only breathing rate folds its floor)."""
        if self.key == "breathing_rate":
            return max(value, BREATHING_NORMAL_FLOOR)
        return value


# Below this resting rate a slower breath is no longer read as a further improvement.
BREATHING_NORMAL_FLOOR = 12.0

MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            key="pain",
            label="Pain (0-10)",
            unit="points",
            ucum="{score}",
            lo=0,
            hi=10,
            better="lower",
            threshold=2,
            relative=0.30,
            threshold_text="2 points or 30 % of the earlier score",
            threshold_source="Numeric pain rating: about 2 points or 30 % (pubmed 15928561)",
            loinc="72514-3",
            loinc_display="Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            integer=True,
        ),
        Measure(
            key="peg",
            label="PEG (pain, enjoyment, activity)",
            unit="points",
            ucum="{score}",
            lo=0,
            hi=10,
            better="lower",
            threshold=1,
            relative=0,
            threshold_text="1 point",
            threshold_source="PEG, Krebs 2009: about 1 point (PMC10859144)",
        ),
        Measure(
            key="who5",
            label="WHO-5 well-being",
            unit="%",
            ucum="%",
            lo=0,
            hi=100,
            better="higher",
            threshold=10,
            relative=0,
            threshold_text="10 percentage points",
            threshold_source="WHO-5: a 10-point change is meaningful (smaat.eu, WHO-5)",
            integer=True,
        ),
        Measure(
            key="fingertip_floor",
            label="Fingertip-to-floor",
            unit="cm",
            ucum="cm",
            lo=-40,
            hi=60,
            better="lower",
            threshold=4.5,
            relative=0,
            threshold_text="4.5 cm",
            threshold_source="Fingertip-to-floor: smallest real change 4.5 cm (pubmed 2141425)",
        ),
        Measure(
            key="extensor_hold",
            label="Back-extensor hold (prone)",
            unit="s",
            ucum="s",
            lo=0,
            hi=240,
            better="higher",
            threshold=15,
            relative=0.20,
            threshold_text="15 s or 20 % of the earlier time, whichever is larger",
            threshold_source=(
                "Limber's design choice: no source gives a smallest real change for the home "
                "prone hold; a hold ended by fatigue varies from day to day, so small gains "
                "are not counted. Capped at 240 s like the Biering-Sorensen test."
            ),
        ),
        Measure(
            key="jump_test",
            label="Jumps in 60 seconds",
            unit="jumps",
            ucum="{count}",
            lo=0,
            hi=400,
            better="higher",
            threshold=10,
            relative=0.10,
            threshold_text="10 jumps or 10 %, whichever is larger",
            threshold_source=(
                "Limber's design choice: no published meaningful change exists for a 60-second "
                "rope count; a trip of the rope or a miscount easily costs 5-10 jumps."
            ),
            integer=True,
        ),
        Measure(
            key="breathing_rate",
            label="Resting breathing rate",
            unit="breaths/min",
            ucum="/min",
            lo=4,
            hi=60,
            better="lower",
            threshold=3,
            relative=0,
            threshold_text="3 breaths/min (no further credit below 12/min)",
            threshold_source=(
                "Limber's design choice: a 60-second self-count differs by 1-2 breaths between "
                "repeats; the normal adult resting rate is 12-20/min, so slowing below 12 is "
                "not scored as further improvement."
            ),
            loinc="9279-1",
            loinc_display="Respiratory rate",
            integer=True,
        ),
    )
}

MEASURE_KEYS: tuple[str, ...] = tuple(MEASURES)

# Conditions under which a measure is not asked for (see clinical.md sections 6 and 8).
SKIP_WHEN: dict[str, frozenset[str]] = {
    # Impact: vertebral fracture, pregnancy, pelvic-floor symptoms, painful knees or ankles.
    "jump_test": frozenset(
        {
            "osteoporosis_vertebral_fracture",
            "pregnancy",
            "pelvic_floor_symptoms",
            "knee_or_ankle_problem",
            "acute_disc_herniation",
            "recent_spinal_surgery",
        }
    ),
    # Loaded flexion: contraindicated in osteoporosis and an acute disc herniation.
    "fingertip_floor": frozenset(
        {
            "osteoporosis",
            "osteoporosis_vertebral_fracture",
            "acute_disc_herniation",
            "recent_spinal_surgery",
        }
    ),
    # Lying face down and lifting the chest: not in pregnancy or after spinal surgery.
    "extensor_hold": frozenset(
        {
            "pregnancy",
            "recent_spinal_surgery",
            "osteoporosis_vertebral_fracture",
            "spondylolisthesis",
        }
    ),
}

# After a red flag only the questionnaires and the breathing count are asked for.
RED_FLAG_MEASURES: tuple[str, ...] = ("pain", "peg", "who5", "breathing_rate")

PEG_ITEMS: tuple[str, ...] = (
    "Your average pain in the past week (0 = no pain, 10 = as bad as you can imagine)",
    "How much pain got in the way of enjoying life in the past week (0 = not at all, 10 = "
    "completely)",
    "How much pain got in the way of your usual activity in the past week (0 = not at all, "
    "10 = completely)",
)

WHO5_ITEMS: tuple[str, ...] = (
    "I have been in good spirits",
    "I have felt calm and at ease",
    "I have felt active and full of energy",
    "I have woken up feeling rested and fresh",
    "My days have been full of things that interest me",
)
WHO5_SCALE = "over the last two weeks: 5 = all of the time ... 0 = at no time"

# At or below this WHO-5 percentage, suggest talking to a doctor (raw score below 13).
WHO5_LOW = 50
