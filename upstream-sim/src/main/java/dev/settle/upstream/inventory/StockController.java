package dev.settle.upstream.inventory;

import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Stock levels: set by tests through the admin API, read by anyone. */
@RestController
class StockController {

  private final StockStore stock;

  StockController(StockStore stock) {
    this.stock = stock;
  }

  /** Sets the level outright, whatever is reserved; releases later add to it. */
  @PostMapping("/admin/stock")
  StockLevel set(@Valid @RequestBody StockLevel level) {
    stock.set(level.sku(), level.available());
    return level;
  }

  @GetMapping("/inventory/stock/{sku}")
  StockLevel get(@PathVariable String sku) {
    if (!sku.matches(LineItem.SKU)) {
      throw new UpstreamProblemException(
          ProblemType.INVALID_REQUEST, "SKU must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    return new StockLevel(sku, stock.available(sku));
  }
}
