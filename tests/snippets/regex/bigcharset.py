# Character sets compiled to BIGCHARSET (characters above U+00FF, and
# case-insensitive sets whose case fixes leave Latin-1).
import re

def show(pat, s, flags=0):
    m = re.search(pat, s, flags)
    print(repr(pat), repr(s), m and (m.span(), m.group()))

show(r'(?i)[a-z]+', 'ÀbC'); show(r'(?i)[k]', '\u212a'); show(r'(?i)[^k]', '\u212a')
show(r'(?i)[ǅ-ǆ]x', 'Ǆx'); show(r'[α-ωА-я]+', 'xx Привет αβγ'); show(r'[^α-ω]+', 'αβabcγ')
show(r'[\u0100-\u0200\u3000-\u3100]+', 'aĀǿ\u3042b'); show(r'(?i)[ſ]', 'S'); show(r'(?i)[σ]+', 'Σςσ')
show(r'[一-龥]+', 'abc 漢字 def'); show(r'[\U0001F600-\U0001F64F]', 'x 😀'); show(r'(?i)[\U00010400]', '\U00010428')
print(re.findall(r'[à-ÿ]', 'àéÿ€'), re.findall(r'(?i)[à-þ]+', 'ÀÉÞx'))
