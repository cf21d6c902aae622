# LSTM Lab as one container: the runtime only (no torch), served by Streamlit on 8501.
#   docker build -t lstm-lab .
#   docker run -p 8501:8501 lstm-lab
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A user of its own: the server never runs as root. uid 1000 matches most hosts' first user,
# so a mounted folder stays writable.
RUN useradd --create-home --uid 1000 app
WORKDIR /home/app/lstm-lab

# Dependencies first: a code change then reuses this layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app app.py ./
COPY --chown=app:app .streamlit/ .streamlit/
COPY --chown=app:app core/ core/
COPY --chown=app:app ui/ ui/
COPY --chown=app:app pages/ pages/
COPY --chown=app:app models/ models/

USER app
EXPOSE 8501

# The image has no curl: Python asks Streamlit's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# 0.0.0.0: inside a container, 127.0.0.1 would be unreachable from the host.
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
