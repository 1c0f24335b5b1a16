"""Login throttling: django-axes's lockout of one user name from one address, plus a higher
limit on one address's failures across all user names (password spraying: one password
tried against every account from one machine)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressLimitHandler(AxesDatabaseHandler):
    """Locks a user name at ``AXES_FAILURE_LIMIT`` failures from one address (axes's own
    rule), and every user name from an address once that address has failed
    ``AXES_ADDRESS_FAILURE_LIMIT`` times in the cool-off window, whatever the names.

    The office's colleagues share one address, so the second limit is much higher than the
    first: a few people's typos do not reach it, a sweep over the accounts does.
    """

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def address_failures(self, request) -> int:
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def client_address(request) -> str | None:
    """The address a login comes from (``AXES_CLIENT_IP_CALLABLE``).

    Behind reverse proxies every request arrives from the nearest proxy, and the address
    limit would then lock out everyone at once. With ``TRUSTED_PROXY_COUNT`` proxies in
    front, each appending the address it was reached from to X-Forwarded-For, the client is
    the entry that many places from the end; entries before it are the client's own say.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
