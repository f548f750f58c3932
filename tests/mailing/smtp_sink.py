"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), with scripted answers.

It keeps each message it accepted (answered 250) with its envelope; ``refuse`` scripts the
answers to a recipient (``"451 …"`` then accept, ``"550 …"`` for ever…), ``before_reply``
lets a test act at the moment a message arrives, before the server answers — the kill test
kills the sending process there, so that the message is never accepted.
"""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

import pytest

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd absent : pip install aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """The handler: records accepted messages, answers what the test scripted."""

    def __init__(self) -> None:
        self.accepted: list[Received] = []
        self.arrived = 0  # DATA commands received, accepted or not
        self.script: dict[str, list[str]] = {}  # recipient → answers to DATA, then 250
        self.rcpt_script: dict[str, str] = {}  # recipient → answer to RCPT TO (for ever)
        self.before_reply: Callable[[int], str | None] | None = None
        self.lock = threading.Lock()
        self.sessions: set[int] = set()  # connections seen so far (ids of their sessions)
        self.dead: set[int] = set()  # connections of a killed client

    def cut_off(self) -> None:
        """The client behind every open connection died: what it had sent is not accepted.

        Messages whose last line was already received but not yet answered would be accepted
        by a real server (that is the crash window of ``vigie.mailing.sending.ledger``); tests that
        are not about that window call this when they kill the client.
        """
        with self.lock:
            self.dead |= self.sessions

    def refuse(self, recipient: str, *answers: str) -> None:
        self.script[recipient.lower()] = list(answers)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            self.sessions.add(id(session))
        answer = self.rcpt_script.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.arrived += 1
            count = self.arrived
        if self.before_reply is not None:
            answer = self.before_reply(count)
            if answer:
                return answer
        if id(session) in self.dead:
            return "421 4.3.0 Connexion perdue"
        for rcpt in envelope.rcpt_tos:
            answers = self.script.get(rcpt.lower())
            if answers:
                return answers.pop(0)
        with self.lock:
            self.accepted.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          envelope.content))
        return "250 2.0.0 Message accepté"

    def to(self, recipient: str) -> list[Received]:
        return [m for m in self.accepted if recipient.lower() in
                (r.lower() for r in m.recipients)]


def start_sink(port: int | None = None) -> tuple[Sink, Controller]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return sink, controller
