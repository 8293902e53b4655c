"""A small template engine: templates are parsed once into a node tree and rendered
many times with different data.

Syntax: {{ name.attr|filter }} substitutes a value, {% for x in seq %} ...
{% endfor %} loops (with loop.index), {% if expr %} ... {% else %} ...
{% endif %} chooses, {# ... #} is a comment. Values are HTML-escaped unless
the `safe` filter is used.
"""


class TemplateError(Exception):
    pass


def escape(s):
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "title": lambda v: str(v).title(),
    "length": len,
    "money": lambda v: f"${v:,.2f}",
    "safe": lambda v: v,
}


class Context:
    def __init__(self, data, parent=None):
        self.data = data
        self.parent = parent

    def lookup(self, name):
        ctx = self
        while ctx is not None:
            if name in ctx.data:
                return ctx.data[name]
            ctx = ctx.parent
        raise TemplateError(f"undefined variable {name!r}")

    def resolve(self, path):
        first, *rest = path.split(".")
        value = self.lookup(first)
        for part in rest:
            if isinstance(value, dict):
                value = value[part]
            else:
                value = getattr(value, part)
        return value


class Text:
    def __init__(self, text):
        self.text = text

    def render(self, ctx, out):
        out.append(self.text)


class Var:
    def __init__(self, expr):
        path, *filters = [p.strip() for p in expr.split("|")]
        self.path = path
        self.filters = filters
        for f in filters:
            if f not in FILTERS:
                raise TemplateError(f"unknown filter {f!r}")

    def render(self, ctx, out):
        value = ctx.resolve(self.path)
        safe = False
        for f in self.filters:
            value = FILTERS[f](value)
            safe = f == "safe"
        out.append(str(value) if safe else escape(value))


class For:
    def __init__(self, var, seq_path, body):
        self.var = var
        self.seq_path = seq_path
        self.body = body

    def render(self, ctx, out):
        items = ctx.resolve(self.seq_path)
        n = len(items)
        for i, item in enumerate(items):
            loop = {"index": i + 1, "first": i == 0, "last": i == n - 1}
            inner = Context({self.var: item, "loop": loop}, ctx)
            for node in self.body:
                node.render(inner, out)


class If:
    def __init__(self, expr, then, otherwise):
        negate = expr.startswith("not ")
        self.path = expr[4:].strip() if negate else expr
        self.negate = negate
        self.then = then
        self.otherwise = otherwise

    def render(self, ctx, out):
        value = bool(ctx.resolve(self.path))
        for node in (self.then if value != self.negate else self.otherwise):
            node.render(ctx, out)


def tokenize(source):
    pos = 0
    while True:
        start = source.find("{", pos)
        while start >= 0 and source[start + 1:start + 2] not in ("{", "%", "#"):
            start = source.find("{", start + 1)
        if start < 0:
            if pos < len(source):
                yield "text", source[pos:]
            return
        if start > pos:
            yield "text", source[pos:start]
        closer = {"{": "}}", "%": "%}", "#": "#}"}[source[start + 1]]
        end = source.find(closer, start + 2)
        if end < 0:
            raise TemplateError(f"unclosed tag at offset {start}")
        kind = {"{": "var", "%": "block", "#": "comment"}[source[start + 1]]
        yield kind, source[start + 2:end].strip()
        pos = end + 2


def parse(source):
    tokens = list(tokenize(source))
    nodes, pos, end = parse_nodes(tokens, 0, ())
    if end is not None:
        raise TemplateError(f"unexpected {{% {end} %}}")
    return nodes


def parse_nodes(tokens, pos, stop):
    nodes = []
    while pos < len(tokens):
        kind, value = tokens[pos]
        pos += 1
        if kind == "text":
            nodes.append(Text(value))
        elif kind == "var":
            nodes.append(Var(value))
        elif kind == "block":
            word, _, rest = value.partition(" ")
            if word in stop:
                return nodes, pos, word
            if word == "for":
                var, _, seq = rest.partition(" in ")
                body, pos, end = parse_nodes(tokens, pos, ("endfor",))
                nodes.append(For(var.strip(), seq.strip(), body))
            elif word == "if":
                then, pos, end = parse_nodes(tokens, pos, ("else", "endif"))
                otherwise = []
                if end == "else":
                    otherwise, pos, end = parse_nodes(tokens, pos, ("endif",))
                nodes.append(If(rest.strip(), then, otherwise))
            else:
                raise TemplateError(f"unknown tag {word!r}")
    if stop:
        raise TemplateError(f"missing {{% {stop[-1]} %}}")
    return nodes, pos, None


def render(nodes, data):
    out = []
    ctx = Context(data)
    for node in nodes:
        node.render(ctx, out)
    return "".join(out)


PAGE = """<html><head><title>{{ title|title }}</title></head>
<body>
{# the product table #}
<h1>{{ title|upper }} ({{ products|length }} items)</h1>
<table>
{% for p in products %}  <tr class="{% if loop.first %}first{% else %}row{% endif %}">
    <td>{{ loop.index }}</td><td>{{ p.name }}</td><td>{{ p.price|money }}</td>
    <td>{% if p.in_stock %}in stock{% else %}sold out{% endif %}</td>
    <td>{% for t in p.tags %}<span>{{ t|lower }}</span>{% if not loop.last %}, {% endif %}{% endfor %}</td>
  </tr>
{% endfor %}</table>
{% if user %}<p>Signed in as {{ user.name }} &lt;{{ user.email }}&gt;</p>{% else %}<p>Guest</p>{% endif %}
{{ footer|safe }}
</body></html>
"""


class User:
    def __init__(self, name, email):
        self.name = name
        self.email = email


def main():
    nodes = parse(PAGE)
    total = 0
    checksum = 0
    for page in range(180):
        products = [
            {"name": f"Widget <{page}-{i}> & co", "price": (page * 31 + i * 17) % 1000 + 0.99,
             "in_stock": (page + i) % 3 != 0, "tags": ["New", "Sale", f"T{i % 5}"][: 1 + i % 3]}
            for i in range(100)
        ]
        user = User(f"user{page}", f"u{page}@example.com") if page % 4 else None
        html = render(nodes, {"title": f"catalogue page {page}", "products": products,
                              "user": user, "footer": "<footer>&copy; Example</footer>"})
        total += len(html)
        checksum = (checksum * 131 + sum(map(ord, html[::97]))) % 1_000_000_007
    try:
        parse("{% for x in xs %}{{ x }}")
    except TemplateError as e:
        error = str(e)
    return total, checksum, error


print("checksum", *main())
