"""The relatives' own course (CRAFT), booking a pårørendesamtale, and the Min side material about children.

Texts live in forlop/relatives/content/ (see its README); `text.py` parses them (pure), `content.py` reads
them, `models.py` holds each relative's private answers and done marks, `services.py` writes them.
"""
