"""Who decides: the agency, its head and council; each title knows its deciding body; the
board proposes (its former decisions become its proposals) and records the decisions."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# Deciding bodies of the catalogue rows a union already has: the state titles and the
# agency's collective title by the agency head (Luật Thi đua, khen thưởng 2022, Điều 80
# khoản 1); the union's own titles and grassroots forms by its Ban Chấp hành; the rest by level.
BODY_OF_CODE = {"ldtt": "agency_head", "cstdcs": "agency_head", "dvcdxs": "union_board",
                "tcdvm": "union_board"}
BODY_OF_NAME = {"Tập thể lao động tiên tiến": "agency_head",
                "Tập thể lao động xuất sắc": "province"}
BODY_OF_LEVEL = {"grassroots": "union_board", "upper": "upper_union", "province": "federation",
                 "national": "confederation"}


def bodies_and_proposals(apps, schema_editor):
    AwardType = apps.get_model("emulation", "AwardType")
    Award = apps.get_model("emulation", "Award")
    Evaluation = apps.get_model("emulation", "Evaluation")
    for award_type in AwardType.objects.all():
        award_type.decided_by = (BODY_OF_CODE.get(award_type.code)
                                 or BODY_OF_NAME.get(award_type.name)
                                 or BODY_OF_LEVEL[award_type.level])
        award_type.save(update_fields=["decided_by"])
    for award in Award.objects.select_related("award_type"):
        award.body = award.award_type.decided_by
        award.save(update_fields=["body"])
    Evaluation.objects.exclude(level="").update(board_level=models.F("level"))


class Migration(migrations.Migration):

    dependencies = [
        ('emulation', '0002_join_rows_carry_union'),
        ('union', '0003_history_reasons_as_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name='evaluation',
            old_name='decision_note',
            new_name='board_note',
        ),
        migrations.RenameField(
            model_name='historicalevaluation',
            old_name='decision_note',
            new_name='board_note',
        ),
        migrations.AddField(
            model_name='award',
            name='body',
            field=models.CharField(choices=[('agency_head', 'Thủ trưởng cơ quan'), ('superior', 'Cấp trên của cơ quan'), ('union_board', 'Ban Chấp hành công đoàn cơ sở'), ('upper_union', 'Ban Chấp hành công đoàn cấp trên'), ('federation', 'Ban Chấp hành Liên đoàn Lao động tỉnh'), ('province', 'Chủ tịch Ủy ban nhân dân tỉnh'), ('confederation', 'Tổng Liên đoàn Lao động Việt Nam')], default='agency_head', max_length=15, verbose_name='cấp quyết định'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='awardtype',
            name='ballot_base',
            field=models.CharField(choices=[('members', 'tổng số thành viên Hội đồng'), ('valid', 'số phiếu hợp lệ')], default='members', max_length=10, verbose_name='tính trên'),
        ),
        migrations.AddField(
            model_name='awardtype',
            name='ballot_threshold_percent',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ phiếu đồng ý tối thiểu (%)'),
        ),
        migrations.AddField(
            model_name='awardtype',
            name='decided_by',
            field=models.CharField(choices=[('agency_head', 'Thủ trưởng cơ quan'), ('superior', 'Cấp trên của cơ quan'), ('union_board', 'Ban Chấp hành công đoàn cơ sở'), ('upper_union', 'Ban Chấp hành công đoàn cấp trên'), ('federation', 'Ban Chấp hành Liên đoàn Lao động tỉnh'), ('province', 'Chủ tịch Ủy ban nhân dân tỉnh'), ('confederation', 'Tổng Liên đoàn Lao động Việt Nam')], default='agency_head', max_length=15, verbose_name='cấp quyết định'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='awardtype',
            name='needs_ballot',
            field=models.BooleanField(default=False, verbose_name='Hội đồng Thi đua – Khen thưởng bỏ phiếu kín'),
        ),
        migrations.AddField(
            model_name='awardtype',
            name='proposed_by',
            field=models.CharField(blank=True, max_length=255, verbose_name='cấp đề nghị'),
        ),
        migrations.AddField(
            model_name='awardtype',
            name='source',
            field=models.CharField(blank=True, max_length=255, verbose_name='căn cứ'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='board_level',
            field=models.CharField(blank=True, choices=[('htxsnv', 'Hoàn thành xuất sắc nhiệm vụ'), ('httnv', 'Hoàn thành tốt nhiệm vụ'), ('htnv', 'Hoàn thành nhiệm vụ'), ('khtnv', 'Không hoàn thành nhiệm vụ'), ('not_rated', 'Không xếp loại')], max_length=10, verbose_name='BCH đề xuất'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='board_note',
            field=models.TextField(blank=True, verbose_name='ý kiến của BCH'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='board_reason',
            field=models.TextField(blank=True, verbose_name='lý do đề xuất cao hơn mức gợi ý'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='rated_above',
            field=models.BooleanField(default=False, verbose_name='do cấp trên của cơ quan đánh giá'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='board_level',
            field=models.CharField(blank=True, choices=[('htxsnv', 'Hoàn thành xuất sắc nhiệm vụ'), ('httnv', 'Hoàn thành tốt nhiệm vụ'), ('htnv', 'Hoàn thành nhiệm vụ'), ('khtnv', 'Không hoàn thành nhiệm vụ'), ('not_rated', 'Không xếp loại')], max_length=10, verbose_name='BCH đề xuất'),
        ),
        migrations.AlterField(
            model_name='historicalevaluation',
            name='board_note',
            field=models.TextField(blank=True, verbose_name='ý kiến của BCH'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='board_reason',
            field=models.TextField(blank=True, verbose_name='lý do đề xuất cao hơn mức gợi ý'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='rated_above',
            field=models.BooleanField(default=False, verbose_name='do cấp trên của cơ quan đánh giá'),
        ),
        migrations.AlterField(
            model_name='award',
            name='issuer',
            field=models.CharField(max_length=255, verbose_name='người, cơ quan ký quyết định'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='level',
            field=models.CharField(blank=True, choices=[('htxsnv', 'Hoàn thành xuất sắc nhiệm vụ'), ('httnv', 'Hoàn thành tốt nhiệm vụ'), ('htnv', 'Hoàn thành nhiệm vụ'), ('khtnv', 'Không hoàn thành nhiệm vụ'), ('not_rated', 'Không xếp loại')], max_length=10, verbose_name='kết quả xếp loại'),
        ),
        migrations.AlterField(
            model_name='evaluationcycle',
            name='decision_due',
            field=models.DateField(verbose_name='hạn BCH đề xuất'),
        ),
        migrations.AlterField(
            model_name='evaluationcycle',
            name='status',
            field=models.CharField(choices=[('open', 'Đang đánh giá'), ('proposed', 'Đã trình'), ('decided', 'Đã có quyết định'), ('published', 'Đã công bố')], default='open', max_length=10, verbose_name='trạng thái'),
        ),
        migrations.AlterField(
            model_name='historicalevaluation',
            name='level',
            field=models.CharField(blank=True, choices=[('htxsnv', 'Hoàn thành xuất sắc nhiệm vụ'), ('httnv', 'Hoàn thành tốt nhiệm vụ'), ('htnv', 'Hoàn thành nhiệm vụ'), ('khtnv', 'Không hoàn thành nhiệm vụ'), ('not_rated', 'Không xếp loại')], max_length=10, verbose_name='kết quả xếp loại'),
        ),
        migrations.AlterField(
            model_name='historicalevaluationcycle',
            name='decision_due',
            field=models.DateField(verbose_name='hạn BCH đề xuất'),
        ),
        migrations.AlterField(
            model_name='historicalevaluationcycle',
            name='status',
            field=models.CharField(choices=[('open', 'Đang đánh giá'), ('proposed', 'Đã trình'), ('decided', 'Đã có quyết định'), ('published', 'Đã công bố')], default='open', max_length=10, verbose_name='trạng thái'),
        ),
        migrations.CreateModel(
            name='Agency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Ví dụ: Sở Thông tin và Truyền thông tỉnh Gia Lai', max_length=255, verbose_name='tên cơ quan')),
                ('letterhead_name', models.CharField(help_text='Dòng 2 tiêu đề văn bản của cơ quan, ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG', max_length=255, verbose_name='tên cơ quan trên tiêu đề văn bản')),
                ('superior_name', models.CharField(help_text='Dòng 1 tiêu đề văn bản của cơ quan, và là nơi đánh giá, xếp loại người đứng đầu; ví dụ: Ủy ban nhân dân tỉnh Gia Lai', max_length=255, verbose_name='cơ quan cấp trên')),
                ('document_code', models.CharField(help_text='Ví dụ: STTTT, trong số “125/QĐ-STTTT”', max_length=30, verbose_name='ký hiệu văn bản của cơ quan')),
                ('place_name', models.CharField(max_length=100, verbose_name='địa danh ghi trên văn bản')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('union', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='agency_record', to='union.union')),
            ],
            options={
                'verbose_name': 'cơ quan',
                'verbose_name_plural': 'cơ quan',
            },
        ),
        migrations.CreateModel(
            name='Candidacy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('award_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='emulation.awardtype', verbose_name='danh hiệu')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='candidacies', to='emulation.evaluation')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'đề nghị danh hiệu',
                'verbose_name_plural': 'đề nghị danh hiệu',
                'ordering': ['award_type__order', 'evaluation__member__name_key', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Council',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='năm')),
                ('established_by', models.CharField(blank=True, help_text='Ví dụ: Quyết định số 12/QĐ-STTTT ngày 15/01/2019 của Giám đốc Sở', max_length=255, verbose_name='quyết định thành lập, kiện toàn')),
                ('quorum_percent', models.DecimalField(decimal_places=2, default=Decimal('66.66'), help_text='Theo quy chế hoạt động của Hội đồng; thường là 2/3 (66,66%).', max_digits=5, verbose_name='số thành viên tối thiểu có mặt để họp (%)')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='councils', to='emulation.agency')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'Hội đồng Thi đua – Khen thưởng',
                'verbose_name_plural': 'Hội đồng Thi đua – Khen thưởng',
                'ordering': ['-year'],
            },
        ),
        migrations.CreateModel(
            name='CouncilMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='ngày họp')),
                ('place', models.CharField(blank=True, max_length=255, verbose_name='địa điểm')),
                ('opinions', models.TextField(blank=True, verbose_name='ý kiến thảo luận')),
                ('conclusions', models.TextField(blank=True, verbose_name='kết luận của Chủ tịch Hội đồng')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='emulation.council')),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_meetings', to='emulation.evaluationcycle')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'cuộc họp Hội đồng Thi đua – Khen thưởng',
                'verbose_name_plural': 'cuộc họp Hội đồng Thi đua – Khen thưởng',
                'ordering': ['held_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilAttendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='emulation.councilmeeting')),
            ],
        ),
        migrations.CreateModel(
            name='Ballot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agree', models.PositiveSmallIntegerField(verbose_name='phiếu đồng ý')),
                ('valid', models.PositiveSmallIntegerField(verbose_name='phiếu hợp lệ')),
                ('members', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='tổng số thành viên Hội đồng')),
                ('threshold_percent', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='tỷ lệ tối thiểu (%)')),
                ('base', models.CharField(choices=[('members', 'tổng số thành viên Hội đồng'), ('valid', 'số phiếu hợp lệ')], max_length=10, verbose_name='tính trên')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
                ('candidacy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ballots', to='emulation.candidacy')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ballots', to='emulation.councilmeeting')),
            ],
            options={
                'verbose_name': 'kết quả bỏ phiếu',
                'verbose_name_plural': 'kết quả bỏ phiếu',
            },
        ),
        migrations.CreateModel(
            name='CouncilSeat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('chair', 'Chủ tịch Hội đồng'), ('vice_chair', 'Phó Chủ tịch Hội đồng'), ('member', 'Ủy viên'), ('secretary', 'Ủy viên, Thư ký')], max_length=12, verbose_name='vị trí')),
                ('full_name', models.CharField(max_length=150, verbose_name='họ và tên')),
                ('position', models.CharField(help_text='Ví dụ: Giám đốc Sở; Chủ tịch Công đoàn cơ sở', max_length=200, verbose_name='chức vụ')),
                ('votes', models.BooleanField(default=True, verbose_name='có quyền biểu quyết')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='emulation.council')),
                ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.member', verbose_name='là đoàn viên')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'thành viên Hội đồng',
                'verbose_name_plural': 'thành viên Hội đồng',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='councilmeeting',
            name='present',
            field=models.ManyToManyField(related_name='+', through='emulation.CouncilAttendance', to='emulation.councilseat', verbose_name='thành viên có mặt'),
        ),
        migrations.AddField(
            model_name='councilattendance',
            name='seat',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='emulation.councilseat'),
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('rating', 'Công nhận kết quả đánh giá, xếp loại chất lượng'), ('title', 'Công nhận danh hiệu thi đua')], max_length=10, verbose_name='loại quyết định')),
                ('body', models.CharField(choices=[('agency_head', 'Thủ trưởng cơ quan'), ('superior', 'Cấp trên của cơ quan'), ('union_board', 'Ban Chấp hành công đoàn cơ sở'), ('upper_union', 'Ban Chấp hành công đoàn cấp trên'), ('federation', 'Ban Chấp hành Liên đoàn Lao động tỉnh'), ('province', 'Chủ tịch Ủy ban nhân dân tỉnh'), ('confederation', 'Tổng Liên đoàn Lao động Việt Nam')], max_length=15, verbose_name='cấp quyết định')),
                ('number', models.CharField(max_length=50, verbose_name='số quyết định')),
                ('decided_on', models.DateField(verbose_name='ngày quyết định')),
                ('signer_name', models.CharField(max_length=150, verbose_name='người ký')),
                ('signer_title', models.CharField(max_length=150, verbose_name='chức vụ người ký')),
                ('scan', models.FileField(blank=True, upload_to='decisions/%Y/', verbose_name='bản chụp quyết định')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('award_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='emulation.awardtype', verbose_name='danh hiệu')),
                ('council_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='emulation.councilmeeting', verbose_name='cuộc họp Hội đồng đã xét')),
                ('created_by', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='emulation.evaluationcycle')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'quyết định',
                'verbose_name_plural': 'quyết định',
                'ordering': ['decided_on', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='candidacy',
            name='decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='candidacies', to='emulation.decision'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='level_decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rated', to='emulation.decision', verbose_name='quyết định xếp loại'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='level_decision',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.decision', verbose_name='quyết định xếp loại'),
        ),
        migrations.CreateModel(
            name='GroupMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='ngày họp')),
                ('present', models.PositiveSmallIntegerField(verbose_name='số đoàn viên dự họp')),
                ('note', models.TextField(blank=True, verbose_name='ý kiến chung của tổ')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='group_meetings', to='emulation.evaluationcycle')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.uniongroup', verbose_name='tổ công đoàn')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'cuộc họp tổ công đoàn',
                'verbose_name_plural': 'cuộc họp tổ công đoàn',
            },
        ),
        migrations.CreateModel(
            name='HistoricalAgency',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(help_text='Ví dụ: Sở Thông tin và Truyền thông tỉnh Gia Lai', max_length=255, verbose_name='tên cơ quan')),
                ('letterhead_name', models.CharField(help_text='Dòng 2 tiêu đề văn bản của cơ quan, ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG', max_length=255, verbose_name='tên cơ quan trên tiêu đề văn bản')),
                ('superior_name', models.CharField(help_text='Dòng 1 tiêu đề văn bản của cơ quan, và là nơi đánh giá, xếp loại người đứng đầu; ví dụ: Ủy ban nhân dân tỉnh Gia Lai', max_length=255, verbose_name='cơ quan cấp trên')),
                ('document_code', models.CharField(help_text='Ví dụ: STTTT, trong số “125/QĐ-STTTT”', max_length=30, verbose_name='ký hiệu văn bản của cơ quan')),
                ('place_name', models.CharField(max_length=100, verbose_name='địa danh ghi trên văn bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('union', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'historical cơ quan',
                'verbose_name_plural': 'historical cơ quan',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAgencyLeader',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('head', 'Thủ trưởng'), ('deputy', 'Cấp phó')], max_length=10, verbose_name='vị trí')),
                ('title', models.CharField(help_text='Ví dụ: Giám đốc, Phó Giám đốc', max_length=100, verbose_name='chức vụ')),
                ('full_name', models.CharField(max_length=150, verbose_name='họ và tên')),
                ('started_on', models.DateField(verbose_name='từ ngày')),
                ('ended_on', models.DateField(blank=True, null=True, verbose_name='đến ngày')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.agency')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('member', models.ForeignKey(blank=True, db_constraint=False, help_text='Chọn khi người này sinh hoạt ở công đoàn cơ sở.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='union.member', verbose_name='là đoàn viên')),
                ('union', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'historical lãnh đạo cơ quan',
                'verbose_name_plural': 'historical lãnh đạo cơ quan',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCouncil',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='năm')),
                ('established_by', models.CharField(blank=True, help_text='Ví dụ: Quyết định số 12/QĐ-STTTT ngày 15/01/2019 của Giám đốc Sở', max_length=255, verbose_name='quyết định thành lập, kiện toàn')),
                ('quorum_percent', models.DecimalField(decimal_places=2, default=Decimal('66.66'), help_text='Theo quy chế hoạt động của Hội đồng; thường là 2/3 (66,66%).', max_digits=5, verbose_name='số thành viên tối thiểu có mặt để họp (%)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='emulation.agency')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('union', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'historical Hội đồng Thi đua – Khen thưởng',
                'verbose_name_plural': 'historical Hội đồng Thi đua – Khen thưởng',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='AgencyLeader',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('head', 'Thủ trưởng'), ('deputy', 'Cấp phó')], max_length=10, verbose_name='vị trí')),
                ('title', models.CharField(help_text='Ví dụ: Giám đốc, Phó Giám đốc', max_length=100, verbose_name='chức vụ')),
                ('full_name', models.CharField(max_length=150, verbose_name='họ và tên')),
                ('started_on', models.DateField(verbose_name='từ ngày')),
                ('ended_on', models.DateField(blank=True, null=True, verbose_name='đến ngày')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='leaders', to='emulation.agency')),
                ('member', models.ForeignKey(blank=True, help_text='Chọn khi người này sinh hoạt ở công đoàn cơ sở.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.member', verbose_name='là đoàn viên')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='union.union')),
            ],
            options={
                'verbose_name': 'lãnh đạo cơ quan',
                'verbose_name_plural': 'lãnh đạo cơ quan',
                'ordering': ['role', '-started_on', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='agency_leader_ends_after_start', violation_error_message='Ngày kết thúc không thể trước ngày bắt đầu.')],
            },
        ),
        migrations.AddConstraint(
            model_name='council',
            constraint=models.UniqueConstraint(fields=('union', 'year'), name='council_one_per_union_year', violation_error_message='Năm này đã có Hội đồng Thi đua – Khen thưởng.'),
        ),
        migrations.AddConstraint(
            model_name='ballot',
            constraint=models.UniqueConstraint(fields=('meeting', 'candidacy'), name='ballot_once'),
        ),
        migrations.AddConstraint(
            model_name='ballot',
            constraint=models.CheckConstraint(condition=models.Q(('agree__lte', models.F('valid')), ('valid__lte', models.F('members'))), name='ballot_counts_in_order', violation_error_message='Phiếu đồng ý ≤ phiếu hợp lệ ≤ số thành viên.'),
        ),
        migrations.AddConstraint(
            model_name='councilseat',
            constraint=models.UniqueConstraint(condition=models.Q(('role', 'chair')), fields=('council',), name='council_one_chair', violation_error_message='Hội đồng chỉ có một Chủ tịch.'),
        ),
        migrations.AddConstraint(
            model_name='councilattendance',
            constraint=models.UniqueConstraint(fields=('meeting', 'seat'), name='attendance_once'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('award_type__isnull', True), ('kind', 'rating')), models.Q(('award_type__isnull', False), ('kind', 'title')), _connector='OR'), name='decision_title_has_award_type', violation_error_message='Quyết định công nhận danh hiệu cần chọn danh hiệu.'),
        ),
        migrations.AddConstraint(
            model_name='candidacy',
            constraint=models.UniqueConstraint(fields=('evaluation', 'award_type'), name='candidacy_one_per_title'),
        ),
        migrations.AddConstraint(
            model_name='groupmeeting',
            constraint=models.UniqueConstraint(fields=('cycle', 'group'), name='group_meeting_one_per_cycle', violation_error_message='Tổ đã ghi cuộc họp của năm nay.'),
        ),
        migrations.RunPython(bodies_and_proposals, migrations.RunPython.noop),
    ]
