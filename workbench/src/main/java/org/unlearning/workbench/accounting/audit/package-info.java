/**
 * Empirical auditing (theory.md §15): statistically valid lower bounds ε̂ on the ε a release can
 * satisfy, from an attack's success. {@link org.unlearning.workbench.accounting.audit.ClopperPearson}
 * bounds proportions; {@link org.unlearning.workbench.accounting.audit.DistinguishingAudit} turns
 * R runs per world into ε̂ (§15.2); {@link org.unlearning.workbench.accounting.audit.OneRunAudit}
 * does the same from one run with many canaries (§15.3). Pure double-precision Java.
 */
package org.unlearning.workbench.accounting.audit;
