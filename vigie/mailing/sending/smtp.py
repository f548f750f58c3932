"""Talking to the SMTP relay: connections from the settings, outcomes, and the sending pace.

``Courier`` owns one connection (opened on first use, reopened after a failure and every
``MESSAGES_PER_CONNECTION`` messages, since many relays cap a session) and turns each attempt
into an ``Outcome``: accepted, temporary (4xx, lost or refused connection, timeout: try
again later) or permanent (5xx about the recipient or the message). A sender refused for
good or a failed login is the relay's configuration, not the reader's address: those are
marked ``fatal`` so that the run stops instead of burning every message. Replies are
kept with e-mail addresses masked, since they end up in the database and in logs.

``take`` and ``keep``: a worker process sends share after share, and opening four sessions
for each one (connection, EHLO, login) cost more than the share's first messages. The
connections a share leaves open wait for the next share of the same process, at most ``IDLE``
seconds; one taken again first answers a NOOP, otherwise a new one is opened. Nothing is
sent on a kept session before that check, so it changes nothing to what leaves once.
"""

from __future__ import annotations

import atexit
import re
import smtplib
import ssl
import threading
import time
from dataclasses import dataclass

from django.conf import settings

from vigie.mailing.composing.mime import ascii_address, sender_address
from vigie.reference.system_errors import os_reason

MESSAGES_PER_CONNECTION = 100
IDLE = 30.0  # seconds a kept connection waits for the next share (relays close idle ones)
_ADDRESS = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)*>?")


@dataclass(frozen=True)
class Outcome:
    """What the relay said about one message."""

    status: str  # "sent", "temporary" or "permanent"
    code: int = 250
    reply: str = ""
    fatal: bool = False  # the relay refuses us whatever the message: stop the run

    @property
    def error(self) -> str:
        """« 451 4.3.0 Réessayez plus tard »; without a code (the network): its reason."""
        return (f"{self.code} {self.reply}" if self.code else self.reply).strip()[:255]


def mask(text: str) -> str:
    """An SMTP reply without the addresses it may quote."""
    return _ADDRESS.sub("<adresse>", text)


