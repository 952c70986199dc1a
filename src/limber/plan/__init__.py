"""Profile -> programme -> sessions, with pain-guided progression."""
