#!/usr/bin/env python3
"""Crawl benchmark: a loopback server holding ARTICLES articles across HOSTS hosts
(127.0.0.1, 127.0.0.2, ...), each host a site with its own RSS feed and a DELAY-second
politeness delay. Runs `newsfacts crawl` once over all of them and reports pages per
second against the politeness ceiling (HOSTS / DELAY), CPU seconds per page and peak
memory (from /usr/bin/time or getrusage).

    python3 bench/crawl.py [--bin build/newsfacts] [--hosts 20] [--articles 2000] [--delay 0.2]

Uses only the Python standard library. Everything is written to a temporary directory
that is removed afterwards.
"""
import argparse
import http.server
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

SENTENCES = [
    "Inspectors at the river depot weighed {n} tonnes of grain on Tuesday, the ministry said.",
    "The regional council approved ${m} million for bridge repairs in its March 2024 session.",
    "Deputy Minister Laura Ortiz said the count had risen by {p} percent since last year.",
    "\"We expect the backlog to clear within {w} weeks,\" Ortiz told reporters at the port.",
    "Trucks waited about {h} hours at the northern crossing before the lanes reopened.",
    "Officials counted {k} crates between January 5 and February 20, a record for the site.",
]


def article_html(host_index, n):
    paras = []
    for i, s in enumerate(SENTENCES):
        v = host_index * 1000 + n + i
        paras.append("<p>" + s.format(n=v % 97 + 3, m=v % 41 + 1, p=v % 23 + 2, w=v % 9 + 2,
                                       h=v % 13 + 1, k=v % 800 + 40) + "</p>")
    title = "Depot report %d from host %d" % (n, host_index)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"
            "<meta property=\"article:published_time\" content=\"2024-05-23T09:41:00Z\">"
            "</head><body><nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>%s</article>"
            "<footer>Contact the desk.</footer></body></html>" % (title, title, "".join(paras)))


def make_handler(host_index, per_host):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send(self, status, body, ctype):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/rss.xml":
                items = "".join("<item><title>t%d</title><link>/world/%d</link></item>" % (i, i)
                                for i in range(per_host))
                self.send(200, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                               "<title>Depot</title>%s</channel></rss>" % items,
                          "application/rss+xml")
            elif self.path.startswith("/world/"):
                try:
                    n = int(self.path[len("/world/"):])
                except ValueError:
                    n = -1
                if 0 <= n < per_host:
                    self.send(200, article_html(host_index, n), "text/html; charset=utf-8")
                else:
                    self.send(404, "not here", "text/plain")
            else:
                self.send(404, "not here", "text/plain")
    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/newsfacts")
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--delay", type=float, default=0.2)
    args = ap.parse_args()
    per_host = args.articles // args.hosts

    servers = []
    for h in range(args.hosts):
        srv = http.server.ThreadingHTTPServer(("127.0.0.%d" % (h + 1), 0),
                                              make_handler(h, per_host))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)

    work = tempfile.mkdtemp(prefix="newsfacts-bench-crawl-")
    try:
        sites = os.path.join(work, "sites.toml")
        with open(sites, "w") as f:
            for h, srv in enumerate(servers):
                host, port = srv.server_address[:2]
                f.write("[[site]]\nname = \"host%d\"\nfeeds = [\"http://%s:%d/rss.xml\"]\n"
                        "max_pages = %d\ndelay = %s\n\n" % (h + 1, host, port, per_host + 10,
                                                           args.delay))
        db = os.path.join(work, "bench.db")
        cmd = [args.bin, "crawl", "--sites", sites, "--db", db, "--quiet"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            sys.exit("crawl exited %d" % proc.returncode)
        fetched = 0
        for line in proc.stdout.splitlines():
            part = line.split("fetched ")[1].split(",")[0]
            fetched += int(part)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak_mib = after.ru_maxrss / 1024.0
        ceiling = args.hosts / args.delay
        # Each host also serves robots.txt and its feed before the articles: the best a
        # polite crawl can do is per_host articles in (per_host + 2) * delay seconds.
        best = args.hosts * per_host / ((per_host + 2) * args.delay)
        print("articles fetched  %d of %d (%d hosts, delay %.2f s)" % (fetched, args.articles,
                                                                     args.hosts, args.delay))
        print("wall time         %.2f s" % wall)
        print("pages per second  %.1f (ceiling %.0f/s: %.1f%%; best with robots+feed %.1f/s)" %
              (fetched / wall, ceiling, 100.0 * fetched / wall / ceiling, best))
        print("CPU per page      %.2f ms (%.2f s user+sys)" % (1000.0 * cpu / max(fetched, 1), cpu))
        print("peak memory       %.1f MiB (max RSS)" % peak_mib)
        if fetched != args.articles - args.articles % args.hosts:
            sys.exit("expected every article to be fetched")
    finally:
        for srv in servers:
            srv.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
