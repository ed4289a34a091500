"""Due sources gathered into batches: one crawl process runs many sources at once.

A scheduled job only marks its source due. Up to `max_parallel_crawls` dispatcher threads
each take every due source (up to MAX_BATCH_SOURCES), wait BATCH_WINDOW_SECONDS for
sources due at the same moment, and hand the batch to one crawl: one process, one Scrapy
reactor with a spider per source (per-domain download slots keep each site's politeness)
and one analysis pool. A source already due or being crawled is not queued twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

# How long a dispatcher waits after the first due source for others due with it.
BATCH_WINDOW_SECONDS = 1.0
# Most sources one crawl process takes; more wait for the next batch.
MAX_BATCH_SOURCES = 200


class DueSources:
    """The queue between the scheduler's jobs and the dispatcher threads."""

    def __init__(self, crawl: Callable[[list[str]], None], dispatchers: int,
                 window: float = BATCH_WINDOW_SECONDS, max_batch: int = MAX_BATCH_SOURCES) -> None:
        self.crawl = crawl
        self.window, self.max_batch = window, max_batch
        self.due: dict[str, None] = {}  # insertion-ordered set
        self.running: set[str] = set()
        self.batches = 0  # crawls running now
        self.stopped = False
        self.changed = threading.Condition()
        self.threads = [threading.Thread(target=self._dispatch, name=f"dispatch-{i}", daemon=True)
                        for i in range(dispatchers)]
        for thread in self.threads:
            thread.start()

    def submit(self, source_id: str) -> bool:
        """Mark a source due; False when it is already due or being crawled."""
        with self.changed:
            if self.stopped or source_id in self.due or source_id in self.running:
                return False
            self.due[source_id] = None
            self.changed.notify()
            return True

    def busy(self) -> bool:
        """Whether any source is due or being crawled."""
        with self.changed:
            return bool(self.due or self.running)

    def stop(self) -> None:
        """No new batch starts; running ones finish (their crawl is asked to stop elsewhere)."""
        with self.changed:
            self.stopped = True
            self.due.clear()
            self.changed.notify_all()

    def wait_idle(self, poll: float, on_poll: Callable[[], None]) -> None:
        """Block until no batch runs, calling `on_poll` every `poll` seconds meanwhile."""
        with self.changed:
            while self.batches:
                on_poll()
                self.changed.wait(poll)

    def _take(self) -> list[str] | None:
        with self.changed:
            while True:
                while not self.due and not self.stopped:
                    self.changed.wait()
                if self.stopped:
                    return None
                # Sources due at the same moment (a catch-up, a shared schedule) join this batch.
                self.changed.wait_for(lambda: self.stopped or len(self.due) >= self.max_batch, self.window)
                if self.stopped:
                    return None
                if self.due:  # else another dispatcher took them while this one waited
                    break
            batch = list(self.due)[: self.max_batch]
            for source_id in batch:
                del self.due[source_id]
            self.running.update(batch)
            self.batches += 1
            return batch

    def _dispatch(self) -> None:
        while (batch := self._take()) is not None:
            try:
                self.crawl(batch)
            except Exception:  # noqa: BLE001 - a failed batch must not end the dispatcher
                logger.exception("crawl of %s failed", ", ".join(batch))
            finally:
                with self.changed:
                    self.running.difference_update(batch)
                    self.batches -= 1
                    self.changed.notify_all()
