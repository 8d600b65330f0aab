package org.unlearning.workbench.engine.noise;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Cryptographically secure words: the AES-256-CTR keystream (encrypting zeros; {@code javax.crypto},
 * which HotSpot runs with AES-NI/VAES instructions) under a key and initial counter drawn from the
 * JDK's {@code SecureRandom} DRBG (NIST SP 800-90A Hash_DRBG, 256-bit strength, seeded by the
 * operating system's entropy source). Without the key the stream is indistinguishable from
 * uniform; the key exists only inside the cipher object and is replaced with fresh DRBG output
 * every 2³⁰ bytes (so a later compromise of the process does not reveal earlier noise).
 */
final class AesCtrWords extends UniformWords {
    private static final long REKEY_BYTES = 1L << 30;

    private final SecureRandom drbg;
    private final Cipher cipher;
    private final byte[] zeros = new byte[BLOCK * Long.BYTES];
    private final byte[] stream = new byte[BLOCK * Long.BYTES];
    private final LongBuffer words = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    private long bytesSinceRenewal;

    AesCtrWords() {
        this.drbg = drbg();
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available in this JDK", e);
        }
        rekey();
    }

    /** The JDK's DRBG at 256-bit strength; the platform's default SecureRandom if DRBG is missing. */
    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                    DrbgParameters.Capability.RESEED_ONLY, "unlearning-workbench noise".getBytes()));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private void rekey() {
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        drbg.nextBytes(key);
        drbg.nextBytes(iv);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 key rejected", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
        bytesSinceRenewal = 0;
    }

    @Override
    void nextBlock(long[] out) {
        if (bytesSinceRenewal >= REKEY_BYTES) {
            rekey();
        }
        try {
            cipher.update(zeros, 0, zeros.length, stream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        bytesSinceRenewal += stream.length;
        words.rewind();
        words.get(out, 0, BLOCK);
    }

    @Override
    String describe() {
        // e.g. "DRBG (Hash_DRBG,SHA-256,256,reseed_only)"; NativePRNG where the JDK has no DRBG
        return "AES-256-CTR keystream (javax.crypto " + cipher.getProvider().getName() + ") keyed from SecureRandom "
                + drbg.getAlgorithm() + " (" + drbg + "), re-keyed every 2^30 bytes; key and counter never stored";
    }

    @Override
    boolean isSecure() {
        return true;
    }

    @Override
    void destroy() {
        Arrays.fill(stream, (byte) 0);
        rekey(); // overwrite the cipher's key with a fresh one that is never used
    }
}
