"""A crawl process dies with the process that started it.

The parent starts the crawl in a process group of its own (start_new_session) and names
itself in PARKWATCH_PARENT_PID. The crawl asks the kernel for SIGHUP when its parent dies
(Linux PR_SET_PDEATHSIG); the handler kills the whole group, analysis workers included,
so a SIGKILLed `parkwatch crawl` or `parkwatch run` leaves no crawl running beyond its
timeout. The crawl's run rows stay `running` and the next crawl of the source closes them."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
from typing import Any

logger = logging.getLogger(__name__)

PARENT_ENV = "PARKWATCH_PARENT_PID"
PR_SET_PDEATHSIG = 1
# Not used by Scrapy (SIGTERM/SIGINT: shutdown, SIGUSR2/SIGQUIT: stack dumps).
DEATH_SIGNAL = signal.SIGHUP


def _on_parent_death(signum: int, frame: Any) -> None:
    try:
        os.write(2, b"crawl: the parent process died; ending the crawl and its workers\n")
    except OSError:
        pass  # stderr was a pipe to the dead parent: nobody is left to read it
    if os.getpgrp() == os.getpid():  # our own group (start_new_session): workers go too
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def die_with_parent() -> bool:
    """Arm the parent-death signal when a parent named itself; True when armed.

    Exits at once if that parent is already gone (it died before the signal was armed)."""
    expected = os.environ.get(PARENT_ENV)
    if not expected or not sys.platform.startswith("linux"):
        return False
    signal.signal(DEATH_SIGNAL, _on_parent_death)
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(DEATH_SIGNAL), 0, 0, 0) != 0:
        logger.warning("prctl(PR_SET_PDEATHSIG) failed (errno %d)", ctypes.get_errno())
        return False
    if str(os.getppid()) != expected:
        _on_parent_death(int(DEATH_SIGNAL), None)
    return True


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
