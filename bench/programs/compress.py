"""Data compression: LZW over bytes and Huffman coding with heapq, each verified by
decompressing. Exercises bytes/bytearray, dicts keyed by bytes, heaps and bit fiddling."""

import heapq


def make_text(n):
    words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "then",
             "runs", "far", "away", "from", "a", "very", "big", "cat", "in", "garden"]
    out = []
    state = 12345
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(words[(state >> 16) % len(words)])
        if state % 11 == 0:
            out.append(".\n")
    return " ".join(out).encode("ascii")


def lzw_compress(data):
    table = {bytes([i]): i for i in range(256)}
    current = b""
    codes = []
    for byte in data:
        candidate = current + bytes([byte])
        if candidate in table:
            current = candidate
        else:
            codes.append(table[current])
            table[candidate] = len(table)
            current = bytes([byte])
    if current:
        codes.append(table[current])
    return codes


def lzw_decompress(codes):
    table = {i: bytes([i]) for i in range(256)}
    previous = table[codes[0]]
    out = bytearray(previous)
    for code in codes[1:]:
        if code in table:
            entry = table[code]
        elif code == len(table):
            entry = previous + previous[:1]
        else:
            raise ValueError(f"bad code {code}")
        out += entry
        table[len(table)] = previous + entry[:1]
        previous = entry
    return bytes(out)


def huffman_code(data):
    freq = {}
    for b in data:
        freq[b] = freq.get(b, 0) + 1
    heap = [(count, i, (sym,)) for i, (sym, count) in enumerate(sorted(freq.items()))]
    heapq.heapify(heap)
    codes = {sym: "" for sym in freq}
    order = len(heap)
    while len(heap) > 1:
        c1, _, syms1 = heapq.heappop(heap)
        c2, _, syms2 = heapq.heappop(heap)
        for s in syms1:
            codes[s] = "0" + codes[s]
        for s in syms2:
            codes[s] = "1" + codes[s]
        heapq.heappush(heap, (c1 + c2, order, syms1 + syms2))
        order += 1
    return codes


def huffman_encode(data, codes):
    bits = "".join(codes[b] for b in data)
    padded = bits + "0" * (-len(bits) % 8)
    packed = bytes(int(padded[i:i + 8], 2) for i in range(0, len(padded), 8))
    return packed, len(bits)


def huffman_decode(packed, nbits, codes):
    decode = {code: sym for sym, code in codes.items()}
    out = bytearray()
    current = ""
    for byte in packed:
        for bit in format(byte, "08b"):
            if nbits == 0:
                break
            nbits -= 1
            current += bit
            sym = decode.get(current)
            if sym is not None:
                out.append(sym)
                current = ""
    return bytes(out)


def main():
    data = make_text(40_000)
    codes = lzw_compress(data)
    assert lzw_decompress(codes) == data
    table = huffman_code(data)
    packed, nbits = huffman_encode(data, table)
    assert huffman_decode(packed, nbits, table) == data
    return len(data), len(codes), max(codes), len(packed), sum(packed) % 65521


print("checksum", *main())
