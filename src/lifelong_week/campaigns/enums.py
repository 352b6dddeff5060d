from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    """What the coordinator decided; pages show the phase (``CampaignPhase``),
    which follows from this and the dates."""

    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class CampaignPhase(models.TextChoices):
    """Where a campaign is in its life (``campaigns.timeline.campaign_phase``)."""

    DRAFT = "draft", _("Dự thảo")
    UPCOMING = "upcoming", _("Sắp diễn ra")
    ONGOING = "ongoing", _("Đang triển khai")
    FINISHED = "finished", _("Đã kết thúc")


class StepPhase(models.TextChoices):
    """Where a reporting step is (``campaigns.timeline.step_phase``)."""

    OPEN = "open", _("Đang nhận báo cáo")
    PAST_DEADLINE = "past_deadline", _("Đã qua hạn nộp, vẫn nhận báo cáo")
    LOCKED = "locked", _("Đã khóa nhập liệu")
    FINISHED = "finished", _("Đã kết thúc")


class Sending(models.TextChoices):
    """A unit's report for a step against its dates (``campaigns.timeline.sending_state``)."""

    PENDING = "pending", _("Chưa đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    NOT_SENT = "not_sent", _("Không gửi")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Gửi muộn")


class CountPolicy(models.TextChoices):
    """Which reports count in the consolidated figures."""

    SUBMITTED = "submitted", _("Báo cáo đã gửi và đã duyệt")
    ACCEPTED = "accepted", _("Chỉ báo cáo đã duyệt")


class ActivityKind(models.TextChoices):
    PROMOTION = "promotion", _("Treo băng rôn, khẩu hiệu, tuyên truyền")
    OPENING = "opening", _("Lễ khai mạc, phát động")
    MEDIA = "media", _("Thông tin, truyền thông")
    EMULATION = "emulation", _("Thi đua, vinh danh")
    CLASSES = "classes", _("Lớp học, khóa học")
    CLUBS = "clubs", _("Câu lạc bộ, diễn đàn, cuộc thi")
    TRAINING = "training", _("Tập huấn kỹ năng")
    RESOURCES = "resources", _("Học liệu mở")
    PRESS = "press", _("Chuyên mục báo chí")
    FORUMS = "forums", _("Diễn đàn, hội thảo quốc tế")
    OTHER = "other", _("Hoạt động khác")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    MONEY = "money", _("Số tiền (đồng)")
    DECIMAL = "decimal", _("Số thập phân")
    BOOLEAN = "boolean", _("Có/không")
    TEXT = "text", _("Văn bản")


class EventRule(models.TextChoices):
    """How an indicator can be pre-filled from the events a unit recorded."""

    NONE = "", _("Không tự tính")
    COUNT = "count", _("Số sự kiện")
    PARTICIPANTS = "participants", _("Tổng số người tham gia")
    ONLINE_COUNT = "online_count", _("Số sự kiện trực tuyến")
    ONLINE_PARTICIPANTS = "online_participants", _("Số người tham gia trực tuyến")
