"""The web interface: templates, the vendored static files, and the views that render them."""
