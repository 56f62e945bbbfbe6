package com.discoverytriage.discord.interaction;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe map that forgets its oldest entries past a fixed size. */
final class BoundedLru<K, V> {

    private final Map<K, V> map;

    BoundedLru(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    /** True if the key was absent (and is now present). */
    synchronized boolean add(K key, V value) {
        if (map.containsKey(key)) {
            return false;
        }
        map.put(key, value);
        return true;
    }

    synchronized void remove(K key) {
        map.remove(key);
    }
}
