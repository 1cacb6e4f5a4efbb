package io.homeostat.homeostasis.processor;

/**
 * The {@code homeostasis} processor takes no keys: its targets and evaluation interval live in the
 * top-level {@code homeostasis:} section, which every pipeline's processor shares.
 */
public record HomeostasisProcessorConfig() {}
