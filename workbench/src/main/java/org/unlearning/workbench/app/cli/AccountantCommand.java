package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.MethodAccountant;
import org.unlearning.workbench.accounting.registry.MethodRegistry;
import org.unlearning.workbench.accounting.vectors.VectorRunner;
import org.unlearning.workbench.engine.io.StrictMappers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code accountant check FILE.json} and {@code accountant calc --method NAME --param key=value …}. */
@Command(name = "accountant", mixinStandardHelpOptions = true,
        description = "Privacy accountants: check test vectors, compute one calculator result.",
        subcommands = {AccountantCommand.Check.class, AccountantCommand.Calc.class})
public final class AccountantCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared JSON writer for calculator results (records, pretty-printed). */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Evaluate every vector of a test-vector file (theory.md §11). Prints one line per failing "
                    + "vector, then 'N passed, M failed'; exit 1 if any failed.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.json", description = "JSON array of test vectors")
        Path file;

        @Option(names = "--verbose", description = "Print stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            List<JsonNode> vectors = VectorRunner.vectors(StrictMappers.readTree(file), file.toString());
            PrintWriter out = spec.commandLine().getOut();
            int passed = 0, failed = 0;
            for (JsonNode v : vectors) {
                VectorRunner.Outcome o = VectorRunner.check(v);
                if (o.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + o.id() + " (" + v.path("method").asText() + "): "
                            + String.join("; ", o.mismatches()));
                }
            }
            out.println(passed + " passed, " + failed + " failed");
            out.flush();
            return failed == 0 ? CliSupport.EXIT_OK : CliSupport.EXIT_CHECK_FAILED;
        }
    }

    @Command(name = "calc", mixinStandardHelpOptions = true,
            description = "Run the window's calculator once and print the JSON result, e.g. "
                    + "accountant calc --method gradient_clipping --param epsilon=1 --param delta=1e-5 --param c0=20 "
                    + "--param c1=10 --param eta=0.01 --param lambda=50")
    static final class Calc implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--method", required = true, paramLabel = "NAME",
                description = "One of the registered methods: ${COMPLETION-CANDIDATES}", completionCandidates = MethodKeys.class)
        String method;

        @Option(names = "--param", paramLabel = "key=value", description = "A parameter (repeatable); "
                + "missing ones take their defaults (see --list).")
        List<String> params = new ArrayList<>();

        @Option(names = "--list", description = "List the method's parameters (range, default, meaning) instead.")
        boolean list;

        @Option(names = "--verbose", description = "Print stack traces on errors.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            MethodAccountant<?> m = MethodRegistry.get(method);
            PrintWriter out = spec.commandLine().getOut();
            if (list) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("method", m.key());
                d.put("title", m.title());
                d.put("summary", m.summary());
                d.put("parameters", m.schema().parameters());
                out.println(jsonMapper().writeValueAsString(d));
                out.flush();
                return CliSupport.EXIT_OK;
            }
            Calculation c = MethodRegistry.calculate(m.key(), pairs(params));
            out.println(jsonMapper().writeValueAsString(c));
            out.flush();
            return CliSupport.EXIT_OK;
        }
    }

    /** The registered method keys, for {@code --method}'s help. */
    static final class MethodKeys implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return MethodRegistry.keys().iterator();
        }
    }

    /** Parses {@code key=value} items (later items win; the value may contain '='). */
    static Map<String, String> pairs(Iterable<String> items) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : items) {
            int i = s.indexOf('=');
            if (i <= 0) {
                throw new IllegalArgumentException("--param must look like key=value (got '" + s + "')");
            }
            String key = s.substring(0, i).trim();
            if (m.put(key, s.substring(i + 1)) != null) {
                throw new IllegalArgumentException("--param " + key + " is given twice");
            }
        }
        return m;
    }
}
