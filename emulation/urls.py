from django.urls import path

from emulation.views import awards, evaluations, movements, records, reports

app_name = "emulation"

urlpatterns = [
    # Movements, registrations, initiatives
    path("u/<int:union_pk>/movements/", movements.movement_list_view, name="movement-list"),
    path("u/<int:union_pk>/movements/new/", movements.movement_create_view,
         name="movement-create"),
    path("movements/<int:pk>/", movements.movement_detail_view, name="movement-detail"),
    path("movements/<int:pk>/edit/", movements.movement_edit_view, name="movement-edit"),
    path("movements/<int:pk>/register/", movements.registration_create_view,
         name="registration-create"),
    path("registrations/<int:pk>/decide/", movements.registration_decide_view,
         name="registration-decide"),
    path("u/<int:union_pk>/initiatives/", movements.initiative_list_view,
         name="initiative-list"),
    path("u/<int:union_pk>/initiatives/new/", movements.initiative_create_view,
         name="initiative-create"),
    path("initiatives/<int:pk>/", movements.initiative_detail_view, name="initiative-detail"),
    path("initiatives/<int:pk>/edit/", movements.initiative_edit_view, name="initiative-edit"),
    path("initiatives/<int:pk>/decide/", movements.initiative_decide_view,
         name="initiative-decide"),
    # Discipline and absence on the member
    path("members/<int:pk>/records/", records.member_records_view, name="member-records"),
    path("members/<int:pk>/discipline/new/", records.discipline_create_view,
         name="discipline-create"),
    path("members/<int:pk>/absence/new/", records.absence_create_view, name="absence-create"),
    # The award catalogue and awards
    path("u/<int:union_pk>/award-types/", awards.awardtype_list_view, name="awardtype-list"),
    path("u/<int:union_pk>/award-types/new/", awards.awardtype_create_view,
         name="awardtype-create"),
    path("award-types/<int:pk>/edit/", awards.awardtype_edit_view, name="awardtype-edit"),
    path("u/<int:union_pk>/awards/", awards.award_list_view, name="award-list"),
    path("u/<int:union_pk>/awards/new/", awards.award_create_view, name="award-create"),
    path("awards/<int:pk>/edit/", awards.award_edit_view, name="award-edit"),
    # The year-end evaluation
    path("u/<int:union_pk>/evaluations/", evaluations.cycle_list_view, name="cycle-list"),
    path("u/<int:union_pk>/evaluations/new/", evaluations.cycle_create_view,
         name="cycle-create"),
    path("evaluations/<int:pk>/", evaluations.cycle_detail_view, name="cycle-detail"),
    path("evaluations/<int:pk>/edit/", evaluations.cycle_edit_view, name="cycle-edit"),
    path("evaluations/<int:pk>/status/", evaluations.cycle_status_view, name="cycle-status"),
    path("evaluations/<int:pk>/recompute/", evaluations.cycle_recompute_view,
         name="cycle-recompute"),
    path("evaluation/<int:pk>/", evaluations.evaluation_detail_view,
         name="evaluation-detail"),
    path("evaluation/<int:pk>/propose/", evaluations.evaluation_propose_view,
         name="evaluation-propose"),
    path("evaluation/<int:pk>/decide/", evaluations.evaluation_decide_view,
         name="evaluation-decide"),
    path("me/evaluation/", evaluations.my_evaluation_view, name="my-evaluation"),
    # Year-end reports
    path("u/<int:union_pk>/reports/", reports.report_list_view, name="report-list"),
    path("u/<int:union_pk>/reports/<int:year>/", reports.report_view, name="report"),
    path("u/<int:union_pk>/reports/<int:year>/bao-cao.xlsx", reports.report_xlsx_view,
         name="report-xlsx"),
    path("u/<int:union_pk>/reports/<int:year>/bao-cao.docx", reports.report_docx_view,
         name="report-docx"),
    path("u/<int:union_pk>/reports/<int:year>/bao-cao.pdf", reports.report_pdf_view,
         name="report-pdf"),
    path("u/<int:union_pk>/reports/<int:year>/issue/", reports.report_issue_view,
         name="report-issue"),
    path("u/<int:union_pk>/rollup/<int:year>/", reports.rollup_view, name="rollup"),
]
