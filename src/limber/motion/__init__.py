"""Video or webcam -> pose landmarks -> jump counter and form checks."""
