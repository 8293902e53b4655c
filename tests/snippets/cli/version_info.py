import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 11), sys.hexversion >> 16 == 0x30b)
print(sys.maxsize, sys.byteorder, type(sys.platform).__name__, sys.getdefaultencoding())
print(type(sys.implementation.name).__name__, sys.int_info.bits_per_digit in (15, 30) or True)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.stdout.encoding, sys.stdin is not None, sys.getrecursionlimit())
