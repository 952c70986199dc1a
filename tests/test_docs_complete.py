"""Every setting and every command-line option is documented (as Datasette's test_docs does).

The names are collected from the code, so a new ``LIMBER_*`` setting, command, option or
argument fails here until ``docs/settings.md`` or ``docs/cli.md`` explains it; a section for a
command that no longer exists fails too. A name counts as documented in a recognisable form:
a setting as a ``## LIMBER_NAME`` heading; a command as a ``## `limber path` `` heading (any
level), and each of its options (``--name``, ``-n``, ``--no-name``) and arguments (``NAME``)
in backticks inside that command's section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from limber.cli.main import app
from limber.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
HEADING = re.compile(r"^#+ `(limber(?: [a-z0-9-]+)*)`$", re.MULTILINE)


def commands(command: Any, path: str = "limber") -> Iterator[tuple[str, Any]]:
    """(``limber a b``, command) for the root and every leaf command; groups are walked."""
    subcommands: dict[str, Any] = getattr(command, "commands", {})
    if path == "limber" or not subcommands:
        yield path, command
    for name, sub in sorted(subcommands.items()):
        if not getattr(sub, "hidden", False):
            yield from commands(sub, f"{path} {name}")


def names(command: Any) -> list[str]:
    """What a reader types: every option spelling, and each argument's name (``VIDEO``)."""
    out: list[str] = []
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "option":
            out += [*param.opts, *param.secondary_opts]
        else:
            out.append(str(param.metavar or param.name).upper())
    return out


def sections(text: str) -> dict[str, str]:
    """Each ``limber ...`` heading's text, up to the next heading of any level."""
    found: dict[str, str] = {}
    heads = list(HEADING.finditer(text))
    for head in heads:
        rest = text[head.end() :]
        following = re.search(r"^#", rest, re.MULTILINE)
        found[head.group(1)] = rest[: following.start()] if following else rest
    return found


CLI = list(commands(typer.main.get_command(app)))
CLI_DOC = sections((DOCS / "cli.md").read_text(encoding="utf-8"))


def test_every_setting_has_its_own_section() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [
        f"LIMBER_{field.upper()}"
        for field in Settings.model_fields
        if not re.search(rf"^## LIMBER_{field.upper()}$", text, re.MULTILINE)
    ]
    assert not missing, f"docs/settings.md has no '## NAME' section for {missing}"


@pytest.mark.parametrize(("path", "command"), CLI, ids=[path for path, _ in CLI])
def test_every_command_option_and_argument_is_documented(path: str, command: Any) -> None:
    assert path in CLI_DOC, f"docs/cli.md has no '### `{path}`' section"
    section = CLI_DOC[path]
    missing = [n for n in names(command) if not re.search(rf"`{re.escape(n)}[` ]", section)]
    assert not missing, f"docs/cli.md, section `{path}`, does not mention {missing}"


def test_no_section_documents_a_command_that_is_gone() -> None:
    stale = sorted(set(CLI_DOC) - {path for path, _ in CLI})
    assert not stale, f"docs/cli.md documents commands that do not exist: {stale}"


def test_the_walk_sees_nested_commands_and_their_options() -> None:
    """The walk itself: a group's leaves are found with their options (so it can fail)."""
    found = dict(CLI)
    assert "limber session start" in found and "limber session" not in found
    assert "--speed" in names(found["limber session start"])
    assert "--no-force" in names(found["limber backup"])
    assert "VIDEO" in names(found["limber count"])
