"""JSON round trip with the json module: encode nested records, decode them, compare."""

import json


def make_records(n):
    records = []
    for i in range(n):
        records.append({
            "id": i,
            "name": f"user{i:05d}",
            "email": f"user{i}@example.com",
            "active": i % 3 != 0,
            "score": round(i * 1.37 % 100, 3),
            "tags": ["t" + str(i % 7), "group" + str(i % 13), "caf\u00e9" if i % 11 == 0 else "x"],
            "address": {"street": f"{i} Main St", "zip": str(10000 + i % 9000), "geo": [i / 7, -i / 3]},
            "manager": None if i % 5 else i // 5,
        })
    return records


def main():
    records = make_records(3000)
    total = 0
    for _ in range(4):
        compact = json.dumps(records)
        pretty = json.dumps(records, indent=2, sort_keys=True)
        ascii_off = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
        back = json.loads(compact)
        assert back == records
        again = json.loads(pretty)
        assert again == back
        total += len(compact) + len(pretty) + len(ascii_off) + len(json.loads(ascii_off))
    return total, back[1234]["address"]["geo"], back[-1]["tags"]


print("checksum", *main())
