"""What the workbench's pages do, one function per action: each composes the store's queries
(tqrs.store) and the core into what one screen shows, so that a page reads widgets, calls one
function and renders, and never assembles store calls itself. Streamlit-free, like the rest of
tqrs; the CLI calls the core directly."""
