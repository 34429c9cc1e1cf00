"""The ``hadath`` command: a thin layer over library calls.

Each command lives in its own module and registers itself on ``app``. This
layer alone prints and exits; errors from the library become one line on
stderr (or the JSON error shape) and an exit status.
"""

from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import HadathError

HELP = """hadath — Arabic news to event data: who did what to whom, when and where,
and who said what, grounded in character offsets into the original text.

Examples:

  hadath extract article.txt --published 2024-06-13

  hadath extract news.jsonl.gz --format jsonl --output out.jsonl

  cat article.txt | hadath extract - --format table
"""

app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False,
                  rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hadath {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """hadath — Arabic news to event data."""


def _register() -> None:
    from . import (  # noqa: F401
        evaluate,
        export,
        extract,
        ingest,
        query,
        report,
        serve,
        train,
    )


def main() -> None:
    _register()
    try:
        app()
    except HadathError as e:
        typer.echo(f"hadath: error {e.code} {type(e).__name__}: {e}", err=True)
        sys.exit(1)
