package io.s3redshiftloader.load;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The loads begun and not yet done, for the files-in-flight gauge and the progress lines. */
public final class LoadsInFlight {
    private final Set<LoadContext> loads = ConcurrentHashMap.newKeySet();
    private volatile boolean abandoned;

    public void begun(LoadContext load) {
        loads.add(load);
    }

    public void done(LoadContext load) {
        loads.remove(load);
    }

    /** The loader stopped before these loads finished: none of them may commit any more. */
    public void abandon() {
        abandoned = true;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public int count() {
        return loads.size();
    }

    public List<LoadContext> snapshot() {
        return List.copyOf(loads);
    }
}
