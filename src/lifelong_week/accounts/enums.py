from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Người nhập báo cáo")
    HEAD = "head", _("Thủ trưởng đơn vị")
    COORDINATOR = "coordinator", _("Điều phối")
    VIEWER = "viewer", _("Theo dõi")
    ADMINISTRATOR = "administrator", _("Quản trị")


# Roles whose reach extends to the whole subtree below their unit.
SUBTREE_ROLES = frozenset({Role.COORDINATOR, Role.VIEWER, Role.ADMINISTRATOR})
# Roles that may change a campaign run by their unit.
CAMPAIGN_EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
