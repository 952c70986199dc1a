"""Red-flag and readiness screening, evaluated from a complete set of answers.

The questions live in ``questions.yaml`` so they can be reviewed as text. Evaluation is a pure
function: the store keeps the answers and the result, the CLI and the web only ask and show.
A red flag stops the programme (only breathing stays available); readiness "yes" answers turn
into conditions the planner respects and into advice to start gently.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from limber.vocab import CONDITION_LABELS, Condition

QUESTIONS_FILE = Path(__file__).parent / "questions.yaml"

Urgency = Literal["emergency", "urgent", "soon"]
URGENCY_ORDER: dict[str, int] = {"emergency": 0, "urgent": 1, "soon": 2}


class Question(BaseModel):
    """One yes/no question. Red flags also carry the sign, its urgency and whom to see."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    sign: str | None = None
    urgency: Urgency | None = None
    advice: str | None = None


class FollowUp(BaseModel):
    """A question asked after a "yes" to ``parent``; a "yes" here implies ``condition``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    parent: str
    condition: Condition
    text: str


class Questionnaire(BaseModel):
    """All screening questions, in the order they are asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    red_flags: list[Question]
    readiness: list[Question]
    followups: list[FollowUp]

    @model_validator(mode="after")
    def _consistent(self) -> "Questionnaire":
        ids = [q.id for q in [*self.red_flags, *self.readiness]] + [f.id for f in self.followups]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"question ids used twice: {', '.join(duplicates)}")
        for q in self.red_flags:
            if not (q.sign and q.urgency and q.advice):
                raise ValueError(f"red flag {q.id!r} needs a sign, an urgency and advice")
        parents = {q.id for q in self.readiness}
        for f in self.followups:
            if f.parent not in parents:
                raise ValueError(f"follow-up {f.id!r} names unknown parent {f.parent!r}")
        return self

    def followups_of(self, parent: str) -> list[FollowUp]:
        """The follow-ups to ask after a "yes" to readiness question ``parent``."""
        return [f for f in self.followups if f.parent == parent]


@lru_cache(maxsize=1)
def load_questions() -> Questionnaire:
    """The shipped questionnaire, validated once per process."""
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return Questionnaire.model_validate(raw)


def _check_ids(
    section: str, given: dict[str, bool], known: list[str], *, all_required: bool
) -> list[str]:
    problems = []
    unknown = sorted(set(given) - set(known))
    if unknown:
        problems.append(
            f"{section}: unknown question id(s) {', '.join(unknown)}; "
            f"known ids are {', '.join(known)}"
        )
    if all_required:
        missing = [q for q in known if q not in given]
        if missing:
            problems.append(
                f"{section}: every question must be answered; missing {', '.join(missing)}"
            )
    return problems


