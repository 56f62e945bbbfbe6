package com.discoverytriage.conversation;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises one prospect's commands inside this process with a fixed set of striped locks, so memory does not
 * grow with the number of prospects. Two prospects may share a stripe; they then merely wait for each other.
 * Across processes the optimistic version column of the conversation row does the same job.
 */
final class ProspectLocks {

    private final ReentrantLock[] stripes;

    ProspectLocks(int stripes) {
        if (stripes < 1 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("the number of lock stripes must be a power of two, got " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(ProspectId prospect) {
        int hash = prospect.value().hashCode();
        hash ^= hash >>> 16;
        return stripes[hash & (stripes.length - 1)];
    }

    int size() {
        return stripes.length;
    }
}
