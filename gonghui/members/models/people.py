from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.masking import MaskedCopyField, mask_id, mask_phone, masked_fields
from gonghui.lib.scoping import (
    DistrictKeyed,
    DistrictKeyField,
    PathFromMixin,
    ScopedQuerySet,
    district_key_constraint,
    scope_of,
    scoped_queryset,
)
from gonghui.members.signals import members_moved
from gonghui.organizations.models import Node, Unit


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class IdType(models.TextChoices):
    RESIDENT = "resident", _("居民身份证")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    PASSPORT = "passport", _("护照")


class Education(models.TextChoices):
    PRIMARY = "primary", _("小学及以下")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中/中专/技校")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("本科")
    POSTGRADUATE = "postgraduate", _("研究生")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    LEAGUE = "league", _("共青团员")
    DEMOCRATIC = "democratic", _("民主党派")
    MASSES = "masses", _("群众")


class HukouType(models.TextChoices):
    LOCAL_URBAN = "local_urban", _("本市城镇")
    LOCAL_RURAL = "local_rural", _("本市农村")
    MIGRANT_URBAN = "migrant_urban", _("外省市城镇（外来务工）")
    MIGRANT_RURAL = "migrant_rural", _("外省市农村（农民工）")


class Employment(models.TextChoices):
    EMPLOYED = "employed", _("在岗")
    FLEXIBLE = "flexible", _("灵活就业")
    UNEMPLOYED = "unemployed", _("失业")
    RETIRED = "retired", _("退休")


class SkillLevel(models.TextChoices):
    NONE = "", _("无")
    JUNIOR = "5", _("初级工")
    MIDDLE = "4", _("中级工")
    SENIOR = "3", _("高级工")
    TECHNICIAN = "2", _("技师")
    SENIOR_TECHNICIAN = "1", _("高级技师")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    TRANSFERRED = "transferred", _("已转出")
    LEFT = "left", _("已退会")
    RETIRED = "retired", _("退休会员")
    DECEASED = "deceased", _("已故")


class IdProblem(models.TextChoices):
    NONE = "", _("无")
    INVALID = "invalid", _("身份证号无效")
    DUPLICATE = "duplicate", _("身份证号重复")


class MemberQuerySet(ScopedQuerySet):
    owner_field = "user"

    def _owned_by(self, user: Any) -> Self:
        return self.owned_by_member("pk", user)

    def counted(self) -> "MemberQuerySet":
        """Members that count in figures: active, with a valid and unique ID."""
        return self.filter(status=MemberStatus.ACTIVE, id_problem=IdProblem.NONE)


