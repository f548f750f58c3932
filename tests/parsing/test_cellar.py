"""Cellar notices and EUR-Lex answers read into acts of EU law: the identifiers (CELEX, ELI,
the Journal's reference) and the French name of an act, the three shapes of files (written
for these tests in the Office's shapes, then the real samples of ``../shared/corpus/ue``),
what is refused and said, and the reader's hardening (entities, unknown roots)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.documents.eu_notices import (
    SEARCH_ANSWER,
    WATER,
    WATER_TITLE,
    expression_notice,
    work_notice,
)
from vigie.parsing.celex import Journal, designation, read_celex, read_eli, read_journal
from vigie.parsing.cellar import CellarError, is_eu_notice, read_cellar
from vigie.parsing.eu_act import merged


def test_a_celex_number_names_the_act_in_french():
    names = {celex: designation(read_celex(celex)) for celex in (
        "32019L0904", "32014R0248", "32014L0024", "32016R0679", "32019L0904R(01)",
        "32019H0786", "32019A0101")}
    assert names == {
        "32019L0904": "Directive (UE) 2019/904", "32014R0248": "Règlement n°\u00a0248/2014",
        "32014L0024": "Directive 2014/24", "32016R0679": "Règlement (UE) 2016/679",
        "32019L0904R(01)": "Rectificatif : Directive (UE) 2019/904",
        "32019H0786": "Recommandation (UE) 2019/786", "32019A0101": "Avis CELEX 32019A0101"}
    implementing = read_celex("32014R1337")
    assert designation(implementing, "REG_IMPL", date(2014, 12, 16)) == (
        "Règlement d'exécution n°\u00a01337/2014 du 16 décembre 2014")
    assert designation(read_celex("32019L0904"), "DIR_DEL") == "Directive déléguée (UE) 2019/904"
    assert read_celex("52018PC0340").sector == "5" and not read_celex("52018PC0340").legislation
    for wrong in ("3202XL21", "32019L0904\"><script>", "", "CELEX:32019L0904", "32019 L0904"):
        assert read_celex(wrong) is None, wrong
    assert read_celex("32019L0904").url == (
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32019L0904")


def test_an_eli_is_read_into_its_published_form_and_nothing_else():
    published = "http://data.europa.eu/eli/dir/2019/904/oj"
    for given in (published, "http://publications.europa.eu/resource/eli/dir/2019/904/oj",
                  "dir:2019:904:oj"):
        assert read_eli(given) == published, given
    for refused in ("javascript:alert(1)", "https://example.org/eli/dir/2019/904/oj",
                    "data:text/html,x", "ftp://data.europa.eu/eli/dir/2019/904/oj", ""):
        assert read_eli(refused) is None, refused


def test_the_journals_reference_as_it_cites_itself():
    journal = read_journal("JOL_2019_155_R_0001")
    assert (journal.series, journal.issue) == ("L", "155")
    dated = Journal("L", "155", date(2019, 6, 12), 1, 19)
    assert dated.reference == "JO L 155 du 12.6.2019, p. 1-19"
    assert Journal("C", "", date(2024, 3, 1)).reference == "JO C du 1.3.2024"
    assert read_journal("oj:JOL_2018_044_R_0001").issue == "44"
    assert read_journal("uriserv:OJ.L_.2018.044.01.0001.01.ENG") is None


def test_the_three_shapes_are_told_by_their_root():
    for text in (work_notice(), expression_notice(), SEARCH_ANSWER):
        assert is_eu_notice(text.encode()), text[:80]
    for other in (b"<TEXTE_VERSION/>", b'{"results": []}', b"<?xml version='1.0'?><JO/>",
                  b"<NOTICE>", b"<rss><searchResults/></rss>"):
        assert not is_eu_notice(other), other


def test_a_work_and_its_expression_make_one_act():
    (work,) = read_cellar(work_notice().encode()).acts
    assert (work.celex, work.eli, work.oj) == (
        WATER, "http://data.europa.eu/eli/dir/2026/2110/oj", "JOL_2026_301_R_0001")
    assert (work.document_date, work.published, work.in_force_from) == (
        date(2026, 10, 7), date(2026, 10, 14), date(2026, 11, 3))
    assert work.concepts == ("eau potable", "santé publique")  # not « 52 ENVIRONNEMENT »
    assert work.titles == () and work.title_fr == ""
    assert work.name == "Directive (UE) 2026/2110 du 7 octobre 2026"
    (expression,) = read_cellar(expression_notice().encode()).acts
    assert expression.titles == (("fr", WATER_TITLE),) and expression.published is None
    act = merged(work, expression)
    assert act.title_fr == WATER_TITLE and act.published == date(2026, 10, 14)
    english = read_cellar(expression_notice(title="Directive (EU) 2026/2110",
                                            language="ENG").encode()).acts[0]
    both = merged(act, english)
    assert both.title_fr == WATER_TITLE and both.original == ("en", "Directive (EU) 2026/2110")


def test_a_title_with_inline_markup_is_read_whole():
    """« <VALUE>Directive <i>x</i> on … </VALUE> »: only « Directive » was read, the text
    after the first inline element lost."""
    title = ("Directive (UE) 2026/2110 du <i>Parlement européen</i> et du\n  <b>Conseil</b>"
             "<!-- note --> du 7 octobre 2026 <LANG>fr</LANG>")
    (act,) = read_cellar(expression_notice(title=title).encode()).acts
    assert act.titles == (("fr", "Directive (UE) 2026/2110 du Parlement européen et du "
                                 "Conseil du 7 octobre 2026"),)


def test_an_answer_of_eur_lex_in_its_soap_envelope():
    reading = read_cellar(SEARCH_ANSWER.encode())
    assert reading.shape == "réponse du web-service EUR-Lex" and not reading.problems
    cereals, aid = reading.acts
    assert (aid.celex, aid.series, aid.issue, aid.first_page, aid.last_page) == (
        "32026R2102", "L", "301", 15, 19)  # the highlight « <em> » of the CELEX dropped
    assert aid.journal.reference == "JO L 301 du 14.10.2026, p. 15-19"
    assert aid.title_fr.endswith("aux aides de minimis") and aid.in_force is True


TREE = """<?xml version="1.0" encoding="UTF-8"?>
<NOTICE decoding="eng" type="tree"><DOSSIER>
  <PROCEDURE_CODE_INTERINSTITUTIONAL_REFERENCE_PROCEDURE type="data"><VALUE>2026/0101/COD
  </VALUE></PROCEDURE_CODE_INTERINSTITUTIONAL_REFERENCE_PROCEDURE></DOSSIER>
  <EVENT><EVENT_LEGAL_DATE type="date"><VALUE>2026-10-14</VALUE></EVENT_LEGAL_DATE>
    <EVENT_LEGAL_CONTAINS_WORK type="link"><EMBEDDED_NOTICE>
      <WORK><ID_CELEX type="data"><VALUE>32026L2110</VALUE></ID_CELEX></WORK>
      <EXPRESSION><EXPRESSION_TITLE type="data"><VALUE>Directive (EU) 2026/2110</VALUE>
        <LANG>en</LANG></EXPRESSION_TITLE></EXPRESSION>
    </EMBEDDED_NOTICE><SAMEAS><URI><IDENTIFIER>dir:2026:2110:oj</IDENTIFIER><TYPE>eli</TYPE>
    </URI></SAMEAS></EVENT_LEGAL_CONTAINS_WORK><TYPE>PUB_OJ</TYPE></EVENT>
  <INVERSE><EVENT_LEGAL_CONTAINS_WORK type="link"><EMBEDDED_NOTICE>
      <WORK><ID_CELEX type="data"><VALUE>32026L2110</VALUE></ID_CELEX>
        <WORK_DATE_DOCUMENT type="date"><VALUE>2026-10-07</VALUE></WORK_DATE_DOCUMENT></WORK>
    </EMBEDDED_NOTICE></EVENT_LEGAL_CONTAINS_WORK></INVERSE>
  <EVENT><EVENT_LEGAL_CONTAINS_WORK type="link"><EMBEDDED_NOTICE>
      <WORK><ID_CELEX type="data"><VALUE>52026PC0101</VALUE></ID_CELEX></WORK>
    </EMBEDDED_NOTICE></EVENT_LEGAL_CONTAINS_WORK>
    <EVENT_LEGAL_CONTAINS_WORK type="link"><EMBEDDED_NOTICE><WORK/></EMBEDDED_NOTICE>
    <URI><IDENTIFIER>0d1c-ep-report</IDENTIFIER><TYPE>cellar</TYPE></URI>
    </EVENT_LEGAL_CONTAINS_WORK></EVENT>
