"""Circulaires of the DILA CIRCULAIRES fund written for these tests (no real file of the fund
could be found: ``../shared/corpus/circulaires/MANIFEST.md``), with the documented elements
(``FORMATS.md`` § Circulaires) in two nestings, since the real one could not be checked."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

BUDGET_ID, SCHOOL_ID = "45990", "45991"
BUDGET_TITLE = ("Circulaire relative à la préparation des budgets primitifs des communes et de "
                "leurs groupements pour 2027")


def budget(state: str = "V", summary: str = "", signed: str = "2026-10-14",
           exported: str = "", element: str = "DATE_EXPORT") -> str:
    """A circulaire to préfets on local budgets, its fields nested under a ``META`` block;
    ``exported``: the date of its export, in ``element`` (DATE_EXPORT or DATE_DEPOT)."""
    summary = summary or (
        "La présente circulaire précise aux préfets les modalités de calcul de la dotation "
        "globale de fonctionnement des communes et les règles d'équilibre budgétaire "
        "applicables aux collectivités territoriales et à leurs établissements publics de "
        "coopération intercommunale.")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<CIRCULAIRE>
  <META>
    <ID_CIRCULAIRE>cir_{BUDGET_ID}</ID_CIRCULAIRE>
    <ETAT>{state}</ETAT>
    <NUMERO_NOR>INTB2630012C</NUMERO_NOR>
    <DATE_SIGNATURE>{signed}</DATE_SIGNATURE>
    <AUTEUR>Ministère de l'intérieur</AUTEUR>{
        f"<{element}>{exported}</{element}>" if exported else ""}
  </META>
  <TITRE>{BUDGET_TITLE}</TITRE>
  <RESUME>{summary}</RESUME>
  <NOM_FICHIER_PDF>cir_{BUDGET_ID}.pdf</NOM_FICHIER_PDF>
  <TEXTES_DE_REFERENCE>
    <TEXTE>Code général des collectivités territoriales, articles L. 1612-1 et suivants</TEXTE>
    <TEXTE>Loi n° 2026-1234 du 30 septembre 2026 de finances pour 2027</TEXTE>
  </TEXTES_DE_REFERENCE>
</CIRCULAIRE>
"""


def school() -> str:
    """A circulaire on the entrance exam of a military school, its fields flat under the
    root, French dates, no reference."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<DOCUMENT>
<ID_CIRCULAIRE>{SCHOOL_ID}</ID_CIRCULAIRE>
<ETAT>V</ETAT>
<TITRE>Instruction relative à l'organisation du concours d'admission à l'École navale</TITRE>
<NUMERO_NOR>ARMH2630044J</NUMERO_NOR>
<DATE_SIGNATURE>14/10/2026</DATE_SIGNATURE>
<AUTEUR>Ministère des armées</AUTEUR>
<RESUME>Calendrier des épreuves écrites et orales du concours d'admission à l'École navale,
composition du jury et conditions d'inscription des candidats.</RESUME>
<NOM_FICHIER_PDF>cir_{SCHOOL_ID}.pdf</NOM_FICHIER_PDF>
</DOCUMENT>
"""


WITHOUT_ID = """<?xml version="1.0" encoding="UTF-8"?>
<CIRCULAIRE><TITRE>Circulaire sans identifiant</TITRE><ETAT>V</ETAT></CIRCULAIRE>
"""
BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<CIRCULAIRE><ID_CIRCULAIRE>45992</ID_CIRCULAIRE><TITRE>Coupée
"""


# Two files of the list: the budget circulaire (twice: « A_ » and .xml), three not stored;
# unreadable lines, two in the first file, one in the second.
LIST_2013 = (f"2013/03/cir_{BUDGET_ID}.pdf\nA_2013/03/cir_{BUDGET_ID}.xml\n"
             "2011/07/cir_33411.pdf\nLISTE DES CIRCULAIRES ABROGEES\n\n"
             "2011/07/A_cir_33412.xml\n2011/07/cir_33413.doc\n")
LIST_2014 = "2014/11/cir_33413.pdf\nfin\n"


def abrogations(folder: Path, name: str = "abroge_txt.tar", **files: str) -> Path:
    """A list of abrogations as the fund ships it: a plain tar of text files."""
    files = files or {"abroge_2013.txt": LIST_2013, "abroge_2014.txt": LIST_2014}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with tarfile.open(path, "w") as archive:
        for member, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path
