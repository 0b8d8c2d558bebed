#!/usr/bin/env python3
"""Deterministic large-list generator for the list benchmark (bench/lists.sh).

Writes, into OUTDIR, for N items:
  ips_N.csv         value,description,expires,active: IPv4 hosts (/32 as plain
                    addresses), IPv4 CIDR blocks of lengths 8..31 (some nested
                    inside others, some duplicated), IPv6 hosts and /32../64
                    blocks. Addresses are drawn partly from the corpus' public
                    networks (geo_networks.tsv) so some records match.
  domains_N.csv     value,description,expires,active: registrable domains and
                    subdomains under a spread of TLDs, plus one entry the corpus
                    hits often (duckdns.org).
  indicators_N.csv  the indicator CSV (id,indicator,type,source,validFrom,
                    validUntil,confidence,threatType,actors,killChain), N/2 IPs
                    and N/2 domains.
About 30% of items carry an expiry (a tenth of those in the past) and 2% are
inactive, so load pays for expiry parsing as real exports make it.

Same arguments, same bytes: the generator seeds its own PRNG.
Usage: gen_lists.py OUTDIR N
"""
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2])
os.makedirs(out, exist_ok=True)
rnd = random.Random(7_000_000 + n)

geo = []
geo_path = os.path.join(out, "geo_networks.tsv")
if os.path.exists(geo_path):
    with open(geo_path) as f:
        for line in f:
            a, b = line.split("\t")[0].split("/")[0].split(".")[:2]
            geo.append((int(a), int(b)))
if not geo:
    geo = [(rnd.randrange(1, 223), rnd.randrange(256)) for _ in range(400)]

geo_first = {a for a, _ in geo} | {10, 100, 127, 169, 172, 192}
TLDS = ["com", "net", "org", "io", "info", "co.uk", "de", "ru", "cn", "xyz", "top", "biz", "com.au", "fr"]
WORDS = ["mail", "cdn", "login", "update", "api", "secure", "files", "static", "auth", "portal", "shop", "pay"]


def expiry_and_active():
    r = rnd.random()
    expires = ""
    if r < 0.03:
        expires = f"2025-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d} {rnd.randrange(24):02d}:00:00"
    elif r < 0.30:
        expires = f"2027-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}T{rnd.randrange(24):02d}:30:00Z"
    active = "false" if rnd.random() < 0.02 else "true"
    return expires, active


def v4_host():
    if rnd.random() < 0.5:
        a, b = geo[rnd.randrange(len(geo))]
    else:
        a, b = rnd.randrange(1, 224), rnd.randrange(256)
    return f"{a}.{b}.{rnd.randrange(256)}.{rnd.randrange(256)}"


blocks = []


def v4_block():
    # A third of the blocks nest inside an earlier one (or repeat it), so the
    # index sees overlapping and duplicate prefixes. Lengths follow real
    # feeds: mostly /24 and longer, a few thousand /16../23, a handful of
    # very wide blocks kept out of the corpus' networks (one /8 over the
    # corpus would make every record a match).
    if blocks and rnd.random() < 0.33:
        base, length = blocks[rnd.randrange(len(blocks))]
        longer = min(31, length + rnd.randrange(0, 5))
        host = base | rnd.getrandbits(32 - length)
        mask = (0xFFFFFFFF << (32 - longer)) & 0xFFFFFFFF
        base, length = host & mask, longer
    else:
        r = rnd.random()
        if r < 0.0002:
            length = rnd.choice([8, 10, 12])
        elif r < 0.1:
            length = rnd.randrange(16, 24)
        elif r < 0.6:
            length = 24
        else:
            length = rnd.randrange(25, 32)
        while True:
            a, b = rnd.randrange(1, 224), rnd.randrange(256)
            if length >= 24 and rnd.random() < 0.03:
                a, b = geo[rnd.randrange(len(geo))]
                break
            if length >= 16 or a not in geo_first:
                break
        host = (a << 24) | (b << 16) | rnd.getrandbits(16)
        base = host & ((0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF)
    blocks.append((base, length))
    return f"{base >> 24}.{base >> 16 & 255}.{base >> 8 & 255}.{base & 255}/{length}"


def v6():
    words = [0x2001, 0x0db8 + rnd.randrange(64)] + [rnd.getrandbits(16) for _ in range(6)]
    text = ":".join(f"{w:x}" for w in words)
    if rnd.random() < 0.3:
        length = rnd.choice([32, 48, 56, 64])
        keep = length // 16
        return ":".join(f"{w:x}" for w in words[:keep]) + "::/" + str(length)
    return text


def ip_value():
    r = rnd.random()
    if r < 0.80:
        return v4_host()
    if r < 0.95:
        return v4_block()
    return v6()


def domain_value(i):
    tld = TLDS[rnd.randrange(len(TLDS))]
    label = f"{rnd.choice(WORDS)}{i:07d}x{rnd.randrange(36 ** 4):x}"
    if rnd.random() < 0.3:
        return f"{rnd.choice(WORDS)}.{label}.{tld}"
    if rnd.random() < 0.05:
        return f"{label.upper()}.{tld.upper()}"
    return f"{label}.{tld}"


with open(os.path.join(out, f"ips_{n}.csv"), "w") as f:
    f.write("value,description,expires,active\n")
    for i in range(n):
        expires, active = expiry_and_active()
        f.write(f"{ip_value()},ip {i},{expires},{active}\n")

with open(os.path.join(out, f"domains_{n}.csv"), "w") as f:
    f.write("value,description,expires,active\n")
    f.write("duckdns.org,\"dynamic dns, often abused\",,true\n")
    for i in range(n - 1):
        expires, active = expiry_and_active()
        f.write(f"{domain_value(i)},domain {i},{expires},{active}\n")

with open(os.path.join(out, f"indicators_{n}.csv"), "w") as f:
    for i in range(n):
        if i % 2 == 0:
            value = ip_value()
            kind = "ipv6-addr" if ":" in value else "ipv4-addr"
            if "/" in value:
                kind = "ipv4-addr" if "." in value else "ipv6-addr"
        else:
            value, kind = domain_value(i), "domain-name"
        until = "" if rnd.random() < 0.7 else f"2027-0{rnd.randrange(1, 10)}-01T00:00:00Z"
        f.write(f"ind-{i:07d},{value},{kind},bench-feed,2026-01-01T00:00:00Z,{until},{rnd.randrange(101)},"
                f"malicious-activity,,\n")
