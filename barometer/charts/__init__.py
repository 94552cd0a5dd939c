"""The bulletin's charts: functions that draw on a matplotlib Axes from index data (no file I/O), a save
helper, and `render_issue_charts`, which draws and writes every chart of an issue.

Importing this package does not import matplotlib; drawing does.
"""

from barometer.charts.cumulative import cumulative_path, draw_cumulative
from barometer.charts.overview import draw_relations_overview
from barometer.charts.render import FORMATS, figure_bytes, render_issue_charts, save_figure
from barometer.charts.series import draw_dynamics, draw_national_security, draw_regional_tension
from barometer.charts.style import new_figure

__all__ = [
    "FORMATS", "cumulative_path", "draw_cumulative", "draw_dynamics", "draw_national_security",
    "draw_regional_tension", "draw_relations_overview", "figure_bytes", "new_figure", "render_issue_charts",
    "save_figure",
]
