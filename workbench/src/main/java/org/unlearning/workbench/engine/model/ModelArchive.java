package org.unlearning.workbench.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearning.workbench.engine.io.InputFileException;
import org.unlearning.workbench.engine.io.InputFiles;
import org.unlearning.workbench.engine.io.StrictMappers;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a {@code model.zip} written by DL4J's {@code ModelSerializer} without DL4J's reader, which
 * hands a {@code preprocessor.bin} entry to {@link java.io.ObjectInputStream} and the configuration
 * JSON to a Jackson mapper that loads and initialises any class named in an {@code @class} type id.
 * Here nothing in the file is executed or used to pick a class:
 * <ol>
 *   <li>only {@value #CONFIGURATION} and {@value #COEFFICIENTS} may be in the archive, each at most
 *       its expected size (declared and actually inflated; at most {@value #MAX_INFLATION}× its
 *       stored size), all checked before anything is parsed;</li>
 *   <li>the configuration is parsed as a plain JSON tree and compared with the configuration the
 *       {@link ModelSpec} of {@code model.json} builds: every value both have (layer types, type ids,
 *       sizes, activations, …) must agree, so its type ids are exactly the expected layer set;</li>
 *   <li>the coefficients (ND4J's binary array format: shape record, then the data record) are
 *       parsed here, every declared length and shape checked against the spec and the bytes present;</li>
 *   <li>the network is built from the spec, never from the file, and takes the coefficients.</li>
 * </ol>
 */
final class ModelArchive {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final long MAX_CONFIGURATION_BYTES = 1 << 20;
    /** Trained float coefficients barely compress (~1.1:1) and the configuration ~7:1; a bomb does 1000:1. */
    static final int MAX_INFLATION = 50;
    /** Small entries may inflate further (e.g. a small model's zero biases). */
    private static final long INFLATION_FLOOR = 16L << 20;
    /** Room for the two record headers of the coefficient array (the data itself is counted exactly). */
    private static final int COEFFICIENT_HEADER_MAX = 256;
    private static final String BUFFER_MODE = "MIXED_DATA_TYPES";
    /** Keys whose values may differ from the expected configuration (run state, not structure; variables are W, b). */
    private static final Set<String> FREE_KEYS = Set.of("seed", "iterationCount", "epochCount", "variables");
    /** Entries DL4J may write that are refused, and why. */
    private static final Map<String, String> REFUSED = Map.of(
            "preprocessor.bin", "holds a serialized Java object, which is never read (DL4J would deserialize it)",
            "normalizer.bin", "holds a serialized data normalizer, which is never read",
            "updaterState.bin", "holds optimizer state; workbench models are saved without it",
            "noParams.marker", "marks a model without parameters");

    private ModelArchive() {}

    /** Reads the parameters of {@code zip} into a new model built from {@code spec}. */
    static WorkbenchModel read(Path zip, ModelSpec spec) throws IOException {
        InputFiles.requireFile(zip);
        byte[] config;
        byte[] coefficients;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry conf = null;
            ZipEntry coef = null;
            Set<String> seen = new HashSet<>();
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (!seen.add(name)) {
                    throw refused(zip, "entry '" + name + "' appears twice");
                }
                if (REFUSED.containsKey(name)) {
                    throw refused(zip, "entry '" + name + "' " + REFUSED.get(name));
                }
                if (name.equals(CONFIGURATION)) {
                    conf = e;
                } else if (name.equals(COEFFICIENTS)) {
                    coef = e;
                } else {
                    throw refused(zip, "unexpected entry '" + printable(name) + "' (a model archive holds only "
                            + CONFIGURATION + " and " + COEFFICIENTS + ")");
                }
            }
            if (conf == null || coef == null) {
                throw refused(zip, "lacks " + (conf == null ? CONFIGURATION : COEFFICIENTS));
            }
            int elem = spec.dataType() == DataType.DOUBLE ? 8 : 4;
            long coefBytes = Math.multiplyExact(spec.parameterCount(), (long) elem);
            long confMax = checkSize(zip, conf, MAX_CONFIGURATION_BYTES, "at most " + MAX_CONFIGURATION_BYTES + " bytes");
            long coefMax = checkSize(zip, coef, coefBytes + COEFFICIENT_HEADER_MAX, spec.parameterCount() + " "
                    + spec.dataType() + " parameters of " + spec.architecture() + " (" + coefBytes + " bytes)");
            config = inflate(z, conf, confMax, zip);
            coefficients = inflate(z, coef, coefMax, zip);
        } catch (ZipException e) {
            throw new InputFileException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
        checkConfiguration(zip, spec, config);
        INDArray params = coefficients(zip, spec, coefficients);
        return WorkbenchModel.restore(spec, params);
    }

    /** Declared size and stored size of an entry against its limit; returns the cap for inflating it. */
    private static long checkSize(Path zip, ZipEntry e, long max, String expected) throws InputFileException {
        long declared = e.getSize();
        long stored = e.getCompressedSize();
        if (declared > max) {
            throw refused(zip, e.getName() + " declares " + declared + " bytes, expected " + expected);
        }
        if (stored > max + 1024) {
            throw refused(zip, e.getName() + " is stored in " + stored + " bytes, expected " + expected);
        }
        // what a stored entry may inflate to: its limit, and no more than MAX_INFLATION× its stored size
        long ratioCap = stored < 0 ? max : Math.max(INFLATION_FLOOR, Math.multiplyExact(stored, (long) MAX_INFLATION));
        return Math.min(max, ratioCap);
    }

    /** The entry's bytes, read with a cap and a buffer that grows with the bytes actually inflated. */
    private static byte[] inflate(ZipFile z, ZipEntry e, long cap, Path zip) throws IOException {
        try (InputStream in = z.getInputStream(e)) {
            return InputFiles.readAtMost(in, cap, zip + "!" + e.getName());
        } catch (InputFileException ex) {
            throw refused(zip, e.getName() + " inflates to more than " + cap + " bytes (its expected size, "
                    + "or " + MAX_INFLATION + "× its stored size: a zip bomb?)");
        }
    }

    /** The stored configuration must agree with the one the spec builds (see class comment). */
    private static void checkConfiguration(Path zip, ModelSpec spec, byte[] json) throws IOException {
        JsonNode stored = StrictMappers.parseTree(json, zip + "!" + CONFIGURATION);
        JsonNode expected = StrictMappers.parseTree(WorkbenchModel.configuration(spec, 0).toJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "expected configuration");
        String diff = firstDifference(expected, stored, "");
        if (diff != null) {
            throw refused(zip, CONFIGURATION + " does not describe the " + spec.architecture() + " of model.json: " + diff);
        }
    }

    /** Where {@code actual} contradicts {@code expected} (keys only one of them has are allowed), or null. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return at(path) + "expected a mapping";
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode e = expected.get(f.getKey());
                if (e == null || FREE_KEYS.contains(f.getKey())) {
                    continue;
                }
                String d = firstDifference(e, f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return at(path) + "expected a list of " + expected.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        boolean same = expected.isNumber() && actual.isNumber()
                ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                : expected.equals(actual);
        return same ? null : at(path) + shorten(actual.toString()) + " where " + shorten(expected.toString()) + " is expected";
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    /**
     * ND4J's array format ({@code Nd4j.write}): the shape record (buffer mode, length, type LONG,
     * then rank, shape, stride, extras, element-wise stride, order) and the data record (buffer
     * mode, length, type FLOAT or DOUBLE, then the values big-endian).
     */
    private static INDArray coefficients(Path zip, ModelSpec spec, byte[] b) throws IOException {
        long n = spec.parameterCount();
        String where = zip + "!" + COEFFICIENTS;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            String mode = in.readUTF();
            long infoLength = in.readLong();
            String infoType = in.readUTF();
            if (!BUFFER_MODE.equals(mode) || !"LONG".equals(infoType) || (infoLength != 6 && infoLength != 8)) {
                throw refused(zip, COEFFICIENTS + " does not start with an ND4J shape record");
            }
            long[] info = new long[(int) infoLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            int rank = (int) info[0];
            if (info.length != 2L * rank + 4 || info[info.length - 1] != 'c') {
                throw refused(zip, COEFFICIENTS + " has a malformed shape record");
            }
            long[] shape = java.util.Arrays.copyOfRange(info, 1, 1 + rank);
            boolean vector = rank == 1 ? shape[0] == n : shape[0] == 1 && shape[1] == n;
            if (!vector) {
                throw refused(zip, COEFFICIENTS + " holds an array of shape " + java.util.Arrays.toString(shape)
                        + ", expected " + n + " parameters for the " + spec.architecture() + " of model.json");
            }
            String dataMode = in.readUTF();
            long length = in.readLong();
            String type = in.readUTF();
            if (!BUFFER_MODE.equals(dataMode) || length != n) {
                throw refused(zip, COEFFICIENTS + " declares " + length + " values, expected " + n);
            }
            if (!spec.dataType().name().equals(type)) {
                throw refused(zip, COEFFICIENTS + " holds " + printable(type) + " values, model.json says " + spec.dataType());
            }
            int elem = spec.dataType() == DataType.DOUBLE ? 8 : 4;
            int start = b.length - in.available();
            if ((long) in.available() != n * elem) {
                throw refused(zip, COEFFICIENTS + " holds " + in.available() + " bytes of values, expected " + n * elem);
            }
            ByteBuffer values = ByteBuffer.wrap(b, start, (int) (n * elem)).order(ByteOrder.BIG_ENDIAN);
            if (elem == 8) {
                double[] v = new double[(int) n];
                values.asDoubleBuffer().get(v);
                return Nd4j.create(v, shape, 'c');
            }
            float[] v = new float[(int) n];
            values.asFloatBuffer().get(v);
            return Nd4j.create(v, shape, 'c');
        } catch (EOFException | UTFDataFormatException e) {
            throw refused(zip, COEFFICIENTS + " is truncated or malformed (" + where + ")");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    private static String printable(String s) {
        String p = s.replaceAll("[\\p{Cntrl}]", "?");
        return shorten(p);
    }

    private static InputFileException refused(Path zip, String why) {
        return new InputFileException(zip + ": refused: " + why);
    }
}
