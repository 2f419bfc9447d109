"""Article files -> :class:`ontology.Article`: safe reading, decoding, front matter, metadata.

Researchers point the tool at whatever folder they have, so everything that can go wrong
with a file must come back as one clear line (an :class:`ArticleError`), never a traceback
and never a hang: special files are refused from ``stat`` before anything is opened (a
FIFO would block a reader for ever), the size is checked before reading, binary and
undecodable files are named as such. Text that is not UTF-8 is refused rather than
guessed at (a wrong guess would silently corrupt names); files with a byte-order mark are
decoded by it, and an HTML file may declare its own charset.

``Article.text`` is the body exactly as written apart from line endings (normalised to
``\\n``) and the removed header (front matter or ``date`` line): evidence spans are offsets
into it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

import yaml

from extract.dates import FUTURE_SLACK, parse_published
from extract.html import HtmlPage, declared_charset, looks_like_html, parse_html
from extract.paths import HTML_SUFFIXES, ListedPath
from ontology.errors import ArticleError, ConfigurationError
from ontology.identifiers import article_id
from ontology.model import Article

__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "MAX_BYTES_VARIABLE",
    "build_article",
    "decode_bytes",
    "describe_size",
    "load_article",
    "max_article_bytes",
    "read_regular_file",
    "sniff_binary",
    "split_header",
]

MAX_BYTES_VARIABLE = "AIGOV_MAX_ARTICLE_BYTES"
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office (OLE2) document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{1,2}-\d{1,2})[ \t]*(?:\n|\Z)", re.IGNORECASE)
_KNOWN_KEYS = frozenset({"title", "published", "date", "source", "url", "author", "outlet"})
_KIND = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def max_article_bytes() -> int:
    """The size limit for one article (``AIGOV_MAX_ARTICLE_BYTES``, default 5 MiB)."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_ARTICLE_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigurationError(f"{MAX_BYTES_VARIABLE}={raw!r} is not a positive whole number of bytes")
    return value


def describe_size(n: int) -> str:
    """``5242880`` -> ``"5.0 MB"``: sizes in messages, readable at a glance."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _too_large(where: str, size: int | None, limit: int) -> ArticleError:
    """``size`` from ``stat``, or ``None`` when the file grew past the limit while being read."""
    size_text = f"{describe_size(size)}, the limit is" if size is not None else "over the"
    return ArticleError(
        where, f"too large ({size_text} {describe_size(limit)}; set {MAX_BYTES_VARIABLE} to change it)"
    )


def read_regular_file(path: str | os.PathLike[str], *, limit: int, listed: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an ``ArticleError`` saying why not.

    ``stat`` comes first so a FIFO, device or socket is refused without being opened; the file
    is opened non-blocking and checked again (it could have been swapped in between).
    """
    where = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleError(where, "broken symlink (its target does not exist)") from None
        problem = "disappeared between listing and reading" if listed else "no such file"
        raise ArticleError(where, problem) from None
    except OSError as error:
        raise _os_error(where, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(where, "is a folder, not an article file (pass folders as PATH arguments)")
    if not stat.S_ISREG(info.st_mode):
        kind = _KIND.get(stat.S_IFMT(info.st_mode), "a special file")
        raise ArticleError(where, f"not a regular file ({kind})")
    if info.st_size > limit:
        raise _too_large(where, info.st_size, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleError(where, "disappeared between listing and reading") from None
    except OSError as error:
        raise _os_error(where, error) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ArticleError(where, "not a regular file (it was replaced while being opened)")
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew after stat
        raise _too_large(where, None, limit)
    return data


def _os_error(where: str, error: OSError) -> ArticleError:
    if isinstance(error, PermissionError):
        return ArticleError(where, "permission denied")
    if error.errno == errno.ELOOP:
        return ArticleError(where, "symlink loop (the link points back to itself)")
    return ArticleError(where, f"cannot read ({error.strerror or error})")


def sniff_binary(data: bytes) -> str | None:
    """What binary format ``data`` looks like (``"PNG image"``), or ``None`` if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None  # UTF-16/32 text is full of NUL bytes
    if b"\x00" in data[:8192]:
        return "contains NUL bytes"
    return None


def decode_bytes(data: bytes, *, where: str, charset: str | None = None) -> str:
    """Text from bytes: by byte-order mark, else a declared ``charset``, else strict UTF-8.

    Anything else is refused with the offending byte and its offset: guessing Latin-1 would
    "work" on every file and quietly mangle names.
    """
    kind = sniff_binary(data)
    if kind is not None:
        kind = kind if kind.startswith("contains") else f"looks like {kind}"
        raise ArticleError(where, f"binary file ({kind}), not an article")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as error:
                offset = error.start + len(bom)
                problem = f"not valid {label} despite its byte-order mark (at offset {offset})"
                raise ArticleError(where, problem) from None
    if charset and charset.replace("_", "-").lower() not in {"utf-8", "utf8"}:
        try:
            return data.decode(charset)
        except LookupError:
            pass  # an unknown charset name: fall through to UTF-8
        except UnicodeDecodeError as error:
            raise ArticleError(
                where, f"not valid {charset} as it declares (byte 0x{data[error.start]:02X} at offset "
                f"{error.start}); convert it to UTF-8"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise ArticleError(
            where, f"not valid UTF-8 (byte 0x{byte:02X} at offset {error.start}); convert it to UTF-8"
        ) from None


class _FrontMatterLoader(yaml.SafeLoader):
    """``SafeLoader`` that leaves timestamps as strings: we parse dates ourselves, with our errors
    (PyYAML raises a bare ``ValueError`` on ``2023-02-30``)."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    return " ".join(f"{problem}{where}".split())


def split_header(text: str, *, where: str) -> tuple[dict[str, object], str]:
    """The header's metadata and the body: YAML front matter, then an optional ``date YYYY-MM-DD`` line.

    The front matter is read with ``yaml.safe_load``, so a ``!!python/object`` tag is an error,
    never an object. Blank lines between the header and the body are dropped with the header.
    """
    meta: dict[str, object] = {}
    body = text
    match = _FRONT_MATTER.match(body)
    if match:
        try:
            loaded = yaml.load(match.group(1) or "", Loader=_FrontMatterLoader)
        except yaml.constructor.ConstructorError as error:
            problem = f"front matter uses a YAML tag that is not allowed ({_yaml_problem(error)})"
            raise ArticleError(where, problem) from None
        except yaml.YAMLError as error:
            raise ArticleError(where, f"invalid YAML front matter: {_yaml_problem(error)}") from None
        except (ValueError, TypeError, RecursionError) as error:
            raise ArticleError(where, f"invalid YAML front matter: {' '.join(str(error).split())}") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, Mapping):
            raise ArticleError(where, "front matter is not a set of 'key: value' lines")
        meta = {str(key).strip().lower(): value for key, value in loaded.items()}
        body = body[match.end():]
    date_match = _DATE_LINE.match(body)
    if date_match:
        meta.setdefault("date", date_match.group(1))
        body = body[date_match.end():]
    if match or date_match:
        body = body.lstrip("\n")
    return meta, body


_SCALARS = (str, int, float, dt.date)


def _text(value: object) -> str | None:
    """A metadata value as one line; lists of scalars are joined; anything deeper is ignored
    (a nested YAML alias bomb must not be stringified)."""
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if isinstance(item, _SCALARS))
    elif not isinstance(value, _SCALARS):
        return None
    text = " ".join(str(value).split())
    return text or None


