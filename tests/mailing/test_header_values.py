"""A header's value never breaks out of its header: CR, LF and other control characters in a
subject or any header become a space, ASCII or not, and a very long ASCII value is folded."""

from __future__ import annotations

from email import message_from_bytes, policy

from vigie.mailing.composing.mime import encode_header


def _parsed(raw: bytes) -> dict[str, str]:
    message = message_from_bytes(raw + b"\r\nbody\r\n", policy=policy.default)
    return {name: str(value) for name, value in message.items()}


def test_ascii_subject_with_line_breaks_stays_one_header() -> None:
    raw = encode_header("Subject", "Arrete du 3 mars\r\nBcc: victim@example.org\nX-Evil: 1")
    assert raw.count(b"\r\n") == 1 and raw.endswith(b"\r\n")
    headers = _parsed(raw)
    assert set(headers) == {"Subject"}
    assert headers["Subject"] == "Arrete du 3 mars Bcc: victim@example.org X-Evil: 1"


def test_non_ascii_subject_with_line_breaks_keeps_no_break() -> None:
    headers = _parsed(encode_header("Subject", "Arrêté\r\nBcc: victim@example.org"))
    assert set(headers) == {"Subject"}
    assert headers["Subject"] == "Arrêté Bcc: victim@example.org"


def test_long_ascii_value_is_folded_under_the_line_limit() -> None:
    raw = encode_header("Subject", "a" * 3000)
    assert max(len(line) for line in raw.split(b"\r\n")) < 998
    assert _parsed(raw)["Subject"] == "a" * 3000
