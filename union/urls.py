from django.urls import path

from union.views import directory, groups, imports, members, register, unions

app_name = "union"

urlpatterns = [
    path("unions/", directory.UnionDirectoryView.as_view(), name="union-list"),
    path("u/<int:pk>/", unions.union_detail_view, name="union-detail"),
    path("u/<int:pk>/edit/", unions.union_edit_view, name="union-edit"),
    path("u/<int:union_pk>/board/", unions.board_view, name="board"),
    path("u/<int:union_pk>/terms/new/", unions.term_create_view, name="term-create"),
    path("terms/<int:pk>/edit/", unions.term_edit_view, name="term-edit"),
    path(
        "terms/<int:term_pk>/seats/new/", unions.boardmembership_create_view,
        name="boardmembership-create",
    ),
    path("seats/<int:pk>/", unions.boardmembership_detail_view, name="boardmembership-detail"),
    path("seats/<int:pk>/edit/", unions.boardmembership_edit_view, name="boardmembership-edit"),
    path("u/<int:union_pk>/groups/", groups.group_list_view, name="group-list"),
    path("u/<int:union_pk>/groups/new/", groups.group_create_view, name="group-create"),
    path("groups/<int:pk>/", groups.group_detail_view, name="group-detail"),
    path("groups/<int:pk>/edit/", groups.group_edit_view, name="group-edit"),
    path("u/<int:union_pk>/members/", members.MemberListView.as_view(), name="member-list"),
    path("u/<int:union_pk>/members/search/", members.member_search_view,
         name="member-search"),
    path("u/<int:union_pk>/members/new/", members.member_create_view, name="member-create"),
    path("u/<int:union_pk>/members/import/", imports.member_import_view, name="member-import"),
    path(
        "u/<int:union_pk>/members/import/confirm/", imports.member_import_confirm_view,
        name="member-import-confirm",
    ),
    path(
        "u/<int:union_pk>/members/import/template/", imports.member_import_template_view,
        name="member-import-template",
    ),
    path("members/<int:pk>/", members.member_detail_view, name="member-detail"),
    path("members/<int:pk>/edit/", members.member_edit_view, name="member-edit"),
    path("members/<int:pk>/leave/", members.member_leave_view, name="member-leave"),
    path("me/", members.profile_view, name="profile"),
    path("u/<int:union_pk>/so-van-ban-di/", register.RegisterListView.as_view(),
         name="register"),
    path("u/<int:union_pk>/so-van-ban-di/them/", register.register_create_view,
         name="register-create"),
]
