package org.greenvn.examples.soak;

/** Where an acknowledged allocation must be when the soak ends. */
enum EndState {
  /** Still active, with its last acknowledged parties (and PIN joiners since). */
  ACTIVE,
  /** In the vault by an acknowledged delete: no deallocation event. */
  DELETED,
  /** In the vault by its expiry: exactly one deallocation event, with its last parties. */
  EXPIRED
}
