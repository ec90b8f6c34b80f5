"""What rich text may hold when it reaches a learner's page.

Educators write rich text in Wagtail's editor, which offers only bold,
italic, links and lists (RICH_TEXT_FEATURES). Anything else that reaches the
stored HTML another way (an import, a script, a crafted API call, an old
revision) is removed on output: script, event handlers, `javascript:`
links, frames, `<base>`, styles. The site's Content-Security-Policy would
stop most of it anyway, but previews in the admin, which has none, would
not. nh3 (the Rust html5ever-based ammonia sanitiser) does the cleaning."""

import nh3

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """`html` with only what rich text may hold; links to other sites open
    with rel="noopener noreferrer"."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
