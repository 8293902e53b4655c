# args: -W error {file}
# A compile-time warning in the script itself is a SyntaxError under -W error:
# nothing runs, the traceback shows the line, the exit status is 1.
print("not printed")
x = 1
if x is 1:
    print("not printed either")
