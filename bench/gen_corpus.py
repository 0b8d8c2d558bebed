#!/usr/bin/env python3
"""Deterministic benchmark corpus generator for recproc.

Writes, into the output directory:
  syslog_kv.log    RFC 3164 syslog + key=value firewall traffic (FortiGate-like)
  cef.log          CEF over syslog
  cloudtrail.log   CloudTrail-like JSON, one event per line
  mixed.log        the three interleaved
  geo_networks.tsv the networks for the synthetic GeoIP City + ASN databases
  threat_ips.csv, match_domains.csv   large indicator lists (value,description)

Same arguments, same bytes: the generator seeds its own PRNG. SEED picks
another corpus of the same shape (scripts/pgo_train.sh trains on one, so the
release build is not tuned to the benchmark's exact input); the default is
the benchmark's.
Usage: gen_corpus.py OUTDIR [LINES] [LIST_ITEMS] [SEED]
"""
import os
import random
import sys

out = sys.argv[1]
lines = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
items = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261126
os.makedirs(out, exist_ok=True)
rnd = random.Random(seed)

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
USERS = ["alice", "bob", "CORP\\carol", "dave@corp.example.com", "erin", "frank@example.org", "svc-backup",
         "arn:aws:iam::111122223333:user/ops/grace", "heidi", "CORP\\ivan"]
HOSTS = ["www.example.com", "login.example.net", "cdn.shop.example.co.uk", "api.internal.corp", "update.vendor.io",
         "x7f3k9q2.duckdns.org", "mail.example.org", "files.example.com"]
PATHS = ["/", "/login", "/api/v1/items?id=42", "/static/app.js", "/download/setup.exe", "/search?q=report"]
ACTIONS = ["accept", "deny", "close", "timeout"]

# Public space for geo: 400 /16 networks spread over the IPv4 space (not reserved ranges).
geo_nets = []
while len(geo_nets) < 400:
    a = rnd.randrange(1, 223)
    if a in (10, 100, 127, 169, 172, 192, 198, 203):
        continue
    net = (a, rnd.randrange(0, 256))
    if net not in geo_nets:
        geo_nets.append(net)
CITIES = [("London", "England", "GB", "United Kingdom", 51.5, -0.12), ("Berlin", "Berlin", "DE", "Germany", 52.5, 13.4),
          ("Paris", "Ile-de-France", "FR", "France", 48.85, 2.35), ("Tokyo", "Tokyo", "JP", "Japan", 35.68, 139.7),
          ("Austin", "Texas", "US", "United States", 30.27, -97.74), ("Sydney", "New South Wales", "AU", "Australia", -33.87, 151.2)]
with open(os.path.join(out, "geo_networks.tsv"), "w") as f:
    for i, (a, b) in enumerate(geo_nets):
        c = CITIES[i % len(CITIES)]
        f.write(f"{a}.{b}.0.0/16\t{c[0]}\t{c[1]}\t{c[2]}\t{c[3]}\t{c[4]}\t{c[5]}\t{64500 + i % 500}\tExample Net {i % 97}\n")


def public_ip():
    a, b = geo_nets[rnd.randrange(len(geo_nets))]
    return f"{a}.{b}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"


def private_ip():
    return f"10.{rnd.randrange(4)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"


def stamp(i):
    sec = i % 86400
    return f"{MONTHS[2]} {14:2d} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"


def kv_line(i):
    src, dst = (private_ip(), public_ip()) if rnd.random() < 0.7 else (public_ip(), private_ip())
    user = USERS[rnd.randrange(len(USERS))]
    url = f"https://{HOSTS[rnd.randrange(len(HOSTS))]}{PATHS[rnd.randrange(len(PATHS))]}"
    return (f"<189>{stamp(i)} fw{rnd.randrange(1, 4):02d} date=2026-03-14 time=09:{i // 60 % 60:02d}:{i % 60:02d} "
            f"devname=\"FGT-{rnd.randrange(1, 4)}\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" "
            f"srcip={src} srcport={rnd.randrange(1024, 65535)} dstip={dst} dstport={rnd.choice([80, 443, 53, 22, 8443])} "
            f"proto=6 action=\"{rnd.choice(ACTIONS)}\" user=\"{user}\" url=\"{url}\" sentbyte={rnd.randrange(100, 90000)} "
            f"rcvdbyte={rnd.randrange(100, 900000)} msg=\"session {i}\"")


def cef_line(i):
    return (f"<134>{stamp(i)} ids01 CEF:0|Acme|Sentinel IDS|4.2|{rnd.choice([1001, 1002, 2001])}|Suspicious traffic|"
            f"{rnd.randrange(1, 10)}|src={public_ip()} spt={rnd.randrange(1024, 65535)} dst={private_ip()} dpt=443 "
            f"suser={USERS[rnd.randrange(len(USERS))]} request=https://{HOSTS[rnd.randrange(len(HOSTS))]}/x "
            f"cs1Label=policy cs1=block-{i % 7} act=blocked msg=flow {i}")


def trail_line(i):
    name = rnd.choice(["ConsoleLogin", "GetObject", "PutObject", "AssumeRole", "DescribeInstances"])
    return ('{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"' + rnd.choice(["alice", "bob", "carol"]) +
            '","accountId":"111122223333"},"eventTime":"2026-03-14T09:' + f"{i // 60 % 60:02d}:{i % 60:02d}" +
            'Z","eventSource":"s3.amazonaws.com","eventName":"' + name + '","awsRegion":"eu-west-1","sourceIPAddress":"' +
            public_ip() + '","userAgent":"aws-cli/2.15.0","eventID":"' + f"{i:08x}-0000-4000-8000-000000000000" + '"}')


with open(os.path.join(out, "syslog_kv.log"), "w") as f:
    for i in range(lines):
        f.write(kv_line(i) + "\n")
with open(os.path.join(out, "cef.log"), "w") as f:
    for i in range(lines // 4):
        f.write(cef_line(i) + "\n")
with open(os.path.join(out, "cloudtrail.log"), "w") as f:
    for i in range(lines // 4):
        f.write(trail_line(i) + "\n")
with open(os.path.join(out, "mixed.log"), "w") as f:
    for i in range(lines // 4):
        f.write((kv_line, cef_line, trail_line)[i % 3](i) + "\n")
with open(os.path.join(out, "threat_ips.csv"), "w") as f:
    f.write("value,description\n")
    for i in range(items):
        if i % 10 == 0:
            f.write(f"{rnd.randrange(1, 223)}.{rnd.randrange(256)}.{rnd.randrange(256)}.0/24,block {i}\n")
        else:
            f.write(f"{public_ip()},indicator {i}\n")
with open(os.path.join(out, "match_domains.csv"), "w") as f:
    f.write("value,description\n")
    for i in range(items):
        f.write(f"d{i:06d}-{rnd.randrange(10**6):06d}.example-{i % 50}.com,domain {i}\n")
    f.write("duckdns.org,dynamic dns\n")
