package org.unlearning.workbench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.engine.run.EngineRegistry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering, checked on the compiled classes (ArchUnit reads bytecode, so fully qualified names
 * in code count too): accounting (pure math) ← engine (DL4J, no JavaFX) ← app ({@code cli} and
 * {@code fx} apart; {@code chart} and {@code report} shared by both, without JavaFX), and every
 * method's packages apart from every other method's.
 */
class ArchitectureTest {
    private static final String ROOT = "org.unlearning.workbench";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void accountingImportsNeitherNd4jNorDl4jNorJavaFxNorUpperLayers() {
        noClasses().that().resideInAPackage(ROOT + ".accounting..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "javafx..",
                        "java.awt..", "org.jfree..", "org.controlsfx..", ROOT + ".engine..", ROOT + ".app..")
                .because("accounting is the pure mathematics of theory.md").check(classes);
    }

    @Test
    void engineImportsNoJavaFxAndNoApp() {
        noClasses().that().resideInAPackage(ROOT + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..",
                        ROOT + ".app..")
                .because("the engine runs headless (CLI, tests, a Spark worker)").check(classes);
    }

    @Test
    void cliAndWindowDoNotImportEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".app.cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".app.fx..").check(classes);
        noClasses().that().resideInAPackage(ROOT + ".app.fx..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".app.cli..").check(classes);
    }

    @Test
    void chartsAndReportsNeedNoJavaFxAndServeBothCliAndWindow() {
        noClasses().that().resideInAnyPackage(ROOT + ".app.chart..", ROOT + ".app.report..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..",
                        ROOT + ".app.fx..", ROOT + ".app.cli..")
                .because("the CLI's report and the window draw the same charts").check(classes);
        noClasses().that().resideInAPackage(ROOT + ".app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the CLI runs headless").check(classes);
    }

    @Test
    void aMethodsPackagesImportNoOtherMethodsPackages() {
        List<String> methods = methodPackages();
        assertTrue(methods.size() >= 6, "every registered method has its packages: " + methods);
        for (String m : methods) {
            List<String> others = new ArrayList<>();
            for (String o : methods) {
                if (!o.equals(m)) {
                    others.add(ROOT + ".accounting." + o + "..");
                    others.add(ROOT + ".engine.unlearn." + o + "..");
                }
            }
            ArchRule rule = noClasses().that().resideInAnyPackage(ROOT + ".accounting." + m + "..",
                            ROOT + ".engine.unlearn." + m + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .because("a method is one unit: " + m + " is added or removed without touching another method");
            rule.check(classes);
        }
    }

    /**
     * The methods' package names, read from the registries (accounting side and engine side): e.g.
     * {@code gradclip} for {@code accounting.gradclip.GradientClippingMethod}.
     */
    private static List<String> methodPackages() {
        Set<String> names = new LinkedHashSet<>();
        MethodRegistry.all().forEach(m -> names.add(lastSegment(m.getClass().getPackageName(), ROOT + ".accounting.")));
        EngineRegistry.keys().forEach(k -> names.add(lastSegment(EngineRegistry.engine(k).getClass().getPackageName(),
                ROOT + ".engine.unlearn.")));
        return List.copyOf(names);
    }

    private static String lastSegment(String pkg, String parent) {
        assertTrue(pkg.startsWith(parent), pkg + " lives under " + parent);
        String rest = pkg.substring(parent.length());
        assertEquals(-1, rest.indexOf('.'), "a method's package is one level below " + parent + ": " + pkg);
        return rest;
    }
}
