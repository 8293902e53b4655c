"""A hand-written tokenizer for a small C-like language, character by character.

A generated source text (functions, expressions, strings with escapes,
comments, numbers in several bases) is split into tokens by a scanner that
keeps a position and dispatches on the current character, as hand-written
lexers do; the tokens are counted by kind and folded into a checksum.
"""

KEYWORDS = {"fn", "let", "if", "else", "while", "return", "true", "false", "for", "in"}
OPERATORS = sorted(
    ["==", "!=", "<=", ">=", "&&", "||", "->", "+=", "-=", "<<", ">>",
     "+", "-", "*", "/", "%", "<", ">", "=", "!", "&", "|", "^",
     "(", ")", "{", "}", "[", "]", ",", ";", ":", "."],
    key=len, reverse=True,
)


class Token:
    __slots__ = ("kind", "text", "line", "col")

    def __init__(self, kind, text, line, col):
        self.kind = kind
        self.text = text
        self.line = line
        self.col = col

    def __repr__(self):
        return f"Token({self.kind}, {self.text!r}, {self.line}:{self.col})"


class LexError(Exception):
    pass


class Lexer:
    def __init__(self, source):
        self.src = source
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def error(self, message):
        raise LexError(f"{message} at {self.line}:{self.pos - self.line_start + 1}")

    def tokens(self):
        src = self.src
        n = len(src)
        while self.pos < n:
            ch = src[self.pos]
            if ch == "\n":
                self.pos += 1
                self.line += 1
                self.line_start = self.pos
            elif ch.isspace():
                self.pos += 1
            elif ch == "/" and src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif ch.isalpha() or ch == "_":
                yield self.identifier()
            elif ch.isdigit():
                yield self.number()
            elif ch == '"':
                yield self.string()
            else:
                yield self.operator()
        yield Token("EOF", "", self.line, self.pos - self.line_start + 1)

    def make(self, kind, start):
        return Token(kind, self.src[start:self.pos], self.line, start - self.line_start + 1)

    def identifier(self):
        start = self.pos
        src = self.src
        while self.pos < len(src) and (src[self.pos].isalnum() or src[self.pos] == "_"):
            self.pos += 1
        tok = self.make("NAME", start)
        if tok.text in KEYWORDS:
            tok.kind = "KEYWORD"
        return tok

    def number(self):
        start = self.pos
        src = self.src
        if src.startswith(("0x", "0X"), self.pos):
            self.pos += 2
            while self.pos < len(src) and src[self.pos] in "0123456789abcdefABCDEF_":
                self.pos += 1
            return self.make("INT", start)
        while self.pos < len(src) and (src[self.pos].isdigit() or src[self.pos] == "_"):
            self.pos += 1
        kind = "INT"
        if self.pos < len(src) and src[self.pos] == "." and src[self.pos + 1:self.pos + 2].isdigit():
            kind = "FLOAT"
            self.pos += 1
            while self.pos < len(src) and src[self.pos].isdigit():
                self.pos += 1
        return self.make(kind, start)

    def string(self):
        start = self.pos
        self.pos += 1
        chars = []
        src = self.src
        while True:
            if self.pos >= len(src) or src[self.pos] == "\n":
                self.error("unterminated string")
            ch = src[self.pos]
            if ch == '"':
                self.pos += 1
                break
            if ch == "\\":
                esc = src[self.pos + 1]
                chars.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(esc, esc))
                self.pos += 2
            else:
                chars.append(ch)
                self.pos += 1
        tok = self.make("STRING", start)
        tok.text = "".join(chars)
        return tok

    def operator(self):
        for op in OPERATORS:
            if self.src.startswith(op, self.pos):
                start = self.pos
                self.pos += len(op)
                return self.make("OP", start)
        self.error(f"unexpected character {self.src[self.pos]!r}")


def make_source(n):
    parts = []
    for i in range(n):
        parts.append(
            f"// function number {i}\n"
            f"fn compute_{i}(a, b) -> int {{\n"
            f"    let total = a * {i} + b / 0x{i:x} - {i}.5;\n"
            f"    if total >= {i % 10} && a != b {{ total += \"str\\t{i}\\n\"; }}\n"
            f"    while (a < b) {{ a = a << 1; b -= a % 3; }}\n"
            f"    for x in [1, 2, 3] {{ print(x, total, \"done\"); }}\n"
            f"    return total;\n"
            f"}}\n"
        )
    return "".join(parts)


def main():
    source = make_source(2500)
    counts = {}
    checksum = 0
    last = None
    for tok in Lexer(source).tokens():
        counts[tok.kind] = counts.get(tok.kind, 0) + 1
        checksum = (checksum * 7 + len(tok.text) + tok.col) % 1_000_000_007
        last = tok
    try:
        list(Lexer('let s = "oops\n').tokens())
    except LexError as e:
        error = str(e)
    return sorted(counts.items()), checksum, last, error


print("checksum", *main())
