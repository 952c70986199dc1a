/* Limber's session player.
 *
 * It plays the stored timeline exactly as the server built it: every step starts at its
 * start_s and lasts duration_s; nothing is recomputed here. The clock is absolute
 * (performance.now() against a base), so timer callbacks that fire late never accumulate
 * drift. `?speed=N` plays N times faster (for tests). The state is exposed on
 * window.limberPlayer.state so tests can read the step index, the phase and the log of
 * phase changes. This file is the clock and the stepping; what is heard is player_sound.js,
 * what is shown player_view.js, "this hurts" player_hurt.js (all loaded before it).
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

  // ---- time -------------------------------------------------------------------------
  const now = () => performance.now();
  const timelineNow = () =>
    state.status === "running" ? ((now() - base) * speed) / 1000 : pausedAt;
  const wallAt = (t) => base + (t * 1000) / speed;
  const endOf = (step) => step.start_s + step.duration_s;

  // ---- sound and voice (player_sound.js), what is shown (player_view.js) --------------
  const sound = window.limberSound({ state: state, speed: speed, beat: ui.beat });
  const view = window.limberView({ data, steps, state, ui, timelineNow, endOf });

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

  // ---- stepping -----------------------------------------------------------------------
  function enterStep(index) {
    state.index = index;
    const step = steps[index];
    if (!step) return finish("completed");
    state.phase = step.breath_phase || step.kind;
    state.log.push({
      index: index,
      phase: state.phase,
      kind: step.kind,
      at: now(),
      expected_at: wallAt(step.start_s),
      start_s: step.start_s,
    });
    view.showStep(step);
    if (state.status === "running") {
      if (step.bell) sound.bell();
      sound.speak(step.cue);
      if (step.cadence_per_min) sound.startMetronome(step);
      else sound.stopMetronome();
    }
    scheduleEnd();
    view.requestDraw();
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
    sound.wake();
    const step = steps[state.index];
    if (!step) return;
    state.status = "running";
    pausedAt = step.start_s;
    base = now() - (pausedAt * 1000) / speed;
    view.renderControls();
    enterStep(state.index);
  }
  function pause() {
    if (state.status !== "running") return;
    pausedAt = timelineNow();
    state.status = "paused";
    clearTimeout(stepTimer);
    sound.stopMetronome();
    sound.hush();
    state.log.push({ index: state.index, phase: "paused", at: now(), start_s: pausedAt });
    view.renderControls();
    view.requestDraw();
  }
  function resume() {
    if (state.status !== "paused" && state.status !== "hurt") return;
    sound.ensure();
    state.status = "running";
    base = now() - (pausedAt * 1000) / speed;
    state.log.push({ index: state.index, phase: "resumed", at: now(), start_s: pausedAt });
    const step = steps[state.index];
    if (step && step.cadence_per_min) sound.startMetronome(step);
    view.renderControls();
    scheduleEnd();
    view.requestDraw();
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
    view.renderControls();
  }
  async function finish(status) {
    clearTimeout(stepTimer);
    sound.stopMetronome();
    if (state.status === "finished") return;
    state.status = "finished";
    state.phase = "finished";
    state.index = Math.min(state.index, steps.length);
    state.log.push({ index: state.index, phase: "finished", at: now() });
    view.renderControls();
    sound.speak(status === "completed" ? "Well done. That is the session." : "");
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
    renderControls: view.renderControls,
    redraw: view.redraw,
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
      sound.hush();
      sound.stopMetronome();
    } else if (state.status === "running" && steps[state.index].cadence_per_min) {
      sound.startMetronome(steps[state.index]);
    }
    view.renderControls();
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
    if (!document.hidden) view.requestDraw();
  });

  window.limberPlayer = {
    state: state,
    timeline: data.timeline,
    start: start,
    pause: pause,
    resume: resume,
    skip: skip,
    timelineNow: timelineNow,
    audioTime: sound.audioTime,
  };
  view.renderStep();
  view.renderControls();
  view.draw();
  if (state.status === "finished") {
    // Every step was recorded before a reload: close the session and go to the check-in.
    state.status = "ready";
    finish("completed");
  }
})();
