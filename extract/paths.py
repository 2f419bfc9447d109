"""Command-line PATHs -> the article files they mean, in a stable order.

A folder means every article file under it (by suffix, hidden files and folders skipped),
sorted so two runs over one folder process articles in the same order. Symlinks are
followed, but a link that leads back into a folder being walked is reported as an error
for that entry instead of recursing for ever. Problems come back *in the stream* as
:class:`ArticleError` values so one bad entry never stops a batch.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ontology.errors import ArticleError

__all__ = ["ARTICLE_SUFFIXES", "HTML_SUFFIXES", "ListedPath", "iter_article_paths"]

#: File suffixes a folder walk picks up (a file named explicitly is loaded whatever its suffix).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
_NO_ARTICLES = "no article files (.txt, .md, .html) in folder"


class ListedPath(type(Path())):  # type: ignore[misc]
    """A path found by walking a folder (rather than named by the user).

    ``load_article`` uses the distinction for its message: a listed file that is gone by the
    time it is read "disappeared", while a named one simply does not exist.
    """


def _stat_error(path: Path, error: OSError) -> ArticleError:
    if error.errno == errno.ELOOP:
        return ArticleError(str(path), "symlink loop (the link points back to itself)")
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return ArticleError(str(path), "broken symlink (its target does not exist)")
        return ArticleError(str(path), "no such file or folder")
    if error.errno in {errno.EACCES, errno.EPERM}:
        return ArticleError(str(path), "permission denied")
    return ArticleError(str(path), f"cannot read ({error.strerror or error})")


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)


def _walk(folder: Path, ancestors: tuple[tuple[int, int], ...], seen: set[tuple[int, int]],
          ) -> Iterator[Path | ArticleError]:
    """Depth-first, sorted by name; ``ancestors`` are the (device, inode) of the folders above."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        yield _stat_error(folder, error)
        return
    for name in names:
        if name.startswith("."):
            continue
        entry = folder / name
        try:
            info = os.stat(entry)
        except FileNotFoundError as error:
            if os.path.islink(entry):
                yield _stat_error(entry, error)
            elif _is_article_name(name):  # listed a moment ago: it was deleted or moved since
                yield ArticleError(str(entry), "disappeared after its folder was listed")
            continue
        except OSError as error:
            if _is_article_name(name) or os.path.islink(entry):
                yield _stat_error(entry, error)
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield ArticleError(str(entry), "symlink loop (the link leads back to a folder above it)")
                continue
            if key in seen:
                continue  # the same folder reached again through another link: already walked
            seen.add(key)
            yield from _walk(entry, (*ancestors, key), seen)
        elif _is_article_name(name):
            yield ListedPath(entry)


def iter_article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ArticleError]:
    """Each file named, and each article file under each folder named, in order; errors in-stream.

    A named file is yielded whatever its suffix (``load_article`` judges it); a folder with no
    article files under it yields an ``ArticleError`` saying so.
    """
    for raw in paths:
        path = Path(raw)
        try:
            info = os.stat(path)
        except OSError as error:
            yield _stat_error(path, error)
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield path
            continue
        key = (info.st_dev, info.st_ino)
        found = False
        for item in _walk(path, (key,), {key}):
            found = found or isinstance(item, Path)
            yield item
        if not found:
            yield ArticleError(str(path), _NO_ARTICLES)
