"""The C declarations agree with the machine-readable API reference.

tv_enums.h and tv_types.h declare every enum and JSON object once, as X-macro
rows; the C structs and the decoder/encoder tables are both expanded from
those rows. This test reads the rows and checks them against
tests/api/tradovate-api.json (a copy of the project's API reference): every
enum value, every field of every schema with a compatible kind and the same
required flag, and the documented departures and no others.
"""
import json
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REF = json.load(open(os.path.join(ROOT, 'tests', 'api', 'tradovate-api.json')))


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


def macro_bodies(text, prefix):
    """{macro name: body} for every multi-line #define whose name matches prefix."""
    out = {}
    for m in re.finditer(r'#define (%s\w*)\([^)]*\)((?:[^\n]*\\\n)*[^\n]*)' % prefix, text):
        out[m.group(1)] = m.group(2)
    return out


def expand(lists, name, depth=0):
    """The field rows of list `name`, with nested field-group lists inlined."""
    body = lists[name]
    rows = []
    for m in re.finditer(r'(X\(T, [^)]*\))|((TV_(?:SCHEMA|FIELDS)_\w+)\(X, T\))', body):
        if m.group(1):
            rows.append(FIELD_ROWS.match(m.group(1)).groups())
        else:
            assert depth < 4, name
            rows.extend(expand(lists, m.group(3), depth + 1))
    return rows


ENUMS_H = read('include/tradovate/tv_enums.h')
TYPES_H = read('include/tradovate/tv_types.h')

ENUM_ROWS = re.compile(r'X\((TV_\w+), "([^"]*)"\)')
ALL_ENUMS = re.compile(r'X\((tv_\w+), (TV_\w+), "(\w+)", (TV_ENUM_\w+)\)')
FIELD_ROWS = re.compile(r'X\(T, (\w+),\s+([^,]+?),\s+"([^"]+)",\s+(\w+),\s+(REQ|OPT),\s+(\w+)\)')
ALL_SCHEMAS = re.compile(r'X\((tv_\w+), "(\w+)", (TV_SCHEMA_\w+)\)')

# Reference type -> kinds the C side may use for it.
KINDS = {
    'int64': {'I64'}, 'integer': {'I32'}, 'double': {'F64'}, 'number': {'F64'},
    'boolean': {'BOOL'}, 'string': {'STR'}, 'date-time': {'TIME'},
    'array<string>': {'STRS'}, 'array<int64>': {'I64S'}, 'object': {'RAW'},
    'ref:TradeDate': {'DATE'},
}

# Departures from the reference, each documented in tv_types.h.
DEPARTURES = {
    ('AccessTokenRequest', 'cid'): 'I64',          # examples send a number
    ('StartOrderStrategy', 'params'): 'EMBED',      # typed, sent as JSON in a string
}
# Types the reference describes in prose or not at all, built by the project.
PROJECT_TYPES = {'EstimatedFillFee', 'StrategyEntryVersion', 'StrategyBracket', 'UserInfo'}


class EnumConformance(unittest.TestCase):
    def test_every_reference_enum_is_declared_with_its_values(self):
        lists = macro_bodies(ENUMS_H, 'TV_ENUM_')
        declared = {ref: (ctype, lst) for ctype, _, ref, lst in ALL_ENUMS.findall(ENUMS_H)}
        self.assertEqual(set(declared), set(REF['enums']))
        for ref, spec in REF['enums'].items():
            ctype, lst = declared[ref]
            values = [s for _, s in ENUM_ROWS.findall(lists[lst])]
            self.assertEqual(values, spec['values'], ref)
            consts = [c for c, _ in ENUM_ROWS.findall(lists[lst])]
            self.assertEqual(len(set(consts)), len(consts), ref)
            prefix = ctype.upper() + '_'
            for c in consts:
                self.assertTrue(c.startswith(prefix), (ref, c))
                self.assertNotEqual(c, prefix + 'UNRECOGNIZED', ref)


class SchemaConformance(unittest.TestCase):
    def setUp(self):
        self.lists = macro_bodies(TYPES_H, 'TV_(?:SCHEMA|FIELDS)_')
        self.declared = {ref: (ctype, lst) for ctype, ref, lst in ALL_SCHEMAS.findall(TYPES_H)}
        self.enum_types = {ref: ctype for ctype, _, ref, _ in ALL_ENUMS.findall(ENUMS_H)}
        self.schema_types = {ref: ctype for ref, (ctype, _) in self.declared.items()}

    def rows(self, ref):
        return expand(self.lists, self.declared[ref][1])

    def test_declared_types_exist_in_reference(self):
        for ref in self.declared:
            if ref in PROJECT_TYPES or ref == 'StrategyParams':
                continue
            self.assertIn(ref, REF['schemas'], ref)

    def test_fields_match_reference(self):
        for ref in self.declared:
            spec = REF['schemas'].get(ref)
            if spec is None or 'fields' not in spec or ref == 'StrategyParams':
                continue
            rows = {json_name: row for row in self.rows(ref) for json_name in [row[2]]}
            self.assertEqual(set(rows), {f['name'] for f in spec['fields']}, ref)
            for f in spec['fields']:
                member, ctype, json_name, kind, req, aux = rows[f['name']]
                self.assertEqual(req == 'REQ', f['required'], (ref, f['name']))
                t = f['type']
                if (ref, f['name']) in DEPARTURES:
                    self.assertEqual(kind, DEPARTURES[(ref, f['name'])], (ref, f['name']))
                elif t.startswith('enum:'):
                    self.assertEqual(kind, 'ENUM', (ref, f['name']))
                    self.assertEqual(ctype, self.enum_types[t[5:]], (ref, f['name']))
                elif t.startswith('array<ref:'):
                    self.assertEqual(kind, 'OBJS', (ref, f['name']))
                    self.assertEqual('tv_' + aux, self.schema_types[t[10:-1]], (ref, f['name']))
                elif t.startswith('ref:') and t != 'ref:TradeDate':
                    self.assertEqual(kind, 'OBJ', (ref, f['name']))
                    self.assertEqual(ctype, self.schema_types[t[4:]], (ref, f['name']))
                else:
                    self.assertIn(kind, KINDS[t], (ref, f['name'], t))

    def test_members_unique_and_c_identifiers(self):
        for ref in self.declared:
            members = [r[0] for r in self.rows(ref)]
            self.assertEqual(len(members), len(set(members)), ref)
            self.assertLessEqual(len(members), 32, ref)  # one uint32_t presence mask

    def test_every_mandatory_schema_is_typed(self):
        wanted = set()
        for ep in REF['endpoints']['mandatory_actions'] + REF['endpoints']['mandatory_entity_queries']:
            for key in ('body', 'response'):
                name = ep.get(key)
                if name and name != 'unknown':
                    wanted.add(re.sub(r'^array<(.*)>$', r'\1', name))
        self.assertEqual(wanted - set(self.declared), set())

    def test_estimated_fill_fee_is_fill_fee_without_id_plus_bps(self):
        fill_fee = {f['name'] for f in REF['schemas']['FillFee']['fields']} - {'id'}
        est = {r[2] for r in self.rows('EstimatedFillFee')}
        self.assertEqual(est, fill_fee | {'commissionNotionalValueBPS', 'exchangeFeeNotionalValueBPS'})


if __name__ == '__main__':
    unittest.main()
