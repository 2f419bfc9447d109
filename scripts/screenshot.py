"""Screenshot a graph page in headless Chromium: ``python scripts/screenshot.py PAGE.html OUT.png``.

Used by ``make screenshot`` for the README picture (docs/graph.png). It opens the page
from disk at 1400 x 900, waits until the page says it has drawn, and saves a PNG.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.viz.browser import file_url, launch, wait_ready  # noqa: E402
from ontology.errors import AigovError  # noqa: E402

__all__ = ["main", "screenshot"]

WIDTH, HEIGHT = 1400, 900


def screenshot(page_path: str | Path, out_path: str | Path) -> Path:
    """Save a ``WIDTH`` x ``HEIGHT`` PNG of the ready page; return where it went."""
    source = Path(page_path)
    if not source.is_file():
        raise AigovError(f"{source}: no such page")
    target = Path(out_path)
    if not target.parent.is_dir():
        raise AigovError(f"{target}: its folder {target.parent} does not exist")
    with launch(width=WIDTH, height=HEIGHT) as context:
        page = context.new_page()
        page.goto(file_url(source))
        wait_ready(page)
        page.screenshot(path=str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python scripts/screenshot.py PAGE.html OUT.png", file=sys.stderr)
        return 2
    try:
        out = screenshot(args[0], args[1])
    except AigovError as error:
        print(f"screenshot: {error}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
