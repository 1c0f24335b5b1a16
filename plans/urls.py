from django.urls import path

from plans.views import cchc, checks, dashboards, plans, tasks

app_name = "plans"

urlpatterns = [
    path("u/<int:union_pk>/plans/", plans.plan_list_view, name="plan-list"),
    path("u/<int:union_pk>/plans/new/", plans.plan_create_view, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/status/", plans.plan_status_view, name="plan-status"),
    path("plans/<int:pk>/issue/", plans.plan_issue_view, name="plan-issue"),
    path("plans/<int:pk>/ke-hoach.docx", plans.plan_docx_view, name="plan-docx"),
    path("plans/<int:pk>/ke-hoach.pdf", plans.plan_pdf_view, name="plan-pdf"),
    path("points/<int:pk>/edit/", plans.point_edit_view, name="point-edit"),
    path("plans/<int:plan_pk>/tasks/new/", tasks.task_create_view, name="task-create"),
    path("u/<int:union_pk>/tasks/", tasks.TaskListView.as_view(), name="task-list"),
    path("tasks/<int:pk>/", tasks.task_detail_view, name="task-detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit_view, name="task-edit"),
    path("occurrences/<int:pk>/progress/", tasks.progress_view, name="progress"),
    path("reports/<int:pk>/evidence/", tasks.evidence_view, name="evidence"),
    path("u/<int:union_pk>/checks/", checks.CheckListView.as_view(), name="check-list"),
    path("groups/<int:group_pk>/checks/new/", checks.check_open_view, name="check-open"),
    path("checks/<int:pk>/", checks.check_detail_view, name="check-detail"),
    path("checks/<int:pk>/confirm/", checks.check_confirm_view, name="check-confirm"),
    path("checks/<int:pk>/reopen/", checks.check_reopen_view, name="check-reopen"),
    path("u/<int:union_pk>/dashboard/", dashboards.board_dashboard_view, name="dashboard"),
    path("groups/<int:pk>/work/", dashboards.group_work_view, name="group-work"),
    path("me/work/", dashboards.my_work_view, name="my-work"),
    path("u/<int:union_pk>/cchc/", cchc.cchc_list_view, name="cchc-list"),
    path("u/<int:union_pk>/cchc/new/", cchc.cchc_create_view, name="cchc-create"),
    path("cchc/<int:pk>/edit/", cchc.cchc_edit_view, name="cchc-edit"),
]
