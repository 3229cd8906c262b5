"""claimboard dashboard: `streamlit run dashboard/app.py [-- --db FILE]` over the store, or
`[-- --claims FILE --corpus DIR]` over a flat claims table (see dashboard/data.py)."""

import sys
from pathlib import Path

# `streamlit run` puts dashboard/ on sys.path, not the project root this package lives in.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard import state  # noqa: E402

st.set_page_config(page_title="claimboard", layout="wide")
corpus = state.corpus()
state.report_loading(corpus)
state.sidebar_filters(corpus)
# Pages live in views/, not pages/: a pages/ folder beside this script switches Streamlit to
# its old multipage mode, which runs a page without this script (no filters, no navigation).
navigation = st.navigation(
    [
        st.Page("views/overview.py", title="Overview", url_path="overview", default=True),
        st.Page("views/claims.py", title="Claims", url_path="claims"),
        st.Page("views/source.py", title="Source", url_path="source"),
        st.Page("views/consistency.py", title="Consistency", url_path="consistency"),
        st.Page("views/add_documents.py", title="Add documents", url_path="add"),
    ]
)
navigation.run()
