"""Makes files vanish at an exact moment inside a real ``aigov`` process (loaded via PYTHONPATH).

``AIGOV_TEST_VANISH`` holds ``TRIGGER=>VICTIM`` pairs separated by ``|``: when the process is
about to open TRIGGER (an audit ``open`` event, raised before the file is opened), VICTIM is
deleted. A victim that is its own trigger vanishes after it was listed and checked but before
it is read; a victim triggered by an earlier file vanishes after its folder was listed.
Nothing in aigov is replaced: the file system really changes under the running import.
"""

import contextlib
import os
import sys

_PAIRS = dict(pair.split("=>", 1) for pair in os.environ.get("AIGOV_TEST_VANISH", "").split("|")
              if "=>" in pair)


def _hook(event, args):
    if event != "open" or not args or not _PAIRS:
        return
    try:
        path = os.path.abspath(os.fsdecode(os.fspath(args[0])))
    except TypeError:
        return  # an open by file descriptor
    victim = _PAIRS.pop(path, None)
    if victim is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(victim)


if _PAIRS:
    sys.addaudithook(_hook)
