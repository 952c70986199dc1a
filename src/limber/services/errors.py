"""What the services refuse, as exceptions with messages written for the user.

The CLI maps them to exit codes and the web app to 4xx responses; neither needs to know why a
service refused beyond the exception type and its message.
"""


class TrackError(Exception):
    """Base class: ``str(error)`` is the message to show the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class NotFound(TrackError):
    """The thing asked for does not exist, or belongs to someone else (never say which)."""


class InvalidInput(TrackError):
    """The input cannot be accepted as given (wrong step index, check-in twice, ...)."""


class NoProfile(TrackError):
    """A programme cannot be planned before the profile questions are answered."""


class NoProgramme(TrackError):
    """There is no programme yet to take a session from."""


class RedFlagStop(TrackError):
    """The latest screening found a red flag: nothing but breathing may be planned.

    ``findings`` holds the flagged signs with their urgency, for front ends that show them
    one by one.
    """

    def __init__(self, message: str, findings: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class EmergencyStop(RedFlagStop):
    """An emergency sign no clinician has cleared: no session at all, only what to do now."""


class RescreenNeeded(TrackError):
    """The red-flag questions are due again; the programme waits (breathing stays)."""
