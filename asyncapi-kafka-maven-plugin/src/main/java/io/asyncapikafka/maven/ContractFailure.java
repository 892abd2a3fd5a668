package io.asyncapikafka.maven;

/**
 * The user's input is wrong (contract errors, unknown channel names, missing file): the build fails with this message
 * and no stack trace. Bugs are not reported this way.
 */
final class ContractFailure extends Exception {

    private static final long serialVersionUID = 1L;

    ContractFailure(String message) {
        super(message, null, false, false);
    }
}
