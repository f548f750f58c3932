"""The analysis stage: keep what matters to local authorities, sort it, state the essentials.

Pure and explainable: plain data in (``records.Item``), plain data out (``records.Decision``),
every decision carrying short French reasons with their evidence. No ORM, no network, no Django
here, but for ``models`` and ``store``, which keep the decisions. Entry point:
``vigie.analysis.engine.analyse``.
"""
