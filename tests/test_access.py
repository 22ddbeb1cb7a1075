"""Access protection for hosted use, boundary by boundary.

Off by default; with a workspace password or an OIDC login every strategy belongs to
a workspace and no session reaches another workspace's strategies; a participant's
voting join code opens the voting page of one round and nothing else. (The OIDC
sign-in itself is tested end to end in test_browser_signin.py, with a real provider.)
"""

from __future__ import annotations

import pytest

from impact.access import (
    AccessConfigError,
    hash_password,
    parse_config,
    verify_password,
    workspace_for_member,
)
from impact.model import Strategy
from impact.voting import Option
from storage.db import make_engine
from storage.repository import create_strategy, list_strategies
from storage.voting import open_round
from tests.test_pages import _clean

ACME_PASSWORD = "acme-secret-123"
HASHES = {"acme": hash_password(ACME_PASSWORD), "globex": hash_password("globex-secret-456")}


def _password_mode(at, **extra):
    at.secrets["access"] = {"mode": "password", "workspaces": dict(HASHES), **extra}
    return at


def _sign_in(at, workspace: str, password: str):
    at.text_input(key="access_workspace").input(workspace)
    at.text_input(key="access_password").input(password)
    at.button[0].click().run()
    return at


def _two_workspaces(db_url):
    engine = make_engine(db_url)
    ours = create_strategy(engine, Strategy(name="Acme plan", language="en"), workspace="acme")
    theirs = create_strategy(engine, Strategy(name="Globex plan", language="en"), workspace="globex")
    return ours, theirs


def _page_text(at) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.title)


# --- the domain ---------------------------------------------------------------------------


def test_only_a_salted_hash_is_configured_and_verified_in_constant_time():
    stored = hash_password("correct horse")
    assert "correct horse" not in stored and stored != hash_password("correct horse")  # salted
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    for broken in ("", "scrypt$", "plain-text-password", "scrypt$1$1$1$!!$!!", "md5$a$b$c$d$e"):
        assert not verify_password("correct horse", broken)


def test_a_wrong_access_section_is_refused_with_its_path():
    assert not parse_config(None).enabled
    cases = [
        ({"mode": "open sesame"}, "access.mode"),
        ({"mode": "password"}, "access.workspaces"),
        ({"mode": "password", "workspaces": {"acme": "hunter2"}}, "access.workspaces.acme: not a hash"),
        ({"mode": "password", "workspaces": {"Acme Corp": HASHES["acme"]}}, "access.workspaces.Acme Corp"),
        ({"mode": "login"}, "access.members"),
    ]
    for section, where in cases:
        with pytest.raises(AccessConfigError, match=where):
            parse_config(section)


def test_members_are_matched_by_address_then_by_domain():
    config = parse_config({"mode": "login", "members": {"anna@gmail.com": "acme", "@acme.example": "acme"}})
    assert workspace_for_member(config, "Anna@Gmail.com") == "acme"
    assert workspace_for_member(config, "bo@acme.example") == "acme"
    assert workspace_for_member(config, "bo@other.example") is None
    assert workspace_for_member(config, "acme.example") is None
    assert workspace_for_member(config, None) is None


def test_a_listed_address_wins_over_its_domain():
    config = parse_config({"mode": "login", "members": {"@acme.example": "acme", "cora@acme.example": "consult"}})
    assert workspace_for_member(config, "cora@acme.example") == "consult"
    assert workspace_for_member(config, "dan@acme.example") == "acme"


def test_a_section_without_a_mode_is_off_and_every_refusal_says_where():
    assert not parse_config({"workspaces": dict(HASHES)}).enabled
    with pytest.raises(AccessConfigError) as mode:
        parse_config({"mode": "magic"})
    assert str(mode.value) == "access.mode: 'magic' is not one of off, password, login"
    with pytest.raises(AccessConfigError) as member:
        parse_config({"mode": "login", "members": {"anna@x.example": "Not A Name"}})
    assert str(member.value) == "access.members.anna@x.example: 'Not A Name' is not a workspace name"
    with pytest.raises(AccessConfigError) as empty:
        parse_config({"mode": "password"})
    assert str(empty.value) == "access.workspaces: password mode needs at least one workspace"
    with pytest.raises(AccessConfigError) as nobody:
        parse_config({"mode": "login"})
    assert str(nobody.value) == "access.members: login mode needs at least one member or @domain"


