"""The bad-input matrix, through the real ``aigov add`` and ``aigov extract`` console script.

Every kind of input a researcher's folder can hold (empty, binary, wrongly encoded, huge,
hostile HTML, broken or dangerous front matter, impossible dates, symlink loops, files that
vanish mid-import, devices, FIFOs) goes through the command line in a few grouped runs:

* all the bad inputs alone: a non-zero exit, nothing imported, the store byte-for-byte as before;
* one mixed batch (a folder holding every case, plus a device and a missing path): each bad
  file reported on one line naming it and its problem, and the store afterwards exactly equal
  to a reference store into which only the good files were imported;
* ``aigov extract`` over the same inputs: the same error lines, and facts for the good files.

Each case then has its own parametrised test reading those runs. Files that vanish are made to
vanish at an exact moment by an audit hook in the ``aigov`` process (``vanish_hook``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.robustness.articles import made_up_articles
from tests.robustness.conftest import error_lines, export_nquads, run_aigov

pytestmark = pytest.mark.slow

HOOK_DIR = Path(__file__).with_name("vanish_hook")
DEVICE = Path("/dev/null")
MISSING = Path("/nonexistent-aigov-robustness/missing.txt")
NAMED = (str(DEVICE), str(MISSING))  # paths given beside the batch folder
_SUMMARY = re.compile(r"^added \d+ article\(s\) with \d+ fact\(s\); "
                      r"skipped \d+ already in the store; failed \d+$")


def _png() -> bytes:
    """A real, tiny PNG image (one white pixel)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


_UTF16_TEXT = ("Kvarnström Fotonik Inc. appointed Zoë Åkesson as its chief executive on Monday, the company "
               "said.\n\nÅkesson previously led the optics division of Ferreira Óptica.\n")
_MIXED_TEXT = (b"Veltrano Biosystems held its annual meeting in Turin on Thursday.\r\n\r\n"
               b"Veltrano Biosystems appointed Marco Lentini as chief financial officer, the company said.\r"
               b"\rLentini previously worked at Cassari Holdings for nine years.\n\n"
               b"The board of Veltrano Biosystems also said Giulia Brambati had joined it as a director.\r\n")
_HTML = """<!DOCTYPE html><html><head><title>Network maker names a new chief</title>
<script>document.cookie = "stolen"; var fake = "<p>Injected Corp hired Mallory Evil.</p>";</script>
<style>p { color: red }</style></head><body>
<iframe src="javascript:alert('frame')"></iframe>
<article><h1>Network maker names a new chief</h1>
<p>Corvalis Networks appointed Ines Duarte as its chief executive on Monday, the company said.
<p>Duarte previously ran the drone unit of <a href="javascript:alert('link')">Serrat Aerial</a> for six years.
<div><span>The board of Corvalis Networks also said that Tomas Weber had joined it as a director.</i></b>
<img src=x onerror="alert('img')"><p>Corvalis Networks is based in Lisbon.</article>
<script>alert('tail')</script></body>
"""
_YAML_TAG = """---
title: !!python/object/apply:os.system ["touch {marker}"]
published: 2022-05-04
---
Marlowe Instruments appointed Petra Holm as its chief executive on Monday.
"""


@dataclass(frozen=True)
class Case:
    """One matrix case: the path its error line names and the problem expected (None: a correct result)."""

    name: str
    relative: str | None  # the file inside the batch folder; None for a path named outside it
    problem: str | None
    named: Path | None = None

    def path(self, folder: Path) -> Path:
        return self.named if self.named is not None else folder / self.relative