class Member(PathFromMixin, DistrictKeyed, models.Model):
    district_bound = ("unit_id",)

    name = models.CharField(_("姓名"), max_length=40)
    name_initials = models.CharField(max_length=20, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender)
    birth_date = models.DateField(_("出生日期"), null=True)
    ethnicity = models.CharField(_("民族"), max_length=10, default="汉族")
    id_type = models.CharField(_("证件类型"), max_length=10, choices=IdType, default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"))
    id_index = models.CharField(max_length=40, editable=False)
    id_masked = MaskedCopyField(source="id_number", mask=mask_id)
    id_problem = models.CharField(_("证件问题"), max_length=10, choices=IdProblem, blank=True, default="")
    education = models.CharField(_("学历"), max_length=16, choices=Education, blank=True)
    political_status = models.CharField(_("政治面貌"), max_length=12, choices=PoliticalStatus, blank=True)
    hukou_type = models.CharField(_("户籍类型"), max_length=16, choices=HukouType, blank=True)
    hukou_place = models.CharField(_("户籍所在地"), max_length=100, blank=True)
    residence = models.CharField(_("现居住地"), max_length=200, blank=True)
    phone = EncryptedTextField(_("手机"), blank=True)
    phone_index = models.CharField(max_length=40, blank=True, editable=False)
    phone_masked = MaskedCopyField(source="phone", mask=mask_phone)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("工作单位")
    )
    position = models.CharField(_("职务"), max_length=40, blank=True)
    employment = models.CharField(
        _("就业状态"), max_length=12, choices=Employment, default=Employment.EMPLOYED
    )
    skill_level = models.CharField(_("技能等级"), max_length=2, choices=SkillLevel, blank=True, default="")
    is_model_worker = models.BooleanField(_("是否劳模"), default=False)
    joined_on = models.DateField(_("入会日期"))
    member_no = models.CharField(_("会员编号"), max_length=20, unique=True)
    card_no = models.CharField(_("会员卡号"), max_length=20, blank=True)
    union = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        verbose_name=_("所属工会"),
        limit_choices_to={"kind": Node.Kind.GRASSROOTS},
    )
    status = models.CharField(_("会籍状态"), max_length=12, choices=MemberStatus, default=MemberStatus.ACTIVE)
    emergency_contact = models.CharField(_("紧急联系人"), max_length=40, blank=True)
    emergency_phone = EncryptedTextField(_("紧急联系人电话"), blank=True)
    path = models.CharField(max_length=255, editable=False)
    district = DistrictKeyField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("会员")
        verbose_name_plural = _("会员")
        default_manager_name = "unscoped"
        permissions = [("export_full_roster", _("导出未脱敏的完整花名册"))]
        constraints = [
            # One clean record per person: a second one with the same ID is
            # flagged as a duplicate and counts for nothing until fixed.
            models.UniqueConstraint(
                fields=["id_index"], condition=Q(id_problem=""), name="member_unique_clean_id"
            ),
            district_key_constraint("member_district_key"),
        ]
        # Each index is paid for by every row a roster import writes: one per lookup, no more
        # (db_index on a CharField would add a LIKE index too, and keyed hashes are only ever
        # compared whole; initials are only searched by prefix).
        indexes = [
            models.Index(fields=["id_index"], name="member_id_index"),
            models.Index(fields=["phone_index"], name="member_phone_index"),
            models.Index(
                fields=["name_initials"], name="member_initials_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["path", "status", "id_problem"],
                name="member_path_counted",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["joined_on"], name="member_joined_on"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.member_no}）"

    path_from = "union"
    _saved_path: str | None = None  # the path as read or last saved: a save that changes it is a move

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> "Member":
        member = super().from_db(db, field_names, values, **kwargs)
        member._saved_path = member.__dict__.get("path")
        return member

    def save(self, *args: Any, update_fields: Any = None, **kwargs: Any) -> None:
        # A masked copy follows its source even when only the source is saved.
        if update_fields is not None:
            copies = {f.attname for f in masked_fields(Member) if f.source in update_fields}
            update_fields = {*update_fields, *copies}
        super().save(*args, update_fields=update_fields, **kwargs)
        before, self._saved_path = self._saved_path, self.path
        if before is not None and before != self.path:
            members_moved.send(sender=Member, member_ids=[self.pk], path=self.path)

    @property
    def is_counted(self) -> bool:
        return self.status == MemberStatus.ACTIVE and not self.id_problem


# What a list need not load: it shows the masked copies.
ENCRYPTED_MEMBER_FIELDS = [f.name for f in Member._meta.concrete_fields if isinstance(f, EncryptedTextField)]
# Every stored column of a member row, in the order bulk loads (COPY) write them.
MEMBER_COLUMNS: list[str] = [str(f.column) for f in Member._meta.concrete_fields if f.column != "id"]


class MemberStatusChange(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=12, choices=MemberStatus, blank=True)
    to_status = models.CharField(max_length=12, choices=MemberStatus)
    union = models.ForeignKey(Node, on_delete=models.PROTECT)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")


class JoinApplication(PathFromMixin, models.Model):
    """An online application to join (入会申请), routed to the union of the worker's unit."""

    name = models.CharField(_("姓名"), max_length=40)
    id_number = EncryptedTextField(_("身份证号"))
    id_index = models.CharField(max_length=40, db_index=True, editable=False)
    phone = EncryptedTextField(_("手机"))
    phone_index = models.CharField(max_length=40, db_index=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("工作单位"))
    union = models.ForeignKey(Node, on_delete=models.PROTECT, verbose_name=_("受理工会"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    submitted_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("答复期限"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("驳回理由"), max_length=200, blank=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="join_applications",
    )

    objects = scoped_queryset(owner="applicant").as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("入会申请")
        verbose_name_plural = _("入会申请")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["id_index"], condition=Q(status="pending"), name="one_pending_join_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="join_rejection_has_reason"
            ),
        ]

    path_from = "union"


class TransferQuerySet(ScopedQuerySet):
    owner_field = "member__user"

    def visible_to(self, user: Any) -> "TransferQuerySet":
        """Both unions see a transfer: the one sending and the one receiving."""
        prefix = scope_of(user)
        if prefix is None:
            return super().visible_to(user)
        qs = self.filter(Q(path__startswith=prefix) | Q(from_path__startswith=prefix))
        qs._scoped = True
        return qs


class Transfer(models.Model):
    """会员关系接转: the receiving union approves."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers")
    from_union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    to_union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("转入工会"))
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("新单位")
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    from_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("答复期限"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)

    objects = TransferQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("会员关系接转")
        verbose_name_plural = _("会员关系接转")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="one_pending_transfer"
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.to_union.path
        self.from_path = self.from_union.path
        super().save(*args, **kwargs)


class MemberPass(models.Model):
    """One shown QR code: a random code, short-lived and single-use."""

    code = models.CharField(max_length=16, unique=True)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    purpose = models.CharField(max_length=32, blank=True)


class MemberNumberBlock(models.Model):
    """The last member number handed out; imports take a block of numbers at once."""

    last = models.PositiveBigIntegerField(default=0)


class RosterMapping(models.Model):
    """A union's remembered column mapping: header text -> member field."""

    union = models.OneToOneField(Node, on_delete=models.CASCADE, related_name="+")
    columns = models.JSONField(default=dict)


class RosterImport(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        VALIDATING = "validating", _("校验中")
        READY = "ready", _("待确认")
        COMMITTING = "committing", _("导入中")
        DONE = "done", _("已导入")
        FAILED = "failed", _("失败")
        CANCELLED = "cancelled", _("已取消")

    union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    filename = models.CharField(max_length=200)
    stored_as = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)  # rows processed so far
    total_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    first_errors = models.JSONField(default=list)
    # What the preview lists besides the errors: the first new members, the note rows skipped.
    preview = models.JSONField(default=dict)
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)  # header text -> member field
    message = models.CharField(max_length=300, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    # The members this import created: their numbers, one contiguous range (see Summary.created).
    first_member_no = models.CharField(max_length=20, blank=True)
    last_member_no = models.CharField(max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")
        default_manager_name = "unscoped"

    path_from = "union"
