"""The yardstick: a Streamlit page that does nothing."""

import streamlit as st

st.write("")
