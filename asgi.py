"""The app as a hosted installation serves it: Streamlit's server (``st.App``) with the
sign-in cookie routes and the upload guard of :mod:`web`. ``scripts/run.sh`` starts it
with ``streamlit run asgi.py``; ``app.py`` stays the Streamlit script itself."""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from web.guard import UploadGuard
from web.routes import ROUTES, protected

app = st.App(
    Path(__file__).with_name("app.py"),
    routes=ROUTES,
    middleware=[Middleware(UploadGuard, protected=protected)],
)
