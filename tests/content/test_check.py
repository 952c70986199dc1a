"""`limber content check` names the file, exercise and field of each problem."""

from pathlib import Path

import yaml
from typer.testing import CliRunner

from limber.cli.main import app
from limber.content.loader import DEFAULT_LIBRARY, check_library

runner = CliRunner()


def _base() -> dict:
    return yaml.safe_load((DEFAULT_LIBRARY / "box-step-up-raise.yaml").read_text())


def _write(folder: Path, data: dict, name: str | None = None) -> Path:
    path = folder / f"{name or data['id']}.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_incomplete_exercise_exits_1_and_names_the_file(tmp_path: Path) -> None:
    data = _base()
    del data["steps"]
    _write(tmp_path, data)
    result = runner.invoke(app, ["content", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "box-step-up-raise.yaml" in result.stdout
    assert "steps" in result.stdout
    assert "is missing" in result.stdout


def test_malformed_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    _, problems = check_library(tmp_path)
    assert len(problems) == 1
    assert problems[0].file == "broken.yaml"
    assert "not valid YAML" in problems[0].message and "line" in problems[0].message


def test_unknown_contraindication_is_named(tmp_path: Path) -> None:
    data = _base()
    data["contraindications"] = ["broken_toe"]
    _write(tmp_path, data)
    _, problems = check_library(tmp_path)
    assert any(p.field == "contraindications.0" and "broken_toe" in p.message for p in problems)


def test_missing_progression_target_is_named(tmp_path: Path) -> None:
    data = _base()
    data["progressions"] = ["does-not-exist"]
    _write(tmp_path, data)
    _, problems = check_library(tmp_path)
    assert [(p.field, "does-not-exist" in p.message) for p in problems] == [("progressions", True)]


def test_progression_cycle_is_found(tmp_path: Path) -> None:
    a, b = _base(), _base()
    a["id"], b["id"] = "step-a", "step-b"
    a["progressions"], b["progressions"] = ["step-b"], ["step-a"]
    _write(tmp_path, a)
    _write(tmp_path, b)
    _, problems = check_library(tmp_path)
    assert any("cycle" in p.message for p in problems)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    _write(tmp_path, _base(), name="other-name")
    _, problems = check_library(tmp_path)
    assert problems and problems[0].field == "id"


def test_not_a_folder_and_empty_folder(tmp_path: Path) -> None:
    assert check_library(tmp_path / "nope")[1][0].message == "is not a folder"
    assert "no .yaml" in check_library(tmp_path)[1][0].message
