"""The person as the safety rules see them: profile facts, safety state and the day.

The gate judges an exercise for a :class:`Person` *on a day*, because some facts move with
the calendar (a pregnancy at 18 weeks today is at 22 weeks in a month; the early weeks after
an operation end). The track layer builds the :class:`SafetyStatus` from what is stored
(screenings, clearances, check-ins); the planner only reads it.
"""

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from limber.profile import Profile
from limber.vocab import ClearanceKind

# "active": the programme runs; "light": a readiness "yes" without clearance (under 3 MET);
# "stopped": a red flag without a clinician's clearance (breathing only);
# "emergency": an uncleared emergency sign (no session at all, only what to do now).
# A pregnancy of unknown week is judged as if at 28 weeks (supine and impact rules apply).
UNKNOWN_PREGNANCY_WEEK = 28

SafetyState = Literal["active", "light", "stopped", "emergency"]


class SafetyStatus(BaseModel):
    """What the stored history says about a person's safety right now."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state: SafetyState = "active"
    # Readiness questions answered "yes" in the newest screening (PAR-Q+ structure).
    readiness_yes: tuple[str, ...] = ()
    # Clearance kinds recorded and still valid (see limber.vocab.CLEARANCE_KINDS).
    clearances: tuple[ClearanceKind, ...] = ()
    # Pain monitoring (clinical-rules.md R7): a flare now, for how many days, how many
    # flares began in the last four weeks, and how long pain and PEG have not improved.
    flare: bool = False
    flare_days: int = 0
    flares_in_4_weeks: int = 0
    weeks_without_improvement: int = 0
    # Pelvic-floor symptoms reported since the last screening (R4: re-asked before rope).
    pelvic_floor_symptoms_now: bool = False


class Person(BaseModel):
    """A profile, its safety status and the day the judgement is for."""

    model_config = ConfigDict(frozen=True)

    profile: Profile
    status: SafetyStatus = Field(default_factory=SafetyStatus)
    day: dt.date = Field(default_factory=dt.date.today)
    # The first day of the programme being planned (the first two weeks of an inactive
    # person are light to moderate: clinical-rules.md R2); None outside a programme.
    programme_start: dt.date | None = None
    # The gate's memo for this person on this day (which rules apply, verdicts already
    # given): a planner asks about the same exercises many times per session.
    _memo: dict[Any, Any] = PrivateAttr(default_factory=dict)

    def on(self, day: dt.date) -> "Person":
        """The same person judged on another day (a later session of the programme)."""
        if day == self.day:
            return self
        other = Person.model_construct(
            profile=self.profile, status=self.status, day=day, programme_start=self.programme_start
        )
        if other._calendar() == self._calendar():
            # Nothing the rules read has moved with the calendar: share the gate's memo.
            object.__setattr__(other, "__pydantic_private__", {"_memo": self.memo})
        return other

    def _calendar(self) -> tuple[int | None, ...]:
        return (
            self.pregnancy_week,
            self.weeks_postpartum,
            self.weeks_since_surgery,
            self.programme_week,
        )

    @property
    def programme_week(self) -> int | None:
        """The week of the programme on ``day`` (1 = its first seven days), or None."""
        if self.programme_start is None:
            return None
        return max(0, (self.day - self.programme_start).days) // 7 + 1

    @property
    def memo(self) -> dict[Any, Any]:
        # Read without pydantic's attribute machinery: the gate asks thousands of times.
        private = self.__pydantic_private__
        if private is None or "_memo" not in private:
            object.__setattr__(self, "__pydantic_private__", {"_memo": {}})
            private = self.__pydantic_private__
        assert private is not None
        memo: dict[Any, Any] = private["_memo"]
        return memo

    def _weeks_on(self, weeks: int | None) -> int | None:
        if weeks is None:
            return None
        since = self.profile.as_of or self.day
        return weeks + max(0, (self.day - since).days) // 7

    @property
    def pregnancy_week(self) -> int | None:
        """The week of pregnancy on ``day``; unknown in a pregnancy counts as 28 (the most
        restrictive stage of the rules: the safer reading)."""
        if "pregnancy" not in self.profile.conditions:
            return None
        week = self._weeks_on(self.profile.pregnancy_week)
        return UNKNOWN_PREGNANCY_WEEK if week is None else week

    @property
    def weeks_postpartum(self) -> int | None:
        """Weeks since the birth on ``day``; unknown after a birth counts as 0 (safer)."""
        if "postpartum" not in self.profile.conditions:
            return None
        weeks = self._weeks_on(self.profile.weeks_postpartum)
        return 0 if weeks is None else weeks

    @property
    def weeks_since_surgery(self) -> int | None:
        """Whole weeks since the spinal operation on ``day``; unknown counts as 0 (safer)."""
        if "recent_spinal_surgery" not in self.profile.conditions:
            return None
        when = self.profile.spinal_surgery_date
        return 0 if when is None else max(0, (self.day - when).days) // 7

    def cleared(self, kind: ClearanceKind) -> bool:
        return kind in self.status.clearances
