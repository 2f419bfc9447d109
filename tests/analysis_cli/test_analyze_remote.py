"""The analyses answer the same over a SPARQL endpoint (a real ``oxigraph serve``) as over a folder."""

from __future__ import annotations

import json

import pytest

from tests.analysis_cli.conftest import EXAMPLES, OWN_ARTICLES, run_aigov

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _json(*args: str):
    done = run_aigov(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_remote_store_gives_the_embedded_answers(example_store, remote_store_url, tmp_path):
    added = run_aigov("add", str(EXAMPLES), str(OWN_ARTICLES), "--store", remote_store_url)
    assert added.returncode == 0, added.stderr
    for command in (
        ["analyze", "central", "-n", "0"],
        ["analyze", "moves"],
        ["analyze", "timeline"],
        ["analyze", "controllers", "Dovetail Vision"],
    ):
        remote = _json(*command, "--store", remote_store_url)
        local = _json(*command, "--store", str(example_store))
        assert remote == local, command
    page = tmp_path / "remote.html"
    done = run_aigov("timeline", "-o", str(page), "--store", remote_store_url)
    assert done.returncode == 0, done.stderr
    assert page.read_text(encoding="utf-8").count('<li class="event"') == len(
        _json("analyze", "timeline", "--store", remote_store_url)
    )
