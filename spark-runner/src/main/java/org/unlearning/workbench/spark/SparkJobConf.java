package org.unlearning.workbench.spark;

import org.apache.spark.SparkConf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The Spark configuration of a sweep driver: the master (the {@code --master} option, else the
 * {@code spark.master} that spark-submit sets) and, for a cluster master when no {@code spark.jars}
 * is set (a driver started with plain {@code java}), the application jars the executors need:
 * this module's jar and the {@code lib/} jars its manifest lists.
 */
final class SparkJobConf {
    static final String APP_NAME = "unlearning-sweep";

    private SparkJobConf() {}

    static SparkConf of(String master) {
        SparkConf conf = new SparkConf().setAppName(APP_NAME);
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: pass --master local[2] (embedded) or "
                    + "spark://host:7077, or start the driver with spark-submit --master ...");
        }
        if (!conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
            List<String> jars = applicationJars();
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("spark.jars is not set and the driver does not run from "
                        + "unlearning-spark-runner.jar: the executors would miss the workbench classes");
            }
            conf.set("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    /** This class's jar and its manifest's Class-Path, or nothing when not run from a jar. */
    static List<String> applicationJars() {
        List<String> jars = new ArrayList<>();
        try {
            Path self = Path.of(SparkJobConf.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                return jars;
            }
            jars.add(self.toString());
            try (JarFile jar = new JarFile(self.toFile())) {
                Manifest mf = jar.getManifest();
                String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                if (cp != null) {
                    for (String entry : cp.trim().split("\\s+")) {
                        Path p = self.getParent().resolve(entry);
                        if (Files.isRegularFile(p)) {
                            jars.add(p.toString());
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return List.of();
        }
        return jars;
    }
}
