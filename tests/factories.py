from __future__ import annotations

import datetime as dt

import factory

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User
from lifelong_week.campaigns.domain import start_of_day
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import Campaign, ReportingStep
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    kind = UnitKind.PEOPLES_COMMITTEE
    admin_level = AdminLevel.DISTRICT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    role = Role.REPORTER


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    slug = factory.Sequence(lambda n: f"ke-hoach-{n}")
    year = 2021
    title = "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
    issuer = factory.SubFactory(OrgUnitFactory)
    coordinator = factory.SelfAttribute("issuer")
    status = CampaignStatus.ACTIVE
    week_start = dt.date(2021, 10, 1)
    week_end = dt.date(2021, 10, 7)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingStep

    campaign = factory.SubFactory(CampaignFactory)
    order = 1
    title = "Báo cáo kết quả"
    receiver = factory.SelfAttribute("campaign.coordinator")
    deadline = factory.LazyFunction(lambda: start_of_day(dt.date(2021, 10, 15)))


def member(unit: OrgUnit, role: str = Role.REPORTER, **kwargs) -> User:
    return MembershipFactory(unit=unit, role=role, **kwargs).user
