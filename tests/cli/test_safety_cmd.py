"""``limber safety rules`` and ``limber safety explain EXERCISE --answers FILE``."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from limber.content.loader import default_library
from limber.profile import Profile
from limber.safety import gate
from limber.safety.facts import Person
from limber.safety.rulebase import DESIGN_CHOICE, rule_base
from tests.cli.helpers import answers_data, flat, limber, write_answers


def _explain(tmp_path: Path, exercise: str, *extra: str, **changes: Any) -> dict[str, Any]:
    path = write_answers(tmp_path, answers_data(**changes))
    result = limber("safety", "explain", exercise, "--answers", str(path), "--json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_rules_lists_every_rule_with_whom_why_and_source() -> None:
    result = limber("safety", "rules")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    for rule in rule_base().rules:
        assert rule.id in text
    assert "applies to: week of pregnancy 20 or more" in text
    assert "Limber's own design choice" in text
    assert "ACOG 804 (2020)" in text  # a citation from sources.yaml
    assert f"{len(rule_base().rules)} rules" in text


def test_rules_json_has_one_entry_per_rule_with_its_citation() -> None:
    result = limber("safety", "rules", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    base = rule_base()
    assert [r["id"] for r in rows] == [r.id for r in base.rules]
    for row in rows:
        assert row["applies_to"] and row["reason"] and row["action"]
        if row["source"] == DESIGN_CHOICE:
            assert "design choice" in row["citation"]
        else:
            assert base.sources[row["source"]].cites in row["citation"]
    light = next(r for r in rows if r["id"] == "R1-light-until-cleared")
    assert light["applies_to"] == "safety state light"
    assert light["exercises"] == "met 3 or more"


def test_explain_substitutes_lying_on_the_back_late_in_pregnancy(tmp_path: Path) -> None:
    data = _explain(tmp_path, "glute-bridge", profile__pregnancy_week=24)
    assert data["allowed"] is False
    actions = {hit["rule_id"]: hit["action"] for hit in data["rules"]}
    assert actions.get("R3-pregnancy-supine-from-20") == "substitute"
    hit = next(h for h in data["rules"] if h["rule_id"] == "R3-pregnancy-supine-from-20")
    assert hit["source"] == "clinical-rules.md#R3" and "ACOG" in hit["citation"]
    assert data["alternative"] == "standing-hip-extension"


def test_explain_agrees_with_the_gate(tmp_path: Path) -> None:
    data = _explain(
        tmp_path,
        "basic-bounce",
        profile__conditions=["knee_or_ankle_problem"],
        profile__equipment=["rope", "mat"],
    )
    library = default_library()
    assert data["allowed"] is False
    profile = Profile(
        conditions=["knee_or_ankle_problem"], equipment=["rope", "mat"], minutes_per_session=10
    )
    person = Person(profile=profile)
    verdict = gate.judge(library["basic-bounce"], person)
    assert [h["rule_id"] for h in data["rules"]] == [h.rule_id for h in verdict.hits]
    assert data["reason"] == verdict.reason
    assert data["alternative"] == gate.allowed_alternative(library["basic-bounce"], library, person)


def test_a_readiness_yes_makes_the_person_light(tmp_path: Path) -> None:
    data = _explain(tmp_path, "box-step-up-raise", readiness__chest_pain=True)
    assert data["state"] == "light"
    assert data["allowed"] is False
    assert "R1-light-until-cleared" in [h["rule_id"] for h in data["rules"]]


def test_an_emergency_sign_allows_nothing(tmp_path: Path) -> None:
    data = _explain(tmp_path, "diaphragmatic-breathing", red_flags__saddle_numbness=True)
    assert data["state"] == "emergency"
    assert data["allowed"] is False
    assert data["alternative"] is None


def test_a_red_flag_leaves_breathing(tmp_path: Path) -> None:
    data = _explain(tmp_path, "diaphragmatic-breathing", red_flags__night_rest_pain=True)
    assert data["state"] == "stopped"
    assert data["allowed"] is True


def test_explain_says_how_the_dose_changes(tmp_path: Path) -> None:
    data = _explain(tmp_path, "box-breathing", profile__pregnancy_week=10)
    assert data["allowed"] is True
    assert data["dose_changed"] is True
    holds = [p["seconds"] for p in data["dose"]["breath"] if p["phase"] == "hold"]
    assert holds and max(holds) <= 2
    assert "modify" in [h["action"] for h in data["rules"]]


def test_the_date_moves_the_pregnancy_on(tmp_path: Path) -> None:
    today = dt.date.today()
    facts = {"profile__pregnancy_week": 18, "profile__as_of": today.isoformat()}
    assert _explain(tmp_path, "glute-bridge", **facts)["allowed"] is True
    later = (today + dt.timedelta(weeks=3)).isoformat()
    assert _explain(tmp_path, "glute-bridge", "--date", later, **facts)["allowed"] is False


def test_explain_in_words(tmp_path: Path) -> None:
    path = write_answers(tmp_path, answers_data(profile__pregnancy_week=24))
    result = limber("safety", "explain", "glute-bridge", "--answers", str(path))
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Not offered" in text
    assert "R3-pregnancy-supine-from-20 replaces it with a position variant" in text
    assert "Instead, Limber offers: standing-hip-extension" in text
    ok = limber("safety", "explain", "wall-pelvic-tilt", "--answers", str(path))
    assert ok.exit_code == 0, ok.output
    assert "Allowed" in ok.stdout


def test_an_unknown_exercise_exits_2(tmp_path: Path) -> None:
    path = write_answers(tmp_path, answers_data())
    result = limber("safety", "explain", "moonwalk", "--answers", str(path))
    assert result.exit_code == 2
    assert "no exercise with id 'moonwalk'" in flat(result.output)


def test_a_bad_answers_file_exits_2_with_the_reason(tmp_path: Path) -> None:
    missing = limber("safety", "explain", "cat-cow", "--answers", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2
    assert "does not exist" in flat(missing.output)
    bad = write_answers(tmp_path, answers_data(profile__pregnancy_week=50))
    result = limber("safety", "explain", "cat-cow", "--answers", str(bad))
    assert result.exit_code == 2
    assert "profile.pregnancy_week" in flat(result.output)
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    later = write_answers(tmp_path, answers_data(profile__spinal_surgery_date=future), "s.yaml")
    result = limber("safety", "explain", "cat-cow", "--answers", str(later))
    assert result.exit_code == 2
    assert "in the future" in flat(result.output)


def test_a_bad_date_exits_2(tmp_path: Path) -> None:
    path = write_answers(tmp_path, answers_data())
    result = limber("safety", "explain", "cat-cow", "--answers", str(path), "--date", "3rd May")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in flat(result.output)
