/* Sound and voice for Limber's session player (loaded before player.js, which calls it).
 *
 * The bell at block and interval changes, the metronome for rope cadences and the spoken
 * cue of each step, all on the Web Audio clock and silent while muted. How many bells and
 * beats were scheduled goes to state.sounds, so the browser tests can hear without speakers.
 */
window.limberSound = function (player) {
  "use strict";

  const state = player.state;
  const speed = player.speed;
  const pulse = player.beat; // the visual beat that pulses with the metronome
  let audio = null;
  let metronome = null;

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
    pulse.style.animationDuration = `${interval}s`;
    pulse.hidden = false;
  }
  function stopMetronome() {
    if (metronome) clearInterval(metronome);
    metronome = null;
    pulse.hidden = true;
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
  function wake() {
    // Browsers start audio suspended until a click: the Start button wakes it.
    ensureAudio();
    if (audio && audio.state === "suspended") audio.resume();
  }

  return {
    ensure: ensureAudio,
    wake: wake,
    bell: bell,
    startMetronome: startMetronome,
    stopMetronome: stopMetronome,
    hush: hush,
    speak: speak,
    // The sound clock (seconds), so tests can relate scheduled beats to the time they cover.
    audioTime: () => (audio ? audio.currentTime : null),
  };
};
