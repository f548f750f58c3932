"""Learning the selection and theme weights from labelled issues, and measuring them honestly.

``dataset`` reads the labelled files (and the full texts the shared corpus holds), ``training``
fits the weights with scikit-learn and writes the readable weights file the engine reads,
``crossval`` measures them leave-one-issue-out. Only ``vigie train`` and ``vigie eval
--cross-validate`` use this package: at run time, decisions are sums over the weights file.
"""
