"""Reference data every stage reads: places, geography, taxonomy, DILA natures, French dates.

One owner for each list: the places editions are made for and the validator of their codes
(``places``), the Code officiel géographique (``geography``), themes, roles and rubrics
(``taxonomy``), the natures of DILA texts (``natures``), and how dates read in French
(``french``). Pure data and functions: no Django, no network, and no import of any stage, so
that every stage may import it.
"""
