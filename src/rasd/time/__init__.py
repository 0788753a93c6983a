"""Time layer: Arabic temporal expressions → honest intervals; publication-date inference."""
