// Live jump counting: camera frames -> downscaled JPEGs -> WebSocket -> the server's counter.
// Back-pressure: at most `inFlight` frames (default 2, ?inflight=1 for one) wait for a reply;
// camera frames that arrive meanwhile are skipped, so the count on screen is never more than
// a round trip behind. Two in flight let the server decode one frame while the page encodes
// the next (about 30 counted frames/s instead of 22-26 with one, at the same latency).
// window.limberLive.state holds what tests and curious people read (counts, latencies).
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root) return;
  const $ = function (id) { return document.getElementById(id); };
  const video = $("camera-video");
  const canvas = $("camera-canvas");
  const startButton = $("live-start");
  const stopButton = $("live-stop");
  const countEl = $("live-count");
  const status = $("live-state");
  const params = new URLSearchParams(window.location.search);
  const maxSide = Number(root.dataset.maxSide) || 480;
  const maxInFlight = Math.max(1, Number(params.get("inflight") || root.dataset.inFlight || 1));
  const quality = 0.75;

  const state = {
    status: "idle", count: 0, cadence_per_min: null, frames: 0, sent: 0, skipped: 0,
    errors: 0, in_flight: 0, max_in_flight: maxInFlight, elapsed_s: 0, person: false,
    latencies_ms: [], landing_latencies_ms: [], server_ms: [], events: [], result: null,
    frame_size: null, message: ""
  };
  let stream = null, socket = null, t0 = null, lastT = -1, running = false, encoding = false;
  let stopping = false, announced = 0, readyResolve = null;

  function setStatus(name, text) {
    state.status = name;
    status.dataset.state = name;
    // Rewriting the same words would make some screen readers announce them again.
    if (status.textContent !== text) status.textContent = text;
  }

  function showError(message) {
    state.message = message;
    const box = $("live-error");
    box.textContent = "";
    const p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    box.hidden = false;
    setStatus("error", "Stopped.");
  }

  function median(values) {
    if (!values.length) return null;
    const s = values.slice().sort(function (a, b) { return a - b; });
    return s[Math.floor(s.length / 2)];
  }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function stopCamera() {
    running = false;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
  }

  function finishUi() {
    const hadFocus = document.activeElement === stopButton;
    stopCamera();
    video.hidden = true;
    $("camera-idle").hidden = false;
    startButton.disabled = false;
    startButton.hidden = false;
    stopButton.hidden = true;
    if (hadFocus) startButton.focus();
  }

  function schedule() {
    if (!running) return;
    if (typeof video.requestVideoFrameCallback === "function") {
      video.requestVideoFrameCallback(onFrame);
    } else {
      window.requestAnimationFrame(function (now) { onFrame(now, null); });
    }
  }

  function onFrame(now, meta) {
    if (!running) return;
    schedule();
    if (encoding || state.in_flight >= maxInFlight || !socket || socket.readyState !== 1) {
      state.skipped += 1;
      return;
    }
    let captured = now;
    if (meta && typeof meta.captureTime === "number" && meta.captureTime <= now &&
        now - meta.captureTime < 1000) {
      captured = meta.captureTime;
    }
    if (t0 === null) t0 = captured;
    const tMs = captured - t0;
    if (tMs <= lastT) return;
    lastT = tMs;
    const w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) return;
    const scale = Math.min(1, maxSide / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    state.frame_size = [canvas.width, canvas.height];
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    encoding = true;
    canvas.toBlob(function (blob) {
      if (!blob || !running) { encoding = false; return; }
      blob.arrayBuffer().then(function (buffer) {
        encoding = false;
        if (!running || !socket || socket.readyState !== 1) return;
        const message = new Uint8Array(8 + buffer.byteLength);
        new DataView(message.buffer).setFloat64(0, tMs, true);
        message.set(new Uint8Array(buffer), 8);
        socket.send(message);
        state.in_flight += 1;
        state.sent += 1;
      });
    }, "image/jpeg", quality);
  }

  function onCount(m) {
    const now = performance.now();
    state.in_flight = Math.max(0, state.in_flight - 1);
    state.frames += 1;
    state.latencies_ms.push(Math.round((now - (t0 + m.t_ms)) * 10) / 10);
    state.server_ms.push(m.server_ms);
    m.events.forEach(function (t) {
      state.events.push(t);
      state.landing_latencies_ms.push(Math.round((now - (t0 + t * 1000)) * 10) / 10);
    });
    state.person = m.person;
    state.elapsed_s = m.t_ms / 1000;
    if (m.count !== state.count) {
      countEl.textContent = String(m.count);
      countEl.classList.remove("bump");
      void countEl.offsetWidth;
      countEl.classList.add("bump");
    }
    state.count = m.count;
    state.cadence_per_min = m.cadence_per_min;
    // Between runs the counter has no cadence: keep showing the last one.
    if (m.cadence_per_min) $("live-cadence").textContent = Math.round(m.cadence_per_min) + " per min";
    $("live-time").textContent = clock(state.elapsed_s);
    const recent = median(state.latencies_ms.slice(-30));
    $("live-latency").textContent = recent === null ? "–" : Math.round(recent) + " ms";
    if (state.count >= announced + 10) {
      announced = state.count - (state.count % 10);
      $("live-announce").textContent = state.count + " jumps";
    }
    if (!stopping) {
      setStatus("counting", m.person ? "Counting…" : "Counting… step into the picture, feet included.");
    }
  }

  function onSaved(m) {
    state.result = m;
    finishUi();
    setStatus("saved", "Saved to your log.");
    const box = $("live-saved");
    box.textContent = "";
    const p = document.createElement("p");
    p.append(m.count + " jumps saved. ");
    const link = document.createElement("a");
    link.href = m.url;
    link.textContent = "See the timeline and cadence";
    p.appendChild(link);
    box.appendChild(p);
    box.hidden = false;
    $("live-announce").textContent = m.count + " jumps saved to your log.";
    link.focus();
  }

  function onMessage(event) {
    const m = JSON.parse(event.data);
    if (m.type === "ready") {
      openCamera();
    } else if (m.type === "count") {
      onCount(m);
    } else if (m.type === "error") {
      if (m.frame) state.in_flight = Math.max(0, state.in_flight - 1);
      state.errors += 1;
      state.message = m.message;
    } else if (m.type === "saved") {
      onSaved(m);
    } else if (m.type === "nothing") {
      finishUi();
      showError(m.message);
    }
  }

  const CLOSE_MESSAGES = {
    4401: "Please log in again, then start counting.",
    4403: "This page is not part of Limber.",
    1013: "Two live counts are already running on this computer; try again later.",
    1011: "Counting failed because of an error in Limber."
  };

  function onClose(event) {
    if (readyResolve) { readyResolve(); readyResolve = null; }
    const wasSaved = state.status === "saved";
    finishUi();
    if (!wasSaved && state.status !== "error") {
      showError(CLOSE_MESSAGES[event.code] || (event.reason || "The connection to Limber was lost; nothing was saved."));
    }
  }

  function start() {
    $("live-error").hidden = true;
    $("live-saved").hidden = true;
    Object.assign(state, {
      count: 0, cadence_per_min: null, frames: 0, sent: 0, skipped: 0, errors: 0, in_flight: 0,
      elapsed_s: 0, latencies_ms: [], landing_latencies_ms: [], server_ms: [], events: [],
      result: null, message: ""
    });
    countEl.textContent = "0";
    $("live-cadence").textContent = "–";
    t0 = null; lastT = -1; stopping = false; announced = 0;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      showError("This browser cannot use a camera here (it needs https or localhost).");
      return Promise.resolve();
    }
    startButton.disabled = true;
    // The counter first (loading the pose model takes a moment), then the camera, so that
    // counting starts with the camera's first frames.
    setStatus("starting", "Loading the counter…");
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/jumps/live");
    socket.binaryType = "arraybuffer";
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", onClose);
    return new Promise(function (resolve) { readyResolve = resolve; });
  }

  function openCamera() {
    setStatus("starting", "Opening the camera…");
    return navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
      audio: false
    }).then(function (s) {
      stream = s;
      video.srcObject = s;
      return video.play();
    }).then(function () {
      running = true;
      setStatus("counting", "Counting…");
      video.hidden = false;
      $("camera-idle").hidden = true;
      stopButton.hidden = false;
      stopButton.disabled = false;
      startButton.hidden = true;
      stopButton.focus();
      schedule();
    }).catch(function (err) {
      if (socket) socket.close(1000);
      finishUi();
      showError(err && err.name === "NotAllowedError"
        ? "Limber may not use the camera. Allow it in the browser's address bar and try again."
        : "The camera could not be opened (" + (err && err.message ? err.message : err) + ").");
    }).then(function () {
      if (readyResolve) { readyResolve(); readyResolve = null; }
    });
  }

  function stop() {
    if (!socket || socket.readyState !== 1) return;
    stopping = true;
    running = false;
    stopButton.disabled = true;
    setStatus("saving", "Saving…");
    // Frames still in flight are answered before the stop is read: the server works in order.
    socket.send(JSON.stringify({ type: "stop" }));
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
  window.limberLive = { state: state, start: start, stop: stop };
})();
