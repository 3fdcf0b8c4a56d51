package dev.settle.workflows.order;

/** One line of an order. */
public record OrderItem(String sku, int quantity) {}
