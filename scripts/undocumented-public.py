#!/usr/bin/env python3
"""Lists public symbols in Sources/ that have no `///` doc comment.

Usage: python3 scripts/undocumented-public.py [package-root]
Prints `file:line: declaration` for each one and exits 1 when there are any, so it can run in CI
(`.ci/run` does); exits 2 when the root holds no Sources/**/*.swift (a wrong root would pass).
Checks `public`/`open` declarations and the cases of public enums (which are public without the
keyword). Attributes (`@discardableResult`, `@Flag(...)`) between the comment and the
declaration are allowed.
"""
import pathlib
import re
import sys

DECLARATION = re.compile(
    r'^\s*(?:@\w+(?:\(.*\))?\s+)*(?:public|open)\s+'
    r'(?:(?:static|class|final|override|mutating|nonisolated|required|convenience|indirect|'
    r'(?:private|fileprivate|internal)\(set\))\s+)*'
    r'(func|var|let|init|struct|enum|class|protocol|typealias|subscript|actor)\b')
PUBLIC_ENUM = re.compile(r'^(\s*)(?:@\w+\s+)*public\s+(?:indirect\s+)?enum\b')
CASE = re.compile(r'^\s*case\s+\w')


def documented(lines, index):
    """Whether the declaration at `index` has a `///` line above it (past attribute lines)."""
    above = index - 1
    while above >= 0 and lines[above].strip().startswith('@'):
        above -= 1
    return above >= 0 and lines[above].strip().startswith('///')


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    paths = sorted(root.glob('Sources/**/*.swift'))
    if not paths:
        print(f'no Sources/**/*.swift under {root}', file=sys.stderr)
        return 2
    missing = []
    for path in paths:
        lines = path.read_text(encoding='utf-8').splitlines()
        enum_indents = []  # indentation of the public enums we are inside
        for index, line in enumerate(lines):
            indent = len(line) - len(line.lstrip())
            if enum_indents and line.strip() == '}' and indent == enum_indents[-1]:
                enum_indents.pop()
            enum = PUBLIC_ENUM.match(line)
            if enum and line.rstrip().endswith('{'):
                enum_indents.append(len(enum.group(1)))
            is_case = bool(enum_indents) and CASE.match(line) and indent == enum_indents[-1] + 4
            if (DECLARATION.match(line) or is_case) and not documented(lines, index):
                missing.append(f'{path.relative_to(root)}:{index + 1}: {line.strip()}')
    print('\n'.join(missing) if missing else 'every public symbol is documented')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
