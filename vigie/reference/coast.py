"""The départements on the sea: which of a région's départements an offshore project concerns.

Owns one geographic fact. A text that places a project « au large de la Normandie » (an
offshore wind farm, a marine protected area) concerns the départements of the région that
border the sea, not those inland (Eure, Orne). The criterion is a coast on the open sea: the
département has communes « riveraines des mers et océans » in the sense of the loi Littoral
(code de l'environnement, article L. 321-2), counted on the open coast, not only on an estuary.

- The Eure is left out: its only shore is the Seine estuary (Berville-sur-Mer,
  Fiquefleur-Équainville face Le Havre across it), which the loi Littoral counts among the
  « communes riveraines des estuaires »; a wind farm off Normandy lands on the Calvados, the
  Manche or the Seine-Maritime.
- The Gironde and the Loire-Atlantique have estuaries too, but also an open coast (the Médoc
  and the bassin d'Arcachon; the Côte d'Amour and the Pays de Retz): they are in.
- The Gard is in: Le Grau-du-Roi lies on the Mediterranean.
- Overseas, every département and collectivité is an island or, for the Guyane, has an
  Atlantic coast.
"""

from __future__ import annotations

# Manche and Atlantique, from the Belgian border to the Spanish one, then the Mediterranean
# from the Spanish border to the Italian one, then Corsica.
_METROPOLITAN = ("59 62 80 76 14 50 35 22 29 56 44 85 17 33 40 64"
                 " 66 11 34 30 13 83 06 2A 2B")
_OVERSEAS = "971 972 973 974 976 975 977 978 984 986 987 988"

COASTAL_DEPARTEMENTS: frozenset[str] = frozenset(f"{_METROPOLITAN} {_OVERSEAS}".split())
