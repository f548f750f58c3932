"""Editions refer to items stored once per day instead of copying them (issue 13, item 5).

Existing editions are converted in place: the items of their old content become the day's
``EditionItem`` rows (national when the national edition had them, else local to the
départements whose editions had them, with the communes of their stored analysis), and the
content keeps only its frame. Their fingerprint is left empty: the next build of their day
rewrites them without counting a revision.
"""

from collections import defaultdict

from django.db import migrations, models

RUBRIC_ORDER = ("jo", "parlement", "reponses", "jurisprudence", "europe", "circulaires", "rh",
                "marches", "documentation", "actualite")


def _territories(decision, item):
    named = {t.get("departement") for t in decision.get("territories", []) if t.get("departement")}
    named |= set(item.get("departements", []))
    communes = defaultdict(dict)
    for t in decision.get("territories", []):
        if t.get("kind") == "commune" and t.get("departement") and t.get("code"):
            communes[t["departement"]].setdefault(t["code"], {
                "code": t["code"], "name": t.get("name", ""), "status": "", "phenomenon": "",
                "period": ""})
    return [{"departement": code, "communes": list(communes[code].values())}
            for code in sorted(named)]


def _item(old, decision):
    urls = old.get("urls", {})
    links = [{"kind": "official", "label": "Légifrance", "url": urls.get("legifrance", "")}]
    if urls.get("eli"):
        links.append({"kind": "eli", "label": "ELI", "url": urls["eli"]})
    if urls.get("jo"):
        links.append({"kind": "issue", "label": "Journal officiel du jour", "url": urls["jo"]})
    keys = ("uid", "rubric", "title", "short_title", "nature", "theme", "themes", "roles",
            "urgent", "score", "scope", "departements", "essentials", "dates", "reasons",
            "reference", "jo_number", "date_publi", "rank", "status")
    return {**{k: old.get(k) for k in keys}, "territories": _territories(decision, old),
            "links": links}


def _framed(codes):
    return f" {' '.join(sorted(codes))} " if codes else ""


def _order(item):
    rubric = RUBRIC_ORDER.index(item["rubric"]) if item["rubric"] in RUBRIC_ORDER else 99
    return (rubric, not item["urgent"], -float(item["score"] or 0), item["date_publi"] or "",
            item["rank"] or 0)


def forwards(apps, schema_editor):
    Edition = apps.get_model("editions", "Edition")
    EditionItem = apps.get_model("editions", "EditionItem")
    Analysis = apps.get_model("analysis", "Analysis")
    days = defaultdict(dict)  # day → uid → [old item, national, départements]
    for edition in Edition.objects.all().iterator():
        old = edition.frame or {}
        for rubric in old.get("rubrics", []):
            for theme in rubric.get("themes", []):
                for item in theme.get("items", []):
                    entry = days[edition.date].setdefault(item["uid"], [item, False, set()])
                    if edition.departement:
                        entry[2].add(edition.departement)
                    else:
                        entry[1] = True
        headers = old.get("jo_headers", [])
        Edition.objects.filter(pk=edition.pk).update(fingerprint="", frame={
            "covered": old.get("covered", []), "headers": {"jo": headers} if headers else {},
            "closing": old.get("closing", ""), "revised": bool(old.get("revised"))})
    for day, found in days.items():
        decisions = dict(Analysis.objects.filter(document__uid__in=list(found))
                         .values_list("document__uid", "decision"))
        items = sorted(((_item(old, decisions.get(uid) or {}), national, codes)
                        for uid, (old, national, codes) in found.items()),
                       key=lambda triple: _order(triple[0]))
        EditionItem.objects.bulk_create([
            EditionItem(day=day, uid=item["uid"], position=n, rubric=item["rubric"],
                        theme=item["theme"], urgent=bool(item["urgent"]), national=national,
                        departements=_framed(item["departements"] if national else codes),
                        content=item, fingerprint="")
            for n, (item, national, codes) in enumerate(items, start=1)])


class Migration(migrations.Migration):

    dependencies = [
        ("analysis", "0001_initial"),
        ("editions", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="EditionItem"),
        migrations.RenameField(model_name="edition", old_name="content", new_name="frame"),
        migrations.CreateModel(
            name="EditionItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("uid", models.CharField(max_length=32)),
                ("position", models.IntegerField()),
                ("rubric", models.CharField(max_length=32)),
                ("theme", models.CharField(db_index=True, max_length=64)),
                ("urgent", models.BooleanField(default=False)),
                ("national", models.BooleanField(default=True)),
                ("departements", models.TextField(blank=True)),
                ("content", models.JSONField()),
                ("fingerprint", models.CharField(max_length=64)),
            ],
            options={
                "ordering": ["day", "position"],
                "indexes": [models.Index(fields=["day", "position"], name="item_order")],
                "constraints": [models.UniqueConstraint(fields=("day", "uid"),
                                                        name="item_once_a_day")],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
