"""The newsroom's own data: corrections of the machine's decisions (with their audit),
editorial items, reviewed editions and the option that holds a département's morning digests.

Sits between the analysis and the editions: the editions read the *effective* decision of a
text — the newsroom's correction over the machine's decision (``corrections.effective``) — so
that a correction reaches pages, feeds, API and digests through the editions, and an automatic
re-analysis, which only rewrites ``analysis.Analysis``, never overwrites an editor's decision.
"""
