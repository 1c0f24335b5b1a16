from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from union.forms import BoardMembershipForm, TermForm, UnionForm
from union.history import history_entries
from union.models import BoardMembership, Member, Term
from union.permissions import (
    can_manage_union,
    can_read_records,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.services import board_membership_save
from union.views.home import union_stats


def union_detail_view(request, pk):
    union = get_union_or_404(request.user, pk)
    term = union.current_term()
    seats = (
        BoardMembership.objects.filter(term=term).serving().in_rank_order().select_related("member")
        if term else []
    )
    groups = union.groups.active().annotate(
        active_members=Count("members", filter=Q(members__status=Member.Status.ACTIVE))
    ).select_related("leader", "deputy")
    return render(request, "union/union_detail.html", {
        "union": union, "term": term, "seats": seats, "groups": groups,
        "stats": union_stats(union), "can_manage": can_manage_union(request.user, union),
        "children": union.children.all(),
        "can_read_register": can_read_records(request.user, union),
    })


def union_edit_view(request, pk):
    union = get_union_or_404(request.user, pk)
    require_manage(request.user, union)
    form = UnionForm(request.POST or None, instance=union)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin công đoàn."))
        return redirect(union)
    return render(request, "union/union_form.html", {"union": union, "form": form})


def board_view(request, union_pk):
    """The board (BCH) of every term, the current one first."""
    union = get_union_or_404(request.user, union_pk)
    terms = list(Term.objects.filter(union=union))
    seats = BoardMembership.objects.filter(term__in=terms).in_rank_order().select_related("member")
    by_term = {term.pk: [] for term in terms}
    for seat in seats:
        by_term[seat.term_id].append(seat)
    current = union.current_term()
    return render(request, "union/board.html", {
        "union": union, "current": current,
        "terms": [(term, by_term[term.pk]) for term in terms],
        "can_manage": can_manage_union(request.user, union),
    })


def term_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _term_form(request, union, Term(union=union))


def term_edit_view(request, pk):
    term = get_for_user_or_404(Term, request.user, pk=pk)
    return _term_form(request, term.union, term)


def _term_form(request, union, term):
    require_manage(request.user, union)
    form = TermForm(request.POST or None, instance=term, union=union)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu nhiệm kỳ."))
        return redirect("union:board", union.pk)
    return render(request, "union/term_form.html", {"union": union, "form": form, "term": term})


def boardmembership_detail_view(request, pk):
    seat = get_for_user_or_404(BoardMembership, request.user, pk=pk)
    return render(request, "union/boardmembership_detail.html", {
        "seat": seat, "union": seat.union, "history": history_entries(seat),
        "can_manage": can_manage_union(request.user, seat.union),
    })


def boardmembership_create_view(request, term_pk):
    term = get_for_user_or_404(Term, request.user, pk=term_pk)
    return _seat_form(request, BoardMembership(term=term, union=term.union))


def boardmembership_edit_view(request, pk):
    seat = get_for_user_or_404(BoardMembership, request.user, pk=pk)
    return _seat_form(request, seat)


def _seat_form(request, seat):
    union = seat.term.union
    require_manage(request.user, union)
    form = BoardMembershipForm(request.POST or None, instance=seat, union=union)
    if request.method == "POST" and form.is_valid():
        board_membership_save(membership=form.instance, by=request.user)
        messages.success(request, _("Đã lưu ủy viên BCH."))
        return redirect(form.instance)
    return render(request, "union/boardmembership_form.html", {
        "union": union, "form": form, "seat": seat,
    })