def test_the_configured_mode_and_sign_in_provider_are_kept():
    named = parse_config({"mode": "login", "members": {"@x.example": "acme"}, "provider": "company"})
    assert (named.mode, named.provider, named.enabled) == ("login", "company", True)
    assert parse_config({"mode": "login", "members": {"@x.example": "acme"}}).provider is None
    assert parse_config({"mode": "password", "workspaces": dict(HASHES)}).mode == "password"


def test_a_hash_is_scrypt_with_a_16_byte_salt_and_a_32_byte_digest():
    import base64

    scheme, n, r, p, salt, digest = hash_password("correct horse").split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert verify_password("Ünïcode pässwörd", hash_password("Ünïcode pässwörd"))


def test_a_hash_of_another_scheme_or_an_overlong_password_is_refused():
    stored = hash_password("x" * 1024)
    assert verify_password("x" * 1024, stored)
    assert not verify_password("x" * 1025, hash_password("x" * 1025))  # never hashed: refused before the work
    assert not verify_password("x" * 1024, stored.replace("scrypt$", "plain$", 1))


def test_an_unknown_workspace_costs_the_same_work_as_a_known_one(monkeypatch):
    from impact import access

    config = parse_config({"mode": "password", "workspaces": dict(HASHES)})
    calls = []
    real = access.verify_password
    monkeypatch.setattr(access, "verify_password", lambda pw, stored: calls.append((pw, stored)) or real(pw, stored))
    assert access.workspace_for_password(config, "nobody", "guess-123") is None
    assert len(calls) == 1 and calls[0][0] == "guess-123" and calls[0][1].startswith("scrypt$16384$8$1$")
    assert access.workspace_for_password(config, " ACME ", ACME_PASSWORD) == "acme"


def test_the_domain_of_an_address_is_after_its_last_at_sign():
    config = parse_config({"mode": "login", "members": {"@acme.example": "acme"}})
    assert workspace_for_member(config, '"x@y"@acme.example') == "acme"


def test_off_by_default_on_a_laptop(app, db_url):
    at = app("en").run()
    _clean(at)
    assert not [w for w in at.text_input if w.key == "access_password"]
    assert any(b.key == "start_create" or "Create" in b.label for b in at.button)


def test_with_a_password_nothing_is_reachable_before_signing_in(app, db_url):
    ours, _ = _two_workspaces(db_url)
    at = _password_mode(app("en"))
    at.query_params["strategy"] = ours.id  # a bookmarked link is not a key
    at.run()
    _clean(at)
    assert [w.key for w in at.text_input] == ["access_workspace", "access_password"]
    assert at.session_state["strategy"] is None
    assert "Acme plan" not in _page_text(at)
    assert not at.sidebar.button  # no navigation, no projector behind the gate
    at.segmented_control(key="access_lang").set_value("de").run()  # the language, chosen before signing in
    assert not at.exception
    assert at.title[0].value == "Impact Workshop — Anmelden"
    assert at.text_input(key="access_workspace").label == "Arbeitsbereich"
    assert at.query_params["lang"] in ("de", ["de"])


def test_a_wrong_password_is_refused_and_the_right_one_opens_only_its_workspace(app, db_url):
    ours, theirs = _two_workspaces(db_url)
    at = _password_mode(app("en")).run()
    _sign_in(at, "acme", "globex-secret-456")  # another workspace's password
    assert at.error[0].value == "Workspace or password is not right."
    assert at.session_state["strategy"] is None
    _sign_in(at, "acme", ACME_PASSWORD)
    _clean(at)
    text = _page_text(at)
    assert "Acme plan" in text and "Globex plan" not in text
    at.query_params["strategy"] = theirs.id  # another workspace's id, typed into the address bar
    at.run()
    assert at.session_state["strategy"] is None
    said = " ".join(w.value for w in at.warning)
    assert f"There is no strategy “{theirs.id}” in the workspace “acme”" in said  # said on the page, not lost
    at.query_params["strategy"] = ours.id
    at.run()
    assert at.session_state["strategy"].name == "Acme plan"


