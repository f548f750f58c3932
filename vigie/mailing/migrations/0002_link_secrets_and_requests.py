"""Issue 13: links signed with a per-subscriber secret, and sign-up requests handled after
the answer.

Existing subscribers get a random secret each (so that their new links cannot be forged
from what their old ones showed), and their former unsubscribe links keep working for one
more year (``legacy_links_until``); their former confirmation and management links are
refused — a new one is a click away (« Recevoir un nouveau lien »).
"""

import secrets
from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

import vigie.mailing.models

LEGACY_DAYS = 365


def give_secrets(apps, schema_editor):
    Subscriber = apps.get_model("mailing", "Subscriber")
    until = timezone.now() + timedelta(days=LEGACY_DAYS)
    for pk in Subscriber.objects.values_list("pk", flat=True).iterator():
        Subscriber.objects.filter(pk=pk).update(secret=secrets.token_urlsafe(32),
                                                legacy_links_until=until)


class Migration(migrations.Migration):

    dependencies = [
        ("mailing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="secret",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="subscriber",
            name="legacy_links_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(give_secrets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="subscriber",
            name="secret",
            field=models.CharField(default=vigie.mailing.models.new_secret, max_length=64),
        ),
        migrations.CreateModel(
            name="PendingRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("kind", models.CharField(max_length=10)),
                ("email", models.EmailField(max_length=254)),
                ("preferences", models.JSONField(default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
    ]