</NOTICE>"""


def test_a_tree_notice_gives_its_acts_once_and_says_what_it_left_out():
    reading = read_cellar(TREE.encode())
    (act,) = reading.acts  # the event and its inverse: one act, what each says
    assert act.published == date(2026, 10, 14) and act.document_date == date(2026, 10, 7)
    assert act.eli == "http://data.europa.eu/eli/dir/2026/2110/oj"
    assert act.procedure == "2026/0101/COD" and act.titles == (("en", "Directive (EU) 2026/2110"),)
    assert act.title_fr == ""  # an English title is never taken for a French one
    assert reading.left_out() == "actes préparatoires (1), œuvres sans numéro CELEX (1)"


def test_what_cannot_be_read_is_said_in_french():
    with pytest.raises(CellarError, match="XML mal formé"):
        read_cellar(work_notice()[:300].encode())
    with pytest.raises(CellarError, match="élément racine « ANNONCE »"):
        read_cellar(b"<ANNONCE/>")
    with pytest.raises(CellarError, match="sans œuvre"):
        read_cellar(b'<NOTICE decoding="fra" type="object"/>')
    fault = (b'<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><S:Fault>'
             b"<S:Reason><S:Text>WS_MAXIMUM_NB_OF_WS_CALLS</S:Text></S:Reason></S:Fault>"
             b"</S:Body></S:Envelope>")
    with pytest.raises(CellarError, match="en erreur \\(SOAP\\) : WS_MAXIMUM_NB_OF_WS_CALLS"):
        read_cellar(fault)
    reading = read_cellar(work_notice(eli="javascript:alert(1)",
                                      document_date="2026-13-01").encode())
    assert reading.acts[0].eli == "" and reading.acts[0].document_date is None
    assert reading.problems == [
        "acte 32026L2110 : ELI « javascript:alert(1) » illisible, laissé de côté",
        "acte 32026L2110 : date « 2026-13-01 » illisible (WORK_DATE_DOCUMENT), laissée de côté"]
    unknown = read_cellar(work_notice("32026Z0001").encode())
    assert unknown.problems == ["acte 32026Z0001 : type d'acte « Z » inconnu du CELEX, "
                                "présenté comme « Acte »"]
    assert unknown.acts[0].name.startswith("Acte CELEX 32026Z0001")


def test_entities_are_never_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("NE PAS LIRE", encoding="utf-8")
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    for doctype in (f'<!DOCTYPE NOTICE [<!ENTITY l0 "ha">{laughs}]>',
                    f'<!DOCTYPE NOTICE [<!ENTITY l8 SYSTEM "file://{secret}">]>'):
        text = expression_notice(title="Titre &l8;").replace(
            "<!-- notice d'expression -->", doctype)
        try:
            acts = read_cellar(text.encode()).acts
        except CellarError:
            continue  # refused: fine too
        title = acts[0].titles[0][1] if acts and acts[0].titles else ""
        assert "NE PAS LIRE" not in title and len(title) < 100, title[:100]


def test_the_real_samples(shared):
    folder = shared("corpus", "ue")
    (tree,) = read_cellar((folder / "cellar_tree_notice_2013_449_original.xml")
                          .read_bytes()).acts
    assert tree.celex == "32014R0248" and tree.procedure == "2013/0449/COD"
    assert tree.journal.reference == "JO L 84 du 20.3.2014, p. 1-3"
    assert tree.eli == "http://data.europa.eu/eli/reg/2014/248/oj"
    (work,) = read_cellar((folder / "cellar_object_notice_work_32018R0196.xml")
                          .read_bytes()).acts
    # The new object format's unnamed dates: the earliest is the act's own.
    assert work.document_date == date(2018, 2, 7) and work.in_force_from == date(2018, 3, 8)
    assert work.titles == ()  # the consolidated version's title is not the act's
    assert work.eli == "http://data.europa.eu/eli/reg/2018/196/oj"
    assert "codification of EU law" in work.concepts and "10 EUROPEAN UNION" not in (
        work.concepts)
    answer = read_cellar((folder / "eurlex_webservice_search_result.xml").read_bytes())
    assert [a.celex for a in answer.acts] == ["32014R1337", "32014R1338"]
    assert answer.acts[0].in_force is False and answer.acts[0].titles[0][0] == "en"
