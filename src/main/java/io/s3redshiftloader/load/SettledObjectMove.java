package io.s3redshiftloader.load;

import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.ObjectMove;
import org.apache.camel.ExchangeProperty;

/**
 * The route's step that moves a settled file under the processed or failed prefix, keeping its full key there, and
 * only if it is still the version the load read (see ObjectMove).
 */
public final class SettledObjectMove {
    private final ObjectMove objects;

    public SettledObjectMove(ObjectMove objects) {
        this.objects = objects;
    }

    /** The file's key, the prefix it moves under, and the load that read it (absent if none did: any version moves). */
    public void move(@ExchangeProperty(ExchangeProperties.OBJECT_KEY) String key, @ExchangeProperty(ExchangeProperties.MOVE_TO_PREFIX) String prefix,
            @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) {
        objects.moveTo(key, prefix + key, load == null ? null : load.etag());
    }
}
