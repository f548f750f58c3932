"""The offline demo sample: an invented issue of the Journal officiel in genuine DILA format.

``sample/`` holds one JORFSIMPLE delivery (« JORF n°0241 du 14 octobre 2026 », a fictional
issue): the sommaire under ``jo/`` and the texts under ``texte/``. ``vigie demo`` ingests it on
a machine with no network. Every text, person and identifier in it is invented (ids in the
``0000990000xx`` range); only the element layout and the names of real communes are genuine.
See ``sample/README.md``.
"""
