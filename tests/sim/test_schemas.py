"""The simulator's transcription of the reference's field lists and enums, checked against
the machine-readable reference (the copy in tests/api/, which the C declarations are checked
against too), and the schema checker the other tests rely on, checked to reject what it
should."""

import json
import os
import unittest

from . import sim_schemas

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.environ.get('TV_API_JSON', os.path.join(ROOT, 'tests', 'api', 'tradovate-api.json'))


class TranscriptionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(REFERENCE) as f:
            cls.ref = json.load(f)

    def test_field_lists_match_the_reference(self):
        listed = {n for n, s in self.ref['schemas'].items() if 'fields' in s}
        unserved = {'SyncRequest', 'ShardingExpression', 'OrderStrategyType'}
        self.assertEqual(listed - set(sim_schemas.SCHEMAS), unserved)
        for name in listed - unserved:
            fields = [(f['name'], f['type'], f['required'])
                      for f in self.ref['schemas'][name]['fields']]
            self.assertEqual(sim_schemas.SCHEMAS[name], fields, name)

    def test_enums_match_the_reference(self):
        for name, values in sim_schemas.ENUMS.items():
            self.assertEqual(list(values), self.ref['enums'][name]['values'], name)


class CheckerTest(unittest.TestCase):
    def test_rejects_what_it_should(self):
        good = {'id': 4000000000001, 'accountId': 1001, 'timestamp': '2026-11-25T12:00:00.123Z',
                'action': 'Buy', 'ordStatus': 'Working', 'admin': False}
        self.assertEqual(sim_schemas.object_problems(good, 'Order'), [])
        for change in ({'accountId': None}, {'action': 'Hold'}, {'admin': 0},
                       {'id': 2**63}, {'id': True}, {'timestamp': '2026-11-25 12:00:00'},
                       {'extra': 1}):
            bad = dict(good, **change)
            if change.get('accountId', 0) is None:
                del bad['accountId']
            self.assertTrue(sim_schemas.object_problems(bad, 'Order'), change)
        self.assertEqual(sim_schemas.object_problems(dict(good, extra=1), 'Order',
                                                     strict=False), [])
        self.assertTrue(sim_schemas.problems([good, {}], 'array<ref:Order>'))
        self.assertTrue(sim_schemas.problems(2**31, 'integer'))
        self.assertEqual(sim_schemas.problems('2017-12-15T22:29Z', 'date-time'), [])


if __name__ == '__main__':
    unittest.main()