def _reply(message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return mask(" ".join(text.split()))[:200]


def _by_code(code: int, message: bytes | str) -> Outcome:
    status = "permanent" if 500 <= code < 600 else "temporary"
    return Outcome(status, code, _reply(message))


def _code_and_reply(error: Exception) -> tuple[int, str]:
    outcome = classify(error)
    return outcome.code, outcome.reply


def classify(error: Exception) -> Outcome:
    """The outcome an exception raised by ``smtplib`` or the network stands for."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        return _by_code(code, message)
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPAuthenticationError):
        return Outcome("temporary", error.smtp_code, _reply(error.smtp_error), fatal=True)
    if isinstance(error, smtplib.SMTPResponseException):  # DATA refused, 421 on connect…
        return _by_code(error.smtp_code, error.smtp_error)
    if isinstance(error, ssl.SSLError):  # its number is OpenSSL's, not the system's
        return Outcome("temporary", 0, _reply(f"échec TLS : {error.reason or error}"))
    if isinstance(error, OSError):  # the network: refused, unreachable, unknown name…
        return Outcome("temporary", 0, os_reason(error))
    return Outcome("temporary", 0, _reply(f"{type(error).__name__} : {error}"))


def connect() -> smtplib.SMTP:
    """An open, authenticated connection to the relay of the settings."""
    host, port, timeout = (settings.VIGIE_SMTP_HOST, settings.VIGIE_SMTP_PORT,
                           settings.VIGIE_SMTP_TIMEOUT)
    security = settings.VIGIE_SMTP_SECURITY
    if security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                                context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            client.starttls(context=ssl.create_default_context())
    if settings.VIGIE_SMTP_USER:
        client.login(settings.VIGIE_SMTP_USER, settings.VIGIE_SMTP_PASSWORD)
    return client


class Pace:
    """At most ``rate`` messages per second across all threads (0: no limit)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            at = max(self.next_at, now)
            self.next_at = at + self.interval
        if at > now:
            time.sleep(at - now)


class Courier:
    """One SMTP connection, used for one message at a time.

    The transaction is driven with ``docmd`` rather than ``sendmail``: the envelope
    addresses are already bare and ASCII, and dot-stuffing is one ``bytes.replace`` instead
    of a regular expression over the whole message — together a third of what ``sendmail``
    costs per message. The replies are read and classified the same way.
    """

    def __init__(self, sender: str) -> None:
        self.sender = sender
        self.envelope_from = ascii_address(sender_address(sender))
        self.client: smtplib.SMTP | None = None
        self.used = 0
        self.relay = _relay()  # what the connection was opened with
        self.idle_since = 0.0

    def answers(self) -> bool:
        """Whether the open session still answers (a NOOP); closed if not."""
        try:
            if self.client is not None and self.client.noop()[0] == 250:
                return True
        except (smtplib.SMTPException, OSError):
            pass
        self.close()
        return False

    def send(self, to: str, data: bytes) -> Outcome:
        if self.client is None or self.used >= MESSAGES_PER_CONNECTION:
            self.close()
            try:
                self.client = connect()
                self.client.ehlo_or_helo_if_needed()
            except (smtplib.SMTPException, OSError) as error:
                # Unreachable, refusing us or refusing our login: every message would fail
                # the same way, so the run stops (the message is tried again later).
                self.client = None
                return Outcome("temporary", *_code_and_reply(error), fatal=True)
        self.used += 1
        try:
            outcome = self._transaction(self.client, ascii_address(to), data)
        except (smtplib.SMTPException, OSError) as error:
            self.close()  # the session is in an unknown state: start afresh
            return classify(error)
        if outcome.code == 421:  # the server is closing the connection
            self.close()
        return outcome

    def _transaction(self, client: smtplib.SMTP, to: str, data: bytes) -> Outcome:
        code, reply = client.docmd("MAIL", f"FROM:<{self.envelope_from}>")
        if code != 250:
            client.rset()
            # Not the reader's fault: try again later; refused for good, it is the relay's
            # configuration, and the run stops.
            return Outcome("temporary", code, _reply(reply), fatal=code >= 500)
        code, reply = client.docmd("RCPT", f"TO:<{to}>")
        if code not in (250, 251):
            client.rset()
            return _by_code(code, reply)
        code, reply = client.docmd("DATA")
        if code != 354:
            client.rset()
            return _by_code(code, reply)
        payload = data.replace(b"\r\n.", b"\r\n..")  # dot-stuffing (RFC 5321, 4.5.2)
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        client.send(payload + b".\r\n")
        code, reply = client.getreply()
        return Outcome("sent") if code == 250 else _by_code(code, reply)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
        self.client, self.used = None, 0


def _relay() -> tuple:
    return (settings.VIGIE_SMTP_HOST, settings.VIGIE_SMTP_PORT, settings.VIGIE_SMTP_SECURITY,
            settings.VIGIE_SMTP_USER, settings.VIGIE_SMTP_PASSWORD, settings.VIGIE_MAIL_FROM)


_KEPT: list[Courier] = []  # open sessions left by this process's last shares
_KEPT_LOCK = threading.Lock()


def take() -> Courier:
    """A courier for a sending thread: a session an earlier share kept open, to the same
    relay and still answering, or a new courier (it connects on its first message)."""
    relay = _relay()
    while True:
        with _KEPT_LOCK:
            if not _KEPT:
                return Courier(settings.VIGIE_MAIL_FROM)
            courier = _KEPT.pop()
        fresh = time.monotonic() - courier.idle_since < IDLE
        if courier.relay == relay and fresh and courier.answers():
            return courier
        courier.close()


def keep(courier: Courier) -> None:
    """Leave an open session for the next share of this process (``take``)."""
    if courier.client is None:
        return
    courier.idle_since = time.monotonic()
    with _KEPT_LOCK:
        _KEPT.append(courier)


@atexit.register
def close_kept() -> None:
    """Close the sessions kept open (at the process's end)."""
    with _KEPT_LOCK:
        kept = _KEPT[:]
        _KEPT.clear()
    for courier in kept:
        courier.close()
