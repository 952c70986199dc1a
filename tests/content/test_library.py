"""The shipped library validates, and its cross references hold."""

import json

from typer.testing import CliRunner

from limber.cli.main import app
from limber.content.loader import DEFAULT_LIBRARY, check_library, default_library

runner = CliRunner()


def test_shipped_library_has_no_problems() -> None:
    _, problems = check_library(DEFAULT_LIBRARY)
    assert problems == []


def test_progressions_and_regressions_resolve() -> None:
    library = default_library()
    for ex in library:
        for target in [*ex.progressions, *ex.regressions]:
            assert target in library, f"{ex.id} -> {target}"


def test_list_json_has_the_contract_fields() -> None:
    result = runner.invoke(app, ["exercises", "list", "--json"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert items
    for item in items:
        assert {"id", "name", "pillar", "contraindications", "cautions"} <= item.keys()


def test_unknown_exercise_is_a_clear_error() -> None:
    result = runner.invoke(app, ["exercises", "show", "no-such-thing"])
    assert result.exit_code == 2
    assert "no exercise with id 'no-such-thing'" in result.stderr
