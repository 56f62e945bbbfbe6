package com.discoverytriage.diagnostic;

/**
 * One thing wrong with a conversation file.
 *
 * @param file    the file, as given to the loader
 * @param path    where in the file, e.g. {@code bands[1].max} or {@code questions[3].text}
 * @param message what is wrong
 * @param fix     how to fix it
 */
public record ConversationFileProblem(String file, String path, String message, String fix) {

    @Override
    public String toString() {
        return file + ": " + path + ": " + message + " Fix: " + fix;
    }
}
