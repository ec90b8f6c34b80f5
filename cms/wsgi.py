import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
application = get_wsgi_application()

# Django, Wagtail and every model and module are loaded now and live as long
# as the process: moved out of the garbage collector's sight, so its full
# passes during requests no longer walk some 150,000 objects that are never
# garbage (the technique CPython added gc.freeze for).
gc.freeze()
