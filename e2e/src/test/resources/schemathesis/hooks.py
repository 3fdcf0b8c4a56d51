"""Rules of Settle's API that JSON Schema cannot state (docs/openapi.json describes them).

Schemathesis generates bodies from the schemas; a body that breaks one of these rules is
refused by the gateway with 400 although it matches its schema, so it is not sent. A case
filter, not a body filter: the coverage phase applies only case hooks.
"""

import schemathesis

# Pairs of accounts that must differ: a payment from an account to itself is 400 invalid-request.
DISTINCT = (("debitAccount", "creditAccount"), ("customerAccount", "merchantAccount"))

# The operator recorded in a verdict is the holder of the operator key; the body may only repeat
# that name (anything else is 400 operator-mismatch). Matches settle.gateway.auth.operators (dev).
OPERATOR = "ops"


@schemathesis.hook
def filter_case(context, case):
    body = case.body
    if not isinstance(body, dict):
        return True
    for first, second in DISTINCT:
        if body.get(first) is not None and body.get(first) == body.get(second):
            return False
    # JSON Schema counts 2.0 as an integer; the gateway takes only the literal 2 (400 otherwise).
    items = body.get("items")
    if isinstance(items, list) and any(
        isinstance(item, dict) and isinstance(item.get("quantity"), float) for item in items
    ):
        return False
    operator = body.get("operator")
    return operator is None or operator == OPERATOR or not isinstance(operator, str)