def build_article(body: str, *, path: str, header: Mapping[str, object] | None = None,
                  page: HtmlPage | None = None, published: object = None, title: str | None = None,
                  source: str | None = None, url: str | None = None) -> Article:
    """An ``Article`` from its text and three layers of metadata: flags > front matter > page."""
    where = path
    header = header or {}
    text = page.text if page is not None else body
    if not text.strip():
        raise ArticleError(where, "no article text (only a header)" if header else "contains only whitespace")

    date_value = published if published is not None else header.get("published", header.get("date"))
    if date_value is not None:
        field = "--published" if published is not None else "front matter"
        published_date: dt.date | None = parse_published(date_value, where=where, field=field)
    else:
        published_date = page.published if page is not None else None
        if published_date and published_date > dt.datetime.now(dt.UTC).date() + FUTURE_SLACK:
            published_date = None  # a page's own junk date is ignored, not fatal

    def pick(flag: str | None, key: str, page_value: str | None) -> str | None:
        return _text(flag) or _text(header.get(key)) or _text(page_value)

    outlet = _text(header.get("outlet"))
    extra: dict[str, str] = dict(page.metadata) if page is not None else {}
    if outlet:
        extra["outlet"] = outlet
    for key, value in header.items():
        if key not in _KNOWN_KEYS and _text(value):
            extra[key] = _text(value) or ""
    return Article(
        id=article_id(text),
        text=text,
        path=path,
        published=published_date,
        title=pick(title, "title", page.title if page else None),
        source=_text(source) or _text(header.get("source")) or outlet or _text(page.source if page else None),
        url=pick(url, "url", page.url if page else None),
        author=pick(None, "author", page.author if page else None),
        metadata=tuple(sorted(extra.items())),
    )


def load_article(path: str | os.PathLike[str], *, published: dt.date | str | None = None,
                 title: str | None = None, source: str | None = None, url: str | None = None) -> Article:
    """Read one article file (``.txt``, ``.md``, ``.html``, or text with no suffix).

    Keyword arguments (the CLI flags) override the file's own metadata. Raises
    :class:`ArticleError` with a one-line reason for anything that is not a readable article.
    """
    where = str(path)
    data = read_regular_file(path, limit=max_article_bytes(), listed=isinstance(path, ListedPath))
    if not data:
        raise ArticleError(where, "empty file")
    suffix = Path(where).suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    raw = decode_bytes(data, where=where, charset=declared_charset(data) if is_html else None)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(where, "contains only whitespace")
    header, body = split_header(text, where=where)
    page = None
    if is_html or (suffix not in {".txt", ".md", ".markdown"} and looks_like_html(body)):
        page = parse_html(body, where=where)
    return build_article(body, path=where, header=header, page=page, published=published, title=title,
                         source=source, url=url)

