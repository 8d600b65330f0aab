package org.unlearning.workbench.accounting.retrain;

/** Retraining from scratch (§7): exact unlearning, nothing to calibrate. */
public record RetrainParams() {}
