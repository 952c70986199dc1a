"""The safety rule base: rules as data (``rulebook/*.yaml``), validated by this schema.

Each rule says whom it applies to (``when``: profile facts and safety state), what it does
(``action``) to which exercises (``exercise``: safety properties, never ids), its reason in
plain words and its ``source``: a key of ``sources.yaml`` (a section of the research notes)
or ``design_choice``. A clinician can read and review every rule without reading code, and
``limber content check`` refuses a rule base with an unknown source or a malformed rule.
"""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from limber.content.schema import Impact, Range
from limber.vocab import (
    ClearanceKind,
    Condition,
    MovementTag,
    Pillar,
    Role,
    SurgeryType,
)

RULEBOOK = Path(__file__).parent / "rulebook"
SOURCES_FILE = Path(__file__).parent / "sources.yaml"
DESIGN_CHOICE = "design_choice"

Action = Literal["exclude", "substitute", "require_clearance", "modify", "caution", "escalate"]
RuleId = Annotated[str, StringConstraints(pattern=r"^R[0-9]+[a-z]?(-[a-z0-9]+)+$")]
Text = Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bounds(Strict):
    """An inclusive range; either end may be open."""

    min: float | None = None
    max: float | None = None

    def holds(self, value: float | None) -> bool:
        if value is None:
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class When(Strict):
    """Which people a rule applies to: every key given must hold (lists mean "any of")."""

    conditions: list[Condition] | None = None
    pregnancy_week: Bounds | None = None
    weeks_postpartum: Bounds | None = None
    weeks_since_surgery: Bounds | None = None
    surgery_type: list[SurgeryType] | None = None
    age: Bounds | None = None
    pain_now: Bounds | None = None
    duration: list[Literal["acute", "subacute", "chronic"]] | None = None
    aggravated_by: list[Literal["bending_forward", "bending_back", "neither", "both"]] | None = None
    fitness: list[Literal["low", "moderate", "high"]] | None = None
    rope_experience: list[Literal["none", "some", "regular"]] | None = None
    leg_pain_worse_than_back: bool | None = None
    hip_replacement_approach: (
        list[Literal["posterior", "anterior", "lateral", "unknown"]] | None
    ) = None
    state: list[Literal["active", "light", "stopped", "emergency"]] | None = None
    # Any readiness question answered "yes" (``any``) or one of these ids.
    readiness_yes: list[str] | None = None
    flare: bool | None = None
    flare_days: Bounds | None = None
    flares_in_4_weeks: Bounds | None = None
    weeks_without_improvement: Bounds | None = None
    pelvic_floor_symptoms_now: bool | None = None
    paused: bool | None = None
    # The week of the programme (1 = its first seven days).
    programme_week: Bounds | None = None


class ExerciseMatch(Strict):
    """Which exercises a rule touches, by their safety properties (every key must hold)."""

    pillar: list[Pillar] | None = None
    role: list[Role] | None = None
    impact: list[Impact] | None = None
    met: Bounds | None = None
    spinal_flexion: list[Range] | None = None
    spinal_extension: list[Range] | None = None
    spinal_rotation: list[Range] | None = None
    supine: bool | None = None
    prone: bool | None = None
    head_below_heart: bool | None = None
    breath_hold: bool | None = None
    hip_flexion_over_90: bool | None = None
    hip_crossing_or_inward: bool | None = None
    pelvic_floor_training: bool | None = None
    uses_rope: bool | None = None
    # Any of these movement tags (used by cautions, which are about care, not exclusion).
    tags: list[MovementTag] | None = None
    # The exercise's own library contraindications (or cautions) name one of the
    # person's conditions.
    contraindicated: bool | None = None
    cautioned: bool | None = None


class DoseChange(Strict):
    """What a ``modify`` rule does to a dose."""

    # Multiply the volume (sets, reps, rounds, hold or duration) by this factor.
    volume: Annotated[float, Field(gt=0, le=1)] | None = None
    # Breath holds longer than this become relaxed pauses of this length.
    breath_hold_max_s: Annotated[float, Field(ge=0, le=30)] | None = None
    # No rope or stepping faster than this cadence.
    cadence_max: Annotated[int, Field(ge=30, le=300)] | None = None