def test_a_strategy_created_in_a_workspace_belongs_to_it(app, db_url):
    at = _sign_in(_password_mode(app("en")).run(), "globex", "globex-secret-456")
    at.text_input(key="start_name").input("Made in Globex")
    next(b for b in at.button if b.label == "Create strategy").click().run()
    _clean(at)
    engine = make_engine(db_url)
    assert [s.name for s in list_strategies(engine, workspace="globex")] == ["Made in Globex"]
    assert list_strategies(engine) == [] and list_strategies(engine, workspace="acme") == []


def test_signing_out_closes_the_strategy(app, db_url):
    ours, _ = _two_workspaces(db_url)
    at = _sign_in(_password_mode(app("en")).run(), "acme", ACME_PASSWORD)
    at.query_params["strategy"] = ours.id
    at.run()
    at.button(key="access_sign_out").click().run()
    assert at.session_state["strategy"] is None
    assert [w.key for w in at.text_input] == ["access_workspace", "access_password"]


def test_repeated_wrong_passwords_make_this_device_wait(app, db_url):
    at = _password_mode(app("en")).run()
    for _ in range(5):
        _sign_in(at, "globex", "wrong-password")
    _sign_in(at, "globex", "globex-secret-456")  # even the right password waits now
    assert "Too many wrong attempts from this device" in at.error[0].value
    assert at.session_state["strategy"] is None and "workspace" not in at.session_state
    fresh = _password_mode(app("en")).run()  # a new tab, a new session: the count is in the database
    _sign_in(fresh, "globex", "globex-secret-456")
    assert "Too many wrong attempts" in fresh.error[0].value


def test_a_join_code_grants_voting_and_nothing_else(app, db_url):
    ours, _ = _two_workspaces(db_url)
    voting = open_round(
        make_engine(db_url), ours.id, subject="cards", title="Which card?", options=[Option("reach", "Reach")], dots=3
    )
    at = _password_mode(app("en"))
    at.query_params["join"] = voting.code
    at.query_params["strategy"] = ours.id  # riding along on a join link opens nothing
    at.run()
    _clean(at)
    assert not [w for w in at.text_input if w.key == "access_password"]  # voting needs no password
    assert at.text_input(key="vote_name")  # the voting page
    assert at.session_state["strategy"] is None
    assert "Acme plan" not in _page_text(at)
    assert not at.sidebar.button
    wrong = _password_mode(app("en"))
    wrong.query_params["join"] = "ZZZZZZ"
    wrong.run()
    assert at.session_state["strategy"] is None
    assert "ZZZZZZ" in wrong.error[0].value


def test_a_broken_access_section_stops_the_app_with_a_sentence(app, db_url):
    at = app("en")
    at.secrets["access"] = {"mode": "password", "workspaces": {"acme": "hunter2"}}
    at.run()
    assert not at.exception
    assert "access.workspaces.acme: not a hash" in at.error[0].value


def test_the_start_page_says_strategies_from_before_workspaces_wait_to_be_moved(app, db_url):
    engine = make_engine(db_url)
    for n in range(2):
        create_strategy(engine, Strategy(name=f"Laptop plan {n}", language="en"))  # saved with protection off
    at = _sign_in(_password_mode(app("en")).run(), "acme", ACME_PASSWORD)
    _clean(at)
    said = " ".join(i.value for i in at.info)
    assert "Strategies saved before workspaces were switched on, still in no workspace: 2" in said
    assert "impact assign --to acme --all" in said
    assert "Laptop plan" not in _page_text(at)  # the count, not their names
    laptop = app("en").run()  # without protection there are no workspaces to move them into
    assert not [i for i in laptop.info if "still in no workspace" in i.value]


def test_a_sign_in_ended_elsewhere_ends_here_at_the_next_click(app, db_url):
    from storage.store import Store

    at = _sign_in(_password_mode(app("en")).run(), "acme", ACME_PASSWORD)
    assert at.session_state["workspace"] == "acme"
    store = Store.open(db_url)
    try:
        store.end_sign_in(at.session_state["access_sign_in"])  # signed out in another tab, on another process
    finally:
        store.close()
    at.run()
    assert [w.key for w in at.text_input] == ["access_workspace", "access_password"]
    assert "You were signed out" in at.error[0].value
    assert "workspace" not in at.session_state or not at.session_state["workspace"]
