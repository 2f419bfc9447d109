"""The offline timeline page: self-contained, escaped, safe links and JSON, filterable in a real browser."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from graph.timeline_page import safe_json, safe_url, write_timeline
from ontology.errors import ConfigurationError

HOSTILE = "<script>alert('x')</script>"


def event(date, subject, obj, orgs, sources=(), **extra):
    return {
        "date": date,
        "subject": f"https://w3id.org/aigov/entity/{subject.lower()}",
        "subject_label": subject,
        "predicate": "joined",
        "label": "joined",
        "object": f"https://w3id.org/aigov/entity/{obj.lower()}",
        "object_label": obj,
        "role": extra.get("role"),
        "amount": extra.get("amount"),
        "percent": None,
        "status": extra.get("status", "asserted"),
        "organisations": list(orgs),
        "sources": list(sources),
    }


@pytest.fixture
def events():
    return [
        event(
            "2024-02",
            "Ada",
            "Nimbus",
            ["Nimbus"],
            [
                {
                    "title": "Lab news",
                    "url": "https://news.example/a?x=1&y=2",
                    "published": "2024-02-03",
                    "text": "Ada joined Nimbus.",
                }
            ],
        ),
        event(
            "2023",
            HOSTILE,
            "Orbit </script><b>",
            ["Orbit </script><b>"],
            [
                {"title": "Bad link", "url": "javascript:alert(1)", "published": None, "text": "x"},
                {"title": "Data link", "url": "data:text/html,hi", "published": None, "text": None},
            ],
            role="chief </script> officer",
        ),
        event("2023-11-17", "Ben", "Nimbus", ["Nimbus", "Vega"], status="claimed"),
        event(None, "Cy", "Vega", ["Vega"]),
    ]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.times: list[str] = []
        self._in_time = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_time = tag == "time"

    def handle_data(self, data):
        if self._in_time:
            self.times.append(data)
            self._in_time = False


def test_page_is_ordered_escaped_and_self_contained(events, tmp_path):
    path = write_timeline(events, tmp_path / "t.html", title="Timeline <of> & 'things'")
    page = path.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    assert parser.times == ["2023", "2023-11-17", "2024-02"]  # dated only, in order
    assert page.count('<span class="claimed">(claimed)</span>') == 1
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<title>Timeline &lt;of&gt; &amp; &#x27;things&#x27;</title>" in page
    # exactly the two script elements of the page close: the data and the code
    assert page.count("</script>") == 2
    for tag, attrs in parser.tags:
        assert "src" not in attrs, tag  # nothing is fetched
        if tag == "link":
            pytest.fail("no external stylesheets")
    hrefs = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    assert hrefs == ["https://news.example/a?x=1&y=2"]
    assert "javascript:" not in "".join(hrefs) and 'href="javascript' not in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"https?:", page)


def test_embedded_json_round_trips_and_feeds_the_filter(events, tmp_path):
    page = write_timeline(events, tmp_path / "t.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    data = json.loads(match.group(1))
    assert [e["date"] for e in data["events"]] == ["2023", "2023-11-17", "2024-02"]
    assert data["events"][0]["subject_label"] == HOSTILE
    options = re.findall(r'<option value="([^"]*)">', page)
    assert options == ["", "Nimbus", "Orbit &lt;/script&gt;&lt;b&gt;", "Vega"]


def test_safe_json_and_safe_url():
    text = safe_json({"a": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 & >"}
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "/relative",
        "https://",
        "https://ex ample.org",
        None,
        42,
    ):
        assert safe_url(bad) is None, bad


def test_an_empty_timeline_is_still_a_page(tmp_path):
    page = write_timeline([], tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "0 events" in page and '<ol class="timeline" id="events">' in page


def test_bad_input_and_paths_are_clear_errors(events, tmp_path):
    with pytest.raises(ConfigurationError, match="item 1 is not an event dict"):
        write_timeline([events[0], "2023 something"], tmp_path / "t.html")
    with pytest.raises(ConfigurationError, match="expected a list"):
        write_timeline("2023", tmp_path / "t.html")
    with pytest.raises(ConfigurationError, match="does not exist"):
        write_timeline(events, tmp_path / "nowhere" / "t.html")


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed")
def test_the_filter_works_in_chromium_without_network(events, tmp_path, chromium):
    path = write_timeline(events, tmp_path / "t.html")
    requests: list[str] = []
    errors: list[str] = []
    page = chromium.new_page()
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        page.goto(path.as_uri())
        visible = "#events li.event:not([hidden])"
        assert page.locator(visible).count() == 3
        assert page.inner_text("#shown") == "3 events"
        page.select_option("#org-filter", "Nimbus")
        assert page.locator(visible).count() == 2
        assert page.inner_text("#shown") == "2 of 3 events"
        page.select_option("#org-filter", "Orbit </script><b>")
        assert page.locator(visible).count() == 1
        assert HOSTILE in page.locator(visible).inner_text()
        page.select_option("#org-filter", "Vega")
        assert page.locator(visible).count() == 1  # the undated Vega event is not on the page
        page.select_option("#org-filter", "")
        assert page.locator(visible).count() == 3
    finally:
        page.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
