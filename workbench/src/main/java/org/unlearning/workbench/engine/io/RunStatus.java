package org.unlearning.workbench.engine.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The status file of a run folder, {@value #FILE}: written first as {@code in-progress} (while the
 * folder is locked, see {@link FolderLock}) and replaced atomically by the final state once
 * everything the state refers to is on disk. A folder whose status says {@code in-progress} but
 * whose lock nobody holds was interrupted (killed, crashed, machine off): every reader reports it as
 * "interrupted, not certified", whatever other files it holds.
 *
 * @param state      what the run came to
 * @param detail     one line: why (e.g. "cancelled at epoch 3 of 60 — no model saved")
 * @param command    what wrote the folder (e.g. "train", "unlearn")
 * @param pid        process that ran it
 * @param startedAt  ISO-8601 instant the run began
 * @param updatedAt  ISO-8601 instant of this state
 */
public record RunStatus(State state, String detail, String command, long pid, String startedAt, String updatedAt) {
    public static final String FILE = "status.json";
    private static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** States of a run. Only {@link #CERTIFIED} certifies anything. */
    public enum State {
        IN_PROGRESS("in-progress"),
        /** Finished; nothing to certify (e.g. training an original model). */
        COMPLETED("completed"),
        CERTIFIED("certified"),
        NOT_CERTIFIED("not-certified"),
        CANCELLED("cancelled"),
        FAILED("failed");

        private final String id;

        State(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static State of(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown run state '" + id + "'"));
        }
    }

    @JsonCreator
    public RunStatus(@JsonProperty(value = "state", required = true) State state,
                     @JsonProperty("detail") String detail, @JsonProperty("command") String command,
                     @JsonProperty("pid") long pid, @JsonProperty("started_at") String startedAt,
                     @JsonProperty("updated_at") String updatedAt) {
        this.state = state;
        this.detail = detail == null ? "" : detail;
        this.command = command == null ? "" : command;
        this.pid = pid;
        this.startedAt = startedAt;
        this.updatedAt = updatedAt;
    }

    @JsonProperty("started_at")
    public String startedAt() { return startedAt; }

    @JsonProperty("updated_at")
    public String updatedAt() { return updatedAt; }

    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Records that a run of {@code command} starts in {@code dir} (call while holding its {@link FolderLock}). */
    public static RunStatus begin(Path dir, String command) throws IOException {
        String now = Instant.now().toString();
        RunStatus s = new RunStatus(State.IN_PROGRESS, "", command, ProcessHandle.current().pid(), now, now);
        write(dir, s);
        return s;
    }

    /** Replaces the status of {@code dir} with its final state (atomically; after all other files are on disk). */
    public static RunStatus finish(Path dir, State state, String detail) throws IOException {
        if (state == State.IN_PROGRESS) {
            throw new IllegalArgumentException("a final state cannot be in-progress");
        }
        RunStatus before = readRaw(dir).orElse(null);
        RunStatus s = new RunStatus(state, detail, before == null ? "" : before.command(),
                ProcessHandle.current().pid(), before == null ? null : before.startedAt(), Instant.now().toString());
        write(dir, s);
        return s;
    }

    private static void write(Path dir, RunStatus s) throws IOException {
        AtomicFiles.write(file(dir), out -> WRITER.writeValue(out, s));
    }

    /** The status of {@code dir} as a reader should report it, or empty when it has no status file. */
    public static Optional<Reading> read(Path dir) throws IOException {
        return readRaw(dir).map(s -> new Reading(s, s.state() == State.IN_PROGRESS && FolderLock.isHeld(dir)));
    }

    private static Optional<RunStatus> readRaw(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(StrictMappers.read(f, RunStatus.class, StrictMappers.json()));
    }

    /** For error messages about a folder: its status in brackets, or "" when it has none (or it cannot be read). */
    public static String noteFor(Path dir) {
        try {
            return read(dir).map(r -> " (" + FILE + ": " + r.describe() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** True for a line of the release status vocabulary (CertificateStatus), which reads on its own. */
    private static boolean isStatusLine(String detail) {
        return detail.equals("certified") || detail.startsWith("not certified")
                || detail.startsWith("certified at a weaker guarantee") || detail.startsWith("reproducible demonstration");
    }

    /**
     * A status as found by a reader.
     *
     * @param status  the file's content
     * @param running true when the state is in-progress and the writing process still holds the folder
     */
    public record Reading(RunStatus status, boolean running) {
        /** Only a finished, certified run is certified. */
        public boolean certified() {
            return status.state() == State.CERTIFIED;
        }

        /** In progress, but nobody is writing: killed, crashed or cut off. */
        public boolean interrupted() {
            return status.state() == State.IN_PROGRESS && !running;
        }

        /** One line for a reader: running, interrupted, or the final state with its detail. */
        public String describe() {
            String d = status.detail().isBlank() ? "" : ": " + status.detail();
            if (status.state() != State.IN_PROGRESS && status.state() != State.COMPLETED && isStatusLine(status.detail())) {
                return status.detail(); // already the one status vocabulary's line (certificates, CLI, run list)
            }
            return switch (status.state()) {
                case IN_PROGRESS -> running ? "running (pid " + status.pid() + ", since " + status.startedAt() + ")"
                        : "interrupted, not certified (" + (status.command().isBlank() ? "run" : status.command())
                        + " started " + status.startedAt() + " by pid " + status.pid() + " never recorded a result)";
                case COMPLETED -> "completed" + d;
                case CERTIFIED -> "certified" + d;
                case NOT_CERTIFIED -> "not certified" + d;
                case CANCELLED -> "cancelled, not certified" + d;
                case FAILED -> "failed, not certified" + d;
            };
        }
    }
}
