"""The labelled examples read titles whole: a labelled file that cut a title short is read
with the title its issue's sommaire prints, when the corpus holds that sommaire."""

from __future__ import annotations

import csv
from pathlib import Path

from vigie.analysis.learning.dataset import load, sommaire_titles

WHOLE = ("Décret n° 2099-1 du 2 janvier 2099 portant revalorisation d'une allocation en "
         "Guadeloupe, à La Réunion et dans les collectivités de Saint-Martin et de "
         "Saint-Pierre-et-Miquelon")
SOMMAIRE = f"""<JO><ID>JORFCONT000099000000</ID><STRUCTURE_TXT><TM><TITRE_TM>JO</TITRE_TM>
<TM><TITRE_TM>Décrets, arrêtés, circulaires</TITRE_TM>
<LIEN_TXT idtxt="JORFTEXT000099000001" titretxt="{WHOLE}"/>
<LIEN_TXT idtxt="JORFTEXT000099000002" titretxt="Arrêté du 2 janvier 2099 relatif au Cher"/>
</TM></TM></STRUCTURE_TXT></JO>"""


def _labels(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("idtxt", "title", "section", "retained", "scope", "departements",
                         "themes"))
        for idtxt, title in rows:
            writer.writerow((idtxt, title, "", "must", "local", "971", "outre_mer"))
    return path


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "jorf"
    (corpus / "jorfsimple").mkdir(parents=True)
    (corpus / "jorfsimple" / "jorf_sommaire_JORFCONT000099000000.xml").write_text(
        SOMMAIRE, encoding="utf-8")
    return corpus


def test_a_title_cut_short_is_read_whole_from_the_sommaire(tmp_path: Path):
    labels = _labels(tmp_path, [("JORFTEXT000099000001", WHOLE[:120]),
                                ("JORFTEXT000099000002", "Arrêté relatif au Cher, relu")])
    first, second = load([labels], corpus=_corpus(tmp_path))
    assert first.item.title == WHOLE
    assert first.label.title == WHOLE[:120]  # the label itself is as written
    # A title the file wrote otherwise (not cut short) is left as the editor wrote it.
    assert second.item.title == "Arrêté relatif au Cher, relu"


def test_without_the_sommaire_the_labelled_title_is_read(tmp_path: Path):
    labels = _labels(tmp_path, [("JORFTEXT000099000001", WHOLE[:120])])
    (example,) = load([labels], corpus=tmp_path / "absent")
    assert example.item.title == WHOLE[:120]


def test_sommaire_titles_skip_files_of_other_formats(tmp_path: Path):
    corpus = _corpus(tmp_path)
    (corpus / "JORFCONT000099000009.xml").write_text("<pas du xml", encoding="utf-8")
    titles = sommaire_titles(corpus)
    assert titles["JORFTEXT000099000001"] == WHOLE
    assert len(titles) == 2