CASES = [
    Case("empty file", "empty.txt", r"^empty file$"),
    Case("whitespace only", "whitespace.txt", r"^contains only whitespace$"),
    Case("binary image with a text suffix", "figure.txt",
         r"^binary file \(looks like PNG image\), not an article$"),
    Case("NUL bytes in text", "nul-bytes.txt", r"^binary file \(contains NUL bytes\), not an article$"),
    Case("UTF-16 with BOM", "utf16-bom.txt", None),
    Case("Latin-1", "latin1.txt", r"^not valid UTF-8 \(byte 0xE9 at offset 9\); convert it to UTF-8$"),
    Case("mixed line endings", "mixed-endings.txt", None),
    Case("50 MB of text", "huge-50mb.txt",
         r"^too large \(50\.0 MB, the limit is 5\.0 MB; set AIGOV_MAX_ARTICLE_BYTES"),
    Case("hostile and broken HTML", "page.html", None),
    Case("invalid YAML front matter", "yaml-invalid.md", r"^invalid YAML front matter: .* at line \d+$"),
    Case("YAML tag in front matter", "yaml-tag.md", r"^front matter uses a YAML tag that is not allowed \("),
    Case("date in the future", "date-future.md", r"^front matter date \d{4}-\d\d-\d\d is in the future"),
    Case("unparseable date", "date-unparseable.md",
         r"^front matter date 'the thirtieth of Smarch' is not a date"),
    Case("symlink loop in a folder", "loop/inner/back",
         r"^symlink loop \(the link leads back to a folder above it\)$"),
    Case("symlink to itself", "self-link.txt", r"^symlink loop \(the link points back to itself\)$"),
    Case("file vanishing after its folder was listed", "vanish-2-listed.md",
         r"^disappeared after its folder was listed$"),
    Case("file vanishing between listing and reading", "vanish-3-read.md",
         r"^disappeared between listing and reading$"),
    Case("FIFO", "fifo.txt", r"^not a regular file \(a FIFO \(named pipe\)\)$"),
    Case("character device", None, r"^not a regular file \(a character device\)$", named=DEVICE),
    Case("path that does not exist", None, r"^no such file or folder$", named=MISSING),
    Case("newline and escape sequence in the file name", "odd\nname\x1b[31m.txt", r"^empty file$"),
    Case("undecodable bytes in the file name", os.fsdecode(b"undecodable-\xff.md"), None),
]
VANISHED_AFTER_LISTING = next(case for case in CASES if case.relative == "vanish-2-listed.md")
GOOD_NAMES = ("a-good.md", "b-good.md")
# An auxiliary bad file: opening it makes vanish-2-listed.md vanish.
TRIGGER = Case("vanishing trigger (whitespace)", "vanish-1-trigger.txt", r"^contains only whitespace$")


def _vanishing(folder: Path) -> None:
    """(Re)create the files that vanish: each run deletes them."""
    (folder / TRIGGER.relative).write_text("  \n \n", encoding="utf-8")
    for name in ("vanish-2-listed.md", "vanish-3-read.md"):
        (folder / name).write_text(f"---\ntitle: {name}\n---\nNorvik Analytics hired Ada Brenn as its "
                                   "chief scientist on Friday.\n", encoding="utf-8")


