"""``limber exercises ...`` and ``limber content check``: browse and validate the library."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from limber.cli.errors import EXIT_PROBLEMS, fail
from limber.cli.output import JsonFlag, print_json
from limber.content.loader import Problem, check_library, default_library
from limber.vocab import PILLARS

exercises_app = typer.Typer(help="Browse the exercise library.", no_args_is_help=True)
content_app = typer.Typer(help="Check exercise library files.", no_args_is_help=True)
console = Console()


@exercises_app.command("list")
def list_exercises(
    pillar: Annotated[
        str | None, typer.Option(help="Only this pillar: stretch, jump_rope or breathing.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the exercises of the library."""
    if pillar is not None and pillar not in PILLARS:
        fail(f"unknown pillar {pillar!r}; choose one of: {', '.join(PILLARS)}")
    items = [e for e in default_library() if pillar is None or e.pillar == pillar]
    if as_json:
        print_json(items)
        return
    table = Table(title=f"{len(items)} exercises")
    for col in ("id", "name", "pillar", "level", "equipment"):
        table.add_column(col)
    for e in items:
        table.add_row(e.id, e.name, e.pillar, str(e.difficulty), ", ".join(e.equipment) or "-")
    console.print(table)


@exercises_app.command("show")
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show one exercise: steps, cues, dose and safety notes."""
    exercise = default_library().get(exercise_id)
    if exercise is None:
        fail(f"no exercise with id {exercise_id!r}; see `limber exercises list`")
    if as_json:
        print_json(exercise)
        return
    console.print(f"[bold]{exercise.name}[/]  ({exercise.pillar}, level {exercise.difficulty})")
    console.print(exercise.summary)
    console.print("\n[bold]Steps[/]")
    for n, step in enumerate(exercise.steps, 1):
        console.print(f"  {n}. {step}")
    console.print("\n[bold]Cues[/]")
    for cue in exercise.cues:
        console.print(f"  - {cue}")
    console.print("\n[bold]Common mistakes[/]")
    for m in exercise.mistakes:
        console.print(f"  - {m}")
    dose = exercise.dosage.model_dump(exclude_none=True, exclude_defaults=True)
    console.print(f"\n[bold]Default dose[/] {dose}")
    if exercise.contraindications:
        console.print(f"[bold red]Not for[/] {', '.join(exercise.contraindications)}")
    if exercise.cautions:
        console.print(f"[bold yellow]Take care with[/] {', '.join(exercise.cautions)}")
    console.print(f"\n[dim]{exercise.evidence}[/]")


@exercises_app.command("draw")
def draw_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="SVG file to write ('-' for stdout).")
    ],
) -> None:
    """Draw an exercise's key poses as an SVG stick figure."""
    from limber.content.figure import render_svg
    from limber.content.loader import LibraryError

    try:
        exercise = default_library().get(exercise_id)
    except LibraryError as exc:
        from rich.markup import escape

        problems = escape(str(exc))
        fail(
            f"the exercise library has problems; run `limber content check`\n{problems}",
            EXIT_PROBLEMS,
        )
    if exercise is None:
        fail(f"no exercise with id {exercise_id!r}; see `limber exercises list`")
    svg = render_svg(exercise)
    if str(output) == "-":
        typer.echo(svg, nl=False)
        return
    try:
        output.write_text(svg, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {str(output)!r}: {exc.strerror or exc}")
    console.print(f"Wrote {output}", highlight=False)


@content_app.command("check")
def check(
    path: Annotated[
        Path | None, typer.Argument(help="Library folder (default: the built-in library).")
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="Safety rulebook folder (default: the built-in rules)."),
    ] = None,
    profile_questions: Annotated[
        Path | None,
        typer.Option(
            "--profile-questions",
            help="Profile questionnaire YAML (default: the built-in content/profile.yaml).",
        ),
    ] = None,
    measures: Annotated[
        Path | None,
        typer.Option(
            "--measures", help="Measures catalogue YAML (default: the built-in measures.yaml)."
        ),
    ] = None,
) -> None:
    """Validate the library, the safety rules, the profile questionnaire and the measures.

    Every problem names its file (and the exercise or field); any problem exits non-zero.
    """
    from rich.markup import escape

    from limber.cli.safety_cmd import rulebook_problems
    from limber.content.loader import DEFAULT_LIBRARY
    from limber.safety.rulebase import RULEBOOK

    folder = path or DEFAULT_LIBRARY
    library, problems = check_library(folder)
    rulebook = rules or RULEBOOK
    # The rules are part of the content: a rule that is malformed or cites an unknown
    # source must fail the check just like a broken exercise file.
    rule_problems = rulebook_problems(rulebook)
    if problems:
        for problem in problems:
            console.print(f"[red]✗[/] {problem}", highlight=False)
        console.print(f"[bold red]{len(problems)} problem(s) in {folder}[/]", highlight=False)
    if rule_problems:
        for rule_problem in rule_problems:
            console.print(f"[red]✗[/] {escape(rule_problem)}", highlight=False, soft_wrap=True)
        console.print(
            f"[bold red]{len(rule_problems)} problem(s) in the rules {rulebook}[/]",
            highlight=False,
        )
    data_files = _data_files(profile_questions, measures)
    data_problems = [p for _, found in data_files for p in found]
    for name, found in data_files:
        for data_problem in found:
            console.print(f"[red]✗[/] {escape(str(data_problem))}", highlight=False)
        if found:
            console.print(f"[bold red]{len(found)} problem(s) in {name}[/]", highlight=False)
    if problems or rule_problems or data_problems:
        raise typer.Exit(EXIT_PROBLEMS)
    console.print(f"[green]✓[/] {len(library)} exercises in {folder} are valid", highlight=False)
    console.print(f"[green]✓[/] the safety rules in {rulebook} are valid", highlight=False)
    for name, _ in data_files:
        console.print(f"[green]✓[/] {name} is valid", highlight=False)


def _data_files(questions: Path | None, measures: Path | None) -> list[tuple[Path, list[Problem]]]:
    """The content kept as data beside the library, each file with its problems."""
    from limber.content.questionnaire import QUESTIONNAIRE_FILE, check_questionnaire
    from limber.plan.preferences import PREFERENCES_FILE, check_preferences
    from limber.services.measures import MEASURES_FILE, check_measures

    questions = questions or QUESTIONNAIRE_FILE
    measures = measures or MEASURES_FILE
    return [
        (questions, check_questionnaire(questions)[1]),
        (measures, check_measures(measures)[1]),
        (PREFERENCES_FILE, check_preferences(PREFERENCES_FILE)[1]),
    ]
