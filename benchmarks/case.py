"""Run one measured case in a fresh Python process and read back its result and peak memory.

Why a process per case: ``ru_maxrss`` is a high-water mark, so the only way to give each case
its own peak RSS is its own process; and a cold process is what users start. The child runs
``module:function(**kwargs)``, which returns a JSON-able dict, and adds its peak RSS (and the
largest of its children's, for cases that start the CLI or worker processes).
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from ontology.errors import AigovError

__all__ = ["ROOT", "CaseError", "run_case"]

ROOT = Path(__file__).resolve().parents[1]
_MARK = "@@AIGOV-BENCH-RESULT@@"


class CaseError(AigovError):
    """A benchmark case failed in its process; the message names the case and its last error line."""


def run_case(target: str, *, timeout: float | None = None, **kwargs: Any) -> dict[str, Any]:
    """Run ``target`` (``"benchmarks.extraction:bare_spacy"``) with ``kwargs`` in a child process.

    The child's stdout passes through except for the result line; its stderr (progress bars)
    goes straight to ours. Returns the function's dict plus ``rss_mb`` and ``children_rss_mb``.
    """
    cmd = [sys.executable, "-m", "benchmarks.case", target, json.dumps(kwargs)]
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    # Its own process group, so a case that hangs is stopped together with any workers it started.
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=None, text=True,
                            start_new_session=True)
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise CaseError(f"benchmark case {target}: did not finish within {timeout:.0f} s") from None
    except BaseException:  # Ctrl-C: the case is in its own session, so stop it here
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    result = None
    for line in stdout.splitlines():
        if line.startswith(_MARK):
            result = json.loads(line[len(_MARK):])
        elif line.strip():
            print(line)
    if proc.returncode != 0 or result is None:
        raise CaseError(f"benchmark case {target}: exited with status {proc.returncode}")
    return result


def _peak_mb(who: int) -> float:
    """``ru_maxrss`` is in KiB on Linux."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def main(argv: list[str]) -> int:
    target, raw = argv
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = dict(function(**json.loads(raw)))
    result["rss_mb"] = _peak_mb(resource.RUSAGE_SELF)
    result["children_rss_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    sys.stdout.flush()
    print(_MARK + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
