"""Video or webcam -> pose landmarks -> jump counter and form checks.

The pipeline, one module per step (the same objects serve a file and a live camera):

``frames``    probe a video (size, length, decodability) and yield timestamped frames, or
              read a webcam (:func:`frames.read_camera`).
``blazepose`` BlazePose (``mediapipe.solutions.pose``, ``model_complexity=1``, the model in
              the wheel, landmark smoothing off) with its networks on every core.
``pose``      that model on every other frame at 30 fps, tracking
              mode; Lucas-Kanade flow carries the landmarks through the frames in between.
``keypoints`` the one internal array: :class:`keypoints.Keypoints` (33 x 2 pixels +
              visibility), with the ``from_mediapipe`` adapter.
``landing``   a streaming landing finder for one height signal (per foot).
``counter``   :class:`counter.JumpCounter`: ``update(keypoints, t) -> list[JumpEvent]``, one
              frame at a time; two feet landing together are one jump, alternating feet
              are steps; only regular rhythm counts (walking in and setting up do not).
``crowd``     a sampled face check that reports stretches with several people.
``session``   :class:`session.JumpSession`: pose + counter + gaps, fed frame by frame.
``results``   :class:`results.JumpResult` (count, landing times, cadence, streaks, misses,
              kcal) built by :func:`results.summarise`; ``style`` tells the kind of skipping.
``pipeline``  :func:`pipeline.count_video` for files; ``live`` for the webcam window.
``annotate``  drawing (skeleton, count, cadence) kept apart from the logic.
Saving: results go to the ``jump_results`` table (``limber.store.motion``, migration branch
``0003``) through the jump log's service, :mod:`limber.services.jumps` (``save_jump_result``,
``list_jump_results``, ...), which the CLI (``--save``) and the web pages share.

Example::

    from pathlib import Path
    from limber.motion.pipeline import count_video

    counted = count_video(Path("skipping.mp4"), max_mb=200)
    print(counted.result.count, counted.result.cadence_per_min.mean)

Front ends: ``limber count VIDEO [--json] [--annotate OUT.mp4] [--weight KG] [--max-mb MB]
[--save]`` and ``limber count --camera 0``. Accuracy and speed: ``make bench``.
"""
