"""The web edition: a folder of static pages (an index, a page per issue, their data), made from the same
documents as the bulletin and rendered by the workspace's Jinja2 templates (reports/templates/site)."""

from barometer.site.build import STEPS, SiteResult, build_site, default_site_folder

__all__ = ["STEPS", "SiteResult", "build_site", "default_site_folder"]
