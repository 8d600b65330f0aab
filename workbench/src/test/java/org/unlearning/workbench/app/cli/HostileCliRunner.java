package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.unlearning.workbench.engine.io.SerialFilter;
import org.unlearning.workbench.engine.model.BlasCoreSelection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link HostileInputsTest}: starts like {@link Main#main} (serial filter first),
 * then runs the CLI once per case of a JSON file ({@code [{"name": …, "args": [...]}]}) in this
 * one JVM (started with a small -Xmx), capturing each case's exit status, output and the peak heap
 * it used, and writes them as JSON to the results file.
 */
public final class HostileCliRunner {
    private HostileCliRunner() {}

    public static void main(String[] args) throws Exception {
        SerialFilter.install();
        BlasCoreSelection.apply();
        ObjectMapper json = new ObjectMapper();
        JsonNode cases = json.readTree(Path.of(args[0]).toFile());
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode c : cases) {
            List<String> cliArgs = new ArrayList<>();
            c.get("args").forEach(a -> cliArgs.add(a.asText()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            int code;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                code = Main.run(cliArgs.toArray(String[]::new));
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", c.get("name").asText());
            r.put("code", code);
            r.put("out", out.toString(StandardCharsets.UTF_8));
            r.put("err", err.toString(StandardCharsets.UTF_8));
            r.put("peak_heap_mb", peak >> 20);
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            results.add(r);
            realErr.printf("%-28s exit %d  peak heap %4d MB  %.2f s%n", r.get("name"), code, peak >> 20, (double) r.get("seconds"));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("cases", results);
        all.put("gadget_initialised", System.getProperty("uw.test.HostileGadget.initialised"));
        Files.writeString(Path.of(args[1]), json.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
