"""Notices of the EU's Publications Office written for the tests, in the shapes Cellar and
EUR-Lex give (``../shared/corpus/ue`` holds real ones): an object notice of a work (a
directive on drinking water, fictitious, classified in French), the object notice of its
French expression (its title), an answer of EUR-Lex's web service in its SOAP envelope (a
regulation on de minimis aid, one on import duties on cereals)."""

from __future__ import annotations

WATER = "32026L2110"
DE_MINIMIS, CEREALS = "32026R2102", "32026R2101"
WATER_TITLE = ("Directive (UE) 2026/2110 du Parlement européen et du Conseil du 7 octobre 2026 "
               "modifiant la directive (UE) 2020/2184 relative à la qualité des eaux destinées "
               "à la consommation humaine")


def _uri(kind: str, identifier: str, value: str = "") -> str:
    value = value or f"http://publications.europa.eu/resource/{kind}/{identifier}"
    return (f"<URI><VALUE>{value}</VALUE><IDENTIFIER>{identifier}</IDENTIFIER>"
            f"<TYPE>{kind}</TYPE></URI>")


def _sameas(kind: str, identifier: str) -> str:
    return f"<SAMEAS>{_uri(kind, identifier)}</SAMEAS>"


def _concept(tag: str, label: str) -> str:
    return f'<{tag} type="concept"><PREFLABEL>{label}</PREFLABEL></{tag}>'


def work_notice(celex: str = WATER, *, eli: str = "dir:2026:2110:oj",
                document_date: str = "2026-10-07", published: str = "2026-10-14") -> str:
    """An object notice of a work: identifiers, dates, kind, classification (in French)."""
    eurovoc = "".join(
        f'<WORK_IS_ABOUT_CONCEPT_EUROVOC type="concept_facet">'
        f'{_concept("WORK_IS_ABOUT_CONCEPT_EUROVOC_CONCEPT", concept)}'
        f'{_concept("WORK_IS_ABOUT_CONCEPT_EUROVOC_DOM", "52 ENVIRONNEMENT")}'
        f"</WORK_IS_ABOUT_CONCEPT_EUROVOC>" for concept in ("eau potable", "santé publique"))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<NOTICE decoding="fra" type="object">
  <WORK>
    {_uri("cellar", "5c6e0f2a-8b1d-11f1-9a3c-01aa75ed71a1")}
    {_sameas("celex", celex)}{_sameas("eli", eli)}{_sameas("oj", "JOL_2026_301_R_0001")}
    <WORK_DATE_DOCUMENT type="date"><VALUE>{document_date}</VALUE></WORK_DATE_DOCUMENT>
    <RESOURCE_LEGAL_PUBLISHED_IN_OFFICIAL-JOURNAL><EMBEDDED_NOTICE><WORK>
      <DATE_PUBLICATION><VALUE>{published}</VALUE></DATE_PUBLICATION>
    </WORK></EMBEDDED_NOTICE></RESOURCE_LEGAL_PUBLISHED_IN_OFFICIAL-JOURNAL>
    <RESOURCE_LEGAL_DATE_ENTRY-INTO-FORCE type="date"><VALUE>2026-11-03</VALUE>
    </RESOURCE_LEGAL_DATE_ENTRY-INTO-FORCE>
    <WORK_HAS_RESOURCE-TYPE type="concept"><OP-CODE>DIR</OP-CODE>
      <PREFLABEL>Directive</PREFLABEL></WORK_HAS_RESOURCE-TYPE>
    {eurovoc}
    <RESOURCE_LEGAL_IS_ABOUT_CONCEPT_DIRECTORY-CODE type="concept_level">
      {_concept("RESOURCE_LEGAL_IS_ABOUT_CONCEPT_DIRECTORY-CODE_4",
                "Protection et gestion des eaux")}
    </RESOURCE_LEGAL_IS_ABOUT_CONCEPT_DIRECTORY-CODE>
  </WORK>
</NOTICE>
"""


def expression_notice(celex: str = WATER, title: str = WATER_TITLE,
                      language: str = "FRA") -> str:
    """An object notice of one expression of the work: its title, its language."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- notice d'expression -->
