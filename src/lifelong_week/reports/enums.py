from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_HEAD = "awaiting_head", _("Chờ thủ trưởng duyệt")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


# The unit may change the report only in these states.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
# The report has gone up to the receiving unit.
SENT_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})


class ChangeKind(models.TextChoices):
    CREATED = "created", _("Tạo báo cáo")
    SECTION = "section", _("Sửa nội dung")
    FIGURE = "figure", _("Sửa số liệu")
    PHOTO_ADDED = "photo_added", _("Thêm ảnh")
    PHOTO_REMOVED = "photo_removed", _("Xóa ảnh")
    SENT_TO_HEAD = "sent_to_head", _("Trình thủ trưởng duyệt")
    SUBMITTED = "submitted", _("Gửi báo cáo")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Tiếp nhận")
    DOCUMENT = "document", _("Sửa số, ngày văn bản")


class Platform(models.TextChoices):
    NONE = "", _("Trực tiếp")
    ZOOM = "zoom", "Zoom"
    GOOGLE_MEET = "google_meet", "Google Meet"
    K12ONLINE = "k12online", "K12Online"
    TEAMS = "teams", "Microsoft Teams"
    FACEBOOK = "facebook", _("Facebook (phát trực tiếp)")
    YOUTUBE = "youtube", "YouTube"
    ZALO = "zalo", "Zalo"
    OTHER = "other", _("Nền tảng khác")
