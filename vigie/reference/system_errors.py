"""What the system answered, in French: the reason an ``OSError`` gives, for every message
that tells a person why a file, a folder or an address could not be used.

Python's own text (``error.strerror``, ``str(error)``) is the C library's, in English
(« No such file or directory »), whatever the locale Vigie runs under; a reader of Vigie's
messages reads French. The reasons an operator meets are named; any other says its number,
which ``errno -l`` explains.
"""

from __future__ import annotations

import errno

REASONS: dict[int, str] = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ELOOP: "trop de liens symboliques enchaînés",
    errno.EMFILE: "trop de fichiers ouverts par ce processus",
    errno.ENFILE: "trop de fichiers ouverts sur la machine",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EEXIST: "existe déjà",
    errno.EBUSY: "ressource occupée",
    errno.ENXIO: "périphérique absent",
    errno.EFBIG: "fichier trop gros pour le système de fichiers",
    errno.ECONNREFUSED: "connexion refusée",
    errno.ECONNRESET: "connexion interrompue",
    errno.ETIMEDOUT: "délai dépassé",
    errno.ENETUNREACH: "réseau injoignable",
    errno.EHOSTUNREACH: "machine injoignable",
    errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse qui n'est pas celle de cette machine",
}


def os_reason(error: OSError) -> str:
    """« fichier ou dossier introuvable », « accès refusé »…, or « erreur système n° N »
    (an error without a number: its own message)."""
    if error.errno in REASONS:
        return REASONS[error.errno]
    if isinstance(error, TimeoutError):  # a socket's timeout carries no number
        return REASONS[errno.ETIMEDOUT]
    if isinstance(error.errno, int) and error.errno < 0:  # getaddrinfo's EAI_* codes
        return "nom de machine inconnu ou introuvable (DNS)"
    if error.errno:
        return f"erreur système n° {error.errno}"
    return str(error) or "erreur système"  # raised by a library with its own message


def os_message(error: OSError) -> str:
    """« « /chemin » : accès refusé » when the error names its file, else ``os_reason``."""
    reason = os_reason(error)
    return f"« {error.filename} » : {reason}" if error.filename else reason
