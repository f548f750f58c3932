"""``vigie repair``: finish what an interrupted run left, and what the web left for later.

Safe at any time and any number of times: every step it takes is one the pipeline would
have taken, and an up-to-date base makes it say so and change nothing.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "repair", help="terminer ce qu'une exécution interrompue a laissé",
        description="Termine ce qu'une exécution interrompue (arrêt brutal, coupure) a "
        "laissé : relit jusqu'au bout les livraisons dont la lecture s'est arrêtée en route "
        "(retrouvées là où elles ont été lues ou parmi les téléchargements, avec le même "
        "contenu), puis les étapes en attente : analyse des textes sans décision à jour, entrées "
        "de l'index de recherche manquantes ou périmées, éditions des jours concernés. "
        "Vérifie aussi l'ensemble de la base (décisions, index, éditions), puis applique "
        "les désabonnements mis en file pendant que la base était occupée et traite les "
        "demandes d'inscription en attente (les courriels partent au prochain vigie send) et "
        "supprime les sessions expirées de la rédaction. "
        "Sans effet sur une base à jour. Code de sortie : 0 ; 1 si une livraison "
        "interrompue est introuvable ou illisible (à redonner avec vigie ingest) ; 2 si une "
        "livraison à abandonner n'est pas interrompue ; 3 si une "
        "autre exécution (ingestion, synchronisation, analyse) occupe la base trop longtemps.",
    )
    parser.add_argument("--tout", dest="everything", action="store_true",
                        help="réindexer tous les textes et reconstruire les éditions de tous "
                        "les jours (les éditions inchangées restent telles quelles)")
    parser.add_argument("--abandonner", dest="abandon", action="append", default=[],
                        metavar="LIVRAISON",
                        help="ne plus chercher cette livraison interrompue, introuvable (nom "
                        "de fichier ; répétable) : notée incomplète, ses textes restent tels "
                        "que l'arrêt les a laissés ; redonnée, elle est relue")
    parser.set_defaults(handler=run)


def lines(report) -> list[str]:
    """What the repair found and did, in French."""
    from vigie.documents.interrupted import names

    found = report.findings
    out = [f"Vérification de la base : {len(found.unanalysed)} texte(s) sans décision à jour, "
           f"{len(found.unindexed)} entrée(s) d'index manquante(s) ou périmée(s), "
           f"{len(found.days)} jour(s) d'éditions à reconstruire."]
    index = sum(s.counts["indexed"] for s in report.steps if s.name == "index")
    if index:
        out.append(f"Index de recherche : {index} entrée(s) réécrite(s).")
    if report.mailing_problem:
        out.append(f"vigie : {report.mailing_problem}")
    else:
        out.append(f"Désabonnements en file appliqués : {report.mailing['unsubscribes']} ; "
                   f"demandes d'inscription ou de lien traitées : {report.mailing['requests']}.")
    if report.sessions:
        out.append(f"Sessions expirées de la rédaction supprimées : {report.sessions}.")
    if report.inputs:
        out.append("Livraison(s) interrompue(s) avant la fin, relue(s) jusqu'au bout : "
                   f"{', '.join(each.delivery for each in report.inputs)}.")
    if report.lost:
        out.append("vigie : livraison(s) interrompue(s) avant la fin, introuvable(s) avec le "
                   f"même contenu : {names(report.lost)}. Leurs textes restent à moitié "
                   "écrits : redonnez-les avec vigie ingest CHEMIN (ou, perdues, "
                   "vigie repair --abandonner NOM).")
    if not (report.resumed or report.steps or found.texts or found.days or report.inputs
            or report.lost):
        out.append("Rien à reprendre : chaque texte est analysé, indexé et dans ses éditions.")
    return out


def run(args: argparse.Namespace) -> int:
    from vigie import pipeline
    from vigie.commands.output import printer

    if args.abandon:
        from vigie.documents.interrupted import abandon

        unknown = abandon(args.abandon)
        if unknown:
            print(f"vigie : {', '.join(unknown)} : aucune livraison interrompue de ce nom "
                  "(vigie status les montre) ; rien n'est abandonné.", file=sys.stderr)
            return 2
        for name in dict.fromkeys(args.abandon):
            print(f"{name} : abandonnée, notée incomplète ; ses textes restent tels que "
                  "l'arrêt les a laissés.")
    report = pipeline.repair(everything=args.everything, notify=printer())
    for line in lines(report):
        print(line)
    return 1 if report.lost or report.status else 0
