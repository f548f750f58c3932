"""Vigie: la veille officielle des collectivités territoriales."""

__version__ = "0.1.0"
