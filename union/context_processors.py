from union.permissions import access_for


def access(request):
    """The user's roles, for menus; templates ask these, never re-derive them."""
    user = getattr(request, "user", None)
    return {"access": access_for(user) if user is not None else None}
