"""Importing a plan document (Kế hoạch, Công văn) as a campaign, reviewed field by field."""
