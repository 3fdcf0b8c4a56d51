package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the sources of truth hold about one run, read after it settled.
 *
 * @param operations each key's operation as the gateway shows it from Temporal; a null node when
 *     the gateway does not know the key; no entry when it could not be read
 * @param effects upstream-sim's effect log: rows per kind, by upstream key ({@code demo/<key>})
 * @param ledger the ledger's rows, by operation id ({@code demo/<key>})
 * @param balances the ledger's balance (CR − DR) of every account of the run
 * @param upstreamCharges the amount of upstream-sim's payment row, by upstream key
 * @param stock upstream-sim's stock level of every SKU of the run
 */
public record Facts(
    Map<String, JsonNode> operations,
    Map<String, Map<String, Integer>> effects,
    Map<String, List<LedgerRow>> ledger,
    Map<String, BigDecimal> balances,
    Map<String, BigDecimal> upstreamCharges,
    Map<String, Long> stock) {}
