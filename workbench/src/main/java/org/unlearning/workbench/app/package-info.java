/**
 * The user-facing layer: the JavaFX workbench ({@code fx}) and the headless CLI ({@code cli}),
 * both over the same engine and accountants.
 */
package org.unlearning.workbench.app;
