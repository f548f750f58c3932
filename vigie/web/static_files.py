"""Static files: hashed names once collected, the plain name before.

``vigie serve`` runs ``collectstatic`` at start: WhiteNoise then serves ``vigie.<hash>.css``
compressed and cached for ever (a new style sheet gets a new name). Before any collection
(tests, a development checkout), the plain name is used and WhiteNoise serves the file from
the package, so nothing needs collecting to work.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedWhenCollected(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # never collected: no manifest entry, no file to hash
            return name
