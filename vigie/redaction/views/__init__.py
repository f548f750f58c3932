"""The back office's pages: accounts, review queue, editorial items, holds."""
