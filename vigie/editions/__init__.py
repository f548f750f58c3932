"""Daily editions per département: what a reader sees, computed once and kept."""
