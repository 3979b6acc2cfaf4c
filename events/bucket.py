"""Uploaded files in a private S3-compatible bucket, served by the application.

``MEDIA_STORAGE=events.bucket.PrivateBucketStorage`` (django-storages' ``S3Storage``,
with the bucket and its endpoint named by the ``AWS_*`` settings). Nothing in the bucket
is public: its files are linked at ``MEDIA_URL`` like files on the local disk, and the
application's media view (``config/views.py``) hands each to whoever may have it, a
draft's to staff only, as it does from the disk. So one bucket serves any number of
application servers, and publishing or unpublishing a record never touches a file's
permissions.

Each object is stored with its content type (from its name) and a long-lived
``Cache-Control``: names are random and a stored file is never overwritten with other
content (``AWS_S3_FILE_OVERWRITE = False``; a rendition made again is the same image).
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

# A bucket that does not answer within these is down: the editor gets a form error
# (events/admin_uploads.py), not a worker held for minutes.
# Two attempts in all (botocore's "max_attempts" would count retries only, so three): a
# store that hangs costs about 20 s, within the proxy's 60 s.
CLIENT_CONFIG = {
    "connect_timeout": 3,
    "read_timeout": 10,
    "retries": {"total_max_attempts": 2, "mode": "standard"},
}
OBJECT_CACHE_CONTROL = "max-age=31536000, immutable"


class PrivateBucketStorage(S3Storage):
    def get_default_settings(self):
        from botocore.config import Config

        defaults = super().get_default_settings()
        defaults["client_config"] = defaults["client_config"] or Config(**CLIENT_CONFIG)
        defaults["object_parameters"] = {
            "CacheControl": OBJECT_CACHE_CONTROL,
            **defaults["object_parameters"],
        }
        # No ACL is sent (AWS_DEFAULT_ACL = None): an object is then private to the
        # bucket's owner, and buckets with ACLs disabled (S3's default now) refuse any
        # other. Block public access on the bucket; the application serves the files.
        return defaults

    def url(self, name, parameters=None, expire=None, http_method=None):
        """The file's address on this site, where the media view serves it."""
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"
