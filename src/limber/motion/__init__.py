"""Video or webcam -> pose landmarks -> jump counter and technique checks.

One road, one module per step (the same objects serve a file, a webcam and the browser):

``sources``   every frame source: probe and read a video file, read a webcam, decode the
              browser's camera stream (:class:`sources.FrameStream`, JPEG over WebSocket).
``blazepose`` BlazePose (``mediapipe.solutions.pose``, ``model_complexity=1``, the model in
              the wheel, landmark smoothing off) with its networks on every core.
``pose``      that model on every other frame at 30 fps, tracking
              mode; Lucas-Kanade flow carries the landmarks through the frames in between.
``keypoints`` the one internal array: :class:`keypoints.Keypoints` (33 x 2 pixels +
              visibility), with the ``from_mediapipe`` adapter.
``driver``    the one loop: :class:`driver.VisionDriver` paces and runs the pose model and
              feeds each frame's keypoints to its consumers (:class:`driver.Consumer`).
``verdict``   every refuse-or-warn rule (nobody seen, too short, truncated, gaps, several
              people), the same for every source and for every save path.
``landing``   a streaming landing finder for one height signal (per foot).
``counter``   :class:`counter.JumpCounter`: ``update(keypoints, t) -> list[JumpEvent]``, one
              frame at a time; two feet landing together are one jump, alternating feet
              are steps; only regular rhythm counts (walking in and setting up do not).
``crowd``     consumer: a sampled face check that reports stretches with several people.
``session``   :class:`session.JumpSession`: the driver with the counter (consumer
              :class:`session.JumpTally`) and the crowd watch, for every source;
              :class:`session.StreamCount` feeds it from the browser's stream.
``results``   :class:`results.JumpResult` (count, landing times, cadence, streaks, misses,
              kcal) built by :func:`results.summarise`; ``style`` tells the kind of skipping.
``pipeline``  :func:`pipeline.count_video` for files; ``camera_window`` for the webcam window.
``annotate``  drawing (skeleton, count, cadence) and the consumer that writes an mp4.
``technique`` the technique (exercise form) check per frame; ``technique_report`` its consumer
              and :func:`technique_report.check_video` over a file (``limber form``).
Saving: results go to the ``jump_results`` table (``limber.store.motion``, migration branch
``0003``) through the jump log's service, :mod:`limber.services.jumps` (``save_jump_result``,
``list_jump_results``, ...), which the CLI (``--save``), the upload job runner
(:mod:`limber.services.jump_jobs`) and the web pages share. Nothing here imports the services.

Example::

    from pathlib import Path
    from limber.motion.pipeline import count_video

    counted = count_video(Path("skipping.mp4"), max_mb=200)
    print(counted.result.count, counted.result.cadence_per_min.mean)

Front ends: ``limber count VIDEO [--json] [--annotate OUT.mp4] [--weight KG] [--max-mb MB]
[--save]`` and ``limber count --camera 0``. Accuracy and speed: ``make bench``.
"""
