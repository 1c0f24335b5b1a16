"""The union and its people, and the register of the documents it issues.

Everything is re-exported here, so ``from union.models import X`` works whatever module
``X`` lives in.
"""

from union.models.organisation import (
    BoardMembership,
    BoardMembershipQuerySet,
    Member,
    MemberQuerySet,
    RoleScopedQuerySet,
    Term,
    TermQuerySet,
    Union,
    UnionGroup,
    UnionGroupQuerySet,
    UnionQuerySet,
    UnionScopedQuerySet,
    role_scope,
)

__all__ = [
    "BoardMembership", "BoardMembershipQuerySet", "Member", "MemberQuerySet",
    "RoleScopedQuerySet", "Term", "TermQuerySet", "Union", "UnionGroup", "UnionGroupQuerySet",
    "UnionQuerySet", "UnionScopedQuerySet", "role_scope",
]
