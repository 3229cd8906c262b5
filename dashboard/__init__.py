"""claimboard dashboard: thin Streamlit pages over pure filter, aggregate and format functions."""
