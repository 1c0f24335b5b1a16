"""gunicorn's settings for the web process (Procfile; ops/bench.py): ``gunicorn -c
config/gunicorn.py config.wsgi``. Command-line options still override these.

The application is loaded once, in the master, before the workers are forked: they share its
memory, and its long-lived objects (modules, URL patterns, compiled templates) are frozen out
of the garbage collector, so that a worker's collections walk only what its requests made
(docs/benchmarks.md).
"""

import gc
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
timeout = 120
preload_app = True

# No collection while the application loads, so that what it keeps is not spread over pages
# a collection would touch (copy-on-write) in each worker.
gc.disable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.enable()
