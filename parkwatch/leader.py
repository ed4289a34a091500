"""One acting scheduler per database: a session-level PostgreSQL advisory lock.

`parkwatch run` on PostgreSQL holds `pg_advisory_lock(SCHEDULER_LOCK_KEY)` on a dedicated
connection for as long as it schedules; a second service polls with the non-blocking
`pg_try_advisory_lock` as a standby and takes over when the first one stops or dies (the
server drops a session lock with its connection). On SQLite every service schedules and
the per-source crawl leases keep crawls apart, as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Connection, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)

# Advisory-lock key of the acting scheduler ("PWRUNLDR" as an integer).
SCHEDULER_LOCK_KEY = 0x505752554E4C4452


class SchedulerLock:
    """The scheduler lock of the database at `url` (always granted on SQLite)."""

    def __init__(self, url: str) -> None:
        self.shared = make_url(url).get_backend_name() == "postgresql"
        self._engine = create_engine(url, poolclass=NullPool) if self.shared else None
        self._conn: Connection | None = None
        self._watch_stop = threading.Event()
        self._using = threading.Lock()  # the watch thread and release share the connection

    def try_acquire(self) -> bool:
        """Take the lock if it is free; True when this process holds it now."""
        if self._engine is None:
            return True
        if self._conn is None:
            self._conn = self._engine.connect()
        held = bool(self._conn.exec_driver_sql(
            f"SELECT pg_try_advisory_lock({SCHEDULER_LOCK_KEY})").scalar())
        self._conn.commit()
        return held

    def acquire(self, stop: threading.Event, poll_seconds: float) -> bool:
        """Wait as a standby until the lock is ours (True) or `stop` is set (False)."""
        announced = False
        while not stop.is_set():
            if self.try_acquire():
                if announced:
                    logger.warning("scheduler lock taken: this service schedules now")
                return True
            if not announced:
                logger.warning("standby: another `parkwatch run` schedules for this database; "
                               "checking every %.0f s", poll_seconds)
                announced = True
            stop.wait(poll_seconds)
        self.release()
        return False

    def watch(self, on_lost: Callable[[], None], poll_seconds: float) -> None:
        """Call `on_lost` once if the lock's connection breaks (the server dropped the lock)."""
        if self._conn is None:
            return
        conn = self._conn

        def check() -> None:
            while not self._watch_stop.wait(poll_seconds):
                try:
                    with self._using:
                        if self._watch_stop.is_set():
                            return
                        conn.exec_driver_sql("SELECT 1")
                        conn.commit()
                except SQLAlchemyError as exc:
                    logger.error("scheduler lock lost (%s): stopping", exc.__class__.__name__)
                    on_lost()
                    return

        threading.Thread(target=check, name="scheduler-lock-watch", daemon=True).start()

    def release(self) -> None:
        self._watch_stop.set()
        with self._using:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.exec_driver_sql(f"SELECT pg_advisory_unlock({SCHEDULER_LOCK_KEY})")
                self._conn.commit()
            except SQLAlchemyError as exc:  # the connection is gone, and the lock with it
                logger.info("scheduler lock: %s on release", exc.__class__.__name__)
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
