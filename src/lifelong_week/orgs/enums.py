from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    EDUCATION_OFFICE = "education_office", _("Phòng Giáo dục và Đào tạo")
    FRONT = "front", _("Mặt trận Tổ quốc, đoàn thể")
    ASSOCIATION = "association", _("Hội, tổ chức xã hội")
    PRESS = "press", _("Báo chí, phát thanh, truyền hình")
    UNIVERSITY = "university", _("Trường đại học, cao đẳng")
    SCHOOL = "school", _("Trường học")
    LEARNING_CENTRE = "learning_centre", _("Trung tâm học tập cộng đồng, GDTX")
    CULTURAL = "cultural", _("Thư viện, bảo tàng, nhà văn hóa")
    OTHER = "other", _("Khác")


class AdminLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")
    GRASSROOTS = "grassroots", _("Cơ sở")
