package org.unlearning.workbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountantCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = CliSupport.commandLine(new Main());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path vectors() throws Exception {
        return Path.of(AccountantCommandTest.class.getResource("/accountant-vectors.json").toURI());
    }

    @Test
    void checkPassesThePublicVectors() throws Exception {
        Run r = run("accountant", "check", vectors().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("49 passed, 0 failed", r.out().strip());
    }

    @Test
    void checkReportsFailuresWithExpectedAndActual(@TempDir Path dir) throws Exception {
        String json = "[{\"id\":\"bad\",\"method\":\"theta\",\"inputs\":{\"eps\":1.0,\"r\":2.0},"
                + "\"expected\":{\"theta\":0.5},\"tolerance_rel\":1e-9,\"note\":\"\"},"
                + "{\"id\":\"err\",\"method\":\"theta\",\"inputs\":{\"eps\":-1.0,\"r\":2.0},"
                + "\"expected\":{\"error\":\"invalid_argument\"},\"tolerance_rel\":0,\"note\":\"\"}]";
        Path f = dir.resolve("v.json");
        Files.writeString(f, json);
        Run r = run("accountant", "check", f.toString());
        assertEquals(1, r.code());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("bad") && lines[0].contains("expected 0.5") && lines[0].contains("actual 0.5098"),
                lines[0]);
        assertEquals("1 passed, 1 failed", lines[1]);
    }

    @Test
    void missingOrMalformedFileIsBadInput(@TempDir Path dir) throws Exception {
        Run r = run("accountant", "check", dir.resolve("nope.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.json"), r.err());
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{not json");
        r = run("accountant", "check", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broken.json"), r.err());
    }

    @Test
    void calcPrintsTheCalculationAsJson() throws Exception {
        Run r = run("accountant", "calc", "--method", "model_clipping", "--param", "epsilon=1", "--param", "delta=1e-5",
                "--param", "sigma=0.5", "--param", "c2=0.625");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(9, n.get("steps").asInt());
        assertTrue(n.get("feasible").asBoolean());
    }

    @Test
    void calcRejectsBadParametersWithOneLine() {
        Run r = run("accountant", "calc", "--method", "gradient_clipping", "--param", "delta=2");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().split("\\R").length);
        assertTrue(r.err().contains("delta must be in (0, 1)"), r.err());
        r = run("accountant", "calc", "--method", "teleport");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("method must be one of"), r.err());
    }
}
