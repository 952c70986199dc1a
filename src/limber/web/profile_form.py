"""The profile form: its choices in plain words, and turning the posted form into a Profile.

Kept out of the route so the labels (which the template shows) and the parsing (which the
route needs) stay next to each other.
"""

from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from limber.plan.models import Profile
from limber.vocab import CONDITION_LABELS, EQUIPMENT_LABELS

PROFILE_CHOICES: dict[str, list[tuple[str, str]]] = {
    "pain_area": [
        ("low_back", "Lower back"),
        ("mid_back", "Middle back"),
        ("upper_back", "Upper back"),
        ("whole_back", "All over my back"),
    ],
    "duration": [
        ("acute", "Less than 6 weeks"),
        ("subacute", "6 to 12 weeks"),
        ("chronic", "More than 12 weeks"),
    ],
    "aggravated_by": [
        ("bending_forward", "Bending forward"),
        ("bending_back", "Bending backward"),
        ("both", "Both"),
        ("neither", "Neither"),
    ],
    "fitness": [("low", "Low"), ("moderate", "Moderate"), ("high", "High")],
    "rope_experience": [
        ("none", "Never or long ago"),
        ("some", "A little"),
        ("regular", "I skip regularly"),
    ],
    "conditions": list(CONDITION_LABELS.items()),
    "equipment": list(EQUIPMENT_LABELS.items()),
    "weekdays": [
        ("0", "Mon"),
        ("1", "Tue"),
        ("2", "Wed"),
        ("3", "Thu"),
        ("4", "Fri"),
        ("5", "Sat"),
        ("6", "Sun"),
    ],
}

MESSAGES = {
    "pain_now": "Choose your pain right now, from 0 to 10.",
    "minutes_per_session": "Choose between 10 and 90 minutes per session.",
    "weekdays": "Choose at least one day of the week.",
    "body_weight_kg": "Enter a weight between 25 and 300 kg, or leave it empty.",
    "age": "Enter an age between 16 and 110, or leave it empty.",
}

LIST_FIELDS = ("conditions", "equipment", "weekdays")
OPTIONAL_NUMBERS = ("body_weight_kg", "age")


def parse_profile_form(form: FormData) -> tuple[dict[str, Any], Profile | None, dict[str, str]]:
    """The raw values (to refill the form), the profile or None, and per-field messages."""
    raw: dict[str, Any] = {}
    for key in Profile.model_fields:
        if key in LIST_FIELDS:
            raw[key] = [v for v in form.getlist(key) if isinstance(v, str)]
        else:
            value = form.get(key)
            if isinstance(value, str) and value.strip() != "":
                raw[key] = value.strip()
            elif key not in OPTIONAL_NUMBERS:
                raw[key] = None
    data = {k: v for k, v in raw.items() if v is not None}
    try:
        return raw, Profile.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "form"
            errors.setdefault(
                field, MESSAGES.get(field, f"Please check this answer ({err['msg']}).")
            )
        return raw, None, errors
