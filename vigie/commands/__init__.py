"""Sub-commands of ``vigie``: one module each, exposing ``register(subparsers)``.

Each registered parser sets ``handler`` to a function ``(args) -> int`` that runs after
Django is set up (unless it says it needs no database). Commands are the only code that
prints: they call the pipeline (``vigie.pipeline``) and the stages, and tell people what
happened (``output``). They sit above every stage and may import any of them.
"""
