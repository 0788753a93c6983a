"""Cleaning: scraped text → article body plus title, byline, dateline, captions and page date."""
