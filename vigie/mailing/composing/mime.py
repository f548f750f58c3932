"""Turning a composed message into the bytes handed to SMTP: headers, two parts, encodings.

Written by hand rather than with ``email.message`` because ten thousand digests share far
fewer bodies: each body is split in segments at line ends, the shared segments are encoded
(quoted-printable, UTF-8) once, when their draft is made, and only the personal segments (the
reason for the message, the signed links) are encoded per message. Quoted-printable is
line-based, so segments that end with a line break can be encoded separately and joined.
Lines end with CRLF, as SMTP wants them (``smtplib`` sends bytes unchanged).
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache


@dataclass(frozen=True)
class Segment:
    """A piece of a body to encode, ending with a line break (bytes: already encoded)."""

    text: str


@dataclass
class Outgoing:
    """A message ready to be assembled: addresses, subject, plain and HTML bodies."""

    message_id: str  # with its angle brackets
    to: str
    subject: str
    text: list[Segment | bytes]  # bytes: a piece already encoded
    html: list[Segment | bytes]
    unsubscribe_url: str = ""  # List-Unsubscribe (RFC 2369) and one-click POST (RFC 8058)
    list_id: tuple[str, str] | None = None  # (name, identifier), RFC 2919
    headers: dict[str, str] = field(default_factory=dict)


def encode(text: str) -> bytes:
    """Quoted-printable UTF-8 with CRLF line ends; ``text`` should end with a line break."""
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    return binascii.b2a_qp(data, istext=True)


def encode_body(pieces: list[Segment | bytes]) -> list[bytes]:
    return [p if isinstance(p, bytes) else encode(p.text) for p in pieces]


# Line breaks and other control characters in a header's value: a title written into a
# subject must never end the header and start another (header injection).
_CONTROL = re.compile("[\x00-\x1f\x7f]+")
ASCII_LINE = 900  # characters of an ASCII value written as is (RFC 5322: lines under 998)


@lru_cache(maxsize=2048)  # subjects repeat: one per draft
def encode_header(name: str, value: str) -> bytes:
    """``Name: value`` ending with CRLF; non-ASCII values as RFC 2047 encoded words.

    Each encoded word carries at most 39 bytes of UTF-8 (52 characters of base64, 64 with
    its markers, so that even the first line, after the header's name, stays under 78) and
    never splits a character; words are folded one per line. Control characters (CR, LF…)
    become a space whatever the value; an ASCII value too long for one line is encoded
    words too, folded.
    """
    value = _CONTROL.sub(" ", value)
    if value.isascii() and len(value) <= ASCII_LINE:
        return f"{name}: {value}\r\n".encode("ascii")
    return f"{name}: {encoded_words(value)}\r\n".encode("ascii")


def encoded_words(value: str) -> str:
    """RFC 2047 encoded words (base64), one per folded line."""
    words, chunk = [], b""
    for char in value:
        data = char.encode("utf-8")
        if len(chunk) + len(data) > 39:
            words.append(chunk)
            chunk = b""
        chunk += data
    words.append(chunk)
    return "\r\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words)


@lru_cache(maxsize=256)
def list_id_header(name: str, identifier: str) -> bytes:
    """``List-Id: name <identifier>``, the name quoted or encoded (never the identifier)."""
    phrase = ('"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"' if name.isascii()
              else encoded_words(name))
    return f"List-Id: {phrase} <{identifier}>\r\n".encode("ascii")


@lru_cache(maxsize=16)
def sender_header(sender: str) -> bytes:
    name, address = parseaddr(sender)
    return encode_header("From", formataddr((name, address), charset="utf-8"))


def sender_address(sender: str) -> str:
    """The bare address of VIGIE_MAIL_FROM (« Vigie <vigie@example.fr> » → the address)."""
    return parseaddr(sender)[1] or sender


@lru_cache(maxsize=4)
def sender_domain(sender: str) -> str:
    """The domain of VIGIE_MAIL_FROM, for Message-IDs and list identifiers."""
    return sender_address(sender).rpartition("@")[2] or "vigie.invalid"


def ascii_address(address: str) -> str:
    """The address with its domain in IDNA form (local parts are ASCII: the form checks)."""
    local, _, domain = address.rpartition("@")
    if domain.isascii():
        return address
    return f"{local}@{domain.encode('idna').decode('ascii')}"


@lru_cache(maxsize=4)
def _date_header(second: int) -> bytes:
    """``Date:`` for a whole second: a run writes hundreds of messages per second."""
    when = datetime.fromtimestamp(second, tz=UTC)
    return f"Date: {format_datetime(when)}\r\n".encode("ascii")


def assemble(message: Outgoing, sender: str) -> bytes:
    """The whole message as bytes, CRLF line ends, joined once (it is ~20 kB)."""
    boundary = "=_vigie_" + message.message_id.strip("<>").split("@")[0]
    head = [
        sender_header(sender),
        f"To: {ascii_address(message.to)}\r\n".encode("ascii"),
        encode_header("Subject", message.subject),
        _date_header(int(time.time())),
        f"Message-ID: {message.message_id}\r\n".encode("ascii"),
        b"MIME-Version: 1.0\r\nContent-Language: fr\r\nAuto-Submitted: auto-generated\r\n",
    ]
    if message.list_id:
        head.append(list_id_header(*message.list_id))
    if message.unsubscribe_url:
        head.append(f"List-Unsubscribe: <{message.unsubscribe_url}>\r\n".encode("ascii"))
        head.append(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
    head += [encode_header(name, value) for name, value in message.headers.items()]
    head.append(f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
                .encode("ascii"))
    part = ("--" + boundary + "\r\nContent-Type: text/{}; charset=\"utf-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n")
    return b"".join([
        *head,
        part.format("plain").encode("ascii"), *encode_body(message.text), b"\r\n",
        part.format("html").encode("ascii"), *encode_body(message.html), b"\r\n",
        f"--{boundary}--\r\n".encode("ascii"),
    ])
