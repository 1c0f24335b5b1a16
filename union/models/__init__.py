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
from union.models.register import (
    ABBREVIATIONS,
    BLANK_NUMBER,
    BOARD_SIGNER_TITLE,
    DocumentKind,
    OutgoingDocument,
    OutgoingDocumentQuerySet,
    document_symbol,
    draft_code,
)

__all__ = [
    "ABBREVIATIONS", "BLANK_NUMBER", "BOARD_SIGNER_TITLE", "BoardMembership",
    "BoardMembershipQuerySet", "DocumentKind", "Member", "MemberQuerySet", "OutgoingDocument",
    "OutgoingDocumentQuerySet", "RoleScopedQuerySet", "Term", "TermQuerySet", "Union",
    "UnionGroup", "UnionGroupQuerySet", "UnionQuerySet", "UnionScopedQuerySet",
    "document_symbol", "draft_code", "role_scope",
]
