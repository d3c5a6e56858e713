# CJM web image: daphne serving cjm.asgi on port 8000 (pages, API and the live map's websockets,
# docs/live.md); gunicorn.conf.py stays for a WSGI tier (README.md, "Sizing gunicorn");
# the same image runs the Celery worker and beat (see docker-compose.yml). Settings come from
# the environment (README.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Map exports (cjm/renders): Pango for WeasyPrint (PDF), the DejaVu fonts (Latin and Cyrillic),
# poppler-utils (pdftoppm rasterises the PDF into the PNG).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first (cached while pyproject.toml is unchanged), then the code.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
# Editable install: templates/, static/ and locale/ stay next to the packages (BASE_DIR = /app).
RUN pip install --no-deps -e .

# Translations: compile .po files when the project has them (gettext only for this step).
RUN if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
        apt-get update \
        && apt-get install -y --no-install-recommends gettext \
        && python manage.py compilemessages \
        && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*; \
    fi

# Hashed, compressed static files for WhiteNoise (the key is a build-time placeholder only).
RUN CJM_PRODUCTION=1 SECRET_KEY=collectstatic-build-step-only \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin cjm \
    && mkdir -p /var/lib/cjm/media && chown cjm:cjm /var/lib/cjm/media
USER cjm

# Never DEBUG in the image (tests/security/test_headers.py checks both lines).
ENV CJM_PRODUCTION=1 \
    DEBUG=0 \
    MEDIA_ROOT=/var/lib/cjm/media \
    GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "cjm.asgi:application"]
