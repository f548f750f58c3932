"""Sub-commands of ``vigie``: one module each, exposing ``register(subparsers)``.

Each registered parser sets ``handler`` to a function ``(args) -> int`` that runs after
Django is set up. This package is the top of the pipeline: it may import every stage.
"""
