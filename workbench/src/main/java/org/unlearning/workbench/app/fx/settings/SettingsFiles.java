package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Experiment settings to and from JSON files, and the last session under
 * {@code ~/.unlearning-workbench/session.json} (directory overridable with the system property
 * {@code uw.home}; tests point it at a temporary directory).
 */
public final class SettingsFiles {
    public static final String HOME_PROPERTY = "uw.home";
    public static final String SESSION_FILE = "session.json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path home;

    public SettingsFiles(Path home) {
        this.home = home;
    }

    /** Uses {@code uw.home} when set, else {@code ~/.unlearning-workbench}. */
    public static SettingsFiles standard() {
        String p = System.getProperty(HOME_PROPERTY);
        if (p == null) {
            p = System.getenv("UW_HOME");
        }
        return new SettingsFiles(p != null && !p.isBlank() ? Path.of(p)
                : Path.of(System.getProperty("user.home"), ".unlearning-workbench"));
    }

    public Path home() {
        return home;
    }

    public Path sessionFile() {
        return home.resolve(SESSION_FILE);
    }

    /** The last session, or empty if none; a corrupt file is kept aside as {@code session.json.bad}. */
    public Optional<Session> loadSession() {
        Path f = sessionFile();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), Session.class));
        } catch (IOException e) {
            try {
                Files.move(f, f.resolveSibling(SESSION_FILE + ".bad"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // keep going with defaults; the file stays where it is
            }
            return Optional.empty();
        }
    }

    public void saveSession(Session session) throws IOException {
        Files.createDirectories(home);
        Path tmp = home.resolve(SESSION_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), session);
        Files.move(tmp, sessionFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(ExperimentSettings settings, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), settings);
    }

    /** Reads settings; a missing or malformed file gives an IOException naming the file. */
    public static ExperimentSettings read(Path file) throws IOException {
        try {
            ExperimentSettings s = JSON.readValue(file.toFile(), ExperimentSettings.class);
            if (s == null) {
                throw new IOException(file + ": empty settings file");
            }
            for (var e : s.parameters().entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IOException(file + ": parameter " + e.getKey() + " is not a finite number");
                }
            }
            return s;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a valid settings file (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static String toJson(ExperimentSettings s) throws IOException {
        return JSON.writeValueAsString(s);
    }
}
