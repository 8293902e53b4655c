# The interactive loop of `taipan` (CPython's PyRun_InteractiveLoop): run
# when stdin is a terminal or with -i.  Prompts (sys.ps1/sys.ps2) go to
# stderr, each complete statement is compiled in 'single' mode (so
# expression values go through sys.displayhook), errors are reported
# through sys.excepthook with sys.last_* set, and end of input ends the
# loop.  codeop decides whether the input so far is complete.

def _interact(banner):
    import sys
    import codeop
    if banner is not None:
        sys.stderr.write(banner)
    if not hasattr(sys, 'ps1'):
        sys.ps1 = '>>> '
    if not hasattr(sys, 'ps2'):
        sys.ps2 = '... '
    main = sys.modules['__main__'].__dict__
    compile_command = codeop.CommandCompiler()

    def report(e, tb):
        e.__traceback__ = tb
        sys.last_type, sys.last_value, sys.last_traceback = type(e), e, tb
        sys.excepthook(type(e), e, tb)

    def flush():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass

    lines = []
    while True:
        try:
            prompt = sys.ps2 if lines else sys.ps1
            sys.stderr.write(str(prompt))
            sys.stderr.flush()
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            sys.stderr.write('\nKeyboardInterrupt\n')
            lines = []
            continue
        eof = not line
        if eof:
            sys.stderr.write('\n')
            if not lines:
                return
        else:
            lines.append(line)
        source = ''.join(lines)
        try:
            if eof:
                code = compile(source + '\n', '<stdin>', 'single',
                               compile_command.compiler.flags, True)
            else:
                code = compile_command(source, '<stdin>', 'single')
        except (SyntaxError, OverflowError, ValueError) as e:
            lines = []
            report(e, None)
            flush()
            continue
        if code is None or (not eof and _compound(lines) and lines[-1].strip()):
            # A compound statement ends at a blank line, as in CPython's
            # interactive tokenizer (codeop alone would accept it earlier).
            continue
        lines = []
        try:
            exec(code, main)
        except SystemExit:
            raise
        except BaseException as e:
            tb = e.__traceback__
            report(e, tb.tb_next if tb is not None else None)
        flush()


_COMPOUND = ('if', 'while', 'for', 'try', 'with', 'def', 'class', 'async', 'match')

def _compound(lines):
    """Whether the input starts with a compound statement's header."""
    first = lines[0].lstrip()
    if first.startswith('@'):
        return True
    word = first.split(None, 1)[0] if first.split() else ''
    word = word.split(':', 1)[0].split('(', 1)[0]
    if word not in _COMPOUND:
        return False
    if word == 'match':
        rest = first[5:].lstrip()
        return bool(rest) and rest[0] not in '=.([,:)' and not rest.startswith(('==', '+=', '-='))
    return True
