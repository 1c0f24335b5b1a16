from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switch.

    Django's own middleware would follow the browser's Accept-Language, so an office PC
    set up in English would show English to people who never asked for it.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class PagePolicyMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, on HTML pages only.

    A PDF shown in the browser (the year-end report) opens in Chrome's own viewer, whose
    wrapper page has inline styles and an embed: the page policy would leave it blank. Files
    carry no script of ours, so they need none.
    """

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
