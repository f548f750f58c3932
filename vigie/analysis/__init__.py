"""The analysis stage: keep what matters to local authorities, sort it, state the essentials.

Pure and explainable: plain data in (``model.Item``), plain data out (``model.Decision``), every
decision carrying short French reasons with their evidence. No ORM, no network, no Django here.
Entry point: ``vigie.analysis.engine.analyse``.
"""
