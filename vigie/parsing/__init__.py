"""Pure parsers: DILA bytes in, frozen dataclasses out. No ORM, no network."""
