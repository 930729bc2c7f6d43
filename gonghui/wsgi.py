import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
application = get_wsgi_application()

# Import every view now, then take what the process holds after start-up out of the cyclic
# collector's sight (gc.freeze): a full collection would otherwise walk these ~300k
# long-lived objects (150 ms measured), a pause every request in the worker waits out.
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports
gc.freeze()