class Rule(Strict):
    """One rule of the rule base."""

    id: RuleId
    title: Text
    when: When
    exercise: ExerciseMatch | list[ExerciseMatch] | None = None
    action: Action
    reason: Text
    source: str
    clearance: ClearanceKind | None = None
    # A recorded clearance of this kind lifts the rule (e.g. the surgeon's plan).
    unless_cleared: ClearanceKind | None = None
    dose: DoseChange | None = None
    # escalate: how urgent, and whether the programme pauses until a clinician review.
    level: Literal["review", "soon", "urgent", "emergency"] | None = None
    pause: bool = False

    @model_validator(mode="after")
    def _complete(self) -> "Rule":
        if self.action == "escalate":
            if self.level is None:
                raise ValueError("an escalate rule needs a level")
            if self.exercise is not None:
                raise ValueError("an escalate rule is about the person: it takes no exercise")
        elif self.exercise is None:
            raise ValueError(f"a {self.action} rule needs an exercise match (use {{}} for all)")
        if self.action == "require_clearance" and self.clearance is None:
            raise ValueError("a require_clearance rule names the clearance it waits for")
        if self.action == "modify" and self.dose is None:
            raise ValueError("a modify rule says how the dose changes (dose:)")
        return self

    @property
    def matches(self) -> list[ExerciseMatch]:
        if self.exercise is None:
            return []
        return self.exercise if isinstance(self.exercise, list) else [self.exercise]


class SourceEntry(Strict):
    file: str
    heading: str
    cites: str


class RuleBase(Strict):
    rules: list[Rule]
    sources: dict[str, SourceEntry]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


class RuleProblem(Exception):
    """The rule base cannot be used; ``problems`` lists every reason with its file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def load_sources(path: Path = SOURCES_FILE) -> dict[str, SourceEntry]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: SourceEntry.model_validate(value) for key, value in raw.items()}


def check_rulebook(
    folder: Path = RULEBOOK, sources: dict[str, SourceEntry] | None = None
) -> tuple[list[Rule], list[str]]:
    """Validate every rule file; return the rules that loaded and every problem found."""
    known = load_sources() if sources is None else sources
    rules: list[Rule] = []
    problems: list[str] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return [], [f"{folder}: holds no rule files"]
    seen: dict[str, str] = {}
    for path in files:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark else ""
            problems.append(f"{path.name}: is not valid YAML{where}")
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
            problems.append(f"{path.name}: must be a mapping with a `rules:` list")
            continue
        for index, item in enumerate(raw["rules"]):
            rid = item.get("id") if isinstance(item, dict) else None
            where = f"{path.name} [{rid or f'rule {index + 1}'}]"
            try:
                rule = Rule.model_validate(item)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = ".".join(str(p) for p in err["loc"])
                    msg = err["msg"].removeprefix("Value error, ")
                    problems.append(f"{where} {loc}: {msg}" if loc else f"{where}: {msg}")
                continue
            if rule.id in seen:
                problems.append(f"{where}: id already used in {seen[rule.id]}")
                continue
            seen[rule.id] = path.name
            if rule.source != DESIGN_CHOICE and rule.source not in known:
                problems.append(
                    f"{where} source: {rule.source!r} is not a known source; use a key of "
                    f"sources.yaml ({', '.join(sorted(known))}) or {DESIGN_CHOICE}"
                )
                continue
            rules.append(rule)
    return rules, problems


@lru_cache(maxsize=1)
def rule_base() -> RuleBase:
    """The shipped rule base, validated once per process."""
    sources = load_sources()
    rules, problems = check_rulebook(RULEBOOK, sources)
    if problems:
        raise RuleProblem(problems)
    return RuleBase(rules=rules, sources=sources)
