"""The application's data files, shipped as package data: the official postcode list (with its
attribution), the DejaVu fonts (with their licence), the translations. Code reaches them through
services.core.paths.resource(), which asks importlib.resources where this package is installed."""
