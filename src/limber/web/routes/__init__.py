"""One router per resource; :func:`limber.web.app.create_app` includes every module here."""
