package com.discoverytriage.cli;

/** The command line cannot be understood: the message says why; the caller prints usage and exits 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
