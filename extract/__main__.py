"""Development entry: ``python -m extract PATH... [--published YYYY-MM-DD] [--include-claims]``.

Prints one JSONL fact per line (the contract of DESIGN.md) so the extractor can be scored
before and independently of the ``aigov`` CLI. Articles are loaded with ``extract.load_article``
when the loader is present; otherwise a plain text file is read here (a leading
``date YYYY-MM-DD`` line is taken as the publication date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from extract.extractor import Extractor
from extract.jsonl import fact_record
from ontology.errors import AigovError, ArticleError
from ontology.identifiers import article_id
from ontology.model import Article

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*$")


def _plain_article(path: Path, published: dt.date | None) -> Article:
    """Fallback loader: UTF-8 text, optional leading ``date YYYY-MM-DD`` line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArticleError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise ArticleError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise ArticleError(str(path), f"cannot read ({exc.strerror})") from None
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first)
    if match:
        text = rest
        if published is None:
            published = dt.date.fromisoformat(match.group(1))
    if not text.strip():
        raise ArticleError(str(path), "empty article")
    return Article(id=article_id(text), text=text, path=str(path), published=published)


def _load(path: Path, published: dt.date | None) -> Article:
    try:
        from extract.article import load_article
    except ImportError:
        return _plain_article(path, published)
    return load_article(path, published=published)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--published", help="publication date YYYY-MM-DD")
    parser.add_argument(
        "--include-claims", action="store_true", help="also print hedged claims (status: claimed)"
    )
    args = parser.parse_args(argv)
    try:
        published = dt.date.fromisoformat(args.published) if args.published else None
    except ValueError:
        print(f"--published: {args.published!r} is not a YYYY-MM-DD date", file=sys.stderr)
        return 2
    try:
        articles = [_load(path, published) for path in args.paths]
        extractor = Extractor()
        for article, facts in extractor.extract_many(articles, include_claims=args.include_claims):
            for fact in facts:
                print(json.dumps(fact_record(fact, article), ensure_ascii=False))
    except AigovError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
