package org.unlearning.workbench.app.fx.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.unlearning.workbench.engine.io.AtomicFiles;
import org.unlearning.workbench.engine.io.InputFiles;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Experiment settings to and from JSON files, and the last session under
 * {@code ~/.unlearning-workbench/session.json} (directory overridable with the system property
 * {@code uw.home}; tests point it at a temporary directory). Both are read strictly (duplicate
 * keys, coercions and nulls refused; unknown keys ignored so older and newer files open) and
 * checked by {@link SettingsCheck}; a session that fails is moved aside, never lost.
 */
public final class SettingsFiles {
    public static final String HOME_PROPERTY = "uw.home";
    public static final String SESSION_FILE = "session.json";

    static final ObjectMapper JSON = StrictMappers.jsonBuilder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path home;

    /**
     * What start-up found: the last session, or none; {@code problem} says why a session file could
     * not be used (it was moved to {@code movedTo}) and the window starts from defaults.
     */
    public record SessionLoad(Session session, String problem, Path movedTo) {
        public static final SessionLoad NONE = new SessionLoad(null, null, null);

        public boolean restored() {
            return session != null;
        }
    }

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

    /**
     * The last session. A file that cannot be read or holds invalid values (checked like "Open
     * settings" checks a file) is moved aside to {@code session.json.bad-<time>} and reported in
     * {@link SessionLoad#problem()}; the window then starts from defaults.
     */
    public SessionLoad loadSession() {
        Path f = sessionFile();
        if (!Files.exists(f)) {
            return SessionLoad.NONE;
        }
        String problem;
        try {
            Session s = StrictMappers.read(f, Session.class, JSON);
            SettingsCheck.check(s, f.toString());
            return new SessionLoad(s, null, null);
        } catch (IOException | RuntimeException e) {
            problem = e instanceof IOException io ? InputFiles.describe(io) : e.getMessage();
        }
        Path aside = f.resolveSibling(SESSION_FILE + ".bad-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return new SessionLoad(null, problem + " (and it could not be moved aside: " + InputFiles.describe(e) + ")", null);
        }
        return new SessionLoad(null, problem, aside);
    }

    public void saveSession(Session session) throws IOException {
        Files.createDirectories(home);
        AtomicFiles.write(sessionFile(), out -> JSON.writeValue(out, session));
    }

    public static void write(ExperimentSettings settings, Path file) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), out -> JSON.writeValue(out, settings));
    }

    /**
     * Reads settings and checks them ({@link SettingsCheck}); a missing, malformed or invalid file
     * gives a one-line IOException naming the file (and line, column and key where they apply).
     */
    public static ExperimentSettings read(Path file) throws IOException {
        ExperimentSettings s = StrictMappers.read(file, ExperimentSettings.class, JSON);
        SettingsCheck.check(s, file.toString());
        return s;
    }

    public static String toJson(ExperimentSettings s) throws IOException {
        return JSON.writeValueAsString(s);
    }
}