class ScreeningAnswers(BaseModel):
    """A complete set of answers: every red-flag and readiness question, any follow-ups."""

    model_config = ConfigDict(extra="forbid")

    red_flags: dict[str, bool]
    readiness: dict[str, bool]
    followups: dict[str, bool] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_and_complete(self) -> "ScreeningAnswers":
        # An unanswered red-flag question must never count as "no": that is how a missed
        # cauda equina sign would slip through, so incompleteness is an error.
        q = load_questions()
        problems = [
            *_check_ids(
                "red_flags", self.red_flags, [x.id for x in q.red_flags], all_required=True
            ),
            *_check_ids(
                "readiness", self.readiness, [x.id for x in q.readiness], all_required=True
            ),
            *_check_ids(
                "followups", self.followups, [x.id for x in q.followups], all_required=False
            ),
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class RedFlagFinding(BaseModel):
    """A red-flag question answered "yes", with whom to see and how soon."""

    id: str
    sign: str
    urgency: Urgency
    advice: str


_URGENCY_HEADLINE: dict[str, str] = {
    "emergency": "Go to an emergency department (A&E) now.",
    "urgent": "See a doctor today, within 24 hours.",
    "soon": "See your GP within the next week.",
}

READINESS_ADVICE: dict[str, str] = {
    "heart_or_blood_pressure": (
        "With a heart condition or high blood pressure, avoid holding your breath and ask your "
        "doctor or a qualified exercise professional before you do hard jump rope intervals."
    ),
    "chest_pain": (
        "Chest pain needs a doctor's check before you exercise harder than a walk; please book "
        "one before you start the rope and strength parts."
    ),
    "dizziness": (
        "Because of dizziness, keep something to hold nearby for standing exercises and stop "
        "if you feel faint."
    ),
    "other_condition": (
        "Check with your doctor or a qualified exercise professional that this programme suits "
        "your health condition."
    ),
    "medication": (
        "If your medicine affects your heart rate, blood pressure or balance, start gently and "
        "ask your doctor or pharmacist whether anything should change."
    ),
    "bone_joint": (
        "Start gently and let pain guide you; a physiotherapist can check that the exercises "
        "suit your bone, joint or muscle problem."
    ),
    "supervised_only": (
        "Your doctor asked you to exercise only under supervision: do this programme only with "
        "them or a qualified professional present."
    ),
}


class ScreeningResult(BaseModel):
    """What the answers mean: any red flags (most urgent first), conditions and advice."""

    outcome: Literal["clear", "caution", "red_flag"]
    red_flags: list[RedFlagFinding] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    advice: list[str] = Field(default_factory=list)
    breathing_only: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message(self) -> str:
        """A plain summary for the user, the most urgent instruction first."""
        if self.red_flags:
            top = self.red_flags[0].urgency
            signs = "; ".join(f.sign for f in self.red_flags)
            lines = [
                _URGENCY_HEADLINE[top],
                f"Your answers show sign(s) that need a clinician before exercise: {signs}.",
                *dict.fromkeys(f.advice for f in self.red_flags),
                "Limber has paused your programme. This is not a diagnosis."
                if top == "emergency"
                else "Limber has paused your programme. Gentle breathing exercises stay "
                "available. This is not a diagnosis.",
            ]
            return "\n".join(lines)
        if self.outcome == "caution":
            lines = ["You can start, gently, with a few adjustments."]
            if self.conditions:
                labels = ", ".join(CONDITION_LABELS[c] for c in self.conditions)
                lines.append(f"Your plan will take into account: {labels}.")
            return "\n".join([*lines, *self.advice])
        return "\n".join(
            ["No warning signs found: you are cleared to start gradually.", *self.advice]
        )


def evaluate(answers: ScreeningAnswers) -> ScreeningResult:
    """Turn a complete set of answers into a result (pure; nothing is stored here)."""
    q = load_questions()
    findings = [
        RedFlagFinding(id=x.id, sign=x.sign or x.id, urgency=x.urgency, advice=x.advice or "")
        for x in q.red_flags
        if answers.red_flags.get(x.id) and x.urgency is not None
    ]
    findings.sort(key=lambda f: URGENCY_ORDER[f.urgency])
    conditions: list[Condition] = list(
        dict.fromkeys(f.condition for f in q.followups if answers.followups.get(f.id))
    )
    advice = [READINESS_ADVICE.get(x.id, "") for x in q.readiness if answers.readiness.get(x.id)]
    advice = [a for a in advice if a]
    if any(answers.readiness.values()) or conditions:
        advice.append(
            "Start at the easy end, keep pain during exercise at 5/10 or below, and check with "
            "a qualified professional if you are unsure."
        )
    else:
        advice.append("Start gradually and let the pain check-ins guide how fast you progress.")
    if findings:
        outcome: Literal["clear", "caution", "red_flag"] = "red_flag"
    elif any(answers.readiness.values()) or conditions:
        outcome = "caution"
    else:
        outcome = "clear"
    return ScreeningResult(
        outcome=outcome,
        red_flags=findings,
        conditions=conditions,
        advice=advice,
        breathing_only=bool(findings),
    )


def answers_template() -> dict[str, Any]:
    """Every question id answered "no": a file for the CLI user to edit."""
    q = load_questions()
    return {
        "red_flags": {x.id: False for x in q.red_flags},
        "readiness": {x.id: False for x in q.readiness},
        "followups": {x.id: False for x in q.followups},
    }
