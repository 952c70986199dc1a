"""Where Limber keeps its data and how it is configured.

Read from the environment (``LIMBER_HOME``, ``LIMBER_DATABASE_URL``, ...) by pydantic-settings,
so the CLI, the web server and the tests configure Limber the same way. Nothing is read at
import time: call :func:`load_settings`.
"""

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration for one Limber installation."""

    model_config = SettingsConfigDict(env_prefix="LIMBER_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("limber", appauthor=False)))
    database_url: str | None = None
    secret_key: str | None = None
    # Upload limit for videos sent to the jump counter, in megabytes.
    max_upload_mb: int = 200
    # Cookies are marked Secure when the app is served over https.
    https: bool = False

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: ``LIMBER_DATABASE_URL`` or a SQLite file in the home folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'limber.db'}"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides winning."""
    return Settings(**overrides)  # type: ignore[arg-type]
