"""What every command with ``--json`` shares: the flag itself and the one way JSON is printed.

A command that offers ``--json`` declares it as ``as_json: JsonFlag = False`` and prints with
:func:`print_json`, so the option reads the same in ``--help`` everywhere and the output is
always the API's JSON (pydantic models dumped in JSON mode), indented by two spaces.
"""

import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
T = TypeVar("T")


def as_json_data(answer: BaseModel | Sequence[BaseModel] | Any) -> Any:
    """A model (or a list of them) as the API returns it; other data is taken as it is."""
    if isinstance(answer, BaseModel):
        return answer.model_dump(mode="json")
    if isinstance(answer, list) and all(isinstance(item, BaseModel) for item in answer):
        return [item.model_dump(mode="json") for item in answer]
    return answer


def print_json(answer: BaseModel | Sequence[BaseModel] | Any) -> None:
    """Print a service's answer as JSON on stdout (what the matching API route returns)."""
    typer.echo(json.dumps(as_json_data(answer), indent=2))


def print_answer(answer: T, *, as_json: bool, show: Callable[[T], None]) -> None:
    """``--json`` prints the answer as the API returns it; otherwise ``show`` prints it in words.

    The one split of every command that reads an answer and prints it, so the JSON never
    depends on how the words are laid out.
    """
    if as_json:
        print_json(answer)
    else:
        show(answer)
