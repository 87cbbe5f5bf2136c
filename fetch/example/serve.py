#!/usr/bin/env python3
"""Serves the bundled example news site on http://127.0.0.1:8808/ for trying
`newsfacts crawl --sites fetch/example/sites.toml`.

The articles are the project's own corpus pages (corpus/*/page.html), served as
/articles/<name>.html and listed in an RSS feed (announced by the home page) and a news
sitemap. Standard library only; stop it with Ctrl-C.

    python3 fetch/example/serve.py [--port 8808]
"""
import argparse
import email.utils
import http.server
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))


def pages():
    return sorted(d for d in os.listdir(ROOT)
                  if os.path.isfile(os.path.join(ROOT, d, "page.html")))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send(self, status, body, ctype, extra=None):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        base = "http://%s:%d" % self.server.server_address[:2]
        if self.path == "/robots.txt":
            self.send(200, "User-agent: *\nDisallow: /drafts/\nCrawl-delay: 0.2\n"
                           "Sitemap: %s/news-sitemap.xml\n" % base, "text/plain")
        elif self.path == "/":
            links = "".join('<li><a href="/articles/%s.html">%s</a></li>' % (p, p) for p in pages())
            self.send(200, '<!doctype html><html><head><title>Example Ledger</title>'
                           '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
                           '</head><body><h1>Example Ledger</h1><ul>%s</ul></body></html>' % links,
                      "text/html; charset=utf-8")
        elif self.path == "/rss.xml":
            items = "".join("<item><title>%s</title><link>%s/articles/%s.html</link></item>"
                            % (p, base, p) for p in pages())
            self.send(200, '<?xml version="1.0"?><rss version="2.0"><channel>'
                           '<title>Example Ledger</title><link>%s/</link>%s</channel></rss>'
                           % (base, items), "application/rss+xml")
        elif self.path == "/news-sitemap.xml":
            urls = "".join("<url><loc>%s/articles/%s.html</loc></url>" % (base, p) for p in pages())
            self.send(200, '<?xml version="1.0"?><urlset '
                           'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>' % urls,
                      "application/xml")
        elif self.path.startswith("/articles/") and self.path.endswith(".html"):
            name = self.path[len("/articles/"):-len(".html")]
            path = os.path.join(ROOT, name, "page.html")
            if name in pages():
                with open(path, "rb") as f:
                    body = f.read()
                mtime = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
                if self.headers.get("If-Modified-Since") == mtime:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                # The cp1252 fixture is served with no charset: the page's own <meta> says it.
                self.send(200, body, "text/html", {"Last-Modified": mtime})
            else:
                self.send(404, "no such article", "text/plain")
        else:
            self.send(404, "not found", "text/plain")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8808)
    args = ap.parse_args()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("serving the example site on http://127.0.0.1:%d/ (Ctrl-C to stop)" % args.port,
          flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
