/* What Limber's session player shows (loaded before player.js, which calls it).
 *
 * The step's title, cue, figure and what comes next; the countdown, the progress bar and the
 * breathing pacer, redrawn each animation frame while the session plays; the buttons for
 * the player's status. It only reads the player's state and clock, never changes them.
 */
window.limberView = function (player) {
  "use strict";

  const { data, steps, state, ui, timelineNow, endOf } = player;
  let frame = null;

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
  function showStep(step) {
    if (step.breath_phase === "in" || step.breath_phase === "out") lastBreath = step.breath_phase;
    ui.pacer.dataset.phase = step.breath_phase || "";
    ui.pacerLabel.textContent =
      step.breath_phase === "in" ? "Breathe in" : step.breath_phase === "out" ? "Breathe out" : "Hold";
    renderStep();
  }
  function redraw() {
    // After a swap the figure must change even though the step did not.
    shownFigure = null;
    renderStep();
  }

  return {
    renderStep: renderStep,
    renderControls: renderControls,
    showStep: showStep,
    redraw: redraw,
    draw: draw,
    requestDraw: requestDraw,
  };
};
