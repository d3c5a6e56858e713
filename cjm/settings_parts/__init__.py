"""Parts of ``cjm.settings`` that stand on their own concern, each read from the environment.

``cjm/settings.py`` (still DJANGO_SETTINGS_MODULE) imports every setting of a part by name, so the
names and values of the settings are the same as when they were written there; a part imports no
other module of the project but another part.
"""
