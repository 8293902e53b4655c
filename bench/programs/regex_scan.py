"""Regular-expression scanning with the re module: a synthetic web-server log is
searched, parsed into fields, filtered and rewritten."""

import re

LINE = re.compile(
    r'(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) - (?P<user>\S+) \[(?P<date>[^\]]+)\] '
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.[01]" (?P<status>\d{3}) (?P<size>\d+|-)'
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def make_log(n):
    methods = ["GET", "POST", "PUT", "DELETE"]
    users = ["-", "alice", "bob", "carol@example.org"]
    lines = []
    for i in range(n):
        ip = f"10.{i % 256}.{(i * 7) % 256}.{(i * 13) % 256}"
        path = f"/api/v{i % 3}/items/{i % 1000}?page={i % 17}&q=term{i % 29}"
        size = "-" if i % 19 == 0 else str((i * 37) % 50000)
        lines.append(
            f'{ip} - {users[i % 4]} [10/Oct/2023:13:{i % 60:02d}:{(i * 7) % 60:02d} +0000] '
            f'"{methods[i % 4]} {path} HTTP/1.1" {(200, 201, 301, 304, 500)[i % 5] if i % 7 else 404} {size}'
        )
        if i % 10 == 0:
            lines.append(f"# note {i}: contact admin{i % 9}@example.com or ops.team@corp.example.net, load {i * 0.25}")
    return "\n".join(lines)


def main():
    text = make_log(20_000)
    by_status = {}
    bytes_sent = 0
    paths = set()
    for m in LINE.finditer(text):
        status = m.group("status")
        by_status[status] = by_status.get(status, 0) + 1
        if m["size"] != "-":
            bytes_sent += int(m["size"])
        paths.add(m.group("path").split("?")[0])
    emails = EMAIL.findall(text)
    numbers = sum(float(x) for x in NUMBER.findall(text[:200_000]))
    anonymised = re.sub(r"\d+\.\d+\.\d+\.(\d+)", r"x.x.x.\1", text)
    queries = re.findall(r"[?&](\w+)=(\w+)", text)
    words = len(re.split(r"\s+", text))
    return (sorted(by_status.items()), bytes_sent, len(paths), len(emails), f"{numbers:.2f}",
            len(anonymised), len(queries), words)


print("checksum", *main())
