"""Who may do what in emulation; built on the roles of ``union.permissions``."""

from union.permissions import access_for, can_manage_union, leads_group


def can_propose_for(user, member) -> bool:
    """A group leader (or deputy) proposes for the members of their own group."""
    return access_for(user).is_admin or (member.group_id is not None
                                          and leads_group(user, member.group))


def is_own(user, member) -> bool:
    own = access_for(user).member
    return own is not None and own.pk == member.pk


def can_read_member_records(user, member) -> bool:
    """Discipline and absence: the board, the member, their group leader."""
    return can_manage_union(user, member.union) or is_own(user, member) or (
        can_propose_for(user, member))
