from django.shortcuts import render
from django.utils import timezone

from lifelong_week.campaigns.domain import start_of_day
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.models import Campaign
from lifelong_week.campaigns.queries import Countdown, featured_campaign


def home(request):
    """The week's public page: no sign-in needed, only what a plan makes public."""
    campaign = featured_campaign()
    context = {"campaign": campaign}
    if campaign is not None:
        now = timezone.now()
        context.update(
            phase=campaign.week_phase(),
            week_countdown=Countdown(start_of_day(campaign.week_start), now),
            activities=campaign.activities.all(),
            others=Campaign.objects.filter(year=campaign.year)
            .exclude(status=CampaignStatus.DRAFT)
            .exclude(pk=campaign.pk)
            .select_related("issuer"),
        )
    return render(request, "portal/home.html", context)
