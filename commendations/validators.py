"""A decision's scan is checked by what its bytes are, never by what its name says."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SCAN_MAX_BYTES = 10 * 1024 * 1024
# Leading bytes of the accepted types, and the extension the stored file gets.
SCAN_SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
]


def scan_extension(upload) -> str | None:
    """The extension matching the upload's content, or None for any other content."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for signature, extension in SCAN_SIGNATURES:
        if head.startswith(signature):
            return extension
    return None


def validate_scan(upload) -> None:
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Bản scan tối đa %(limit)s."),
            code="scan_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(SCAN_MAX_BYTES)},
        )
    if scan_extension(upload) is None:
        raise ValidationError(
            _("Tệp không phải PDF, PNG hoặc JPEG (kiểm tra theo nội dung tệp, không theo tên). "
              "Hãy chọn bản scan đúng định dạng."),
            code="scan_bad_type",
        )
