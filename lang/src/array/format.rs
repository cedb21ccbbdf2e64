//! Printing arrays as numpy prints them: `str` (print) and `repr`.
