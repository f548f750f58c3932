"""``vigie createeditor EMAIL``: open (or update) an account of the newsroom.

The password is read from the terminal (typed twice, never shown), or from the first line of
standard input with ``--password-stdin`` (scripts, containers). Running it again for the same
address changes that account's password and role: it can run twice safely.
"""

from __future__ import annotations

import argparse
import getpass
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "createeditor", help="créer un compte de la rédaction (back office /redaction/)",
        description="Crée le compte d'un rédacteur (ou d'un administrateur avec --admin), ou "
                    "change le mot de passe d'un compte existant. Le mot de passe est demandé "
                    "au terminal, ou lu sur l'entrée standard avec --password-stdin.")
    parser.add_argument("email", metavar="ADRESSE", help="adresse électronique (identifiant)")
    parser.add_argument("--admin", action="store_true",
                        help="administrateur : règle aussi l'attente des envois")
    parser.add_argument("--password-stdin", action="store_true",
                        help="lire le mot de passe sur la première ligne de l'entrée standard")
    parser.set_defaults(handler=run)


def read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():  # getpass would echo it, then stop on a traceback (EOFError)
        print("vigie createeditor : pas de terminal pour taper le mot de passe ; pour le "
              "donner sur l'entrée standard, ajoutez --password-stdin.", file=sys.stderr)
        return None
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Le même, une seconde fois : ") != first:
        print("vigie createeditor : les deux mots de passe diffèrent.", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = args.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        print(f"vigie createeditor : adresse invalide « {args.email} ».", file=sys.stderr)
        return 2
    password = read_password(args.password_stdin)
    if password is None:
        return 1
    user = User.objects.filter(username=email).first() or User(username=email, email=email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        print("vigie createeditor : mot de passe refusé : " + " ".join(error.messages),
              file=sys.stderr)
        return 1
    created = user.pk is None
    user.email, user.is_staff, user.is_active = email, True, True
    user.is_superuser = args.admin or (user.is_superuser and not created)
    user.set_password(password)
    user.save()
    role = "administrateur" if user.is_superuser else "rédacteur"
    print(f"Compte {role} {'créé' if created else 'mis à jour'} : {email} "
          "(connexion sur /redaction/connexion/).")
    return 0
