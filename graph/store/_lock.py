"""The embedded store's writer lock: RocksDB lets one process write, so aigov processes queue.

An ``fcntl.flock`` on ``aigov.lock`` inside the store folder; the holder writes its pid into
the file so a process that gives up can say who is writing. The kernel drops the lock when
the holder dies, however it dies, so a killed ``aigov add`` never leaves the store locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ontology.errors import ConfigurationError, StoreBusyError, StoreError

__all__ = ["LOCK_NAME", "WriterLock", "lock_timeout"]

LOCK_NAME = "aigov.lock"
_DEFAULT_TIMEOUT = 60.0
_POLL = 0.05


def lock_timeout() -> float:
    """Seconds a writer waits for another one (``AIGOV_LOCK_TIMEOUT``, default 60)."""
    raw = os.environ.get("AIGOV_LOCK_TIMEOUT", "").strip()
    if not raw:
        return _DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(f"AIGOV_LOCK_TIMEOUT={raw!r}: not a number of seconds") from None
    if value < 0 or value != value:
        raise ConfigurationError(f"AIGOV_LOCK_TIMEOUT={raw!r}: must be zero or more seconds")
    return value


class WriterLock:
    """An exclusive lock on one store folder, held from ``acquire`` to ``release``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def _holder(self) -> str:
        try:
            return self.path.read_text(encoding="ascii").strip() or "unknown"
        except OSError:
            return "unknown"

    def acquire(self, timeout: float | None = None) -> None:
        """Wait up to ``timeout`` seconds (default: ``lock_timeout()``) or raise StoreBusyError."""
        timeout = lock_timeout() if timeout is None else timeout
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreError(f"store {self.folder}: cannot create its lock file ({error.strerror})") from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusyError(f"store {self.folder} is busy: another aigov process is writing "
                                         f"(pid {self._holder()})") from None
                time.sleep(_POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
