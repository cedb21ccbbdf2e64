"""IPython, as far as notebooks written for it reach: `IPython.display` (imported on first use)."""
