"""The HTTP side of a hosted installation, around Streamlit's own server (``st.App``):
the routes that turn a sign-in into an HttpOnly cookie and drop it again, and the
guard that refuses uploads from sessions that have not signed in. ``asgi.py`` puts
them together; ``scripts/run.sh`` serves it."""
