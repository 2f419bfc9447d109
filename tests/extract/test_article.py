"""load_article: every kind of file a researcher might point the tool at, good and bad.

Each bad input must come back as one ArticleError line naming the file and the problem;
the files are generated here in tmp_path (the texts are written for these tests).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.article import DEFAULT_MAX_ARTICLE_BYTES, MAX_BYTES_VARIABLE, load_article
from extract.paths import iter_article_paths
from ontology.errors import ArticleError, ConfigurationError
from ontology.identifiers import article_id

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_d17f13decdf4a82f.txt"

BODY = (
    "The board of a research laboratory voted on Tuesday to appoint a new chair.\n\n"
    "Two directors resigned after the vote, the laboratory said in a statement.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def refused(path: str | os.PathLike[str], **kwargs: object) -> ArticleError:
    """The error load_article raises, checked for the one-line, names-the-file contract."""
    with pytest.raises(ArticleError) as caught:
        load_article(path, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert "\n" not in str(error)
    assert str(error).startswith(str(path) + ": ")
    assert error.where == str(path)
    return error


# -- good input ---------------------------------------------------------------------------

def test_plain_text_is_kept_as_written_and_identified_by_its_text(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "note.txt", BODY))
    assert article.text == BODY
    assert article.id == article_id(BODY)
    assert article.published is None and article.title is None
    assert article.path == str(tmp_path / "note.txt")


def test_seed_date_line_is_read_and_removed() -> None:
    raw = SEED.read_text(encoding="utf-8")
    first_line, rest = raw.split("\n", 1)
    assert re.fullmatch(r"\s*date \d{4}-\d{2}-\d{2}\s*", first_line), "the seed's first line changed"
    article = load_article(SEED)
    assert article.published == dt.date(2023, 11, 21)
    assert article.text == rest.lstrip("\n")
    assert not article.text.lstrip().lower().startswith("date")
    assert article.id == article_id(article.text)


@pytest.mark.parametrize(
    "line", [" date 2023-11-21 ", "date 2023-11-21", "Date: 2023-11-21", "\tdate 2023-11-21"]
)
def test_date_line_variants(tmp_path: Path, line: str) -> None:
    article = load_article(write(tmp_path, "a.txt", f"{line}\n\n{BODY}"))
    assert article.published == dt.date(2023, 11, 21)
    assert article.text == BODY


def test_a_sentence_starting_with_date_is_not_a_header(tmp_path: Path) -> None:
    text = "Date 12 of the hearing was moved after the regulator asked for more time.\n"
    article = load_article(write(tmp_path, "a.txt", text))
    assert article.text == text
    assert article.published is None


def test_front_matter_fills_the_metadata(tmp_path: Path) -> None:
    text = (
        "---\n"
        "title: Laboratory names a new chair\n"
        "date: 2023-11-22\n"
        "source: https://news.example.org/lab-chair\n"
        "url: https://news.example.org/lab-chair?id=1\n"
        "author: [A. Writer, B. Editor]\n"
        "outlet: Example News\n"
        "section: Technology\n"
        "---\n\n" + BODY
    )
    article = load_article(write(tmp_path, "a.md", text))
    assert article.text == BODY
    assert article.title == "Laboratory names a new chair"
    assert article.published == dt.date(2023, 11, 22)
    assert article.source == "https://news.example.org/lab-chair"
    assert article.url == "https://news.example.org/lab-chair?id=1"
    assert article.author == "A. Writer, B. Editor"
    assert dict(article.metadata) == {"outlet": "Example News", "section": "Technology"}


def test_outlet_is_the_source_when_no_source_is_given(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "a.md", "---\noutlet: Example News\n---\n" + BODY))
    assert article.source == "Example News"


def test_flags_override_front_matter(tmp_path: Path) -> None:
    header = "---\ntitle: From the file\npublished: 2023-11-22\nsource: file\n---\n"
    path = write(tmp_path, "a.md", header + BODY)
    article = load_article(path, published=dt.date(2023, 11, 20), title="From the flag", source="flag",
                           url="https://example.org/x")
    assert (article.published, article.title, article.source, article.url) == (
        dt.date(2023, 11, 20), "From the flag", "flag", "https://example.org/x")


@pytest.mark.parametrize(
    "value",
    ["2023-11-21", "2023-11-21T10:30:00Z", "'2023-11-21T10:30:00+05:00'", "21 November 2023",
     "November 21, 2023", "Nov. 21, 2023", "Tue, 21 Nov 2023 10:30:00 GMT", "2023/11/21"],
)
def test_common_date_forms_in_front_matter(tmp_path: Path, value: str) -> None:
    article = load_article(write(tmp_path, "a.md", f"---\npublished: {value}\n---\n{BODY}"))
    assert article.published == dt.date(2023, 11, 21)


def test_markdown_text_is_not_rewritten(tmp_path: Path) -> None:
    text = "# A heading\n\nThe *board* met on [Friday](https://example.org).\n"
    assert load_article(write(tmp_path, "a.markdown", text)).text == text


def test_mixed_line_endings_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"First line.\r\nSecond line.\rThird line.\nFourth line.\r\n")
    assert load_article(path).text == "First line.\nSecond line.\nThird line.\nFourth line.\n"


def test_crlf_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"---\r\ntitle: Windows file\r\n---\r\nThe board met.\r\n")
    article = load_article(path)
    assert (article.title, article.text) == ("Windows file", "The board met.\n")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_byte_order_marks_are_decoded(tmp_path: Path, codec: str) -> None:
    text = "Karén Simonyan joined the company’s new unit.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    article = load_article(write(tmp_path, f"{codec}.txt", data))
    assert article.text == text


def test_a_one_megabyte_sentence_without_punctuation_is_valid(tmp_path: Path) -> None:
    text = ("word " * 210_000).strip()
    article = load_article(write(tmp_path, "long.txt", text))
    assert len(article.text) == len(text)


def test_extensionless_text_and_html_files(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, "README", BODY)).text == BODY
    page = "<!DOCTYPE html><html><head><title>T</title></head><body><p>The board met.</p></body></html>"
    article = load_article(write(tmp_path, "saved-page", page))
    assert article.text == "The board met." and article.title == "T"


def test_html_file_with_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1252"></head>'
            "<body><p>Café board met – twice.</p></body></html>")
    article = load_article(write(tmp_path, "legacy.html", page.encode("cp1252")))
    assert article.text == "Café board met – twice."


def test_hostile_html_gives_text_only(tmp_path: Path) -> None:
    page = (
        "<html><head><script>var leakedScriptToken = 1;</script></head><body>"
        "<iframe src='https://evil.example/'>leakedFrameToken</iframe>"
        "<p>The regulator opened an inquiry "
        "<a href=\"javascript:alert('leakedHrefToken')\">into the deal</a>."
        "<script>document.write('leakedInlineToken')</script>"
        "<p onclick=\"alert('leakedHandlerToken')\">Both companies said they would cooperate.</div></b>"
    )
    article = load_article(write(tmp_path, "hostile.html", page))
    assert "The regulator opened an inquiry into the deal." in article.text
    assert "Both companies said they would cooperate." in article.text
    assert "leaked" not in article.text and "<" not in article.text and "javascript" not in article.text


def test_front_matter_overrides_page_metadata_in_html(tmp_path: Path) -> None:
    page = ("---\ntitle: Front matter title\n---\n<html><head><title>Page title</title>"
            '<meta property="og:site_name" content="Page Outlet"></head>'
            "<body><p>The board met on Friday.</p></body></html>")
    article = load_article(write(tmp_path, "a.html", page))
    assert article.title == "Front matter title"
    assert article.source == "Page Outlet"
    assert load_article(tmp_path / "a.html", title="Flag title").title == "Flag title"


# -- bad input ----------------------------------------------------------------------------

def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.txt").problem == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert "is a folder" in refused(tmp_path).problem


def test_empty_file(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "empty.txt", b"")).problem == "empty file"


def test_whitespace_only(tmp_path: Path) -> None:
    assert refused(write(tmp_path, "blank.txt", " \n\t\r\n  \n")).problem == "contains only whitespace"


def test_header_without_body(tmp_path: Path) -> None:
    assert "no article text" in refused(write(tmp_path, "a.md", "---\ntitle: x\n---\n\n  \n")).problem
    assert "no article text" in refused(write(tmp_path, "b.txt", "date 2023-11-21\n\n")).problem


def test_png_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    assert refused(path).problem == "binary file (looks like PNG image), not an article"


def test_pdf_is_binary(tmp_path: Path) -> None:
    assert "PDF document" in refused(write(tmp_path, "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")).problem


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "data.txt", b"looks like text\x00\x01\x02 but is not")
    assert refused(path).problem == "binary file (contains NUL bytes), not an article"


def test_latin1_is_refused_with_the_offending_byte(tmp_path: Path) -> None:
    text = "The caf\u00e9 chain's board met."
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    error = refused(path)
    assert error.problem == f"not valid UTF-8 (byte 0xE9 at offset {text.index('é')}); convert it to UTF-8"


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: instant to create, 50 MB by stat
        handle.write(b"The board met.\n")
        handle.truncate(50 * 1024 * 1024)
    error = refused(path)
    assert "too large (50.0 MB" in error.problem
    assert f"limit is {DEFAULT_MAX_ARTICLE_BYTES // (1024 * 1024)}.0 MB" in error.problem
    assert MAX_BYTES_VARIABLE in error.problem


def test_size_limit_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a.txt", BODY)
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "20")
    assert "too large" in refused(path).problem
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "100000")
    assert load_article(path).text == BODY
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "lots")
    with pytest.raises(ConfigurationError, match=MAX_BYTES_VARIABLE):
        load_article(path)


def test_invalid_yaml_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ntitle: [unclosed\npublished: 2023-11-21\n---\n" + BODY)
    assert refused(path).problem.startswith("invalid YAML front matter: ")


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\n- just\n- a list\n---\n" + BODY)
    assert "front matter is not" in refused(path).problem


def test_python_object_tag_is_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = write(
        tmp_path, "evil.md",
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n{BODY}",
    )
    assert "YAML tag that is not allowed" in refused(path).problem
    assert not marker.exists()


@pytest.mark.timeout(60)
def test_yaml_alias_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = write(tmp_path, "bomb.md", "---\n" + "\n".join(levels) + "\ntitle: *a8\n---\n" + BODY)
    article = load_article(path)
    assert article.title is None and article.text == BODY


def test_future_dates_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\npublished: 2999-01-01\n---\n" + BODY)
    assert "is in the future" in refused(path).problem
    soon = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=10)
    assert "--published date" in refused(write(tmp_path, "b.txt", BODY), published=soon).problem
    today = dt.datetime.now(dt.UTC).date()
    assert load_article(tmp_path / "b.txt", published=today).published == today


@pytest.mark.parametrize("value", ["next tuesday", "2023-02-30", "'31/31/2023'", "Smarch 3, 2023"])
def test_unparseable_dates_are_refused(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "a.md", f"---\npublished: {value}\n---\n{BODY}")
    assert "is not a date" in refused(path).problem


def test_impossible_date_line_is_refused(tmp_path: Path) -> None:
    assert "is not a date" in refused(write(tmp_path, "a.txt", "date 2023-13-40\n\n" + BODY)).problem


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert "symlink loop" in refused(tmp_path / "a.txt").problem


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    assert "broken symlink" in refused(tmp_path / "a.txt").problem


def test_symlink_to_an_article_is_followed(tmp_path: Path) -> None:
    target = write(tmp_path, "real.txt", BODY)
    (tmp_path / "link.txt").symlink_to(target)
    assert load_article(tmp_path / "link.txt").text == BODY


def test_file_that_vanishes_after_listing(tmp_path: Path) -> None:
    write(tmp_path, "one.txt", BODY)
    write(tmp_path, "two.txt", BODY + "More.\n")
    listed = iter(iter_article_paths([tmp_path]))
    first = next(listed)
    assert isinstance(first, Path)
    load_article(first)
    second = next(listed)
    assert isinstance(second, Path)
    second.unlink()
    assert refused(second).problem == "disappeared between listing and reading"


@pytest.mark.timeout(20)
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(_capture(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=15)
    assert not worker.is_alive(), "load_article blocked on a FIFO"
    assert isinstance(outcome[0], ArticleError)
    assert str(outcome[0]) == f"{fifo}: not a regular file (a FIFO (named pipe))"


def _capture(path: Path) -> BaseException:
    try:
        load_article(path)
    except BaseException as error:  # handed back to the test thread
        return error
    return AssertionError("no error")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_devices_are_refused(device: str) -> None:
    if not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip(f"{device} is not a character device here")
    assert refused(device).problem == "not a regular file (a character device)"


def test_html_with_nothing_but_scripts(tmp_path: Path) -> None:
    page = "<html><head><script>var x = 'onlyScript';</script></head><body><script>1</script></body></html>"
    assert refused(write(tmp_path, "a.html", page)).problem == "no article text found in HTML"


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", BODY)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that ignore file permissions")
        assert refused(path).problem == "permission denied"
    finally:
        path.chmod(0o644)


# -- any bytes at all: an Article or one ArticleError line, never another exception ----------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.builds(lambda head, body: ("---\n" + head + "\n---\n" + body).encode("utf-8", "surrogatepass"),
                  st.text(max_size=80), st.text(max_size=80)),
        st.builds(lambda body: ("<html><body>" + body + "</body></html>").encode("utf-8", "surrogatepass"),
                  st.text(max_size=200)),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ""]),
)
def test_any_bytes_give_an_article_or_one_clear_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except ArticleError as error:
            assert "\n" not in str(error) and str(error).startswith(str(path) + ": ")
        else:
            assert article.text.strip()
            assert "\r" not in article.text or suffix == ".html"
            assert article.id == article_id(article.text)
