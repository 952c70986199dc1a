/* Limber's session player.
 *
 * It plays the stored timeline exactly as the server built it: every step starts at its
 * start_s and lasts duration_s; nothing is recomputed here. The clock is absolute
 * (performance.now() against a base), so timer callbacks that fire late never accumulate
 * drift. `?speed=N` plays N times faster (for tests). The state is exposed on
 * window.limberPlayer.state so tests can read the step index, the phase and the log of
 * phase changes.
 */
(function () {
  "use strict";

  const dataEl = document.getElementById("player-data");
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent);
  const steps = data.timeline.steps;
  const params = new URLSearchParams(window.location.search);
  const speedParam = parseFloat(params.get("speed") || "1");
  const speed = Number.isFinite(speedParam) && speedParam > 0 ? Math.min(speedParam, 1000) : 1;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  const $ = (id) => document.getElementById(id);
  const ui = {
    root: $("player"),
    stage: $("stage"),
    figure: $("figure"),
    pacer: $("pacer"),
    pacerLabel: $("pacer-label"),
    beat: $("beat"),
    countdown: $("countdown"),
    block: $("step-block"),
    title: $("step-title"),
    cue: $("step-cue"),
    next: $("step-next"),
    progress: $("progress-bar"),
    progressText: $("progress-text"),
    remaining: $("time-remaining"),
    start: $("btn-start"),
    pause: $("btn-pause"),
    skip: $("btn-skip"),
    hurt: $("btn-hurt"),
    mute: $("btn-mute"),
    stop: $("btn-stop"),
    swap: $("swap-note"),
    status: $("player-status"),
    error: $("player-error"),
  };

  const state = {
    sessionId: data.id,
    speed: speed,
    index: Math.min(data.resume_at, steps.length),
    status: data.resume_at >= steps.length ? "finished" : "ready",
    phase: null,
    log: [],
    muted: localStorage.getItem("limber-muted") === "1",
    swapped: {}, // exercise id -> the server's safe easier version chosen after "this hurts"
    pain: {}, // step index -> pain reported during it
    resumedFrom: data.resume_at,
    sounds: { bell: 0, beat: 0 }, // how many bells and metronome beats were scheduled
  };
  let base = 0; // performance.now() at timeline second 0, shifted on pause/resume/skip
  let pausedAt = 0; // timeline seconds where the player paused
  let stepTimer = null;
  let frame = null;
  let audio = null;
  let metronome = null;

  // ---- time -------------------------------------------------------------------------
  const now = () => performance.now();
  const timelineNow = () =>
    state.status === "running" ? ((now() - base) * speed) / 1000 : pausedAt;
  const wallAt = (t) => base + (t * 1000) / speed;
  const endOf = (step) => step.start_s + step.duration_s;

  // ---- the server -------------------------------------------------------------------
  async function post(url, body) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify(body),
          credentials: "same-origin",
        });
        if (response.ok) return response.status === 204 ? null : response.json();
        const problem = await response.json().catch(() => ({}));
        if (response.status < 500) throw new Error(problem.detail || "The server refused.");
      } catch (err) {
        if (attempt === 2 || !(err instanceof TypeError)) {
          showError(err.message || String(err));
          throw err;
        }
      }
      await new Promise((r) => setTimeout(r, 400 * (attempt + 1)));
    }
    return null;
  }
  const record = (index, status, seconds) => {
    const body = { step_index: index, status: status, seconds: Math.max(0, seconds) };
    if (state.pain[index] !== undefined) body.pain = state.pain[index];
    return post(`/api/sessions/${state.sessionId}/steps`, body).catch(() => null);
  };
  function showError(message) {
    ui.error.textContent = message;
    ui.error.hidden = false;
  }

  // ---- sound and voice ----------------------------------------------------------------
  function ensureAudio() {
    if (audio || !(window.AudioContext || window.webkitAudioContext)) return audio;
    audio = new (window.AudioContext || window.webkitAudioContext)();
    return audio;
  }
  function tone(freq, at, length, gain, type) {
    if (!audio || state.muted) return;
    const osc = audio.createOscillator();
    const amp = audio.createGain();
    osc.type = type || "sine";
    osc.frequency.value = freq;
    amp.gain.setValueAtTime(0.0001, at);
    amp.gain.exponentialRampToValueAtTime(gain, at + 0.01);
    amp.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(amp).connect(audio.destination);
    osc.start(at);
    osc.stop(at + length + 0.05);
  }
  function bell() {
    if (!audio || state.muted) return;
    state.sounds.bell += 1;
    const t = audio.currentTime + 0.01;
    tone(660, t, 1.6, 0.25);
    tone(1320, t, 1.0, 0.08);
    tone(1980, t, 0.6, 0.03);
  }
  function startMetronome(step) {
    stopMetronome();
    if (!audio || state.muted || !step.cadence_per_min) return;
    const interval = 60 / step.cadence_per_min / speed;
    if (interval < 0.05) return; // too fast to be a beat at test speeds
    let next = audio.currentTime + 0.05;
    let beat = 0;
    metronome = setInterval(() => {
      while (next < audio.currentTime + 0.2) {
        tone(beat % 4 === 0 ? 1200 : 900, next, 0.05, 0.18, "square");
        state.sounds.beat += 1;
        next += interval;
        beat += 1;
      }
    }, 50);
    ui.beat.style.animationDuration = `${interval}s`;
    ui.beat.hidden = false;
  }
  function stopMetronome() {
    if (metronome) clearInterval(metronome);
    metronome = null;
    ui.beat.hidden = true;
  }
  function hush() {
    // Only touch the speech engine when it is busy: a call can stall the page briefly.
    const synth = window.speechSynthesis;
    if (synth && (synth.speaking || synth.pending)) synth.cancel();
  }
  function speak(text) {
    if (!("speechSynthesis" in window)) return;
    hush();
    if (state.muted || speed > 4 || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  // ---- display ------------------------------------------------------------------------
  const exerciseInfo = (id) => (id && data.exercises[id]) || null;
  function shownExercise(step) {
    const swappedTo = step.exercise_id && state.swapped[step.exercise_id];
    return exerciseInfo(swappedTo || step.exercise_id);
  }
  function formatClock(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    const m = Math.floor(s / 60);
    return m > 0 ? `${m}:${String(s % 60).padStart(2, "0")}` : String(s);
  }
  function nextLabel(index) {
    const step = steps[index];
    const following = steps[index + 1];
    if (!following) return "Then you are done: time for the check-in.";
    if (following.exercise_id !== step.exercise_id) {
      const info = exerciseInfo(following.exercise_id);
      return `Next: ${info ? info.name : following.title}`;
    }
    return `Next: ${following.title}`;
  }
  let shownFigure = null;
  function renderStep() {
    const step = steps[Math.min(state.index, steps.length - 1)];
    if (!step) return;
    const info = shownExercise(step);
    ui.block.textContent = data.block_titles[step.block] || step.block;
    const original = exerciseInfo(step.exercise_id);
    ui.title.textContent =
      info && original && info.id !== original.id
        ? step.title.replace(original.name, info.name)
        : step.title;
    ui.cue.textContent = step.cue;
    ui.next.textContent = nextLabel(state.index);
    const breath = step.kind === "breath";
    ui.root.dataset.kind = step.kind;
    ui.pacer.hidden = !breath;
    ui.figure.hidden = breath;
    const figureKey = info ? info.id : "";
    if (!breath && shownFigure !== figureKey) {
      ui.figure.innerHTML = info && info.figure ? info.figure : "";
      ui.figure.setAttribute("aria-label", info ? `Figure: ${info.name}` : "");
      shownFigure = figureKey;
    }
    const swappedTo = step.exercise_id && state.swapped[step.exercise_id];
    ui.swap.hidden = !swappedTo;
    if (swappedTo) {
      const easier = exerciseInfo(swappedTo);
      ui.swap.textContent = `Doing the easier version instead: ${easier ? easier.name : swappedTo}.`;
    }
    ui.progressText.textContent = `Step ${state.index + 1} of ${steps.length}`;
  }
  let lastBreath = "out";
  function pacerScale(step, t) {
    const p = Math.min(1, Math.max(0, (t - step.start_s) / step.duration_s));
    const ease = 0.5 - Math.cos(Math.PI * p) / 2;
    if (step.breath_phase === "in") return 0.5 + 0.5 * ease;
    if (step.breath_phase === "out") return 1 - 0.5 * ease;
    return lastBreath === "in" ? 1 : 0.5;
  }
  function draw() {
    frame = null;
    const step = steps[state.index];
    if (step) {
      const t = timelineNow();
      const left = endOf(step) - Math.max(t, step.start_s);
      ui.countdown.textContent = formatClock(left);
      const done = Math.min(1, Math.max(0, t / data.timeline.total_s));
      ui.progress.style.width = `${(done * 100).toFixed(2)}%`;
      ui.remaining.textContent = formatClock(data.timeline.total_s - t);
      if (step.kind === "breath") {
        ui.pacer.style.setProperty("--scale", pacerScale(step, t).toFixed(4));
      }
    }
    if (state.status === "running") frame = requestAnimationFrame(draw);
  }
  function requestDraw() {
    if (!frame) frame = requestAnimationFrame(draw);
  }
  const LABELS = { ready: "Ready", running: "Playing", paused: "Paused", hurt: "Paused", finished: "Finished" };
  function renderControls() {
    ui.root.dataset.status = state.status;
    const playing = state.status === "running";
    ui.start.hidden = state.status !== "ready";
    ui.pause.hidden = state.status === "ready" || state.status === "finished";
    ui.pause.textContent = playing ? "Pause" : "Resume";
    ui.skip.disabled = !(playing || state.status === "paused");
    ui.hurt.disabled = !(playing || state.status === "paused");
    ui.mute.setAttribute("aria-pressed", String(state.muted));
    ui.status.textContent = LABELS[state.status];
  }

  // ---- stepping -----------------------------------------------------------------------
  function enterStep(index) {
    state.index = index;
    const step = steps[index];
    if (!step) return finish("completed");
    if (step.breath_phase === "in" || step.breath_phase === "out") lastBreath = step.breath_phase;
    state.phase = step.breath_phase || step.kind;
    state.log.push({
      index: index,
      phase: state.phase,
      kind: step.kind,
      at: now(),
      expected_at: wallAt(step.start_s),
      start_s: step.start_s,
    });
    ui.pacer.dataset.phase = step.breath_phase || "";
    ui.pacerLabel.textContent =
      step.breath_phase === "in" ? "Breathe in" : step.breath_phase === "out" ? "Breathe out" : "Hold";
    renderStep();
    if (state.status === "running") {
      if (step.bell) bell();
      speak(step.cue);
      if (step.cadence_per_min) startMetronome(step);
      else stopMetronome();
    }
    scheduleEnd();
    requestDraw();
  }
  // Timers fire a few milliseconds late; wake a little early and finish the wait on the
  // message loop (which is not clamped), so each step changes within a millisecond.
  const EARLY_MS = 12;
  const tick = new MessageChannel();
  let spinning = false;
  tick.port1.onmessage = () => {
    spinning = false;
    onStepEnd();
  };
  function scheduleEnd() {
    clearTimeout(stepTimer);
    const step = steps[state.index];
    if (!step || state.status !== "running") return;
    const delay = wallAt(endOf(step)) - now();
    stepTimer = setTimeout(onStepEnd, Math.max(0, delay - EARLY_MS));
  }
  function onStepEnd() {
    const step = steps[state.index];
    if (!step || state.status !== "running") return;
    const left = wallAt(endOf(step)) - now();
    if (left > EARLY_MS + 2) return scheduleEnd();
    if (left > 0) {
      if (!spinning) {
        spinning = true;
        tick.port2.postMessage(null);
      }
      return;
    }
    record(state.index, "done", step.duration_s);
    enterStep(state.index + 1);
  }
  function jumpTo(index) {
    // Skipping moves the clock to the next step's own start time; its timing stays intact.
    const target = steps[index];
    if (!target) return finish("completed");
    pausedAt = target.start_s;
    if (state.status === "running") base = now() - (pausedAt * 1000) / speed;
    enterStep(index);
  }

  function start() {
    ensureAudio();
    if (audio && audio.state === "suspended") audio.resume();
    const step = steps[state.index];
    if (!step) return;
    state.status = "running";
    pausedAt = step.start_s;
    base = now() - (pausedAt * 1000) / speed;
    renderControls();
    enterStep(state.index);
  }
  function pause() {
    if (state.status !== "running") return;
    pausedAt = timelineNow();
    state.status = "paused";
    clearTimeout(stepTimer);
    stopMetronome();
    hush();
    state.log.push({ index: state.index, phase: "paused", at: now(), start_s: pausedAt });
    renderControls();
    requestDraw();
  }
  function resume() {
    if (state.status !== "paused" && state.status !== "hurt") return;
    ensureAudio();
    state.status = "running";
    base = now() - (pausedAt * 1000) / speed;
    state.log.push({ index: state.index, phase: "resumed", at: now(), start_s: pausedAt });
    const step = steps[state.index];
    if (step && step.cadence_per_min) startMetronome(step);
    renderControls();
    scheduleEnd();
    requestDraw();
  }
  function skip() {
    const step = steps[state.index];
    if (!step || !(state.status === "running" || state.status === "paused")) return;
    const spent = Math.max(0, timelineNow() - step.start_s);
    record(state.index, "skipped", spent);
    jumpTo(state.index + 1);
  }
  function skipBlock() {
    const step = steps[state.index];
    if (!step) return;
    const spent = Math.max(0, timelineNow() - step.start_s);
    let i = state.index;
    record(i, "skipped", spent);
    while (i + 1 < steps.length && steps[i + 1].block === step.block) {
      i += 1;
      record(i, "skipped", 0);
    }
    state.status = "running";
    jumpTo(i + 1);
    renderControls();
  }
  async function finish(status) {
    clearTimeout(stepTimer);
    stopMetronome();
    if (state.status === "finished") return;
    state.status = "finished";
    state.phase = "finished";
    state.index = Math.min(state.index, steps.length);
    state.log.push({ index: state.index, phase: "finished", at: now() });
    renderControls();
    speak(status === "completed" ? "Well done. That is the session." : "");
    try {
      await post(`/api/sessions/${state.sessionId}/finish`, { status: status });
      window.location.assign(`/sessions/${state.sessionId}/checkin`);
    } catch (err) {
      /* the error is shown; the check-in link stays on the page */
    }
  }

  // ---- "this hurts" (player_hurt.js: the server decides what may be offered) ----------
  const hurt = window.limberHurt({
    data: data,
    steps: steps,
    state: state,
    pausedAt: () => pausedAt,
    pause: pause,
    resume: resume,
    skipBlock: skipBlock,
    finish: finish,
    record: record,
    post: post,
    showError: showError,
    renderControls: renderControls,
    redraw: () => {
      shownFigure = null;
      renderStep();
    },
  });

  // ---- wiring -------------------------------------------------------------------------
  ui.start.addEventListener("click", start);
  ui.pause.addEventListener("click", () => (state.status === "running" ? pause() : resume()));
  ui.skip.addEventListener("click", skip);
  ui.hurt.addEventListener("click", hurt.open);
  ui.stop.addEventListener("click", () => {
    if (state.status === "finished") return;
    if (window.confirm("End the session here? What you did so far is kept.")) finish("stopped");
  });
  ui.mute.addEventListener("click", () => {
    state.muted = !state.muted;
    localStorage.setItem("limber-muted", state.muted ? "1" : "0");
    if (state.muted) {
      hush();
      stopMetronome();
    } else if (state.status === "running" && steps[state.index].cadence_per_min) {
      startMetronome(steps[state.index]);
    }
    renderControls();
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select, dialog") || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " && event.target.tagName !== "BUTTON") {
      event.preventDefault();
      if (state.status === "ready") start();
      else if (state.status === "running") pause();
      else resume();
    } else if (event.key === "ArrowRight" || event.key === "n") {
      skip();
    } else if (event.key === "m") {
      ui.mute.click();
    } else if (event.key === "h") {
      hurt.open();
    }
  });
  document.addEventListener("visibilitychange", () => {
    // The timers keep running in the background; redraw at once when the tab returns.
    if (!document.hidden) requestDraw();
  });

  window.limberPlayer = {
    state: state,
    timeline: data.timeline,
    start: start,
    pause: pause,
    resume: resume,
    skip: skip,
    timelineNow: timelineNow,
    // The sound clock (seconds), so tests can relate scheduled beats to the time they cover.
    audioTime: () => (audio ? audio.currentTime : null),
  };
  renderStep();
  renderControls();
  draw();
  if (state.status === "finished") {
    // Every step was recorded before a reload: close the session and go to the check-in.
    state.status = "ready";
    finish("completed");
  }
})();
