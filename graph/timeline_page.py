"""The offline timeline page: dated events with their sources, filterable by organisation.

Researchers share timelines by e-mail and open them on a train, so the page is one
self-contained HTML file: styles and script inline, no fetched resources (a
Content-Security-Policy forbids them). All text is HTML-escaped, links are emitted only
for ``http(s)`` URLs, and the embedded JSON cannot close its ``<script>`` element.
The markup lives in ``timeline_page.html`` beside this module (package data).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from graph.analysis._dates import date_key, normalise_date
from ontology.errors import ConfigurationError

__all__ = ["safe_json", "safe_url", "write_timeline"]

_TEMPLATE = "timeline_page.html"
_PLACEHOLDER = re.compile(r"\{\{(TITLE|COUNT|OPTIONS|EVENTS|DATA)\}\}")


def safe_json(value: object) -> str:
    """JSON that can sit inside ``<script>``: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute ``http``/``https`` URL with a host, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths) is shown as text, never linked.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    return text


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _qualifiers(event: Mapping[str, object]) -> str:
    parts = [f"{name}: {event[name]}" for name in ("role", "amount", "percent") if event.get(name)]
    return f' <span class="qualifiers">({_esc("; ".join(parts))})</span>' if parts else ""


def _source(source: Mapping[str, object]) -> str:
    name = source.get("title") or source.get("url") or source.get("article") or "source"
    url = safe_url(source.get("url"))
    link = f'<a href="{_esc(url)}" rel="noopener noreferrer">{_esc(name)}</a>' if url else _esc(name)
    published = f" ({_esc(source['published'])})" if source.get("published") else ""
    quote = f"<blockquote>{_esc(source['text'])}</blockquote>" if source.get("text") else ""
    return f"<li>{link}{published}{quote}</li>"


def _event(index: int, event: Mapping[str, object]) -> str:
    subject = event.get("subject_label") or event.get("subject")
    obj = event.get("object_label") or event.get("object")
    reading = event.get("label") or event.get("predicate")
    sources = "".join(_source(s) for s in event.get("sources") or [] if isinstance(s, Mapping))
    sources_html = f'<ul class="sources">{sources}</ul>' if sources else ""
    claimed = ' <span class="claimed">(claimed)</span>' if event.get("status") == "claimed" else ""
    return (
        f'<li class="event" data-index="{index}">'
        f'<time datetime="{_esc(event["date"])}">{_esc(event["date"])}</time>'
        f'<span class="subject">{_esc(subject)}</span> '
        f'<span class="predicate">{_esc(reading)}</span> '
        f'<span class="object">{_esc(obj)}</span>{_qualifiers(event)}{claimed}{sources_html}</li>'
    )


def _prepare(events: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """Dated events only, as plain dicts, in date order (stable for equal dates)."""
    if isinstance(events, str | bytes | Mapping):
        raise ConfigurationError("timeline events: expected a list of event dicts")
    rows = []
    for position, event in enumerate(events):
        if not isinstance(event, Mapping):
            raise ConfigurationError(f"timeline events: item {position} is not an event dict")
        date = normalise_date(event.get("date"))
        if date is None:
            continue
        row = dict(event)
        row["date"] = date
        orgs = row.get("organisations") or []
        row["organisations"] = [str(o) for o in orgs] if isinstance(orgs, list | tuple) else []
        rows.append(row)
    rows.sort(key=lambda row: date_key(row["date"]))
    return rows


def write_timeline(
    events: Iterable[Mapping[str, object]],
    path: str | Path,
    title: str = "AI governance timeline",
) -> Path:
    """Write the events of :func:`graph.analysis.timeline` as one offline HTML page.

    Parameters
    ----------
    events : iterable of dict
        Events as :func:`graph.analysis.timeline` returns them; undated ones are skipped,
        the rest shown in date order with their sources (hedged claims marked
        "claimed"). ``organisations`` (labels) feeds the organisation filter.
    path : str or Path
        The HTML file to write (its folder must exist).
    title : str
        The page title and heading.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ConfigurationError
        When ``events`` is not a list of dicts, or the path cannot be written.

    Examples
    --------
    >>> write_timeline(timeline(g, since="2023"), "timeline.html", title="2023 and after")
    """
    rows = _prepare(events)
    target = Path(path)
    if target.is_dir():
        raise ConfigurationError(f"{target}: is a folder, not a file to write")
    if not target.parent.is_dir():
        raise ConfigurationError(f"{target}: folder {target.parent} does not exist")
    orgs = sorted({o for row in rows for o in row["organisations"]}, key=lambda o: (o.casefold(), o))
    template = resources.files("graph").joinpath(_TEMPLATE).read_text(encoding="utf-8")
    count = f"{len(rows)} event" + ("" if len(rows) == 1 else "s")
    values = {
        "TITLE": _esc(title),
        "COUNT": count,
        "OPTIONS": "\n".join(f'    <option value="{_esc(o)}">{_esc(o)}</option>' for o in orgs),
        "EVENTS": "\n".join(_event(i, row) for i, row in enumerate(rows)),
        "DATA": safe_json({"title": title, "events": rows}),
    }
    # One pass, so a placeholder typed inside a title or an event is never expanded.
    page = _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as error:
        problem = error.strerror or error
        raise ConfigurationError(f"{target}: cannot write the timeline page ({problem})") from None
    return target
