"""Background work of the registry (roster imports), run off the request.

``task_run`` starts the work in a thread of the web process once the current transaction
commits (so the thread sees the rows the request wrote), or runs it at once, in the caller,
when ``settings.VOLCITY_TASKS_EAGER`` is true (tests, scripts). A task records its own outcome
(the import job's status): nothing is returned, and an exception is logged, never lost.

A thread dies with its process: a restart during an import leaves the job "checking" or
"importing" with nothing written (the write is one transaction). Deployments that need more
put a real worker behind this function (docs/registry-import.md).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)


def task_run(fn: Callable[..., Any], *args: Any) -> None:
    """Run ``fn(*args)`` in the background after commit (or now, when eager)."""
    if settings.VOLCITY_TASKS_EAGER:
        fn(*args)
        return
    transaction.on_commit(lambda: _start(fn, args))


def _start(fn: Callable[..., Any], args: tuple[Any, ...]) -> threading.Thread:
    thread = threading.Thread(
        target=_run, args=(fn, args), name=f"volcity-task-{fn.__name__}", daemon=True
    )
    thread.start()
    return thread


def _run(fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        fn(*args)
    except Exception:
        logger.exception("background task %s%r failed", fn.__name__, args)
    finally:
        connections.close_all()  # the thread's own connections