def _vanish_env(folder: Path) -> dict[str, str]:
    pairs = [(folder / TRIGGER.relative, folder / "vanish-2-listed.md"),
             (folder / "vanish-3-read.md", folder / "vanish-3-read.md")]
    python_path = os.pathsep.join(p for p in (str(HOOK_DIR), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": python_path, "AIGOV_TEST_VANISH": "|".join(f"{a}=>{b}" for a, b in pairs)}


def _build(folder: Path, marker: Path) -> None:
    folder.mkdir()
    for name, (_, text) in zip(GOOD_NAMES, made_up_articles(2, seed=4242), strict=True):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "odd\nname\x1b[31m.txt").write_bytes(b"")
    (folder / os.fsdecode(b"undecodable-\xff.md")).write_text(made_up_articles(3, seed=4242)[2][1],
                                                              encoding="utf-8")
    (folder / "whitespace.txt").write_bytes(b" \t\n\r\n   \n\x0b\x0c \xc2\xa0\n")
    (folder / "figure.txt").write_bytes(_png())
    (folder / "nul-bytes.txt").write_bytes(b"Ostrava Metrics hired Jan Kral\x00 as chief executive.\n")
    (folder / "utf16-bom.txt").write_bytes(b"\xff\xfe" + _UTF16_TEXT.encode("utf-16-le"))
    (folder / "latin1.txt").write_bytes("Brasa Caf\xe9 Group hired Jos\xe9 N\xfa\xf1ez.\n".encode("latin-1"))
    (folder / "mixed-endings.txt").write_bytes(_MIXED_TEXT)
    line = "The regulator kept reading filings late into the night and found nothing new to report.\n"
    with (folder / "huge-50mb.txt").open("w", encoding="utf-8") as handle:
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    (folder / "page.html").write_text(_HTML, encoding="utf-8")
    (folder / "yaml-invalid.md").write_text("---\ntitle: [an unclosed list\npublished: 2022-01-01\n---\n"
                                            "Norvik Analytics hired Ada Brenn.\n", encoding="utf-8")
    (folder / "yaml-tag.md").write_text(_YAML_TAG.format(marker=marker), encoding="utf-8")
    future = dt.date.today().replace(year=dt.date.today().year + 5, day=1)
    (folder / "date-future.md").write_text(f"---\npublished: {future.isoformat()}\n---\n"
                                           "Norvik Analytics hired Ada Brenn.\n", encoding="utf-8")
    (folder / "date-unparseable.md").write_text("---\npublished: the thirtieth of Smarch\n---\n"
                                                "Norvik Analytics hired Ada Brenn.\n", encoding="utf-8")
    (folder / "loop" / "inner").mkdir(parents=True)
    (folder / "loop" / "inner" / "back").symlink_to("..")  # leads back to loop/
    (folder / "self-link.txt").symlink_to("self-link.txt")
    os.mkfifo(folder / "fifo.txt")
    _vanishing(folder)


@dataclass
class Runs:
    folder: Path
    marker: Path
    before: list[str]
    bad_add: subprocess.CompletedProcess
    after_bad: list[str]
    mixed_add: subprocess.CompletedProcess
    after_mixed: list[str]
    reference_add: subprocess.CompletedProcess
    reference: list[str]
    mixed_extract: subprocess.CompletedProcess
    bad_extract: subprocess.CompletedProcess

    def all(self) -> dict[str, subprocess.CompletedProcess]:
        return {"add (bad only)": self.bad_add, "add (mixed)": self.mixed_add,
                "add (reference)": self.reference_add,
                "extract (mixed)": self.mixed_extract, "extract (bad only)": self.bad_extract}


def _prepopulate(store: Path, extractor, folder: Path) -> None:
    """A store that already holds one article, so 'unchanged' means something."""
    from aigov.knowledge_graph import KnowledgeGraph
    from extract import load_article

    path = folder / "existing.md"
    path.write_text(made_up_articles(1, seed=99)[0][1], encoding="utf-8")
    article = load_article(path)
    with KnowledgeGraph(store) as kg:
        assert kg.add_facts(article, extractor.extract(article, include_claims=True))


@pytest.fixture(scope="module")
def runs(extractor, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("bad-inputs")
    folder, marker = root / "batch", root / "yaml-tag-was-executed"
    _build(folder, marker)
    store, reference_store = root / "store", root / "reference-store"
    _prepopulate(store, extractor, root)
    shutil.copytree(store, reference_store)
    before = export_nquads(store)
    env = _vanish_env(folder)

    # The loop is named by its folder: naming the link itself would name a folder that holds it.
    bad = [folder / "loop" if case.relative == "loop/inner/back" else case.path(folder)
           for case in (TRIGGER, *CASES) if case.problem is not None]
    bad_add = run_aigov("add", *map(str, bad), "--store", str(store), env=env)
    after_bad = export_nquads(store)

    _vanishing(folder)
    mixed_add = run_aigov("add", str(folder), *NAMED, "--store", str(store), env=env)
    after_mixed = export_nquads(store)

    good = sorted([folder / name for name in GOOD_NAMES]
                  + [case.path(folder) for case in CASES if case.problem is None])
    reference_add = run_aigov("add", *map(str, good), "--store", str(reference_store))
    reference = export_nquads(reference_store)

    _vanishing(folder)
    mixed_extract = run_aigov("extract", str(folder), *NAMED, "--format", "jsonl", env=env)
    _vanishing(folder)
    bad_extract = run_aigov("extract", *map(str, bad), "--format", "jsonl", env=env)
    return Runs(folder, marker, before, bad_add, after_bad, mixed_add, after_mixed, reference_add, reference,
                mixed_extract, bad_extract)


def _as_printed(path: Path) -> str:
    """A path as an error line shows it: control characters escaped, so the line stays one line."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: m.group(0).encode("unicode_escape").decode(), str(path))


def _lines_naming(stderr: str, path: Path) -> list[str]:
    prefix = f"aigov: error: {_as_printed(path)}: "
    return [line.removeprefix(prefix) for line in error_lines(stderr) if line.startswith(prefix)]


def _facts(done: subprocess.CompletedProcess, path: Path) -> list[dict]:
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return [record for record in records if record["source"] == str(path)]


@pytest.mark.parametrize("case", [*CASES, TRIGGER], ids=lambda case: case.name)
def test_each_input_gives_a_correct_result_or_one_line_naming_file_and_problem(runs: Runs,
                                                                               case: Case) -> None:
    path = case.path(runs.folder)
    mixed = {"add": runs.mixed_add, "extract": runs.mixed_extract}
    if case.problem is None:
        for command, done in mixed.items():
            assert _lines_naming(done.stderr, path) == [], f"aigov {command} refused a good file"
        assert _facts(runs.mixed_extract, path), "a good file yields facts"
        return
    alone = {"add (bad only)": runs.bad_add, "extract (bad only)": runs.bad_extract}
    for command, done in {**mixed, **alone}.items():
        problems = _lines_naming(done.stderr, path)
        assert len(problems) == 1, f"aigov {command}: expected one error line for {path}: {done.stderr}"
        expected = case.problem
        if case is VANISHED_AFTER_LISTING and command not in mixed:
            expected = r"^no such file or folder$"  # named, not listed: it simply is not there any more
        assert re.search(expected, problems[0]), f"aigov {command}: {problems[0]!r}"
        assert not _facts(done, path)


def test_every_run_prints_only_error_lines_and_the_summary(runs: Runs) -> None:
    for name, done in runs.all().items():
        for line in done.stderr.splitlines():
            assert line.startswith("aigov: error: ") or _SUMMARY.match(line), f"{name}: stray line {line!r}"


def test_a_batch_of_only_bad_inputs_fails_and_leaves_the_store_exactly_as_before(runs: Runs) -> None:
    bad_count = len(error_lines(runs.bad_add.stderr))  # the cases, and the loop folder's "no article files"
    assert bad_count == sum(case.problem is not None for case in (*CASES, TRIGGER)) + 1
    assert runs.bad_add.returncode == 1
    assert runs.bad_add.stderr.splitlines()[-1] == (
        f"added 0 article(s) with 0 fact(s); skipped 0 already in the store; failed {bad_count}")
    assert runs.after_bad == runs.before
    assert runs.bad_extract.returncode == 1
    assert runs.bad_extract.stdout == ""


def test_a_mixed_batch_imports_exactly_the_good_files_and_reports_the_rest(runs: Runs) -> None:
    assert runs.reference_add.returncode == 0, runs.reference_add.stderr
    assert runs.mixed_add.returncode == 1, "a batch with failures exits non-zero"
    assert runs.mixed_extract.returncode == 1
    good = len(GOOD_NAMES) + sum(case.problem is None for case in CASES)
    assert f"added {good} article(s)" in runs.mixed_add.stderr
    assert runs.reference != runs.before, "the good files add something"
    assert runs.after_mixed == runs.reference, (
        "the store holds the good files' graphs and nothing from the bad ones")


def test_a_yaml_tag_is_never_executed(runs: Runs) -> None:
    assert not runs.marker.exists()
    assert "touch" not in "".join(runs.after_mixed)


def test_hostile_html_leaves_no_script_in_the_store_or_the_facts(runs: Runs) -> None:
    page = runs.folder / "page.html"
    facts = _facts(runs.mixed_extract, page)
    subjects = {fact["subject"] for fact in facts} | {fact["object"] for fact in facts}
    assert "Corvalis Networks" in subjects
    assert not {"Injected Corp", "Mallory Evil"} & subjects, "script text is not article text"
    store_text = "\n".join(runs.after_mixed).lower()
    for fragment in ("javascript:", "alert(", "<script", "<iframe", "onerror", "document.cookie", "mallory"):
        assert fragment not in store_text, fragment


def test_utf16_names_are_decoded(runs: Runs) -> None:
    facts = _facts(runs.mixed_extract, runs.folder / "utf16-bom.txt")
    names = {fact["subject"] for fact in facts} | {fact["object"] for fact in facts}
    assert "Zoë Åkesson" in names
    assert any("Zoë Åkesson" in line for line in runs.after_mixed)


def test_mixed_line_endings_give_spans_into_the_normalised_text(runs: Runs) -> None:
    from extract import load_article

    path = runs.folder / "mixed-endings.txt"
    text = load_article(path).text
    assert "\r" not in text
    facts = _facts(runs.mixed_extract, path)
    assert len(facts) >= 2
    for fact in facts:
        start, end = fact["span"]
        assert text[start:end] == fact["evidence"]
    assert not any("\\r" in line for line in runs.after_mixed)
