package org.unlearning.workbench.app.cli;

import org.unlearning.workbench.engine.verify.CertificateVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code verify RUN_DIR [--data PATH]}: checks a released run against its certificate
 * ({@link CertificateVerifier}) and prints one line per check. Exit 0 when every check passes, 1
 * when one fails, 2 on bad input (no such folder, not a run folder, a certificate that is not one).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a run folder's release against its certificate: the released model's SHA-256 and "
                + "finite parameters, the achieved (epsilon, delta) recomputed by the accountant from the recorded "
                + "parameters, the status, and with --data the dataset and forget-set hashes. One line per check "
                + "(PASS/FAIL); exit 0 only when every check passes, 1 when one fails, 2 on bad input."})
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run folder written by 'unlearn'")
    Path runDir;

    @Option(names = "--data", paramLabel = "PATH", description = "the dataset the run used (bundled, a folder or a "
            + "file): also check the dataset hash and rebuild the forget set from the recorded rule")
    String data;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CertificateVerifier.Verification v = CertificateVerifier.verify(runDir, data);
        v.lines().forEach(System.out::println);
        System.out.flush();
        return v.passed() ? CliSupport.EXIT_OK : CliSupport.EXIT_CHECK_FAILED;
    }
}
