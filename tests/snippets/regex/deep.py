# Deeply nested and catastrophic patterns must not overflow the stack.
import re

print(bool(re.match('(' * 90 + 'a' + ')' * 90, 'a')))
print(re.match('(?:a|b)*c', 'ab' * 50000 + 'c').end())
print(re.match('(a|b)*', 'ab' * 50000).end())
print(re.match('(?:(a)|b)*?c', 'ab' * 30000 + 'c').end())
print(len(re.findall('a', 'a' * 200000)))
print(re.match(r'(x+x+)+y', 'x' * 14) is None)
print(re.search(r'(a*)*b', 'a' * 18) is None)
print(re.fullmatch('(?:a+)+', 'a' * 100000) is not None)
print(len(re.sub('(a)', r'\1b', 'a' * 100000)))
print(re.match('(?:a|ab)(?:c|bcd)(d*)', 'abcd').groups())
