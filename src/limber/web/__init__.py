"""The FastAPI web app, built by ``create_app(settings)``."""
