"""The rule base is content: every rule is well formed and rests on a source that exists.

``limber content check`` fails on a malformed rule or an unknown source key (one line per
problem, naming the file and the rule), and every shipped source key points at a heading
that is really in the research notes.
"""

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from limber.cli import safety_cmd
from limber.cli.main import app
from limber.safety.rulebase import (
    DESIGN_CHOICE,
    RULEBOOK,
    ExerciseMatch,
    check_rulebook,
    load_sources,
    rule_base,
)
from tests.conftest import SHARED

runner = CliRunner()
RESEARCH = SHARED / "research"


def _rule(**changes: object) -> dict[str, object]:
    rule: dict[str, object] = {
        "id": "R3-test-rule",
        "title": "A test rule",
        "when": {"conditions": ["pregnancy"]},
        "exercise": {"prone": True},
        "action": "exclude",
        "reason": "a reason in plain words",
        "source": "clinical-rules.md#R3",
    }
    rule.update(changes)
    return rule


def _book(folder: Path, *rules: dict[str, object], name: str = "10-test.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump({"rules": list(rules)}), encoding="utf-8")
    return folder


def test_a_good_rule_loads(tmp_path: Path) -> None:
    rules, problems = check_rulebook(_book(tmp_path, _rule()))
    assert problems == []
    assert [r.id for r in rules] == ["R3-test-rule"]


def test_an_unknown_source_key_is_a_problem_naming_file_and_rule(tmp_path: Path) -> None:
    _, problems = check_rulebook(_book(tmp_path, _rule(source="clinical-rules.md#R99")))
    assert len(problems) == 1
    assert problems[0].startswith("10-test.yaml [R3-test-rule] source:")
    assert "clinical-rules.md#R99" in problems[0]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"action": "banish"}, "action"),
        ({"reason": None}, "reason"),
        ({"exercise": {"wobbly": True}}, "wobbly"),
        ({"when": {"conditions": ["broken_toe"]}}, "when.conditions.0"),
        ({"action": "require_clearance"}, "names the clearance"),
        ({"action": "modify"}, "dose"),
    ],
)
def test_a_malformed_rule_is_a_problem(
    tmp_path: Path, changes: dict[str, object], expected: str
) -> None:
    _, problems = check_rulebook(_book(tmp_path, _rule(**changes)))
    assert problems, changes
    assert all(p.startswith("10-test.yaml [R3-test-rule]") for p in problems)
    assert any(expected in p for p in problems), problems


def test_every_shipped_rule_cites_a_known_source_or_is_a_design_choice() -> None:
    base = rule_base()
    assert len(base.rules) >= 20
    for rule in base.rules:
        assert rule.source == DESIGN_CHOICE or rule.source in base.sources, rule.id
        assert rule.reason and rule.title


def test_every_source_heading_exists_in_its_research_file() -> None:
    # Not skipped when the notes are missing: a rule whose source cannot be read is unchecked.
    assert RESEARCH.is_dir(), (
        f"the research notes are expected at {RESEARCH} (the shared folder beside the clone): "
        "every safety rule's source is checked against them"
    )
    for key, entry in load_sources().items():
        path = RESEARCH / entry.file
        assert path.is_file(), f"{key}: {entry.file} is not in {RESEARCH}"
        headings = [
            line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
        ]
        # The heading must open a line: "## R1" must not match "## R10".
        assert any(h == entry.heading or h.startswith(entry.heading + " ") for h in headings), (
            f"{key}: no heading {entry.heading!r} in {entry.file}"
        )
        assert key.startswith(entry.file + "#"), key


def test_match_keys_name_exercise_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    assert safety_cmd.rulebook_problems() == []
    # If a match key stopped naming a property of exercises, the check says so.
    monkeypatch.setattr(safety_cmd, "EXERCISE_FACTS", safety_cmd.EXERCISE_FACTS - {"uses_rope"})
    problems = safety_cmd.rulebook_problems()
    assert problems == ["rulebase.py ExerciseMatch.uses_rope: names no exercise property"]
    assert "uses_rope" in ExerciseMatch.model_fields


def test_content_check_passes_with_the_shipped_rules() -> None:
    result = runner.invoke(app, ["content", "check"])
    assert result.exit_code == 0, result.stdout
    assert "safety rules" in result.stdout


def test_content_check_fails_on_another_broken_rulebook(tmp_path: Path) -> None:
    book = tmp_path / "rules"
    shutil.copytree(RULEBOOK, book)
    _book(book, _rule(source="nowhere"), _rule(id="R3-second", action="banish"), name="99-x.yaml")
    result = runner.invoke(app, ["content", "check", "--rules", str(book)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert len(lines) == 2
    assert "99-x.yaml [R3-test-rule] source" in lines[0] and "nowhere" in lines[0]
    assert "99-x.yaml [R3-second] action" in lines[1]
    assert "2 problem(s) in the rules" in result.stdout


def test_content_check_of_a_library_folder_still_checks_the_rules(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    from limber.content.loader import DEFAULT_LIBRARY

    shutil.copy(DEFAULT_LIBRARY / "cat-cow.yaml", library / "cat-cow.yaml")
    data = yaml.safe_load((library / "cat-cow.yaml").read_text())
    data["progressions"] = []
    data["regressions"] = []
    data["variants"] = []
    (library / "cat-cow.yaml").write_text(yaml.safe_dump(data))
    empty = tmp_path / "no-rules"
    empty.mkdir()
    result = runner.invoke(app, ["content", "check", str(library), "--rules", str(empty)])
    assert result.exit_code == 1
    assert "holds no rule files" in result.stdout
    ok = runner.invoke(app, ["content", "check", str(library)])
    assert ok.exit_code == 0, ok.stdout


def test_an_unknown_variant_is_a_library_problem(tmp_path: Path) -> None:
    from limber.content.loader import DEFAULT_LIBRARY

    data = yaml.safe_load((DEFAULT_LIBRARY / "wall-pelvic-tilt.yaml").read_text())
    data["variants"] = ["no-such-exercise"]
    (tmp_path / "wall-pelvic-tilt.yaml").write_text(yaml.safe_dump(data))
    result = runner.invoke(app, ["content", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "no-such-exercise" in result.stdout
