package org.example.board;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the hooks see, for the test to read: how often each runs, and the versions the writes stored. */
public final class CardHooksImpl implements CardHooks {
    public static final AtomicInteger BEFORE_UPDATE = new AtomicInteger();
    public static final AtomicInteger AFTER_UPDATE = new AtomicInteger();
    public static final AtomicInteger MERGED_WITHOUT_TITLE = new AtomicInteger();
    public static final Set<Long> STORED_VERSIONS = ConcurrentHashMap.newKeySet();
    public static final AtomicInteger REPEATED_VERSIONS = new AtomicInteger();

    @Override
    public CardInput beforeUpdate(String id, CardInput input) {
        BEFORE_UPDATE.incrementAndGet();
        if (input.title() == null) {
            MERGED_WITHOUT_TITLE.incrementAndGet(); // a PATCH names one field: the hook must see the merged card
        }
        return input;
    }

    @Override
    public void afterUpdate(Card updated) {
        AFTER_UPDATE.incrementAndGet();
        if (!STORED_VERSIONS.add(updated.version())) {
            REPEATED_VERSIONS.incrementAndGet();
        }
    }
}
