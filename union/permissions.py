"""Roles, derived from data: nobody sets a flag, the board membership and the groups say it.

- system admin: a superuser;
- board member: holds a seat (not ended) in the current term of their union;
- group leader: leader or deputy of a group;
- upper-level officer: an active member of a union that has unions under it; reads
  those unions, changes nothing but the upper union's own decisions on the unions directly
  under it (``can_decide_for``);
- member: anyone with an active Member record linked to their login.

Another union's object is a 404 (it is loaded through ``for_user``); a role that may
read but not write gets a 403 (``require_manage``).
"""

import copy
import dataclasses
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from union.caching import kept, new_generation
from union.models import BoardMembership, Member, Term, Union, UnionGroup


@dataclass(frozen=True)
class Access:
    is_admin: bool = False
    member: object = None
    board_union_id: int | None = None
    led_group_ids: frozenset = field(default_factory=frozenset)
    oversees_path: str | None = None
    # The generation of the shared cache these roles were read in (None: not cached), which
    # also names the fragments of the page drawn from them (union_tags.roles_cache).
    generation: int | None = None

    @property
    def is_officer(self):
        return self.oversees_path is not None

    @property
    def is_leader(self):
        return bool(self.led_group_ids)


NO_ACCESS = Access()


def access_for(user) -> Access:
    """Compute the user's roles once per user object (a request's user lives one request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, "_union_access", None)
    if cached is None:
        cached = user._union_access = (_shared_access(user) if settings.SHARED_CACHE
                                       else _compute_access(user))
    return cached


# Roles are read on every request and change a few times a year: with a cache every process
# shares, a user's Access is kept there by generation (union.caching); a save or delete of
# what roles are made of (the models union.apps connects ``roles_changed`` to) starts a new
# one. The day is in the key: a term starts on a date.
GENERATION_KEY = "access:generation"
ACCESS_SECONDS = 60 * 60 * 12


def _shared_access(user) -> Access:
    return kept(GENERATION_KEY, f"access:{user.pk}:{timezone.localdate():%Y%m%d}",
                lambda generation: dataclasses.replace(_compute_access(user),
                                                       generation=generation),
                ACCESS_SECONDS)


def roles_changed(**_signal):
    """Start a new generation of cached roles: a receiver of the saves and deletes of what
    roles are made of (union.apps), and a call after writes no signal sees (seed_scale)."""
    if _signal.get("update_fields") == frozenset({"last_login"}):
        return  # a login changes no role
    if settings.SHARED_CACHE:
        new_generation(GENERATION_KEY)


def _compute_access(user) -> Access:
    """Two queries: the member with their union, seat and oversight; the groups they lead."""
    current_term = Term.objects.filter(union=OuterRef(OuterRef("union_id"))).current()
    member = Member.objects.active().select_related("union__parent").filter(user=user).annotate(
        on_board=Exists(BoardMembership.objects.serving().filter(
            member=OuterRef("pk"), term=Subquery(current_term.values("pk")[:1]))),
        oversees=Exists(Union.objects.filter(parent=OuterRef("union_id"))),
    ).first()
    if member is None:
        return Access(is_admin=user.is_superuser)
    union = member.union
    led = UnionGroup.objects.active().filter(
        Q(leader=member) | Q(deputy=member), union=union
    ).values_list("pk", flat=True)
    return Access(
        is_admin=user.is_superuser,
        member=member,
        board_union_id=union.pk if member.on_board else None,
        led_group_ids=frozenset(led),
        oversees_path=union.path if member.oversees else None,
    )


def forget_access(user):
    """Drop the cached roles after a write that changes them (board seat, group leader)."""
    user.__dict__.pop("_union_access", None)


def is_board_member(user, union) -> bool:
    return access_for(user).board_union_id == union.pk


def can_manage_union(user, union) -> bool:
    return access_for(user).is_admin or is_board_member(user, union)


def leads_group(user, group) -> bool:
    return group.pk in access_for(user).led_group_ids


def can_list_members(user, union) -> bool:
    """The board, the officers above, group leaders (their group only) and admins."""
    access = access_for(user)
    return (
        can_manage_union(user, union)
        or (access.is_leader and access.member.union_id == union.pk)
        or (access.is_officer and union.pk != access.member.union_id)
    )


def can_read_records(user, union) -> bool:
    """A union's official records (its year-end reports, its register of outgoing documents):
    the board, admins, and the officers of the unions above (read-only)."""
    access = access_for(user)
    return can_manage_union(user, union) or (
        access.is_officer and union.pk != access.member.union_id
    )


def can_see_group_members(user, group) -> bool:
    access = access_for(user)
    return (
        can_manage_union(user, group.union)
        or leads_group(user, group)
        or (access.is_officer and group.union_id != access.member.union_id)
    )


def can_decide_for(user, union) -> bool:
    """The upper union's own decisions on a union directly under it (its quality rating):
    an officer of the parent union, or an administrator. Never on the officer's own union,
    and never wider: officers stay read-only everywhere else."""
    access = access_for(user)
    return access.is_admin or (
        access.is_officer and union.parent_id is not None
        and union.parent_id == access.member.union_id
    )


def require_manage(user, union):
    if not can_manage_union(user, union):
        raise PermissionDenied


def get_union_or_404(user, pk):
    """The union ``pk``, with its parent, if the user may read it. A member's own union is the
    one their roles were read with (a copy: the page may change it); another is one query."""
    member = access_for(user).member
    if member is not None and str(member.union_id) == str(pk):
        return copy.copy(member.union)
    return get_object_or_404(Union.objects.for_user(user).select_related("parent"), pk=pk)


def get_for_user_or_404(model_or_queryset, user, **lookup):
    """Load an object through the model's one scoping rule: another union's id is a 404."""
    queryset = model_or_queryset
    if not isinstance(queryset, QuerySet):
        queryset = queryset.objects
    return get_object_or_404(queryset.for_user(user), **lookup)
