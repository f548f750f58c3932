"""Structured logs: one JSON object per line (VIGIE_LOG_FORMAT=json), and no personal data.

``Private`` masks e-mail addresses and tokens (signed links, subscriber keys) in every record,
whatever the format, before any handler writes it. ``JsonFormatter`` writes the time, level,
logger, message, the process, and the ``extra`` fields the code passed (counts, ids of runs
and deliveries), so that a log collector can filter on them.

Loaded by ``logging.config`` while Django starts: nothing here may import a model.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Django signed values (« payload:signature ») and random keys: long url-safe strings mixing
# lower case, upper case and digits — official ids (JORFTEXT…, NOR) and hex ids do not.
_SIGNED = re.compile(r"[\w-]{8,}:[\w:-]{20,}")
_TOKEN = re.compile(r"(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d)[\w-]{20,}")
# What every LogRecord has: anything else was passed with ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName"}


def mask(text: str) -> str:
    """``text`` without e-mail addresses and tokens."""
    text = _EMAIL.sub("<adresse>", text)
    text = _SIGNED.sub("<jeton>", text)
    return _TOKEN.sub("<jeton>", text)


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {str(k): _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_masked(v) for v in value]
    return value


class Private(logging.Filter):
    """Masks addresses and tokens in the message, its arguments and the extra fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(str(record.msg))
        if isinstance(record.args, dict):
            record.args = _masked(record.args)
        elif record.args:
            record.args = tuple(_masked(a) if isinstance(a, str | dict | list | tuple) else a
                                for a in record.args)
        for name in extras(record):
            setattr(record, name, _masked(getattr(record, name)))
        return True


class Refusal(logging.Filter):
    """A request Django refused as suspicious (``django.security.*``: an unknown ``Host``,
    too many fields, a body too big; answered 400): one warning line, without the traceback
    Django attaches — robots send such requests all day, and thirty lines each buried what
    needs reading."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            record.exc_info, record.exc_text, record.levelno = None, None, logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        return True


def extras(record: logging.LogRecord) -> list[str]:
    return [name for name in vars(record) if name not in _STANDARD and not name.startswith("_")]


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for name in extras(record):
            event[name] = _jsonable(getattr(record, name))
        if record.exc_info:
            event["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(event, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return value
