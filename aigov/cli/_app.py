"""The typer app and the options several commands share."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["StoreOption", "app", "console", "console_err", "parse_date", "report_error", "visible"]

app = typer.Typer(
    name="aigov",
    help="A knowledge graph of AI-industry governance events: extract facts from news articles, "
    "store them as RDF, query them with SPARQL and explore them as interactive graphs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(soft_wrap=True)
console_err = Console(stderr=True, soft_wrap=True)


def parse_date(value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value, refused with a usage error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="AIGOV_STORE",
        help="Store folder (embedded Oxigraph) or SPARQL endpoint URL. Default: ./aigov-data.",
        show_default=False,
    ),
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (a newline or an escape sequence in a file name) as ``\\n``, ``\\x1b``...

    An error must stay one line that names the file, whatever bytes the name holds.
    """
    return _CONTROL.sub(lambda match: match.group(0).encode("unicode_escape").decode("ascii"), text)


def report_error(message: object) -> None:
    """One ``aigov: error: ...`` line on stderr, whatever the message holds."""
    console_err.print(f"aigov: error: {visible(str(message))}", markup=False, highlight=False, soft_wrap=True)
