"""Browser helpers for staff pages: log a persona in, and find words the layout breaks across two lines."""

from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified

# Every word in a visible text node should sit on one line: a word drawn on two lines is a word broken in the
# middle (the old calendar drew one letter per line at 375 px). A line may end after a hyphen or a dash
# ("Johannessen-" / "Bakkevold"), as in print. Text inside
# .visually-hidden is skipped (it is one pixel wide on purpose); <wbr> splits an address into separate nodes,
# so an address wrapping at its dots or before the @ counts as whole words.
_SPLIT_WORDS_JS = """
(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden') || !parent.getClientRects().length) continue;
    const pattern = /[^\\s\\-\u2013]+[\\-\u2013]?/g;  // a word, or the part of one up to its hyphen
    let match;
    while ((match = pattern.exec(node.textContent))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(
        Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.bottom))
      );
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}
"""


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def words_split_across_lines(page, selector: str = "main") -> list[str]:
    return page.locator(selector).first.evaluate(_SPLIT_WORDS_JS)


def overflows_horizontally(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")
