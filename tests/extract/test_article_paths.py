"""iter_article_paths: folders expand to article files, sorted; problems come back in the stream."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract.paths import iter_article_paths
from ontology.errors import ArticleError


def make(tmp_path: Path, *names: str) -> None:
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The board met on Friday.\n", encoding="utf-8")


def relative(items: list[Path | ArticleError], root: Path) -> list[str]:
    return [str(Path(item).relative_to(root)) for item in items if isinstance(item, Path)]


def test_folders_expand_recursively_in_sorted_order(tmp_path: Path) -> None:
    make(tmp_path, "b.txt", "a.md", "sub/z.html", "sub/deeper/c.htm", "sub/a.markdown", "c.TXT")
    items = list(iter_article_paths([tmp_path]))
    assert all(isinstance(item, Path) for item in items)
    assert relative(items, tmp_path) == [
        "a.md", "b.txt", "c.TXT", "sub/a.markdown", "sub/deeper/c.htm", "sub/z.html",
    ]


def test_hidden_entries_and_other_suffixes_are_skipped(tmp_path: Path) -> None:
    make(tmp_path, "keep.txt", ".hidden.txt", ".git/objects/x.txt", "notes.docx", "image.png", "data.json")
    assert relative(list(iter_article_paths([tmp_path])), tmp_path) == ["keep.txt"]


def test_named_files_are_yielded_whatever_their_suffix(tmp_path: Path) -> None:
    make(tmp_path, "story", "x.csv")
    items = list(iter_article_paths([tmp_path / "story", tmp_path / "x.csv"]))
    assert items == [tmp_path / "story", tmp_path / "x.csv"]


def test_inputs_keep_their_order(tmp_path: Path) -> None:
    make(tmp_path, "one/b.txt", "two/a.txt")
    items = list(iter_article_paths([tmp_path / "two", tmp_path / "one"]))
    assert relative(items, tmp_path) == ["two/a.txt", "one/b.txt"]


def test_folder_without_articles(tmp_path: Path) -> None:
    make(tmp_path, "empty/readme.pdf")
    (items,) = list(iter_article_paths([tmp_path / "empty"]))
    assert isinstance(items, ArticleError)
    assert str(items) == f"{tmp_path / 'empty'}: no article files (.txt, .md, .html) in folder"


def test_missing_path(tmp_path: Path) -> None:
    (item,) = list(iter_article_paths([tmp_path / "absent"]))
    assert isinstance(item, ArticleError) and item.problem == "no such file or folder"


@pytest.mark.timeout(30)
def test_folder_symlink_loop_is_one_error_not_infinite_recursion(tmp_path: Path) -> None:
    make(tmp_path, "news/a.txt", "news/inner/b.txt")
    (tmp_path / "news" / "inner" / "back").symlink_to(tmp_path / "news", target_is_directory=True)
    items = list(iter_article_paths([tmp_path / "news"]))
    errors = [item for item in items if isinstance(item, ArticleError)]
    assert relative(items, tmp_path) == ["news/a.txt", "news/inner/b.txt"]
    assert len(errors) == 1
    assert errors[0].where == str(tmp_path / "news" / "inner" / "back")
    assert "symlink loop" in errors[0].problem


def test_self_referencing_symlinks_in_a_folder(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    items = list(iter_article_paths([tmp_path]))
    assert relative(items, tmp_path) == ["a.txt"]
    assert sorted(Path(e.where).name for e in items if isinstance(e, ArticleError)) == ["x.txt", "y.txt"]
    assert all("symlink loop" in e.problem for e in items if isinstance(e, ArticleError))


def test_symlinked_files_and_folders_are_followed(tmp_path: Path) -> None:
    make(tmp_path, "elsewhere/x.txt", "root/a.txt")
    (tmp_path / "root" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "root" / "b.txt").symlink_to(tmp_path / "elsewhere" / "x.txt")
    items = list(iter_article_paths([tmp_path / "root"]))
    assert relative(items, tmp_path / "root") == ["a.txt", "b.txt", "linked/x.txt"]


def test_broken_symlink_in_a_folder(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(iter_article_paths([tmp_path]))
    errors = [item for item in items if isinstance(item, ArticleError)]
    assert relative(items, tmp_path) == ["a.txt"]
    assert [e.problem for e in errors] == ["broken symlink (its target does not exist)"]


def test_unlistable_folder(tmp_path: Path) -> None:
    make(tmp_path, "locked/a.txt")
    (tmp_path / "locked").chmod(0)
    try:
        if os.access(tmp_path / "locked", os.R_OK):
            pytest.skip("running with privileges that ignore file permissions")
        items = list(iter_article_paths([tmp_path / "locked"]))
        assert any(isinstance(i, ArticleError) and i.problem == "permission denied" for i in items)
    finally:
        (tmp_path / "locked").chmod(0o755)
