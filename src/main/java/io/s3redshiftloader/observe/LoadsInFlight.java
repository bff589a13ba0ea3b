package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.LoadContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The loads begun and not yet done, for the files-in-flight gauge and the progress lines. */
public final class LoadsInFlight {
    private final Set<LoadContext> loads = ConcurrentHashMap.newKeySet();

    public void begun(LoadContext load) {
        loads.add(load);
    }

    public void done(LoadContext load) {
        loads.remove(load);
    }

    public int count() {
        return loads.size();
    }

    public List<LoadContext> snapshot() {
        return List.copyOf(loads);
    }
}
