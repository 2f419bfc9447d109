"""URLs -> articles, politely and within limits; and one canonical form per story URL.

Fetching uses the standard library only (urllib): a User-Agent that says who we are,
at most five redirects, http(s) only, a size limit enforced while the body streams in
(a lying or missing Content-Length cannot blow memory), an overall deadline (a server
dripping bytes cannot hold us for ever) and only page content types. Every failure is a
:class:`FetchError` of one line that names the URL. The fetched HTML can be archived, named
by a hash of the final URL, so it can be re-extracted later without the network.

``canonical_url`` is the key that tells "one story at two URLs" apart from two stories:
tracking parameters, fragments, AMP and print variants, host case, ``www.``, default
ports and trailing slashes do not make a different story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from extract.article import (
    build_article,
    decode_bytes,
    describe_size,
    max_article_bytes,
    read_regular_file,
    split_header,
)
from extract.html import declared_charset, looks_like_html, parse_html
from ontology.errors import FetchError
from ontology.model import Article

__all__ = [
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "Fetched",
    "archive_path",
    "canonical_url",
    "fetch",
    "fetch_article",
    "load_archived",
]

try:
    _VERSION = version("aigov-kg")
except PackageNotFoundError:  # a source tree that was never installed
    _VERSION = "0.0.0"

USER_AGENT = f"aigov-kg/{_VERSION} (+research crawler)"
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 64 * 1024
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "ref", "ref_src",
     "ref_url", "referrer", "cmpid", "igshid", "_ga", "_gl", "amp", "share", "smid", "sr_share",
     "ocid", "taid", "spm", "mkt_tok"}
)
_VARIANT_SEGMENTS = frozenset({"amp", "print"})
#: Parameters that select an AMP or print rendering (only with these values).
_VARIANT_PARAMS = frozenset({"output", "outputtype", "print", "view", "format"})
_VARIANT_VALUES = frozenset({"amp", "print", "1", "true", "printable"})


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful response: where we ended up and what came back."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """At most ``MAX_REDIRECTS`` hops, and never off http(s) (urllib would follow to ``ftp:``)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            raise FetchError(req.full_url, f"redirected to a non-http(s) URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_LimitedRedirects())


def _request_url(url: str) -> str:
    """``url`` as urllib can send it: http(s) only, IDNA host, percent-encoded non-ASCII path and query."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchError(url, f"invalid URL ({error})") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(url, "invalid host name") from None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="=&%+/?:@!$'()*,;-._~")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def fetch(url: str, *, timeout: float = 20, max_bytes: int | None = None,
          accept: tuple[str, ...] = HTML_TYPES, what: str = "an HTML page") -> Fetched:
    """GET ``url`` within the limits; ``accept`` lists the content types wanted (``what`` names them)."""
    limit = max_bytes if max_bytes is not None else max_article_bytes()
    request = urllib.request.Request(
        _request_url(url), headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1",
                      "Accept-Encoding": "identity"},
    )
    deadline = time.monotonic() + timeout
    seconds = f"{timeout:g}"
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers: Message = response.headers
            content_type = headers.get_content_type() if headers.get("Content-Type") else ""
            if content_type and content_type not in accept:
                raise FetchError(url, f"not {what} (content-type {content_type})")
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large(url, int(declared), limit)
            chunks: list[bytes] = []
            total = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {seconds} s")
                chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise _too_large(url, None, limit)
                chunks.append(chunk)
            charset = headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        if error.code in {301, 302, 303, 307, 308}:
            raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
        reason = error.reason if isinstance(error.reason, str) and error.reason else \
            http.client.responses.get(error.code, "")
        raise FetchError(url, f"HTTP {error.code} {reason}".rstrip()) from None
    except urllib.error.URLError as error:
        raise _network_error(url, error.reason, seconds) from None
    except TimeoutError:
        raise FetchError(url, f"timed out after {seconds} s") from None
    except (OSError, http.client.HTTPException) as error:
        raise _network_error(url, error, seconds) from None
    except ValueError as error:  # http.client.InvalidURL and friends
        raise FetchError(url, f"invalid URL ({' '.join(str(error).split())})") from None
    return Fetched(url=url, final_url=final_url, content_type=content_type, charset=charset,
                   body=b"".join(chunks))


def _too_large(url: str, size: int | None, limit: int) -> FetchError:
    """``size`` is the declared length, or ``None`` when the body ran past the limit while streaming."""
    if size is None:
        return FetchError(url, f"response too large (over the {describe_size(limit)} limit)")
    return FetchError(url, f"response too large ({describe_size(size)}, the limit is {describe_size(limit)})")


def _network_error(url: str, reason: object, seconds: str) -> FetchError:
    if isinstance(reason, TimeoutError):
        return FetchError(url, f"timed out after {seconds} s")
    if isinstance(reason, socket.gaierror):
        return FetchError(url, "cannot resolve the host name")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(url, "connection refused")
    text = getattr(reason, "strerror", None) or str(reason)
    return FetchError(url, f"cannot fetch ({' '.join(str(text).split())})")


def archive_path(archive_dir: str | Path, final_url: str) -> Path:
    """Where the page fetched from ``final_url`` is archived: ``<sha256 of the URL>.html``."""
    digest = hashlib.sha256(final_url.encode("utf-8")).hexdigest()[:24]
    return Path(archive_dir) / f"{digest}.html"


def _article_from_bytes(body: bytes, *, where: str, content_type: str, charset: str | None,
                        final_url: str, path: str) -> Article:
    is_html = content_type != "text/plain"
    text = decode_bytes(body, where=where, charset=charset or (declared_charset(body) if is_html else None))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FetchError(where, "empty page")
    header, rest = split_header(text, where=where)
    page = parse_html(rest, where=where, base_url=final_url) if is_html or looks_like_html(rest) else None
    article = build_article(rest, path=path, header=header, page=page)
    host = urlsplit(final_url).hostname or None if final_url else None
    return Article(
        id=article.id, text=article.text, path=article.path, published=article.published,
        title=article.title, source=article.source or host, url=article.url or final_url or None,
        author=article.author,
        metadata=tuple(sorted({**dict(article.metadata), **({"fetched_url": final_url} if final_url else {})
                               }.items())),
    )


def fetch_article(url: str, *, timeout: float = 20, max_bytes: int | None = None,
                  archive_dir: str | Path | None = None) -> Article:
    """The article at ``url``; its ``url`` is the page's canonical URL if declared, else the final URL.

    With ``archive_dir`` the raw page is saved there (see :func:`archive_path`) with a
    ``.json`` sidecar (URLs, content type, fetch time) for :func:`load_archived`.
    """
    fetched = fetch(url, timeout=timeout, max_bytes=max_bytes)
    article = _article_from_bytes(fetched.body, where=url, content_type=fetched.content_type,
                                  charset=fetched.charset, final_url=fetched.final_url, path=url)
    if archive_dir is not None:
        target = archive_path(archive_dir, fetched.final_url)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fetched.body)
            sidecar = {"url": url, "final_url": fetched.final_url, "content_type": fetched.content_type,
                       "charset": fetched.charset,
                       "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
            target.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n", encoding="utf-8")
        except OSError as error:
            raise FetchError(url, f"cannot archive to {target} ({error.strerror or error})") from None
    return article


def load_archived(path: str | Path) -> Article:
    """Re-extract an archived page offline, with the URLs its ``.json`` sidecar recorded (if any)."""
    where = str(path)
    body = read_regular_file(path, limit=max_article_bytes())
    try:
        sidecar = json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sidecar = {}
    if not isinstance(sidecar, dict):
        sidecar = {}
    return _article_from_bytes(
        body, where=where, content_type=str(sidecar.get("content_type") or "text/html"),
        charset=sidecar.get("charset"), final_url=str(sidecar.get("final_url") or ""),
        path=str(sidecar.get("url") or where),
    )


def canonical_url(url: str) -> str:
    """One key per story: ``HTTPS://WWW.Example.com/a/b/amp/?utm_source=x#c`` -> ``https://example.com/a/b``.

    Drops tracking parameters, fragments, credentials, default ports, ``www.``, AMP and print
    variants (``/amp``, ``/print``, ``.amp.html``, ``?amp=1``, ``?output=amp``) and a trailing
    slash; sorts the remaining query parameters. It is a comparison key, not always a live URL.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")
    try:
        port = parts.port
    except ValueError as error:
        raise FetchError(url, f"invalid URL ({error})") from None
    host = parts.hostname.lower().rstrip(".")
    while host.startswith(("www.", "amp.")) and host.count(".") > 1:
        host = host[4:]
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    segments = _plain_segments([segment for segment in parts.path.split("/") if segment])
    path = "/" + "/".join(segments)
    query = sorted(
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key, value)
    )
    return urlunsplit((scheme, netloc, path if path != "/" else "", urlencode(query), ""))


def _plain_segments(segments: list[str]) -> list[str]:
    """Path segments without AMP/print markers, repeated until nothing changes (so the key is stable)."""
    while True:
        before = list(segments)
        while segments and segments[0].lower() == "amp":
            segments = segments[1:]
        while segments and segments[-1].lower() in _VARIANT_SEGMENTS:
            segments = segments[:-1]
        if segments:
            last = segments[-1]
            for variant in (".amp.html", ".amp.htm", ".amp"):
                if last.lower().endswith(variant) and len(last) > len(variant):
                    segments = [*segments[:-1], last[: -len(variant)] + (".html" if "htm" in variant else "")]
                    break
        if segments == before:
            return segments


def _is_tracking(key: str, value: str) -> bool:
    name = key.lower()
    if name.startswith(("utm_", "at_")) or name in _TRACKING:
        return True
    return name in _VARIANT_PARAMS and value.lower() in _VARIANT_VALUES and (
        name != "format" or value.lower() in {"amp", "print"})
