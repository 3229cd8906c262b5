"""claimboard dashboard: `streamlit run dashboard/app.py [-- --db FILE]` over the store, or
`[-- --claims FILE --corpus DIR]` over a flat claims table (see dashboard/data.py)."""

import sys
from pathlib import Path

# `streamlit run` puts dashboard/ on sys.path, not the project root this package lives in.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard import state  # noqa: E402
from dashboard.logic import escape_markdown, unknown_page  # noqa: E402

st.set_page_config(page_title="claimboard", layout="wide")
corpus = state.corpus()
state.report_loading(corpus)
state.sidebar_filters(corpus)
# Pages live in views/, not pages/: a pages/ folder beside this script switches Streamlit to
# its old multipage mode, which runs a page without this script (no filters, no navigation).
pages = {
    "overview": st.Page("views/overview.py", title="Overview", url_path="overview", default=True),
    "claims": st.Page("views/claims.py", title="Claims", url_path="claims"),
    "source": st.Page("views/source.py", title="Source", url_path="source"),
    "consistency": st.Page("views/consistency.py", title="Consistency", url_path="consistency"),
    "add": st.Page("views/add_documents.py", title="Add documents", url_path="add"),
}
navigation = st.navigation(list(pages.values()))
# Streamlit runs the default page for an address that names no page (/nope, ?page=nope):
# the reader is told, not left to think the Overview is what they asked for.
asked = unknown_page(st.context.url, st.get_option("server.baseUrlPath"), pages)
page_param = st.query_params.get("page")
if page_param in pages:
    del st.query_params["page"]
    kept = {key: st.query_params.get_all(key) for key in st.query_params}
    st.switch_page(pages[page_param], query_params=kept)
for name in (asked, page_param):
    if name:
        shown = f"There is no page “{name}”; this is the {navigation.title} page."
        st.warning(escape_markdown(shown))
navigation.run()
