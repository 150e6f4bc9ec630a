#!/usr/bin/env python3
"""Writes a combined log shaped like a real site's: a sample of 10,000 lines whose clients,
paths, referrers and agents follow a long-tailed (Zipf-like) distribution, as public Apache
samples do, repeated until the file reaches SIZE_MB, with times running on. This is the
input the issue tracker's figures were measured on (a public sample repeated): few distinct
keys, so top offenders stay exact, and line lengths and field variety as a real site has.

  bench/make-real-log.py OUT [SIZE_MB]     (default 948)
"""
import random
import sys

out = sys.argv[1]
size = int(sys.argv[2] if len(sys.argv) > 2 else 948) * 1000 * 1000
rng = random.Random(11)


def zipf_pick(items, s=1.1):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return lambda: rng.choices(items, weights)[0]


clients = zipf_pick([f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
                     for _ in range(1800)] + ["2001:db8::%x" % i for i in range(1, 60)])
static = ["/favicon.ico", "/robots.txt", "/style2.css", "/images/jordan-80.png", "/images/web/2009/banner.png",
          "/reset.css", "/images/googledotcom.png", "/presentations/logstash-monitorama-2013/images/kibana-search.png",
          "/presentations/logstash-monitorama-2013/css/print/paper.css", "/static/app.js?v=3.2.1",
          "/blog/tags/puppet?flav=rss20", "/projects/xdotool/", "/articles/dynamic-dns-with-dhcp/"]
pages = [f"/blog/{y}/{m:02d}/{slug}.html" for y in range(2008, 2015) for m in (1, 4, 7, 10)
         for slug in ("geekery", "ruby-warnings", "tmux-copy", "ssh-agent", "xdotool-tricks")]
paths = zipf_pick(static + pages + [f"/search?q={w}" for w in ("vim", "xdotool", "logstash", "grok")], 0.9)
methods = zipf_pick(["GET"] * 30 + ["HEAD", "POST", "OPTIONS"], 0.5)
statuses = zipf_pick([200, 304, 404, 301, 206, 500, 403, 302, 416, 503, 400, 401, 429], 1.6)
referrers = zipf_pick(["-", "http://semicomplete.com/", "https://www.google.com/", "http://www.semicomplete.com/blog/",
                       "https://duckduckgo.com/", "http://example.org/feeds/all.xml", "https://t.co/abc123"], 1.2)
agents = zipf_pick([
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36",
    "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:26.0) Gecko/20100101 Firefox/26.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.73.11 (KHTML, like Gecko) Version/7.0.1 Safari/537.73.11",
    "UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/",
    "Tiny Tiny RSS/1.11 (http://tt-rss.org/)",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53",
    "curl/7.35.0", "-", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)",
    "Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko",
] + [f"Mozilla/5.0 (X11; Linux i686; rv:{v}.0) Gecko/20100101 Firefox/{v}.0" for v in range(10, 60)], 1.0)

months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
sample = []
for _ in range(10000):
    status = statuses()
    size_field = "-" if status in (304, 204) or rng.random() < 0.02 else str(rng.randint(100, 200000))
    sample.append((clients(), methods(), paths(), status, size_field, referrers(), agents(),
                   rng.randint(0, 3)))

written, second = 0, 0
with open(out, "w") as f:
    while written < size:
        lines = []
        for client, method, path, status, size_field, ref, agent, step in sample:
            second += step
            day, rest = divmod(second, 86400)
            h, rest = divmod(rest, 3600)
            m, s = divmod(rest, 60)
            # 28-day months keep the arithmetic trivial; the dates stay valid.
            month, day = divmod(day, 28)
            t = f"{day + 1:02d}/{months[month % 12]}/{2015 + month // 12}:{h:02d}:{m:02d}:{s:02d} +0000"
            lines.append(f'{client} - - [{t}] "{method} {path} HTTP/1.1" {status} {size_field} "{ref}" "{agent}"\n')
        block = "".join(lines)
        f.write(block)
        written += len(block)
