"""WeasyPrint at work on one part of a long report, in a process of its own.

Nothing here imports Django: a part's HTML is rendered by the report's templates in the worker that
asked for the report (reports/rendering.py), then laid out and written here, so that the parts of the
country's breakdown use every core instead of one. A spawned process imports only this module.
"""

FIGURES_NAME, FIGURES_DESCRIPTION = "so-lieu.json", "Số liệu của báo cáo"


def ready_to_write() -> None:
    """A new process imports WeasyPrint before its first part arrives."""
    import weasyprint  # noqa: F401


def write_part(html: str, base_url: str, variant: str, figures: bytes | None = None) -> tuple[bytes, int]:
    """The part as PDF bytes and its number of pages; `figures` attached inside when given (the first part)."""
    from weasyprint import HTML, Attachment

    document = HTML(string=html, base_url=base_url).render()
    attachments = [Attachment(string=figures, name=FIGURES_NAME, description=FIGURES_DESCRIPTION)] if figures else None
    return document.write_pdf(pdf_variant=variant, attachments=attachments), len(document.pages)
