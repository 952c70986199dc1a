/* "This hurts" in Limber's session player (loaded before player.js, which calls it).
 *
 * What it may offer instead comes only from the server: the answer of
 * POST /api/sessions/{id}/hurt (the safety gate's easier version for this person on this
 * day, the advice, whether to stop the exercise, whether the safety questions come back), or,
 * if that request cannot get through, the session's own `swaps` from the same gate. It never
 * looks an easier version up in the exercise library: that offered jumping where jumping is
 * banned. The last answer is kept on state.hurt so tests can read it.
 */
window.limberHurt = function (player) {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ui = {
    dialog: $("hurt-dialog"),
    form: $("hurt-form"),
    options: $("hurt-options"),
    advice: $("hurt-advice"),
    rescreen: $("hurt-rescreen"),
    swap: $("hurt-regression"),
    skipBlock: $("hurt-skip-block"),
    carry: $("hurt-continue"),
    stop: $("hurt-stop"),
  };
  const state = player.state;
  let offered = null; // {id, name}: the easier version offered for the current report

  function open() {
    if (!(state.status === "running" || state.status === "paused")) return;
    player.pause();
    state.status = "hurt";
    player.renderControls();
    offered = null;
    ui.form.reset();
    ui.options.hidden = true;
    ui.form.hidden = false;
    if (typeof ui.dialog.showModal === "function") ui.dialog.showModal();
    else ui.dialog.setAttribute("open", "");
    const first = ui.dialog.querySelector("input");
    if (first) first.focus();
  }
  function close() {
    if (ui.dialog.open) ui.dialog.close();
  }

  function fallback(step) {
    // The server could not be reached: only the session's own gate-checked swap is offered.
    const id = step.exercise_id && player.data.swaps[step.exercise_id];
    const info = id && player.data.exercises[id];
    return {
      swap: info ? { id: info.id, name: info.name } : null,
      advice: "Limber could not record this. If the pain is sharp, shooting or spreading, stop.",
      stop_exercise: true,
      stop_session: false,
      rescreen: false,
    };
  }

  async function submit(event) {
    event.preventDefault();
    const picked = ui.form.querySelector('input[name="pain"]:checked');
    if (!picked) return player.showError("Choose how much it hurts, from 0 to 10.");
    const index = state.index;
    const step = player.steps[index];
    const pain = parseInt(picked.value, 10);
    const symptoms = Array.from(
      ui.form.querySelectorAll('input[name="symptom"]:checked'),
      (box) => box.value,
    );
    state.pain[index] = pain;
    const spent = Math.max(0, player.pausedAt() - step.start_s);
    const body = { step_index: index, pain: pain, symptoms: symptoms };
    let answer = null;
    try {
      answer = await player.post(`/api/sessions/${state.sessionId}/hurt`, body);
    } catch (err) {
      answer = null; // the error is shown by post()
    }
    answer = answer || fallback(step);
    // Recorded at once, so the pain is kept even if the session ends here.
    await player.record(index, "skipped", spent);
    showOptions(step, answer);
  }

  function showOptions(step, answer) {
    state.hurt = answer;
    const already = step.exercise_id && state.swapped[step.exercise_id];
    offered = answer.swap && !already ? answer.swap : null;
    ui.swap.hidden = !offered;
    if (offered) ui.swap.textContent = `Switch to the easier ${offered.name}`;
    ui.advice.textContent = answer.advice;
    ui.rescreen.hidden = !answer.rescreen;
    ui.carry.hidden = answer.stop_exercise;
    ui.skipBlock.hidden = answer.stop_session;
    ui.stop.classList.toggle("primary", answer.stop_session);
    ui.form.hidden = true;
    ui.options.hidden = false;
    const firstOption = ui.options.querySelector("button:not([hidden])");
    if (firstOption) firstOption.focus();
  }

  function chooseSwap() {
    const step = player.steps[state.index];
    if (offered && step.exercise_id) {
      if (!player.data.exercises[offered.id]) {
        player.data.exercises[offered.id] = { id: offered.id, name: offered.name, figure: "" };
      }
      state.swapped[step.exercise_id] = offered.id;
    }
    close();
    player.redraw();
    player.resume();
  }

  ui.form.addEventListener("submit", submit);
  ui.swap.addEventListener("click", chooseSwap);
  ui.skipBlock.addEventListener("click", () => {
    close();
    player.skipBlock();
  });
  ui.carry.addEventListener("click", () => {
    close();
    player.resume();
  });
  ui.stop.addEventListener("click", () => {
    close();
    player.finish("stopped");
  });
  ui.dialog.addEventListener("cancel", () => {
    if (state.status === "hurt") state.status = "paused";
    player.renderControls();
  });

  return { open: open, close: close };
};
