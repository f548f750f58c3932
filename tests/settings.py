"""Settings of the test suite: Vigie's own, with a secret key made for this run.

Vigie refuses to serve or send with the published development key, and the tests serve
(live servers, ``vigie run``) and send (a real SMTP server). When VIGIE_SECRET_KEY is unset, a
random key is put in the environment before Vigie's settings read it, so that the ``vigie``
processes a test starts (they inherit the environment) sign and read links with the same key.
Tests about the default key set it explicitly. Batch commands keep the suite's CPU priority.
The data directory is the suite's own, never the user's; the sources' servers are local.
"""

import atexit
import os
import secrets
import shutil
import tempfile

from vigie import config

# The suite's own data directory unless one is given (CI gives one): Vigie's settings put the
# collected static files there (STATIC_ROOT), and a collection made by ``vigie serve`` in the
# developer's own directory made the pages of the browser tests point at hashed names.
if not os.environ.get("VIGIE_DATA_DIR"):
    os.environ["VIGIE_DATA_DIR"] = tempfile.mkdtemp(prefix="vigie-tests-")
    atexit.register(shutil.rmtree, os.environ["VIGIE_DATA_DIR"], ignore_errors=True)

if config.secret_key_problem(config.secret_key()):
    os.environ["VIGIE_SECRET_KEY"] = "tests-" + secrets.token_urlsafe(40)

# The suite ingests in its own process (and starts workers): at batch priority (nice 10 by
# default) it would be starved by whatever else runs on the machine. Tests of the priority
# set it themselves.
os.environ.setdefault("VIGIE_BATCH_NICE", "0")

# No test reaches a source's real server (the network is closed where the suite runs, and a
# test that forgot to point a source at its local server would wait on retries, or read the
# real one): by default the sources are where nothing listens; a test serving one sets it.
for _source in ("VIGIE_DILA_BASE_URL", "VIGIE_AN_BASE_URL", "VIGIE_SENAT_BASE_URL",
                "VIGIE_CELLAR_SPARQL_URL", "VIGIE_CELLAR_URL"):
    os.environ.setdefault(_source, "http://127.0.0.1:9/")

from vigie.settings import *  # noqa: E402, F403
