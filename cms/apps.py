from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Celik site"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses.models import Competence, Pillar, ReportingChannel

        from .page_cache import invalidate

        # A change to one page shows on others (the course lists its lessons,
        # the home page its courses): any change empties the page cache.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate, dispatch_uid=f"page-cache-{signal!r}")
        for model in (Page, Site, Competence, Pillar, ReportingChannel):
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
        for model in (Site, Competence, Pillar, ReportingChannel):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
