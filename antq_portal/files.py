"""Stored files (import uploads, decision scans, rendered reports) leave the portal only through here.

Nothing under MEDIA_ROOT has a public URL: a view first finds the record through the model's
`visible_to(user)` queryset (anything else is a 404), then calls `serve_file`. With
FILE_SERVE_ACCEL set the web server sends the bytes itself:
- "nginx": an `X-Accel-Redirect` to FILE_SERVE_ACCEL_PREFIX + the stored name, an `internal;`
  location aliased to MEDIA_ROOT;
- "sendfile": an `X-Sendfile` header with the absolute path (Apache mod_xsendfile, lighttpd).
"""

import mimetypes
import secrets
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class RandomName:
    """`upload_to` that keeps only the extension of what the user sent: `<folder>/<year>/<token>.<ext>`.

    The token (32 random bytes in URL-safe base64) makes a stored name impossible to guess, so a
    misconfigured web server exposing MEDIA_ROOT still does not list or reveal a file by its name.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_urlsafe(32)}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder


def _disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def serve_file(request, file: FieldFile, *, filename: str, target, content_type: str | None = None) -> HttpResponse:
    """The stored `file` of the record `target` as an attachment named `filename`; a missing file is a 404.

    The caller has already found `target` through its `visible_to(request.user)` queryset and
    checked the role: this writes the download to the access log and decides how the bytes go out.
    """
    from accounts.access_log import Action, log_access

    if not file or not file.storage.exists(file.name):
        raise Http404
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    accel = getattr(settings, "FILE_SERVE_ACCEL", "")
    if accel == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILE_SERVE_ACCEL_PREFIX.rstrip("/") + "/" + quote(file.name)
    elif accel == "sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = file.path
    else:
        response = FileResponse(file.open("rb"), content_type=content_type)
    log_access(request, Action.DOWNLOAD, target, detail={"file": filename})
    response["Content-Disposition"] = _disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    # A personal-data file is not kept by shared caches or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response
