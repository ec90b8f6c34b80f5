"""Encrypts the second factors stored in the clear before accounts.mfa."""

from django.db import migrations

from accounts.mfa import PREFIX, decrypt_secret, encrypt_secret


def _each_secret(data, change):
    for name in ("secret", "seed"):
        if isinstance(data.get(name), str):
            data[name] = change(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
    return data


def encrypt(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        authenticator.data = _each_secret(
            authenticator.data, lambda value: value if value.startswith(PREFIX) else encrypt_secret(value)
        )
        authenticator.save(update_fields=["data"])


def decrypt(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        authenticator.data = _each_secret(authenticator.data, decrypt_secret)
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_display_options"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
