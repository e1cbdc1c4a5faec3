"""The registries a file can be imported into, by the name the command line and the URLs use."""

REGISTRY_NAMES = ["organizations", "models", "commendations"]


def _load():
    from .commendations import CommendationsSpec
    from .models import ModelsSpec
    from .organizations import OrganizationsSpec

    return {spec.name: spec for spec in (OrganizationsSpec(), ModelsSpec(), CommendationsSpec())}


_registries: dict | None = None


def registries() -> dict:
    global _registries
    if _registries is None:
        _registries = _load()
    return _registries


def get_registry(name: str):
    """The spec of a registry; LookupError for a name that is none."""
    try:
        return registries()[name]
    except KeyError:
        raise LookupError(f"unknown registry {name!r}; one of {', '.join(REGISTRY_NAMES)}") from None


def registry_choices() -> list[tuple[str, str]]:
    return [(name, spec.label) for name, spec in registries().items()]
