"""Write actions' guard: the admin password (with a throttle on wrong guesses) and the one-writer lock."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import threading

import streamlit as st


def admin_password() -> str | None:
    """The configured admin password ($REPORTS_ADMIN_PASSWORD or secrets admin_password), if any."""
    env = os.environ.get("REPORTS_ADMIN_PASSWORD")
    if env:
        return env
    try:
        return st.secrets.get("admin_password")
    except Exception:  # no secrets.toml: browsing and writing stay open
        return None


def admin_unlocked(key: str) -> bool:
    """True when no password is configured or the right one was entered.

    Wrong guesses are throttled per session and per client address (:class:`Throttle`):
    after a few, every further try is refused until a growing wait has passed.
    """
    password = admin_password()
    if not password:
        return True
    unlocked = hashlib.sha256(password.encode()).hexdigest()  # the session keeps a digest, never the password
    if st.session_state.get("_admin_ok") == unlocked:
        return True
    typed = st.text_input("管理员密码（上传、替换、删除需要）", type="password", key=key)
    if not typed:
        return False
    if typed != st.session_state.get(f"_tried_{key}"):  # a new try (a rerun with the same text is not one)
        forwarded = ",".join(st.context.headers.get_all("X-Forwarded-For"))
        who = (f"session:{_session_id()}", client_key(st.context.ip_address, forwarded, trusted=trusted_proxies()))
        wait = throttle().wait(who)
        if wait > 0:
            st.error(f"密码错误次数过多，请 {wait:.0f} 秒后再试。")
            return False
        st.session_state[f"_tried_{key}"] = typed
        if hmac.compare_digest(typed.encode(), password.encode()):
            throttle().success(who)
            st.session_state["_admin_ok"] = unlocked
            return True
        throttle().failure(who)
    st.error("密码不正确。")
    return False


def operator(key: str) -> str:
    """Who is acting, as the action log records it (typed once per session; empty: 未署名)."""
    return st.text_input("操作人（记入操作记录）", key=key, placeholder="姓名或科室", value=st.session_state.get("_operator", ""))


def remember_operator(who: str) -> None:
    """Offer the name just used in the next write panel of this session."""
    st.session_state["_operator"] = who


def relock(*password_keys: str) -> None:
    """After a write action: the next one asks for the password again (the typed one is cleared)."""
    for key in ("_admin_ok", *password_keys, *(f"_tried_{k}" for k in password_keys)):
        st.session_state.pop(key, None)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network
LOCAL = "127.0.0.1"  # the connection's peer when the web server replaced it (it trusts loopback)


def trusted_proxies(setting: str | None = None) -> tuple[Network, ...]:
    """The proxies whose X-Forwarded-For is believed: ``setting`` or $REPORTS_TRUSTED_PROXIES,
    comma-separated addresses or networks ("127.0.0.1, 10.0.0.0/8"); default none. Entries that
    are not an address are ignored."""
    if setting is None:
        setting = os.environ.get("REPORTS_TRUSTED_PROXIES", "")
    networks = []
    for entry in setting.split(","):
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def client_key(address: str | None, forwarded_for: str | None, *, trusted: tuple[Network, ...]) -> str:
    """The throttle's key for a client: its address, taken from X-Forwarded-For only past proxies
    in ``trusted``.

    ``address`` is ``st.context.ip_address`` (None on loopback). The web server (uvicorn) itself
    replaces a loopback peer's address by the header's, so an address that is one of the
    header's hops means the connection came from loopback: it is then believed only when
    loopback is trusted, and every such connection is otherwise one client, ``client:local``
    (a proxy on the same host with no trusted proxies configured: all its users share a key).
    """
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    if not hops:
        return f"client:{address or 'local'}"
    peer = address if address and address not in hops else LOCAL
    chain = [*hops, peer]
    for hop in reversed(chain[1:]):  # from the peer back, past trusted proxies
        if not _trusted(hop, trusted):
            return _client(hop)
    return _client(chain[0])


def _trusted(hop: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(hop)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def _client(hop: str) -> str:
    try:
        loopback = ipaddress.ip_address(hop).is_loopback
    except ValueError:
        loopback = False
    return "client:local" if loopback else f"client:{hop}"


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "none"


class Throttle:
    """Failed admin-password tries per key (a session, a client address): the first
    ``free`` failures cost nothing; each further one locks the key for ``base`` seconds,
    doubling up to ``cap``. A success clears the session's count, not the client's."""

    def __init__(self, *, free: int = 3, base: float = 5.0, cap: float = 300.0, clock=None):
        import time

        self.free, self.base, self.cap = free, base, cap
        self.clock = clock or time.monotonic
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, keys: tuple[str, ...]) -> float:
        """Seconds before any of ``keys`` may try again (0 when they may)."""
        now = self.clock()
        with self._lock:
            return max([self._until.get(k, 0.0) - now for k in keys] + [0.0])

    def failure(self, keys: tuple[str, ...]) -> None:
        now = self.clock()
        with self._lock:
            for k in keys:
                n = self._failures[k] = self._failures.get(k, 0) + 1
                if n > self.free:
                    self._until[k] = now + min(self.cap, self.base * 2 ** (n - self.free - 1))

    def success(self, keys: tuple[str, ...]) -> None:
        with self._lock:
            for k in keys:
                if k.startswith("session:"):
                    self._failures.pop(k, None)
                    self._until.pop(k, None)


@st.cache_resource
def throttle() -> Throttle:
    """One password throttle for the whole dashboard process (all sessions)."""
    return Throttle()


@st.cache_resource
def write_lock() -> threading.Lock:
    """One writer at a time from this dashboard process."""
    return threading.Lock()
