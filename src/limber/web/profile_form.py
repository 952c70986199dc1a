"""The profile form: its choices in plain words, and turning the posted form into a Profile.

Kept out of the route so the labels (which the template shows) and the parsing (which the
route needs) stay next to each other.
"""

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from limber.plan.models import Profile
from limber.services.profile_facts import FACT_CONDITIONS
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
    # The facts the safety pathways need; each is shown with (and only counts for) its
    # condition. "unknown" surgery type is stored as "not given" (read the safer way).
    "spinal_surgery_type": [
        ("discectomy", "Discectomy (part of a disc removed)"),
        ("laminectomy", "Laminectomy or decompression (bone removed to free a nerve)"),
        ("fusion", "Fusion (two or more spinal bones joined)"),
        ("other", "Another operation"),
        ("unknown", "I do not know"),
    ],
    "leg_pain_worse_than_back": [("true", "Yes, my leg hurts more"), ("false", "No")],
    "hip_replacement_approach": [
        ("posterior", "From the back (posterior)"),
        ("anterior", "From the front (anterior)"),
        ("lateral", "From the side (lateral)"),
        ("unknown", "I do not know"),
    ],
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
    "conditions": "Choose only from the conditions listed.",
    "pregnancy_week": "Enter the week of your pregnancy, from 0 to 42, or leave it empty.",
    "weeks_postpartum": "Enter the weeks since the birth, from 0 to 104, or leave it empty.",
    "spinal_surgery_date": (
        "Enter the day of the operation as a date (for example 2025-03-14), or leave it empty."
    ),
    "spinal_surgery_type": 'Choose the kind of operation, or "I do not know".',
    "hip_replacement_approach": 'Choose how the hip was replaced, or "I do not know".',
    "leg_pain_worse_than_back": (
        "Answer yes or no: is the pain in your leg worse than in your back?"
    ),
    "as_of": "The date of these answers cannot be in the future.",
}
FUTURE_SURGERY = "The day of the operation cannot be in the future: give the day it took place."

LIST_FIELDS = ("conditions", "equipment", "weekdays")
OPTIONAL_NUMBERS = ("body_weight_kg", "age")
# Never taken from the form: the day of the answers is the day they are saved.
NOT_FROM_FORM = ("as_of",)


def _facts_for_ticked(raw: dict[str, Any], implied: Iterable[str]) -> dict[str, str]:
    """Clear facts whose condition is not ticked; ask for the yes/no fact when it is.

    A fact implies its condition, so a week of pregnancy left in a hidden field after the
    box was unticked would keep the person pregnant; facts count only with their condition.
    """
    have = {*raw["conditions"], *implied}
    for name, condition in FACT_CONDITIONS.items():
        if condition not in have:
            raw[name] = None
    if raw.get("spinal_surgery_type") == "unknown":
        raw["spinal_surgery_type"] = None
    if "sciatica" in have and raw.get("leg_pain_worse_than_back") is None:
        return {"leg_pain_worse_than_back": MESSAGES["leg_pain_worse_than_back"]}
    return {}


def _message(err: Any) -> tuple[str, str]:
    field = str(err["loc"][0]) if err["loc"] else "form"
    if field == "spinal_surgery_date" and err["type"] == "value_error":
        return field, FUTURE_SURGERY
    return field, MESSAGES.get(field, f"Please check this answer ({err['msg']}).")


def parse_profile_form(
    form: FormData, implied: Iterable[str] = ()
) -> tuple[dict[str, Any], Profile | None, dict[str, str]]:
    """The raw values (to refill the form), the profile or None, and per-field messages.

    ``implied`` are the conditions the screening already found; their facts count even when
    the box was left unticked (the screening's "yes" is kept when saving).
    """
    raw: dict[str, Any] = {}
    for key in Profile.model_fields:
        if key in NOT_FROM_FORM:
            continue
        if key in LIST_FIELDS:
            raw[key] = [v for v in form.getlist(key) if isinstance(v, str)]
        else:
            value = form.get(key)
            if isinstance(value, str) and value.strip() != "":
                raw[key] = value.strip()
            elif key not in OPTIONAL_NUMBERS:
                raw[key] = None
    errors = _facts_for_ticked(raw, list(implied))
    data = {k: v for k, v in raw.items() if v is not None}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field, message = _message(err)
            errors.setdefault(field, message)
        return raw, None, errors
    return (raw, None, errors) if errors else (raw, profile, {})
