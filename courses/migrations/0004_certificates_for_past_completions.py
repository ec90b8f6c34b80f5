"""Learners who completed a course before certificates existed get theirs,
and educators (Wagtail's Editors and Moderators groups) may revoke them."""

import secrets

from django.db import migrations

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # as courses.certificates.issuing.CODE_ALPHABET


def issue_for_past_completions(apps, schema_editor):
    Enrollment = apps.get_model("courses", "Enrollment")
    Certificate = apps.get_model("courses", "Certificate")
    Page = apps.get_model("wagtailcore", "Page")
    done = set(Certificate.objects.values_list("user_id", "course_key"))
    titles = {}
    for key, language, title in Page.objects.filter(
        translation_key__in=Enrollment.objects.filter(completed_at__isnull=False).values("course_key")
    ).values_list("translation_key", "locale__language_code", "title"):
        titles.setdefault(key, {})[language] = title
    certificates = []
    for enrollment in Enrollment.objects.filter(user__isnull=False, completed_at__isnull=False).iterator():
        if (enrollment.user_id, enrollment.course_key) in done:
            continue
        by_language = titles.get(enrollment.course_key, {})
        title = by_language.get(enrollment.language) or next(iter(by_language.values()), "")
        certificates.append(
            Certificate(
                user_id=enrollment.user_id,
                course_key=enrollment.course_key,
                language=enrollment.language,
                course_title=title,
                code="".join(secrets.choice(ALPHABET) for _ in range(25)),
                issued_at=enrollment.completed_at,
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=1000)


def educators_may_revoke(apps, schema_editor):
    # Permissions are normally made after all migrations; this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="certificate")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_certificate", defaults={"name": "Can change certificate"}
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_certificates"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(issue_for_past_completions, migrations.RunPython.noop),
        migrations.RunPython(educators_may_revoke, migrations.RunPython.noop),
    ]
