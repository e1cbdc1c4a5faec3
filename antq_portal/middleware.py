from django.conf import settings
from django.utils import translation


class PortalLanguageMiddleware:
    """Vietnamese unless the officer chose another language (the set_language cookie).

    Unlike LocaleMiddleware it ignores the browser's Accept-Language: police workstations
    often run English-configured browsers, and the portal must still speak Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """Pages load scripts, styles, images and fonts from the portal only (no CDN, no inline code).

    The admin keeps Django's own inline scripts and is left out; settings.CONTENT_SECURITY_POLICY
    holds the policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(f"{name} {' '.join(values)}"
                                for name, values in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and not request.path.startswith(settings.CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
