"""The report as a page a person reads: one self-contained HTML file with inline SVG charts.

>>> import lakipcore
>>> from lakipcore.render import render_html
>>> page = render_html(lakipcore.load_example())
>>> "116,13%" in page and "Dashboard Performance" in page
True

``lakip report FILE -o report.html`` writes the same page from the command line.
"""

from lakipcore.render.html import render_html

__all__ = ["render_html"]
