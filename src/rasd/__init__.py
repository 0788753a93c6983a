"""rasd (رصد): a verified, source-linked record of a bilateral defense relationship from Arabic news."""

__version__ = "0.1.0"
