package com.discoverytriage.conversation;

import java.util.Objects;

/**
 * An immutable sequence that shares its array with the sequences made from it by appending: appending to the
 * longest sequence made on an array writes into that array's free slots, so recording one more answer costs the
 * same whether ten or eighty are stored. A shorter prefix (Back) costs one small object; any other change copies.
 * Several sequences made from one never see each other's appends: only the one whose end is the array's end may
 * write, and it writes past the end of every other.
 *
 * <p>Handed between threads like any other value (through a lock, a queue, a volatile or atomic field): what a
 * sequence reads was written before the sequence was made.
 */
final class SharedPrefix {

    static final SharedPrefix EMPTY = new SharedPrefix(new Block(new Object[0], 0), 0);

    private static final int FIRST_CAPACITY = 8;

    /** The array and how much of it some sequence uses: the only mutable part, guarded by its own monitor. */
    private static final class Block {
        final Object[] items;
        int used;

        Block(Object[] items, int used) {
            this.items = items;
            this.used = used;
        }
    }

    private final Block block;
    private final int size;

    private SharedPrefix(Block block, int size) {
        this.block = block;
        this.size = size;
    }

    /** A sequence of {@code items}, copied. */
    static SharedPrefix of(Object[] items, int size) {
        if (size == 0) {
            return EMPTY;
        }
        Object[] copy = new Object[Math.max(FIRST_CAPACITY, size)];
        System.arraycopy(items, 0, copy, 0, size);
        return new SharedPrefix(new Block(copy, size), size);
    }

    int size() {
        return size;
    }

    Object get(int index) {
        return block.items[Objects.checkIndex(index, size)];
    }

    /** This sequence followed by {@code a} (and {@code b} when {@code two}). */
    SharedPrefix append(Object a, Object b, boolean two) {
        int grown = size + (two ? 2 : 1);
        synchronized (block) {
            if (block.used == size && grown <= block.items.length) {
                block.items[size] = a;
                if (two) {
                    block.items[size + 1] = b;
                }
                block.used = grown;
                return new SharedPrefix(block, grown);
            }
        }
        Object[] items = new Object[Math.max(FIRST_CAPACITY, grown * 2)];
        System.arraycopy(block.items, 0, items, 0, size);
        items[size] = a;
        if (two) {
            items[size + 1] = b;
        }
        return new SharedPrefix(new Block(items, grown), grown);
    }

    /** The first {@code length} items, sharing the array. */
    SharedPrefix prefix(int length) {
        Objects.checkFromToIndex(0, length, size);
        return length == size ? this : length == 0 ? EMPTY : new SharedPrefix(block, length);
    }

    /** A copy with {@code value} at {@code index}. */
    SharedPrefix with(int index, Object value) {
        Objects.checkIndex(index, size);
        Object[] items = new Object[Math.max(FIRST_CAPACITY, size)];
        System.arraycopy(block.items, 0, items, 0, size);
        items[index] = value;
        return new SharedPrefix(new Block(items, size), size);
    }

    /** A copy without the {@code count} items from {@code index}. */
    SharedPrefix without(int index, int count) {
        Objects.checkFromIndexSize(index, count, size);
        int length = size - count;
        if (length == 0) {
            return EMPTY;
        }
        Object[] items = new Object[Math.max(FIRST_CAPACITY, length)];
        System.arraycopy(block.items, 0, items, 0, index);
        System.arraycopy(block.items, index + count, items, index, size - index - count);
        return new SharedPrefix(new Block(items, length), length);
    }

    /** A copy with {@code value} inserted at {@code index}. */
    SharedPrefix inserted(int index, Object value) {
        Objects.checkIndex(index, size + 1);
        if (index == size) {
            return append(value, null, false);
        }
        Object[] items = new Object[Math.max(FIRST_CAPACITY, (size + 1) * 2)];
        System.arraycopy(block.items, 0, items, 0, index);
        items[index] = value;
        System.arraycopy(block.items, index, items, index + 1, size - index);
        return new SharedPrefix(new Block(items, size + 1), size + 1);
    }
}
