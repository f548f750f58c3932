"""Raw inputs of the pipeline: reading archives and folders, fetching DILA deliveries.

This stage only moves bytes: no XML parsing, no ORM. ``archives`` turns a local input
into a stream of members, ``dila`` lists and downloads the open-data deliveries.
"""
