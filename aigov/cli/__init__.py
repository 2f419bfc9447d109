"""The ``aigov`` command line: one typer app, one module per group of commands.

Errors the user can cause (``AigovError``) end as one line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import sys
from importlib import import_module

from aigov.cli._app import app, report_error
from ontology.errors import AigovError

# Importing a command module registers its commands on ``app``; this order is the order of `--help`.
for _module in ("_ingest", "_read", "_viz", "_curate", "_analyze", "_serve"):
    import_module(f"aigov.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except AigovError as error:
        report_error(error)
        sys.exit(1)