<NOTICE decoding="fra" type="object">
  <EXPRESSION>
    {_uri("cellar", "5c6e0f2a-8b1d-11f1-9a3c-01aa75ed71a1.0006")}
    {_sameas("celex", celex + "." + language)}
    <EXPRESSION_BELONGS_TO_WORK>{_sameas("celex", celex)}</EXPRESSION_BELONGS_TO_WORK>
    <EXPRESSION_TITLE type="data"><VALUE>{title}</VALUE></EXPRESSION_TITLE>
    <EXPRESSION_USES_LANGUAGE type="concept"><OP-CODE>{language}</OP-CODE>
    </EXPRESSION_USES_LANGUAGE>
  </EXPRESSION>
</NOTICE>
"""


def _result(rank: int, celex: str, title: str, published: str, pages: tuple[str, str]) -> str:
    return f"""<result><reference>fra_cellar:{rank}</reference><rank>{rank}</rank><content>
  <NOTICE>
    <EXPRESSION><EXPRESSION_TITLE><VALUE>{title}</VALUE></EXPRESSION_TITLE>
      <EXPRESSION_USES_LANGUAGE><URI><IDENTIFIER>FRA</IDENTIFIER></URI>
      </EXPRESSION_USES_LANGUAGE></EXPRESSION>
    <WORK>
      <ID_CELEX><VALUE>&lt;em>{celex}&lt;/em></VALUE></ID_CELEX>
      <RESOURCE_LEGAL_IN-FORCE><VALUE>true</VALUE></RESOURCE_LEGAL_IN-FORCE>
      <RESOURCE_LEGAL_PUBLISHED_IN_OFFICIAL-JOURNAL><EMBEDDED_NOTICE><WORK>
        <DATE_PUBLICATION><VALUE>{published}</VALUE></DATE_PUBLICATION>
        <OFFICIAL-JOURNAL_NUMBER><VALUE>301</VALUE></OFFICIAL-JOURNAL_NUMBER>
        <OFFICIAL-JOURNAL_PART_OF_COLLECTION_DOCUMENT><URI><IDENTIFIER>OJ-L</IDENTIFIER>
        </URI></OFFICIAL-JOURNAL_PART_OF_COLLECTION_DOCUMENT>
      </WORK></EMBEDDED_NOTICE></RESOURCE_LEGAL_PUBLISHED_IN_OFFICIAL-JOURNAL>
      <WORK_DATE_DOCUMENT><VALUE>2026-10-1{rank + 1}</VALUE></WORK_DATE_DOCUMENT>
      <WORK_HAS_EXPRESSION><EMBEDDED_NOTICE><MANIFESTATION>
        <MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_FIRST><VALUE>{pages[0]}</VALUE>
        </MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_FIRST>
        <MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_LAST><VALUE>{pages[1]}</VALUE>
        </MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_LAST>
      </MANIFESTATION></EMBEDDED_NOTICE></WORK_HAS_EXPRESSION>
    </WORK>
  </NOTICE></content></result>"""


SEARCH_ANSWER = f"""<?xml version='1.0' encoding='UTF-8'?>
<S:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
   xmlns:S="http://www.w3.org/2003/05/soap-envelope">
   <env:Header/>
   <S:Body>
      <searchResults xmlns="http://eur-lex.europa.eu/search">
         <numhits>2</numhits><totalhits>2</totalhits><page>1</page><language>fr</language>
         {_result(1, CEREALS, "Règlement d'exécution (UE) 2026/2101 de la Commission du 12 "
                  "octobre 2026 fixant les droits à l'importation dans le secteur des céréales",
                  "2026-10-14", ("0012", "0014"))}
         {_result(2, DE_MINIMIS, "Règlement (UE) 2026/2102 de la Commission du 13 octobre "
                  "2026 modifiant le règlement (UE) 2023/2831 relatif à l'application des "
                  "articles 107 et 108 du traité sur le fonctionnement de l'Union européenne "
                  "aux aides de minimis", "2026-10-14", ("0015", "0019"))}
      </searchResults>
   </S:Body>
</S:Envelope>
"""
