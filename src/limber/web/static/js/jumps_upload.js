// Jump counter upload: send the video with upload progress, then poll the analysis job.
// XMLHttpRequest (not fetch) because only it reports how much of a large file has been sent.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("video");
  const button = document.getElementById("upload-button");
  const box = document.getElementById("upload-status");
  const fileLabel = document.getElementById("job-file");
  const phase = document.getElementById("job-phase");
  const bar = document.getElementById("job-bar");
  const meter = document.getElementById("job-progress");
  const live = document.getElementById("upload-live");
  const errorBox = document.getElementById("upload-error");
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const maxMb = Number(form.dataset.maxMb || "0");
  let lastSpoken = "";

  function show(fraction, text) {
    const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    bar.style.width = pct + "%";
    meter.setAttribute("aria-valuenow", String(pct));
    meter.setAttribute("aria-valuetext", text);
    phase.textContent = text;
    // Announce phase changes and every 25 %, not every poll.
    const spoken = text.replace(/\d+ %/, Math.floor(pct / 25) * 25 + " %");
    if (spoken !== lastSpoken) { live.textContent = text; lastSpoken = spoken; }
  }

  function fail(message) {
    errorBox.textContent = "";
    const p = document.createElement("p");
    p.textContent = message;
    errorBox.appendChild(p);
    errorBox.hidden = false;
    box.hidden = true;
    button.disabled = false;
    input.disabled = false;
    input.focus();
  }

  function poll(job) {
    fetch("/api/jumps/jobs/" + encodeURIComponent(job.id), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { fail(res.body.detail || "The upload could not be followed."); return; }
        const j = res.body;
        if (j.status === "done") {
          show(1, "Done: counted and saved.");
          window.location.assign(j.result_url + "?new=1");
        } else if (j.status === "failed") {
          fail(j.message || "The video could not be counted.");
        } else {
          if (j.status === "queued") {
            show(0, j.queue_position ? "Waiting: " + j.queue_position + " video(s) ahead" : "Starting…");
          } else {
            show(j.progress, "Counting… " + Math.round(j.progress * 100) + " %");
          }
          window.setTimeout(function () { poll(j); }, 500);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(job); }, 1500); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    const file = input.files && input.files[0];
    if (!file) { fail("Choose a video file first."); return; }
    if (maxMb && file.size > maxMb * 1e6) {
      fail(file.name + " is " + Math.round(file.size / 1e6) + " MB; the limit is " + maxMb + " MB.");
      return;
    }
    const data = new FormData();
    data.append("video", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.api);
    xhr.setRequestHeader("X-CSRF-Token", token);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) show(e.loaded / e.total, "Uploading… " + Math.round(100 * e.loaded / e.total) + " %");
    });
    xhr.addEventListener("load", function () {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = {}; }
      if (xhr.status === 202) { show(0, "Starting…"); poll(body); }
      else { fail(body.detail || "The upload was refused (" + xhr.status + ")."); }
    });
    xhr.addEventListener("error", function () { fail("The upload was interrupted. Check the file and try again."); });
    fileLabel.textContent = file.name;
    box.hidden = false;
    button.disabled = true;
    input.disabled = true;
    show(0, "Uploading… 0 %");
    xhr.send(data);
  });
})();
