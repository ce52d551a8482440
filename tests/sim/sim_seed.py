"""The simulator's fixed world: users, their accounts, and the futures contracts it trades.

Kept apart from the model so that a test (or a person reading the README) can see at a glance
what a fresh simulator holds.  Contract ids stay below 2^32 and order-flow ids above it (see
sim_store), which is how the real service's ids look too.
"""

import collections

# A user: login name, password, API key id (cid) and secret (sec), app name, and accounts.
User = collections.namedtuple(
    'User', 'id name password cid sec app_id app_version full_name email accounts')

USERS = [
    User(101, 'demo', 'demo-password', '1', 'demo-secret', 'libtradovate', '0.1',
         'Demo Trader', 'demo@example.com', ((1001, 'DEMO0001'), (1002, 'DEMO0002'))),
    # A second user whose entities the first must never see (auth and visibility tests).
    User(102, 'second', 'second-password', '2', 'second-secret', 'libtradovate', '0.1',
         'Second Trader', 'second@example.com', ((1003, 'DEMO0003'),)),
]

# A contract: tick size, dollar value of one point, starting price, initial margin per contract,
# and fees per contract per side (exchange, clearing, NFA, commission) in USD.
Contract = collections.namedtuple(
    'Contract', 'id name maturity_id tick point_value price margin fees')

CONTRACTS = [
    Contract(4001001, 'ESZ6', 40001, 0.25, 50.0, 6000.25, 24000.0, (1.38, 0.19, 0.02, 0.59)),
    Contract(4001002, 'MESZ6', 40002, 0.25, 5.0, 6000.25, 2400.0, (0.35, 0.05, 0.02, 0.25)),
    Contract(4001003, 'NQZ6', 40003, 0.25, 20.0, 21000.5, 33000.0, (1.38, 0.19, 0.02, 0.59)),
    Contract(4001004, 'MNQZ6', 40004, 0.25, 2.0, 21000.5, 3300.0, (0.35, 0.05, 0.02, 0.25)),
    Contract(4001005, 'CLF7', 40005, 0.01, 1000.0, 65.43, 6000.0, (1.50, 0.19, 0.02, 0.59)),
    # A 1/64 tick: prices such as 112.515625 test a client's decimal printing.
    Contract(4001006, 'ZNZ6', 40006, 0.015625, 1000.0, 112.5, 2200.0, (0.80, 0.19, 0.02, 0.59)),
]

STARTING_CASH = 50000.0
USD = 1  # currency id of every fee
