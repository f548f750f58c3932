"""The SMTP sink of ``bench/send.py``: accepts everything, counts messages and bytes.

Minimal on purpose (asyncio streams, no parsing): the same sink takes Vigie's messages and the
ceiling's, so that both are measured against the same server in the same run. Runs in its own
process (``SinkProcess``) and writes its counts to a file every 0.2 s: messages, bytes, and
when the first and the last message since the last ``XRST`` came.

    python bench/send_sink.py PORT STATS_FILE
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def run_sink(port: int, stats: Path) -> None:
    counts = {"messages": 0, "bytes": 0, "first": 0.0, "last": 0.0}

    async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 sink ESMTP\r\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 33554432\r\n")
            elif verb == b"DATA":
                writer.write(b"354 Fin par <CRLF>.<CRLF>\r\n")
                data = await reader.readuntil(b"\r\n.\r\n")
                counts["messages"] += 1
                counts["bytes"] += len(data)
                counts["last"] = time.time()
                counts["first"] = counts["first"] or counts["last"]
                writer.write(b"250 2.0.0 OK\r\n")
            elif verb == b"XRST":  # the bench starts a new measure: forget the first message
                counts["first"] = 0.0
                writer.write(b"250 2.0.0 OK\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 Au revoir\r\n")
                break
            else:
                writer.write(b"250 2.0.0 OK\r\n")
            await writer.drain()
        writer.close()

    def publish() -> None:  # whole or not at all: the bench reads it at any moment
        stats.with_suffix(".tmp").write_text(" ".join(str(v) for v in counts.values()))
        os.replace(stats.with_suffix(".tmp"), stats)

    async def main() -> None:
        server = await asyncio.start_server(session, "127.0.0.1", port, limit=2 ** 24)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        async with server:
            while not stop.is_set():
                publish()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 0.2)
        publish()

    asyncio.run(main())


class SinkProcess:
    def __init__(self, folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.stats = folder / "sink.txt"
        self.process = subprocess.Popen([sys.executable, __file__, str(self.port),
                                         str(self.stats)])
        deadline = time.monotonic() + 10
        while not self.stats.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def read(self) -> tuple[int, int]:
        messages, size, *_ = self.stats.read_text().split()
        return int(messages), int(size)

    def restart(self) -> None:
        """A new measure: the sink forgets when its first message came."""
        with socket.create_connection(("127.0.0.1", self.port)) as conn:
            conn.recv(100)
            conn.sendall(b"XRST\r\n")
            conn.recv(100)
            conn.sendall(b"QUIT\r\n")
            conn.recv(100)

    def span(self) -> tuple[float, float]:
        """(first, last) message received since ``restart`` (epoch seconds)."""
        _, _, first, last = self.stats.read_text().split()
        return float(first), float(last)

    def settled(self, at_least: int) -> tuple[int, int]:
        """The counts once the sink has written them after the last message (0.2 s period)."""
        deadline = time.monotonic() + 3
        while (counts := self.read())[0] < at_least and time.monotonic() < deadline:
            time.sleep(0.05)
        return counts

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


if __name__ == "__main__":
    run_sink(int(sys.argv[1]), Path(sys.argv[2]))
