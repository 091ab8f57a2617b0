import streamlit as st

st.title("Calibration")
