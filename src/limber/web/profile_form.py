"""The profile form: turning the posted form into a Profile, with messages in plain words.

The labels, choices, order and messages come from the profile questionnaire
(``limber/content/profile.yaml``), which also drives the terminal prompts of ``limber init``;
the Profile model validates. Kept out of the route so the parsing sits next to the words.
"""

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from limber.content.questionnaire import Questionnaire, load_questionnaire
from limber.profile import Profile
from limber.services.profile_facts import FACT_CONDITIONS

QUESTIONNAIRE: Questionnaire = load_questionnaire()
PROFILE_CHOICES: dict[str, list[tuple[str, str]]] = {
    q.field: q.options() for q in QUESTIONNAIRE.questions() if q.options()
}
MESSAGES = QUESTIONNAIRE.messages()
FUTURE_SURGERY = "The day of the operation cannot be in the future: give the day it took place."

LIST_FIELDS = tuple(q.field for q in QUESTIONNAIRE.questions() if q.kind in ("many", "weekdays"))
# A choice stored as "not given" (the surgery type "I do not know"): read the safer way.
NONE_VALUES = {q.field: q.none_value for q in QUESTIONNAIRE.questions() if q.none_value}
# Never taken from the form: the day of the answers is the day they are saved.
NOT_FROM_FORM = tuple(r.field for r in QUESTIONNAIRE.recorded)


def form_context() -> dict[str, Any]:
    """What the profile template needs besides the answers: the questions and their words."""
    return {
        "questionnaire": QUESTIONNAIRE,
        "choices": PROFILE_CHOICES,
        "fact_conditions": FACT_CONDITIONS,
    }


def _facts_for_ticked(raw: dict[str, Any], implied: Iterable[str]) -> dict[str, str]:
    """Clear facts whose condition is not ticked; ask for the yes/no fact when it is.

    A fact implies its condition, so a week of pregnancy left in a hidden field after the
    box was unticked would keep the person pregnant; facts count only with their condition.
    """
    have = {*raw["conditions"], *implied}
    for name, condition in FACT_CONDITIONS.items():
        if condition not in have:
            raw[name] = None
    for name, none_value in NONE_VALUES.items():
        if raw.get(name) == none_value:
            raw[name] = None
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
            raw[key] = value.strip() if isinstance(value, str) and value.strip() else None
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
