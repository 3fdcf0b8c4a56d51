package dev.settle.gateway.reconciliation;

import dev.settle.gateway.auth.OperatorInterceptor;
import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Delivery;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Outcome;
import dev.settle.workflows.payment.Evidence;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/reconciliation/statements}: an operator imports the upstream's statement (CSV).
 * Every line becomes the {@code evidence} signal of the payment it names; the answer says, line by
 * line, what was matched, what no operation has, and what was already final. Importing the same
 * statement again signals only operations still open, which drop facts they already have.
 */
@RestController
class StatementController {
  private static final Logger log = LoggerFactory.getLogger(StatementController.class);
  static final String TEXT_CSV = "text/csv";

  private final EvidenceDispatcher dispatcher;

  StatementController(EvidenceDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * @param statement SHA-256 of the imported file (hex), as recorded in each operation's evidence
   * @param discrepancies lines whose closed operation disagrees with the statement
   */
  record StatementReport(
      String statement,
      String importedBy,
      int lines,
      int matched,
      int unmatched,
      int alreadyFinal,
      int discrepancies,
      List<LineResult> results) {}

  record LineResult(
      int line,
      String idempotencyKey,
      String paymentId,
      Outcome outcome,
      String operationId,
      String status,
      String detail,
      String discrepancy) {}

  @PostMapping(
      path = "/v1/reconciliation/statements",
      consumes = TEXT_CSV,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @SecurityRequirement(name = "operatorKey")
  StatementReport importStatement(@RequestBody String csv, HttpServletRequest request) {
    StatementCsv.Parsed parsed = StatementCsv.parse(csv);
    if (!parsed.valid()) {
      throw ApiException.statementInvalid(parsed.badLines(), parsed.errors());
    }
    String operator = OperatorInterceptor.operatorOf(request);
    String statement = sha256(csv);
    List<LineResult> results = new ArrayList<>();
    int matched = 0;
    int unmatched = 0;
    int alreadyFinal = 0;
    int discrepancies = 0;
    for (StatementCsv.Line line : parsed.lines()) {
      Evidence evidence =
          new Evidence(
              Evidence.Source.STATEMENT,
              line.paymentId(),
              line.amount(),
              line.currency(),
              line.status(),
              line.settledAt(),
              "sha256 "
                  + statement.substring(0, 12)
                  + " line "
                  + line.line()
                  + " imported by "
                  + operator,
              line.idempotencyKey());
      Delivery delivery = dispatcher.deliver(line.idempotencyKey(), evidence);
      switch (delivery.outcome()) {
        case MATCHED -> matched++;
        case UNMATCHED -> unmatched++;
        case ALREADY_FINAL -> alreadyFinal++;
      }
      if (delivery.discrepancy() != null) {
        discrepancies++;
      }
      results.add(
          new LineResult(
              line.line(),
              line.idempotencyKey(),
              line.paymentId(),
              delivery.outcome(),
              delivery.operationId(),
              delivery.status(),
              delivery.detail(),
              delivery.discrepancy()));
    }
    log.info(
        "statement {} imported by {}: {} lines, {} matched, {} unmatched, {} already final, {} discrepancies",
        statement,
        operator,
        results.size(),
        matched,
        unmatched,
        alreadyFinal,
        discrepancies);
    return new StatementReport(
        statement,
        operator,
        results.size(),
        matched,
        unmatched,
        alreadyFinal,
        discrepancies,
        results);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
