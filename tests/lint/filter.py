#!/usr/bin/env python3
"""Keep the findings of a static analyzer that are not known to be false.

    filter.py TOOL SUPPRESSIONS [OUTPUT...]

Reads the analyzer's output (files, or stdin), groups it into findings (a
`file:line:col: severity: message [check]` line and the lines after it),
drops each finding that an entry of SUPPRESSIONS for TOOL matches, prints
the rest, and exits 1 if any remain. An entry that matches nothing is stale
and also fails the run, so the list cannot outlive the code it excuses.

A suppression is a paragraph (blank lines between them, '#' comments
allowed):

    tool:  cppcheck | clang-tidy | analyzer
    check: the check's name (one of those in the [...] of the finding)
    file:  the file, relative to the repository root
    code:  text on the flagged line (optional: without it, any line of file)
    why:   why the finding is false; required

Matching on the flagged line's text, not its number, keeps entries valid
while the code around them moves.
"""

import os
import re
import sys

FINDING = re.compile(r'^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:\d+:)? *'
                     r'(?P<sev>warning|error|style|portability|performance|information):'
                     r' (?P<msg>.*?)\s*(?P<checks>(?:\[[^\]]+\]\s*)+)$')
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_suppressions(path, tool):
    entries = []
    with open(path, encoding='utf-8') as f:
        paragraphs = re.split(r'\n\s*\n', f.read())
    for para in paragraphs:
        entry = {}
        key = None
        for line in para.splitlines():
            if line.lstrip().startswith('#') or not line.strip():
                continue
            m = re.match(r'^(tool|check|file|code|why):\s*(.*)$', line)
            if m:
                key = m.group(1)
                entry[key] = m.group(2).strip()
            elif key is not None and line[:1].isspace():
                entry[key] += ' ' + line.strip()
            else:
                sys.exit('%s: cannot read the line %r' % (path, line))
        if not entry:
            continue
        missing = [k for k in ('tool', 'check', 'file', 'why') if not entry.get(k)]
        if missing:
            sys.exit('%s: an entry lacks %s: %r' % (path, ', '.join(missing), entry))
        if entry['tool'] == tool:
            entry['used'] = 0
            entries.append(entry)
    return entries


def source_line(path, number):
    try:
        with open(os.path.join(ROOT, path), encoding='utf-8', errors='replace') as f:
            for i, text in enumerate(f, 1):
                if i == number:
                    return text
    except OSError:
        pass
    return ''


def findings(lines):
    current = None
    for line in lines:
        m = FINDING.match(line.rstrip('\n'))
        if m:
            if current:
                yield current
            current = {'m': m, 'text': [line]}
        elif current:
            current['text'].append(line)
    if current:
        yield current


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tool, supp = sys.argv[1], sys.argv[2]
    entries = load_suppressions(supp, tool)
    lines = []
    if len(sys.argv) > 3:
        for path in sys.argv[3:]:
            with open(path, encoding='utf-8', errors='replace') as f:
                lines.extend(f.readlines())
    else:
        lines = sys.stdin.readlines()
    kept = 0
    seen = set()
    for fnd in findings(lines):
        m = fnd['m']
        path = os.path.relpath(os.path.join(ROOT, m.group('file')), ROOT) \
            if not os.path.isabs(m.group('file')) else os.path.relpath(m.group('file'), ROOT)
        key = (path, m.group('line'), m.group('checks'))
        if key in seen:  # a header's finding comes once per file that includes it
            continue
        seen.add(key)
        checks = set(re.findall(r'[^\[\],\s]+', m.group('checks')))
        code = source_line(path, int(m.group('line')))
        match = None
        for e in entries:
            if e['check'] in checks and e['file'] == path and e.get('code', '') in code:
                match = e
                break
        if match:
            match['used'] += 1
            continue
        kept += 1
        sys.stdout.write(''.join(fnd['text']))
    stale = [e for e in entries if e['used'] == 0]
    for e in stale:
        print('%s: stale suppression (matches nothing): %s %s %s' %
              (supp, e['check'], e['file'], e.get('code', '')))
    if kept or stale:
        print('%s: %d finding(s), %d stale suppression(s)' % (tool, kept, len(stale)))
        return 1
    print('%s: clean (%d known false finding(s) suppressed)' %
          (tool, sum(e['used'] for e in entries)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
