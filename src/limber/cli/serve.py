"""``limber serve``: start the web app with uvicorn."""

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the Limber web app and print its address."""
    import uvicorn

    from limber.settings import load_settings
    from limber.web.app import create_app

    settings = load_settings()
    application = create_app(settings)
    typer.echo(f"Limber is running at http://{host}:{port}  (data in {settings.home})")
    uvicorn.run(application, host=host, port=port, log_level="warning")
