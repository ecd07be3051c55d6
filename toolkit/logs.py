"""Libraries that log what the toolkit reports itself (bagit, bagit-profile): silence them
for the duration of one call only, never for the whole process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def silenced(*names: str, level: int = logging.CRITICAL) -> Iterator[None]:
    """Raise the named loggers to ``level`` (default CRITICAL) for the block. The root logger (a library that logs
    with ``logging.error``) gets a NullHandler for the block when it has no handler, so that
    logging is not configured for the whole process as a side effect."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    root = logging.getLogger()
    added = logging.NullHandler() if not root.handlers else None
    if added is not None:
        root.addHandler(added)
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        if added is not None:
            root.removeHandler(added)
