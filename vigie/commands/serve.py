"""``vigie serve``: serve the site under gunicorn, the production WSGI server.

Worker processes (VIGIE_WEB_WORKERS) each with threads (VIGIE_WEB_THREADS), the application
loaded once before they fork; static files collected with hashed names and served by
WhiteNoise; each thread keeps its database connection (VIGIE_WEB_CONN_MAX_AGE). The address
is bound here first, so that a port already taken is said in French
at once and ``--port 0`` takes a free one. ``vigie run`` and ``vigie demo`` end here too.

No access log: the reverse proxy keeps one, and addresses of readers are personal data.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys

from vigie.argparse_fr import port_number, positive
from vigie.reference.system_errors import os_reason


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve", help="servir le site (gunicorn, pour la production)",
        description="Sert le site avec gunicorn : VIGIE_WEB_WORKERS processus (défaut : "
        "2 × cœurs + 1, au plus 8) de VIGIE_WEB_THREADS fils chacun (défaut : 4). Derrière "
        "un mandataire inverse en production (voir le README).",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute (défaut : 127.0.0.1, cette machine seulement)")
    parser.add_argument("--port", type=port_number, default=8000, help="port (défaut : 8000)")
    parser.add_argument("--workers", type=positive, metavar="N",
                        help="processus (défaut : VIGIE_WEB_WORKERS)")
    parser.add_argument("--threads", type=positive, metavar="N",
                        help="fils par processus (défaut : VIGIE_WEB_THREADS)")
    parser.set_defaults(handler=run, guarded="de servir le site")  # not with the published key


def run(args: argparse.Namespace) -> int:
    return serve(args.host, args.port, workers=args.workers, threads=args.threads)


def site_address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def prepare(host: str, port: int) -> None:
    """Hosts, public address and static files, before the workers fork."""
    from django.conf import settings
    from django.core.management import call_command

    if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):
        settings.ALLOWED_HOSTS.append(host)
    if host in ("0.0.0.0", "::"):
        print("Attention : le site est accessible depuis le réseau ; définissez "
              "VIGIE_ALLOWED_HOSTS avec le nom du serveur.", file=sys.stderr)
    if "VIGIE_SITE_URL" not in os.environ:  # links in feeds and calendars point here
        settings.VIGIE_SITE_URL = site_address(host, port)
    # On PostgreSQL each worker thread keeps its connection (checked before reuse); only the
    # site does: workers of the task queue hold session locks that a closed connection must
    # release. SQLite opens a file, cheaply — and a kept one would outlive a file replaced.
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        settings.DATABASES["default"].update(CONN_MAX_AGE=settings.VIGIE_WEB_CONN_MAX_AGE,
                                             CONN_HEALTH_CHECKS=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def listen(host: str, port: int) -> socket.socket | None:
    """The site's listening socket, or None once the reason it cannot be had is said in
    French (``vigie run`` and ``vigie demo`` bind before they print the site's address)."""
    try:
        return bind(host, port)
    except OSError as error:
        print(f"vigie : impossible d'écouter sur {host}:{port} : "
              f"{bind_problem(error, host, port)}.", file=sys.stderr)
        return None


def site_port(host: str, port: int, serving: bool
              ) -> tuple[socket.socket | None, int] | None:
    """For ``vigie run`` and ``vigie demo``: the listening socket and the port taken (with
    ``--port 0``, the free one found) before the site's address is printed; (None, ``port``)
    when not ``serving``; None when the port cannot be had (said)."""
    if not serving:
        return None, port
    listener = listen(host, port)
    return (listener, listener.getsockname()[1]) if listener else None


def bind_problem(error: OSError, host: str, port: int) -> str:
    """Why an address cannot be listened on, and what to do about it."""
    if error.errno == errno.EADDRINUSE:
        return (f"le port {port} est déjà pris (un autre programme, ou Vigie déjà lancé) ; "
                "--port N pour un autre, --port 0 pour un port libre")
    if error.errno == errno.EACCES:
        return (f"le port {port} est réservé à l'administrateur ; choisissez-en un au-delà "
                "de 1023 (--port N)")
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return f"l'adresse {host} n'est pas celle de cette machine (--host)"
    return os_reason(error)


def serve(host: str, port: int, *, workers: int | None = None, threads: int | None = None,
          listener: socket.socket | None = None) -> int:
    """Serve the site until Ctrl+C or SIGTERM (graceful: requests under way get 5 s), on
    ``listener`` when the caller has bound it already."""
    from django.db import connections

    from vigie.commands.gunicorn_app import Site

    listener = listener or listen(host, port)
    if listener is None:
        return 1
    bound = listener.getsockname()[1]
    prepare(host, bound)
    connections.close_all()  # no connection may be shared by the forked workers

    def ready(server: object) -> None:
        print(f"Vigie est servi sur {site_address(host, bound)}/ (Ctrl+C pour arrêter).",
              flush=True)

    site = Site(listener.detach(), workers=workers, threads=threads, when_ready=ready)
    try:
        site.run()
    except SystemExit as stop:  # gunicorn ends its master this way
        print("\nServeur arrêté.")
        return stop.code if isinstance(stop.code, int) else 1
    return 0
