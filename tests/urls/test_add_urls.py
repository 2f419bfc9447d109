"""``aigov add URL`` and ``aigov add --feed``: real HTTP on 127.0.0.1, the real command, a tmp store."""

from __future__ import annotations

import re
from pathlib import Path

from tests.urls.conftest import run_aigov, stored_sources
from tests.webserver import WebServer

_SUMMARY = re.compile(r"added (\d+) article\(s\) with \d+ fact\(s\); skipped (\d+) already in the store; "
                      r"(?:skipped (\d+) \(duplicate\); )?failed (\d+)")


def _summary(stderr: str) -> tuple[int, int, int, int]:
    match = _SUMMARY.search(stderr)
    assert match, f"no summary line in: {stderr}"
    return tuple(int(g or 0) for g in match.groups())  # type: ignore[return-value]


def _add(store: Path, *args: str, env: dict | None = None):
    return run_aigov("add", "--store", str(store), *args, env=env)


def test_a_page_url_is_fetched_archived_and_stored(site: WebServer, store_dir: Path) -> None:
    url = site.url("/pages/story.html")
    result = _add(store_dir, url)
    assert result.returncode == 0, result.stderr
    assert _summary(result.stderr) == (1, 0, 0, 0)
    sources = stored_sources(store_dir)
    assert list(sources.values()) == [{url}]
    archived = list((store_dir / "archive").glob("*.html"))
    assert len(archived) == 1 and "Lena Ostrova" in archived[0].read_text(encoding="utf-8")
    again = _add(store_dir, url)
    assert again.returncode == 0 and _summary(again.stderr) == (0, 1, 0, 0)


def test_a_feed_twice_adds_nothing_the_second_time(site: WebServer, store_dir: Path) -> None:
    first = _add(store_dir, "--feed", site.url("/wire.rss"))
    assert first.returncode == 0, first.stderr
    assert _summary(first.stderr) == (3, 0, 0, 0)
    fetched = len(site.requests)
    second = _add(store_dir, "--feed", site.url("/wire.rss"))
    assert second.returncode == 0, second.stderr
    assert _summary(second.stderr) == (0, 3, 0, 0)
    assert [path for path, _ in site.requests[fetched:]] == ["/wire.rss"]  # no page fetched again
    assert len(stored_sources(store_dir)) == 3


def test_a_feed_since_a_date_leaves_older_items_out(site: WebServer, store_dir: Path) -> None:
    result = _add(store_dir, "--feed", site.url("/wire.rss"), "--since", "2024-03-04")
    assert result.returncode == 0, result.stderr
    assert _summary(result.stderr) == (2, 0, 0, 0)
    # The pages carry no date of their own: the feed's dates are the articles' publication dates.
    dates = run_aigov("query", "--store", str(store_dir), "--format", "csv",
                      "SELECT ?d WHERE { GRAPH ?g { ?g dcterms:issued ?d } } ORDER BY ?d")
    assert dates.stdout.split()[1:] == ["2024-03-04", "2024-03-05"]


def test_extract_fetches_a_url_without_writing_anything(site: WebServer, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = run_aigov("extract", site.url("/pages/story.html"), env={"AIGOV_ARCHIVE": str(archive)})
    assert result.returncode == 0, result.stderr
    assert "Lena Ostrova" in result.stdout
    assert not archive.exists()  # only ``add`` archives: extract touches nothing


def test_one_story_at_two_urls_is_one_article_with_both_sources(site: WebServer, store_dir: Path) -> None:
    first, second = site.url("/story"), site.url("/print/story")
    result = _add(store_dir, first, second)
    assert result.returncode == 0, result.stderr
    assert _summary(result.stderr) == (1, 0, 1, 0)
    assert list(stored_sources(store_dir).values()) == [{first, second}]
    again = _add(store_dir, second)  # both sources known now: nothing to record
    assert _summary(again.stderr) == (0, 1, 0, 0)
    assert list(stored_sources(store_dir).values()) == [{first, second}]


def test_each_failed_fetch_is_one_line_and_the_batch_goes_on(site: WebServer, store_dir: Path) -> None:
    bad = {
        site.url("/missing"): "404",
        site.url("/report.pdf"): "not an HTML page",
        site.url("/huge"): "too large",
        site.url("/slow"): "timed out",
    }
    good = site.url("/pages/funding.html")
    result = _add(store_dir, *bad, good, env={"AIGOV_FETCH_TIMEOUT": "1"})
    assert result.returncode != 0
    assert _summary(result.stderr) == (1, 0, 0, 4)
    errors = [line for line in result.stderr.splitlines() if line.startswith("aigov: error:")]
    assert len(errors) == 4
    for url, problem in bad.items():
        (line,) = [line for line in errors if f"{url}:" in line]
        assert problem in line
    assert "Traceback" not in result.stderr
    assert list(stored_sources(store_dir).values()) == [{good}]


def test_a_feed_that_cannot_be_fetched_fails_in_one_line(site: WebServer, store_dir: Path) -> None:
    url = site.url("/missing")
    result = _add(store_dir, "--feed", url)
    assert result.returncode != 0
    assert f"{url}: HTTP 404" in result.stderr and "Traceback" not in result.stderr
    assert not (store_dir / "CURRENT").exists()  # nothing to store: the store was never created


def test_a_bad_fetch_timeout_setting_is_refused(site: WebServer, store_dir: Path) -> None:
    result = _add(store_dir, site.url("/pages/story.html"), env={"AIGOV_FETCH_TIMEOUT": "soon"})
    assert result.returncode != 0
    assert "AIGOV_FETCH_TIMEOUT" in result.stderr and "Traceback" not in result.stderr
