package io.asyncapikafka.maven;

/**
 * A plugin parameter has a value we cannot use. Checked, so each mojo has to turn it into a build failure with the
 * message as written (a configuration mistake, not a bug: no stack trace).
 */
final class InvalidParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidParameterException(String message) {
        super(message, null, false, false);
    }
}
