"""Entity tables of the simulated exchange: ids, ownership and the deps indexes.

Every entity the service exposes through list/item/items/deps/ldeps lives here as the plain dict
that is served, so a query is a dict lookup and a serialisation, nothing more: a 10,000-order
`order/list` must be answered well inside a second.  Who may see an entity (its account) is kept
beside it, not in it, because the reference's field lists do not carry it for most entities.
"""

import datetime

# Entity path prefix -> (schema name, field naming the deps master, first id).
# Masters are the reference's (section 5): fill/orderVersion/command deps by Order,
# commandReport/executionReport by Command, fillFee by Fill (a FillFee shares its Fill's id),
# order/orderStrategy by Account, orderStrategyLink by OrderStrategy.  Ids of the order-flow
# entities start above 2^32 (and in separate ranges) so that a client that squeezes an id
# through 32 bits, or mixes one entity's id up with another's, fails visibly.
ENTITIES = {
    'order': ('Order', 'accountId', 4_000_000_000_001),
    'orderVersion': ('OrderVersion', 'orderId', 4_100_000_000_001),
    'command': ('Command', 'orderId', 4_200_000_000_001),
    'commandReport': ('CommandReport', 'commandId', 4_300_000_000_001),
    'executionReport': ('ExecutionReport', 'commandId', 4_400_000_000_001),
    'fill': ('Fill', 'orderId', 4_500_000_000_001),
    'fillFee': ('FillFee', 'id', None),
    'orderStrategy': ('OrderStrategy', 'accountId', 4_600_000_000_001),
    'orderStrategyLink': ('OrderStrategyLink', 'orderStrategyId', 4_700_000_000_001),
    # Supporting entities (section 8 of the reference).
    'account': ('Account', 'userId', None),
    'position': ('Position', 'accountId', 7_000_001),
    'contract': ('Contract', 'contractMaturityId', None),
}

# Paths are matched case-insensitively; this maps the lower-case spelling back.
BY_LOWER = {name.lower(): name for name in ENTITIES}


def iso(dt):
    """ISO-8601 UTC with milliseconds and Z, the form the service uses."""
    return dt.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (dt.microsecond // 1000)


def now_iso():
    return iso(datetime.datetime.now(datetime.timezone.utc))


def trade_date():
    """Session date of an execution.  The simulator's session is the UTC calendar day."""
    d = datetime.datetime.now(datetime.timezone.utc).date()
    return {'year': d.year, 'month': d.month, 'day': d.day}


class Store:
    """All entities, their owners (account ids; None = visible to everyone) and deps indexes."""

    def __init__(self):
        self.tables = {name: {} for name in ENTITIES}
        self.owner = {name: {} for name in ENTITIES}
        self.deps = {name: {} for name in ENTITIES}
        self.next_id = {name: spec[2] for name, spec in ENTITIES.items()}

    def add(self, kind, entity, account_id):
        """Stores `entity` (assigning its id unless it has one) and indexes it; returns the id."""
        if 'id' not in entity:
            # Served with the id first, as the service does; the dict stays the same object
            # because the model keeps references to it.
            fields = dict(entity)
            entity.clear()
            entity['id'] = self.next_id[kind]
            entity.update(fields)
            self.next_id[kind] += 1
        eid = entity['id']
        self.tables[kind][eid] = entity
        self.owner[kind][eid] = account_id
        master = entity.get(ENTITIES[kind][1])
        if master is not None:
            self.deps[kind].setdefault(master, []).append(eid)
        return eid

    def get(self, kind, eid, accounts=None):
        """The entity, or None when it does not exist or `accounts` may not see it."""
        entity = self.tables[kind].get(eid)
        if entity is None or not self._visible(kind, eid, accounts):
            return None
        return entity

    def _visible(self, kind, eid, accounts):
        if accounts is None:
            return True
        owner = self.owner[kind].get(eid)
        return owner is None or owner in accounts

    def list(self, kind, accounts):
        """Every entity of `kind` visible to `accounts`, in id order (ids only ever grow)."""
        owner = self.owner[kind]
        return [e for eid, e in self.tables[kind].items()
                if owner[eid] is None or owner[eid] in accounts]

    def items(self, kind, ids, accounts):
        """The entities among `ids` that exist and are visible, in the order asked; the rest
        are left out, as the service does."""
        found = (self.get(kind, eid, accounts) for eid in ids)
        return [e for e in found if e is not None]

    def dependents(self, kind, master_ids, accounts):
        """Entities of `kind` whose master is one of `master_ids` (deps and ldeps)."""
        out = []
        for master in master_ids:
            out += self.items(kind, self.deps[kind].get(master, ()), accounts)
        return out
