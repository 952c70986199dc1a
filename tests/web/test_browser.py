"""End to end in Debian's chromium: sign up, onboard, play a session, check in, see history.

Screenshots of every page go to test-artifacts/ at laptop (1280x800) and phone (390x844)
sizes. The pacer test reads the player's exposed state and compares the moments the breath
phases changed with the times in the stored timeline.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from limber.services.sessions import step_logs
from tests.web.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def sign_up(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/signup")
    page.get_by_label("Your name").fill(username.capitalize())
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a good long password")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/onboarding/screening$"))


def answer_screening(page: Page) -> None:
    for question in page.locator(".question:visible").all():
        question.locator("label.choice", has_text="No").click()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="You are ready to start")).to_be_visible()


def fill_profile(page: Page) -> None:
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        page.get_by_label(day, exact=True).check()
    # A strap: the safety gate only offers the strap hamstring stretch as the easier forward
    # bend to someone who has one (the journey below switches to it).
    page.get_by_label("A strap, belt or towel").check()
    page.get_by_role("button", name="Save and plan my programme").click()
    expect(page).to_have_url(re.compile(r"/programme$"))


def player_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("() => JSON.parse(JSON.stringify(limberPlayer.state))")
    return state


def onboard_in_browser(page: Page, server: LiveServer, username: str, shots: bool = False) -> None:
    sign_up(page, server, username)
    if shots:
        screenshot(page, "02-screening")
    answer_screening(page)
    if shots:
        screenshot(page, "03-screening-result")
    page.get_by_role("link", name="Continue: about you").click()
    assert_labelled(page)
    if shots:
        screenshot(page, "04-profile")
    fill_profile(page)
    if shots:
        screenshot(page, "05-programme")


def test_whole_journey(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url)
    screenshot(page, "01-welcome")
    onboard_in_browser(page, live_server, "walker", shots=True)
    expect(page.get_by_role("heading", name="Week 1")).to_be_visible()

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_role("heading", name="Today's session")).to_be_visible()
    expect(page.locator(".thumb svg").first).to_be_visible()
    screenshot(page, "06-today")
    page.get_by_role("button", name="Start session").click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/play$"))
    session_id = int(re.search(r"/sessions/(\d+)/play", page.url).group(1))  # type: ignore[union-attr]
    screenshot(page, "07-player-ready")

    # Play at 50x, pause and resume.
    page.goto(f"{page.url}?speed=50")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("limberPlayer.state.index >= 3")
    page.get_by_role("button", name="Pause").click()
    paused = player_state(page)
    assert paused["status"] == "paused"
    page.wait_for_timeout(100)  # one frame for the display to draw the paused time
    countdown = page.locator("#countdown").inner_text()
    page.wait_for_timeout(400)
    assert player_state(page)["index"] == paused["index"], "the clock ran on while paused"
    assert page.locator("#countdown").inner_text() == countdown
    screenshot(page, "08-player-paused")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function(f"limberPlayer.state.index >= {paused['index'] + 3}")

    # A reload resumes where it stopped.
    page.get_by_role("button", name="Pause").click()
    page.wait_for_timeout(400)  # let the last step reach the server
    before = player_state(page)["index"]
    page.reload()
    resumed = player_state(page)
    assert resumed["status"] == "ready"
    assert 0 < resumed["index"] <= before
    expect(page.get_by_role("button", name=re.compile(r"^Resume from step"))).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Resume from step")).click()
    page.wait_for_function(
        "limberPlayer.state.index >= 12 && limberPlayer.state.status === 'running'"
    )

    # "This hurts": record the pain, then skip the rest of the block.
    page.get_by_role("button", name="This hurts").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    hurt_index = player_state(page)["index"]
    hurt_block = page.evaluate(f"limberPlayer.timeline.steps[{hurt_index}].block")
    dialog.locator("label.choice", has_text=re.compile(r"^6$")).click()
    screenshot(page, "09-player-this-hurts")
    dialog.get_by_role("button", name="Record pain").click()
    dialog.get_by_role("button", name="Skip the rest of this block").click()
    after_skip = player_state(page)
    next_block = page.evaluate(f"limberPlayer.timeline.steps[{after_skip['index']}].block")
    assert next_block != hurt_block
    with live_server.app.state.db.session() as db:
        user_id = _user_id(live_server, "walker")
        logs = {s.step_index: s for s in step_logs(db, user_id=user_id, session_id=session_id)}
    assert logs[hurt_index].pain == 6
    assert logs[hurt_index].status == "skipped"

    # On an exercise with an easier version, "this hurts" offers to switch to it.
    page.evaluate("limberPlayer.pause()")
    page.evaluate(
        """() => { const p = limberPlayer, id = 'standing-forward-bend';
        while (p.timeline.steps[p.state.index].exercise_id !== id) p.skip(); }"""
    )
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("button", name="This hurts").click()
    dialog.locator("label.choice", has_text=re.compile(r"^4$")).click()
    dialog.get_by_role("button", name="Record pain").click()
    easier = dialog.get_by_role("button", name=re.compile(r"^Switch to the easier"))
    expect(easier).to_be_visible()
    easier.click()
    expect(page.locator("#swap-note")).to_contain_text("Hamstring")
    assert player_state(page)["swapped"] == {"standing-forward-bend": "supine-hamstring-stretch"}
    expect(page.locator("#figure svg title")).to_contain_text("amstring")
    screenshot(page, "09b-player-easier-version")

    # Finish at a faster speed: the player goes to the check-in by itself.
    page.evaluate("limberPlayer.pause()")
    page.goto(f"{live_server.url}/sessions/{session_id}/play?speed=400")
    page.get_by_role("button", name=re.compile(r"^Resume from step")).click()
    page.wait_for_url(re.compile(rf"/sessions/{session_id}/checkin$"), timeout=30_000)
    screenshot(page, "10-checkin")
    assert_labelled(page)
    form = page.locator("#checkin-form")
    for legend, value in (("Pain during", "3"), ("Pain now", "2"), ("How hard", "5")):
        group = form.locator("fieldset", has_text=legend)
        group.locator("label.choice", has_text=re.compile(rf"^{value}$")).click()
    # The session had jumping: the pelvic-floor question comes with it (R4).
    form.locator("#pelvic-floor label.check", has_text="No").click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Thanks for checking in")).to_be_visible()
    # A good check-in never raises the load by itself: the next morning decides.
    expect(page.locator("#next-morning")).to_be_visible()
    expect(page.locator(".changes li")).to_have_count(0)
    screenshot(page, "11-decision")
    morning = page.locator("#next-day-form")
    morning.locator("label.choice", has_text=re.compile(r"^2$")).click()
    morning.get_by_role("button", name="Settled").click()
    expect(page.locator(".changes li").first).to_be_visible()
    screenshot(page, "11b-next-morning")

    page.get_by_role("link", name="See your history").click()
    expect(page.locator("table.table tbody tr")).to_have_count(1)
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("#streak")).to_have_text("1")
    screenshot(page, "12-history")
    page.get_by_role("link", name="Exercises", exact=True).click()
    screenshot(page, "13-exercises")
    page.locator(".exercise-card a").first.click()
    screenshot(page, "14-exercise")
    page.goto(f"{live_server.url}/docs")
    screenshot(page, "15-docs")

    # The same pages on a phone.
    page.set_viewport_size(PHONE)
    for path, name in (
        ("/today", "today"),
        ("/programme", "programme"),
        (f"/sessions/{session_id}/checkin", "decision"),
        ("/history", "history"),
        ("/onboarding/screening", "screening"),
        ("/exercises", "exercises"),
    ):
        page.goto(f"{live_server.url}{path}")
        screenshot(page, f"phone-{name}")
    page.goto(f"{live_server.url}/today")
    expect(page.get_by_text("Today's session is done.")).to_be_visible()
    page.get_by_role("button", name="Start it early").click()
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("limberPlayer.state.index >= 1")
    screenshot(page, "phone-player-breathing")


def _user_id(server: LiveServer, username: str) -> int:
    from limber.services.users import get_user_by_username

    with server.app.state.db.session() as db:
        user = get_user_by_username(db, username)
        assert user is not None
        return user.id


def test_pacer_follows_the_timeline_within_100_ms(page: Page, live_server: LiveServer) -> None:
    onboard_in_browser(page, live_server, "breather")
    page.goto(f"{live_server.url}/today")
    page.get_by_role("button", name="Start session").click()
    page.goto(f"{page.url}?speed=1")
    page.get_by_role("button", name="Mute").click()  # mute: no speech during the test
    page.get_by_role("button", name="Start").click()
    first = page.evaluate("limberPlayer.timeline.steps[1]")
    assert first["kind"] == "breath", "the session opens with breathing"
    page.get_by_role("button", name="Skip step").click()  # skip "get ready" to the first breath
    page.wait_for_function("limberPlayer.state.phase === 'in'")
    pacer = page.locator("#pacer")
    expect(pacer).to_have_attribute("data-phase", "in")
    scale_early = float(
        page.evaluate(
            "getComputedStyle(document.getElementById('pacer')).getPropertyValue('--scale')"
        )
    )
    page.wait_for_timeout(1500)
    scale_late = float(
        page.evaluate(
            "getComputedStyle(document.getElementById('pacer')).getPropertyValue('--scale')"
        )
    )
    assert scale_late > scale_early, "the circle grows on the in-breath"
    page.wait_for_function("limberPlayer.state.index >= 4", timeout=40_000)
    state = player_state(page)
    steps = page.evaluate("limberPlayer.timeline.steps")
    changes = [e for e in state["log"] if e["phase"] in ("in", "hold", "out")]
    assert len(changes) >= 4
    origin = changes[0]
    for entry in changes[1:]:
        measured_s = (entry["at"] - origin["at"]) * state["speed"] / 1000
        planned_s = steps[entry["index"]]["start_s"] - steps[origin["index"]]["start_s"]
        assert abs(measured_s - planned_s) < 0.1, (entry, measured_s, planned_s)
        assert entry["phase"] == steps[entry["index"]]["breath_phase"]
    # The shrinking out-breath is drawn too.
    page.wait_for_function("limberPlayer.state.phase === 'out'")
    page.wait_for_timeout(1000)
    scale_out_a = float(
        page.evaluate(
            "getComputedStyle(document.getElementById('pacer')).getPropertyValue('--scale')"
        )
    )
    page.wait_for_timeout(1500)
    scale_out_b = float(
        page.evaluate(
            "getComputedStyle(document.getElementById('pacer')).getPropertyValue('--scale')"
        )
    )
    assert scale_out_b < scale_out_a, "the circle shrinks on the out-breath"
    screenshot(page, "16-pacer")

    # The metronome beats at the rope step's cadence once the sound is back on.
    page.get_by_role("button", name="Mute").click()
    assert player_state(page)["muted"] is False
    page.evaluate(
        """() => { const p = limberPlayer;
        while (!p.timeline.steps[p.state.index].cadence_per_min) p.skip(); }"""
    )
    cadence = page.evaluate("limberPlayer.timeline.steps[limberPlayer.state.index].cadence_per_min")
    expect(page.locator("#beat")).to_be_visible()
    read = "() => [limberPlayer.audioTime(), limberPlayer.state.sounds.beat]"
    page.wait_for_timeout(500)
    audio_a, beats_a = page.evaluate(read)
    page.wait_for_timeout(2000)
    audio_b, beats_b = page.evaluate(read)
    # Beats are scheduled on the sound clock, up to 0.25 s ahead of it: over the stretch of
    # that clock between the two readings, cadence/60 a second of them, give or take one.
    # (The sound clock, not the test's wall clock: a busy CI machine delays the readings.)
    expected = (audio_b - audio_a) * cadence / 60
    assert audio_b - audio_a > 1.0
    assert abs((beats_b - beats_a) - expected) <= 1.5, (beats_b - beats_a, expected, cadence)
    assert player_state(page)["sounds"]["bell"] >= 1, "a bell rings as the rope interval starts"


def test_red_flag_stop_page_keeps_breathing(page: Page, live_server: LiveServer) -> None:
    sign_up(page, live_server, "flagged")
    for question in page.locator(".question:visible").all():
        # An "urgent" sign keeps breathing; an emergency sign offers no session at all.
        flagged = question.get_attribute("data-question") == "rf.spreading_weakness"
        question.locator("label.choice", has_text="Yes" if flagged else "No").click()
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/onboarding/stop$"))
    expect(page.get_by_text("Urgent: today")).to_be_visible()
    screenshot(page, "17-red-flag-stop")
    page.set_viewport_size(PHONE)
    screenshot(page, "phone-red-flag-stop")
    page.get_by_role("link", name="Breathing practice").click()
    expect(page.get_by_text("Your programme is paused")).to_be_visible()
    pills = page.locator(".session-card .pill").all_inner_texts()
    assert pills and set(pills) == {"Breathing"}
    screenshot(page, "phone-red-flag-today")

    # The breathing session can be run from the keyboard alone.
    page.get_by_role("button", name="Start session").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sessions/\d+/play$"))
    page.locator("body").focus()
    page.keyboard.press("Space")
    page.wait_for_function("limberPlayer.state.status === 'running'")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("limberPlayer.state.index === 1")
    page.keyboard.press("Space")
    page.wait_for_function("limberPlayer.state.status === 'paused'")
    page.keyboard.press("h")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("limberPlayer.state.status === 'paused'")
    assert_labelled(page)


def assert_labelled(page: Page) -> None:
    """Every control a person can reach has a name a screen reader can read."""
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll(
            'input:not([type=hidden]), select, textarea, button')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !el.textContent.trim())
        .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
